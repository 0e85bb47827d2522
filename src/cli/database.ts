/* The database a CLI command works on: the one its caller handed it (tests), else the
   deployment's own from configuration, opened with one connection and closed by the caller. */
import { loadConfig } from '../config/load.js';
import { connectDatabase, type Db } from '../db/index.js';

export async function cliDatabase(given: Db | undefined): Promise<{ db: Db; close(): Promise<void> }> {
  if (given) return { db: given, close: async () => {} };
  const config = loadConfig();
  const database = await connectDatabase({ databaseUrl: config.DATABASE_URL, appUrl: config.DATABASE_APP_URL, systemUrl: config.DATABASE_SYSTEM_URL, dataDir: config.PALISADE_DATA_DIR, poolMax: 1 });
  return { db: database.db, close: () => database.close() };
}
