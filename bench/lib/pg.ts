/* One embedded PostgreSQL for the whole bench (ephemeral settings: fsync off — the same for
   every side, so ratios stay fair). Palisade, baseline (a) and Better Auth all use it, each in
   its own database. */
import postgres from 'postgres';
import { startEmbedded, type EmbeddedServer } from '../../src/db/index.js';

export type { EmbeddedServer };

export async function startCluster(dataDir: string): Promise<EmbeddedServer> {
  return startEmbedded({ dataDir, ephemeral: true });
}

export function dbUrl(superUrl: string, name: string): string {
  return superUrl.replace(/\/postgres$/, `/${name}`);
}

const IDENT = /^[a-z_][a-z0-9_]{0,62}$/;

export async function createDatabase(superUrl: string, name: string, template?: string): Promise<string> {
  if (!IDENT.test(name) || (template !== undefined && !IDENT.test(template))) throw new TypeError('bad database name');
  const sql = postgres(superUrl, { max: 1, onnotice: () => {} });
  try {
    // Identifiers cannot be bound; both are checked against IDENT above.
    await sql.unsafe(`create database ${name}${template ? ` template ${template}` : ''}`);
  } finally {
    await sql.end();
  }
  return dbUrl(superUrl, name);
}
