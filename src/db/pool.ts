import postgres from 'postgres';
import type { Db } from './types.js';

export interface PoolOptions {
  appUrl: string;
  systemUrl: string;
  appMax: number;
  systemMax?: number;
  retentionUrl?: string | undefined;
}

export function createDb(opts: PoolOptions): Db {
  // Notices are not errors; never log connection strings (they hold passwords).
  const common = { onnotice: () => {}, connection: { application_name: 'palisade' }, idle_timeout: 60, max_lifetime: 60 * 30 } as const;
  const app = postgres(opts.appUrl, { ...common, max: opts.appMax });
  const system = postgres(opts.systemUrl, { ...common, max: opts.systemMax ?? 5 });
  const retention = opts.retentionUrl ? postgres(opts.retentionUrl, { ...common, max: 1 }) : undefined;
  return {
    app,
    system,
    retention,
    async close() {
      await Promise.all([app.end({ timeout: 5 }), system.end({ timeout: 5 }), retention?.end({ timeout: 5 })]);
    },
  };
}
