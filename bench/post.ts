// Benchmark: post and export N approved invoices. The invoices (two coding rows each: two ansvar, two
// accounts, momskompensation) are generated set-wise in SQL into a fresh database (not timed); the
// timed part is what the product does with them: posting (vouchers, rows, open items, in chunks of
// 5 000 per transaction) and one SIE 4I export batch of every voucher, written to a file.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate } from '../src/platform/db/migrate.ts';
import { withTenant } from '../src/platform/db/tenant.ts';
import { listTenants } from '../src/platform/tenants.ts';
import { loadDemo } from '../src/demo/load-demo.ts';
import { exportVouchers, postInvoices, storeExportFile } from '../src/modules/ledger/index.ts';
import { freshDatabase } from './ingest.ts';

export type PostBenchResult = {
  vouchers: number; seconds: number; vouchers_per_second: number; database: 'postgres' | 'pglite';
  post_seconds: number; export_seconds: number; export_bytes: number; node: string;
};

export async function benchPost(opts: { count?: number; databaseUrl?: string | undefined; onProgress?: (done: number) => void } = {}): Promise<PostBenchResult> {
  const count = opts.count ?? 100_000;
  const { db, cleanup } = await freshDatabase(opts.databaseUrl);
  const out = mkdtempSync(join(tmpdir(), 'avrop-bench-export-'));
  try {
    await migrate(db);
    await loadDemo(db, { invoices: 0 });
    const tenant = (await listTenants(db)).find((t) => t.orgNumber === '212000-2411')!;
    await withTenant(db, tenant.id, async (tx) => {
      const suppliers = (await tx.query<{ id: string }>('SELECT id FROM suppliers WHERE NOT blocked ORDER BY id')).rows.map((s) => s.id);
      await tx.query(
        `INSERT INTO inbound_documents (id, tenant_id, sha256, bytes, content_type, source, invoice_id)
         SELECT 'doc_bench' || g, $1, md5(g::text) || md5((-g)::text), '\\x00'::bytea, 'application/xml', 'cli', 'inv_bench' || g FROM generate_series(1, $2) g`, [tenant.id, count]);
      await tx.query(
        `INSERT INTO invoices (id, tenant_id, document_id, supplier_id, status, source, format, invoice_number, issue_date, due_date, currency, seller_name,
                               net_amount_ore, vat_amount_ore, gross_amount_ore, payable_amount_ore, line_count)
         SELECT 'inv_bench' || g, $1, 'doc_bench' || g, ($3::text[])[1 + g % cardinality($3::text[])], 'approved', 'cli', 'ubl-invoice', 'B-' || g,
                date '2026-01-01' + (g % 300), date '2026-01-31' + (g % 300), 'SEK', 'Leverantör ' || (g % 32),
                n, n / 4, n + n / 4, n + n / 4, 2
           FROM generate_series(1, $2) g, LATERAL (SELECT (10000 + (g::bigint * 7919) % 1000000) * 4 AS n) a`, [tenant.id, count, suppliers]);
      await tx.query(
        `INSERT INTO coding_rows (tenant_id, invoice_id, position, konto, ansvar, dimensions, amount_ore, vat_ore, vat_handling)
         SELECT $1, i.id, p.pos, p.konto, p.ansvar, p.dims::jsonb, p.amount, p.vat, 'compensation'
           FROM invoices i, LATERAL (VALUES
             (1, '6430', '4411', '{"verksamhet": "800"}', i.net_amount_ore * 3 / 5, i.vat_amount_ore * 3 / 5),
             (2, '6420', '5110', '{"verksamhet": "500", "projekt": "90001"}', i.net_amount_ore - i.net_amount_ore * 3 / 5, i.vat_amount_ore - i.vat_amount_ore * 3 / 5)) AS p(pos, konto, ansvar, dims, amount, vat)
          WHERE i.id LIKE 'inv_bench%'`, [tenant.id]);
    });
    const ids = Array.from({ length: count }, (_, i) => `inv_bench${i + 1}`);
    const start = performance.now();
    let posted = 0;
    for (let k = 0; k < ids.length; k += 5000) {
      const r = await withTenant(db, tenant.id, (tx) => postInvoices(tx, null, ids.slice(k, k + 5000), '2026-11-27'));
      posted += r.posted.length;
      opts.onProgress?.(posted);
    }
    const posting = performance.now();
    const batch = await withTenant(db, tenant.id, (tx) => exportVouchers(tx, null, 'sie4i'));
    const file = await storeExportFile(out, batch.filename, batch.bytes);
    const end = performance.now();
    if (posted !== count || batch.vouchers !== count) throw new Error(`posted ${posted}, exported ${batch.vouchers} of ${count}`);
    const seconds = (end - start) / 1000;
    return {
      vouchers: batch.vouchers, seconds: Number(seconds.toFixed(2)), vouchers_per_second: Math.round(batch.vouchers / seconds), database: db.kind,
      post_seconds: Number(((posting - start) / 1000).toFixed(2)), export_seconds: Number(((end - posting) / 1000).toFixed(2)), export_bytes: statSync(file).size, node: process.version,
    };
  } finally {
    rmSync(out, { recursive: true, force: true });
    await cleanup();
  }
}
