// Benchmark: ingest N generated Peppol invoices (1–30 lines each, from the demo suppliers) into a
// fresh database through the full intake pipeline (hash, validate, tenant, supplier, duplicates,
// insert, audit). PGlite in a temporary data directory, or a new database on the server at
// DATABASE_URL (created and dropped here).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Database } from '../src/platform/db/types.ts';
import { openPglite } from '../src/platform/db/pglite.ts';
import { openPostgres } from '../src/platform/db/postgres.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { withTenant } from '../src/platform/db/tenant.ts';
import { listTenants } from '../src/platform/tenants.ts';
import { loadDemo } from '../src/demo/load-demo.ts';
import { searchSuppliers } from '../src/modules/suppliers/index.ts';
import { ingestDocument } from '../src/modules/invoices/index.ts';
import { writeUblInvoice } from '../src/formats/ubl-writer/write-invoice.ts';

export type IngestBenchResult = { invoices: number; seconds: number; invoices_per_second: number; database: 'postgres' | 'pglite'; concurrency: number; lines: number; node: string };

export async function freshDatabase(databaseUrl: string | undefined): Promise<{ db: Database; cleanup: () => Promise<void> }> {
  if (!databaseUrl) {
    const dir = mkdtempSync(join(tmpdir(), 'avrop-bench-'));
    const db = await openPglite(dir);
    return { db, cleanup: async () => { await db.close(); rmSync(dir, { recursive: true, force: true }); } };
  }
  const name = `avrop_bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const u = new URL(databaseUrl);
  u.pathname = `/${name}`;
  const db = await openPostgres(u.toString(), { max: 10 });
  return {
    db,
    cleanup: async () => {
      await db.close();
      await admin.query(`DROP DATABASE IF EXISTS ${name}`);
      await admin.end();
    },
  };
}

export async function benchIngest(opts: { count?: number; databaseUrl?: string | undefined; concurrency?: number; onProgress?: (done: number) => void } = {}): Promise<IngestBenchResult> {
  const count = opts.count ?? 10000;
  const { db, cleanup } = await freshDatabase(opts.databaseUrl);
  try {
    await migrate(db);
    await loadDemo(db, { invoices: 0 });
    const tenants = await listTenants(db);
    const tenant = tenants.find((t) => t.orgNumber === '212000-2411')!;
    const suppliers = (await withTenant(db, tenant.id, (tx) => searchSuppliers(tx, { limit: 500 }))).suppliers.filter((s) => !s.blocked && s.orgNumber);
    let seed = 42;
    const rand = () => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed / 0x7fffffff; };
    const docs: Uint8Array[] = [];
    let lines = 0;
    for (let i = 0; i < count; i++) {
      const s = suppliers[i % suppliers.length]!;
      const org = s.orgNumber!.replace('-', '');
      const n = 1 + Math.floor(rand() * 30);
      lines += n;
      docs.push(new TextEncoder().encode(writeUblInvoice({
        number: `B-${i}`, issueDate: '2026-10-01', dueDate: '2026-10-31', buyerReference: 'KS4411',
        seller: { name: s.name, orgNumber: org, endpoint: { scheme: '0007', id: org }, vatNumber: `SE${org}01`, city: 'Stad', postalCode: '11111', street: 'Gatan 1', fSkatt: true },
        buyer: { name: 'Exempel kommun', orgNumber: '2120002411', endpoint: { scheme: '0007', id: '2120002411' }, city: 'Exempelby', postalCode: '95281', street: 'Storgatan 1' },
        payment: { bankgiro: '56771231' },
        lines: Array.from({ length: n }, (_, k) => ({ description: `Artikel ${k}`, quantity: String(1 + (k % 9)), unitPriceOre: BigInt(1000 + Math.floor(rand() * 100000)), vatRate: ([25, 12, 6] as const)[k % 3]! })),
      })));
    }
    const concurrency = opts.concurrency ?? (db.kind === 'postgres' ? 4 : 1);
    let next = 0;
    let done = 0;
    const start = performance.now();
    await Promise.all(Array.from({ length: concurrency }, async () => {
      while (next < docs.length) {
        const i = next++;
        const r = await ingestDocument(db, { bytes: docs[i]!, filename: `b-${i}.xml`, source: 'cli', tenants });
        if (r.outcome !== 'registered') throw new Error(`document ${i}: ${r.outcome} ${JSON.stringify(r.findings.filter((f) => f.severity === 'fatal').slice(0, 2))}`);
        done++;
        if (done % 500 === 0) opts.onProgress?.(done);
      }
    }));
    const seconds = (performance.now() - start) / 1000;
    return { invoices: count, seconds: Math.round(seconds * 100) / 100, invoices_per_second: Math.round((count / seconds) * 10) / 10, database: db.kind, concurrency, lines, node: process.version };
  } finally {
    await cleanup();
  }
}
