import type { Config } from '../config/schema.js';
import { connectDatabase } from '../db/index.js';

export async function runMigrate(config: Config): Promise<number> {
  const database = await connectDatabase({
    databaseUrl: config.DATABASE_URL,
    dataDir: config.PALISADE_DATA_DIR,
    poolMax: 1,
    log: (m) => process.stdout.write(`${m.trimEnd()}\n`),
  });
  await database.close();
  process.stdout.write('migrations are up to date\n');
  return 0;
}
