// A fresh, migrated database for one integration test file: in-memory PGlite, or a new database on
// the throw-away PostgreSQL server that `npm test` started (AVROP_TEST_DB=postgres).
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Database } from '../../src/platform/db/types.ts';
import { openPglite } from '../../src/platform/db/pglite.ts';
import { openPostgres } from '../../src/platform/db/postgres.ts';
import { migrate } from '../../src/platform/db/migrate.ts';

export const testDbKind: 'pglite' | 'postgres' = process.env.AVROP_TEST_DB === 'postgres' ? 'postgres' : 'pglite';

/** Creates an empty database on the test server and returns its URL (or null on PGlite). */
export async function createServerDatabase(): Promise<string | null> {
  if (testDbKind !== 'postgres') return null;
  const url = process.env.AVROP_TEST_DATABASE_URL;
  if (!url) throw new Error('AVROP_TEST_DB=postgres needs AVROP_TEST_DATABASE_URL (npm test starts a server and sets it)');
  const name = `avrop_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function createTestDatabase(options: { migrate?: boolean } = {}): Promise<Database> {
  const url = await createServerDatabase();
  const db = url ? await openPostgres(url, { max: 5 }) : await openPglite(null);
  if (options.migrate !== false) await migrate(db);
  return db;
}
