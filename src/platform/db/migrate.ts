// One SQL dialect, one ordered set of migrations for PGlite and the server. Files are
// `NNNN_name.sql` in src/platform/db/migrations and src/modules/<module>/migrations.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from './types.ts';

const srcDir = new URL('../..', import.meta.url).pathname;

export type Migration = { version: string; name: string; file: string };

export function listMigrations(): Migration[] {
  const dirs = [join(srcDir, 'platform/db/migrations')];
  const modules = join(srcDir, 'modules');
  if (existsSync(modules)) {
    for (const m of readdirSync(modules)) {
      const d = join(modules, m, 'migrations');
      if (existsSync(d)) dirs.push(d);
    }
  }
  const all: Migration[] = [];
  for (const d of dirs) {
    for (const f of readdirSync(d)) {
      const m = /^(\d{4})_([a-z0-9_]+)\.sql$/.exec(f);
      if (m) all.push({ version: m[1]!, name: m[2]!, file: join(d, f) });
    }
  }
  all.sort((a, b) => a.version.localeCompare(b.version));
  for (let i = 1; i < all.length; i++) {
    if (all[i]!.version === all[i - 1]!.version) throw new Error(`two migrations share version ${all[i]!.version}`);
  }
  return all;
}

/** Applies pending migrations, each in its own transaction; returns the versions applied. */
export async function migrate(db: Database): Promise<string[]> {
  await db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version text PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
  const applied: string[] = [];
  for (const m of listMigrations()) {
    const done = await db.transaction(async (tx) => {
      if (db.kind === 'postgres') await tx.query('SELECT pg_advisory_xact_lock(74617266)');
      const exists = await tx.query('SELECT 1 FROM schema_migrations WHERE version = $1', [m.version]);
      if (exists.rows.length > 0) return false;
      await tx.exec(readFileSync(m.file, 'utf8'));
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      return true;
    });
    if (done) applied.push(m.version);
  }
  return applied;
}
