export type { Actor, Db, OrgTx, SystemTx } from './types.js';
export { withOrg, withSystem, readInOrg, runGuarded, unguarded, lockAuthzFacts, type TxGuard } from './org-tx.js';
export { createDb } from './pool.js';
export { migrate, expectedMigrations, appliedMigrations, MIGRATIONS_DIR } from './migrate.js';
export { ensureRoleLogins, roleUrl, MANAGED_ROLES } from './roles.js';
export { startEmbedded, type EmbeddedServer } from './embedded.js';
export { connectDatabase, type Database } from './connect.js';
export { sqlClient, pgTlsOptions } from './client.js';
