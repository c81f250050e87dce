// Embedded PostgreSQL (PGlite, wasm). One process owns a data directory at a time: a lock file guards it.
import { PGlite, types } from '@electric-sql/pglite';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Database, QueryResult, Row, Tx } from './types.ts';
import { acquireDataDirLock } from './data-dir-lock.ts';

// Same JS types as the pg driver: int8 and numeric stay strings (money never passes through a float),
// dates stay 'YYYY-MM-DD' strings.
const parsers = {
  [types.INT8]: (v: string) => v,
  [types.NUMERIC]: (v: string) => v,
  [types.DATE]: (v: string) => v,
};

type PgliteQueryable = { query<T>(sql: string, params?: unknown[]): Promise<{ rows: T[]; affectedRows?: number }>; exec(sql: string): Promise<unknown> };

function wrap(q: PgliteQueryable): Tx {
  return {
    async query<T extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>> {
      const r = await q.query<T>(sql, params ? [...params] : undefined);
      return { rows: r.rows, rowCount: r.affectedRows ?? r.rows.length };
    },
    async exec(sql: string): Promise<void> {
      await q.exec(sql);
    },
  };
}

/** Opens PGlite in `dataDir/pgdata` (or in memory when dataDir is null, for tests). */
export async function openPglite(dataDir: string | null): Promise<Database> {
  let release = (): void => {};
  let pg: PGlite;
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    release = acquireDataDirLock(dataDir);
    pg = await PGlite.create({ dataDir: join(dataDir, 'pgdata'), parsers });
  } else {
    pg = await PGlite.create({ parsers });
  }
  const base = wrap(pg);
  return {
    kind: 'pglite',
    ...base,
    transaction: <T>(fn: (tx: Tx) => Promise<T>, options: { prelude?: string } = {}) => pg.transaction(async (tx) => {
      if (options.prelude) await tx.exec(options.prelude);
      return fn(wrap(tx));
    }),
    async close() {
      await pg.close();
      release();
    },
  };
}
