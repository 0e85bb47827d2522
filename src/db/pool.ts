/* The request and system pools. postgres.js serialises a statement's parameters while it writes
   a pipelined batch (src/db/org-tx.ts sends BEGIN, the context and the first statement together).
   A serializer that throws there rejects whichever statement is active on the connection, not the
   one that threw, and leaves that one waiting for a reply that never comes: the transaction's
   setup promise rejected with nobody listening yet, and the process ended (issue 20, a forged
   cursor's invalid Date). So the serializers that can throw are total here: a value they cannot
   serialise is sent as text PostgreSQL refuses, and that statement fails on its own with a
   database error, like any other bad statement. */
import postgres from 'postgres';
import { pgTlsOptions } from './client.js';
import type { Db } from './types.js';

/** Text every PostgreSQL date/time and json input function refuses (22007 / 22P02). */
const UNSERIALISABLE = 'palisade:unserialisable';

export function serializeTimestamp(x: unknown): string {
  const d = x instanceof Date ? x : new Date(x as string);
  return Number.isNaN(d.getTime()) ? UNSERIALISABLE : d.toISOString();
}

export function serializeJson(x: unknown): string {
  try {
    return JSON.stringify(x) ?? UNSERIALISABLE;
  } catch {
    return UNSERIALISABLE; // a BigInt or a cycle
  }
}

/** postgres.js's own date and json types with total serializers; parsing unchanged. */
export const TOTAL_TYPES = {
  date: { to: 1184, from: [1082, 1114, 1184], serialize: serializeTimestamp, parse: (x: string) => new Date(x) },
  json: { to: 114, from: [114, 3802], serialize: serializeJson, parse: (x: string) => JSON.parse(x) as unknown },
};

export interface PoolOptions {
  appUrl: string;
  systemUrl: string;
  appMax: number;
  systemMax?: number;
  retentionUrl?: string | undefined;
}

export function createDb(opts: PoolOptions): Db {
  // Notices are not errors; never log connection strings (they hold passwords).
  const common = { onnotice: () => {}, connection: { application_name: 'palisade' }, idle_timeout: 60, max_lifetime: 60 * 30, types: TOTAL_TYPES } as const;
  // TLS as each URL says (src/db/client.ts).
  const [a, s, r] = [pgTlsOptions(opts.appUrl), pgTlsOptions(opts.systemUrl), opts.retentionUrl ? pgTlsOptions(opts.retentionUrl) : undefined];
  const app = postgres(a.url, { ...common, ssl: a.ssl, max: opts.appMax });
  const system = postgres(s.url, { ...common, ssl: s.ssl, max: opts.systemMax ?? 5 });
  const retention = r ? postgres(r.url, { ...common, ssl: r.ssl, max: 1 }) : undefined;
  return {
    app,
    system,
    systemUrl: opts.systemUrl,
    retention,
    async close() {
      await Promise.all([app.end({ timeout: 5 }), system.end({ timeout: 5 }), retention?.end({ timeout: 5 })]);
    },
  };
}
