/* Mounts the file vault for the composition root: encrypted objects (local disk or S3, from the
   configuration) under per-organisation keys, with signed URLs, and its retention schedule. */
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config/schema.js';
import type { Jobs } from '../jobs/index.js';
import { storageFromConfig, vaultConfig } from './config.js';
import { scheduleVaultRetention } from './retention.js';
import { vaultRoutes } from './routes.js';
import { createVault, type VaultDeps } from './service.js';

export async function mountVault(http: FastifyInstance, deps: Omit<VaultDeps, 'storage' | 'config'> & { config: Config; jobs: Pick<Jobs, 'define' | 'schedule'> }): Promise<{ stop(): Promise<void> }> {
  const storage = storageFromConfig(deps.config);
  const { jobs, ...rest } = deps;
  const vault = createVault({ ...rest, storage, config: vaultConfig(deps.config) });
  await http.register(vaultRoutes, { vault });
  // FILE-3: expired files deleted on a schedule, once per tick across nodes.
  scheduleVaultRetention(jobs, vault, deps.config.PALISADE_VAULT_RETENTION_CRON);
  return { stop: () => storage.close() };
}
