// Opens the configured database: the server at DATABASE_URL, else PGlite in the data directory.
import type { Database } from './types.ts';
import { openPglite } from './pglite.ts';
import { openPostgres } from './postgres.ts';
import { migrate } from './migrate.ts';

export type DbConfig = { databaseUrl?: string | undefined; dataDir: string | null };

export async function openDatabase(config: DbConfig, options: { migrate?: boolean } = {}): Promise<Database> {
  const db = config.databaseUrl ? await openPostgres(config.databaseUrl) : await openPglite(config.dataDir);
  if (options.migrate !== false) {
    try {
      await migrate(db);
    } catch (e) {
      await db.close();
      throw e;
    }
  }
  return db;
}
