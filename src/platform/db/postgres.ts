// A PostgreSQL server (15 or newer) through node-postgres, for production and for the test suite.
import pg from 'pg';
import type { Database, QueryResult, Row, Tx } from './types.ts';

const { Pool, types } = pg;
// int8 and numeric are strings already in pg; keep calendar dates as 'YYYY-MM-DD' strings too.
types.setTypeParser(types.builtins.DATE, (v: string) => v);

type PgQueryable = { query(sql: string, params?: unknown[]): Promise<{ rows: unknown[]; rowCount: number | null }> };

function wrap(q: PgQueryable): Tx {
  return {
    async query<T extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>> {
      const r = await q.query(sql, params ? [...params] : undefined);
      return { rows: r.rows as T[], rowCount: r.rowCount ?? r.rows.length };
    },
    async exec(sql: string): Promise<void> {
      await q.query(sql);
    },
  };
}

export async function openPostgres(url: string, options: { max?: number } = {}): Promise<Database> {
  const pool = new Pool({ connectionString: url, max: options.max ?? 10 });
  pool.on('error', () => { /* idle client errors surface on the next query */ });
  await pool.query('SELECT 1');
  return {
    kind: 'postgres',
    ...wrap(pool),
    async transaction<T>(fn: (tx: Tx) => Promise<T>, options: { prelude?: string } = {}): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query(options.prelude ? `BEGIN; ${options.prelude}` : 'BEGIN');
        const result = await fn(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw e;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
