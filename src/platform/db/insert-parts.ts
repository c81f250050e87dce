// Multi-row INSERTs in as few round trips as possible (round trips, not rows, are the cost).
import type { TenantTx } from './tenant.ts';

export type Part = { table: string; columns: string[]; rows: unknown[][]; wrap?: Record<string, (param: string) => string> };

const MAX_PARAMS = 30000;

/** `INSERT INTO t (…) VALUES (…), (…)` for the rows, numbering parameters from `params.length + 1`. */
function valuesSql(part: Part, params: unknown[]): string {
  const wrappers = part.columns.map((c) => part.wrap?.[c] ?? ((p: string) => p));
  const values = part.rows.map((row) => `(${row.map((v, i) => { params.push(v); return wrappers[i]!(`$${params.length}`); }).join(', ')})`);
  return `INSERT INTO ${part.table} (${part.columns.join(', ')}) VALUES ${values.join(', ')}`;
}

/**
 * Writes all parts in as few round trips as possible: one statement with data-modifying CTEs when the
 * parameters fit (foreign keys are checked at the end of the statement), else chunked INSERTs.
 */
export async function insertParts(tx: TenantTx, parts: Part[]): Promise<void> {
  const nonEmpty = parts.filter((p) => p.rows.length > 0);
  const total = nonEmpty.reduce((n, p) => n + p.rows.length * p.columns.length, 0);
  if (total <= MAX_PARAMS) {
    const params: unknown[] = [];
    const [first, ...rest] = nonEmpty.map((p) => valuesSql(p, params));
    if (!first) return;
    const sql = rest.length ? `WITH ${rest.map((q, i) => `p${i} AS (${q})`).join(', ')} ${first}` : first;
    await tx.query(sql, params);
    return;
  }
  for (const part of nonEmpty) {
    const perChunk = Math.max(1, Math.floor(MAX_PARAMS / part.columns.length));
    for (let start = 0; start < part.rows.length; start += perChunk) {
      const params: unknown[] = [];
      await tx.query(valuesSql({ ...part, rows: part.rows.slice(start, start + perChunk) }, params), params);
    }
  }
}

