// The finance commands of `avrop` as a script uses them: real processes against a data directory (PGlite)
// or DATABASE_URL (the PostgreSQL run) that the test prepared in-process with invoices of its own, approved
// (so posted) through the real handling flow. One JSON line per command; refusals exit non-zero with an
// error JSON on stderr and change nothing.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServerDatabase, testDbKind } from '../support/db.ts';
import { Finance, kr, plusDays, xmlTexts, type PostedInvoice } from '../support/finance.ts';
import { ore } from '../support/handling.ts';
import type { TestApp } from '../support/app.ts';
import { openDatabase } from '../../src/platform/db/open.ts';
import { buildApp } from '../../src/platform/http/app.ts';
import { loadConfig } from '../../src/platform/config.ts';
import { loadDemo } from '../../src/demo/load-demo.ts';
import { todayInStockholm } from '../../src/platform/dates.ts';
import { camt054 } from '../../src/demo/demo-bank.ts';
import { withTenant } from '../../src/platform/db/tenant.ts';
import { findTenant } from '../../src/platform/tenants.ts';

const bin = new URL('../../bin/avrop.js', import.meta.url).pathname;

type Run = { code: number; stdout: string; stderr: string };
function avrop(args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}
/** Exactly one JSON line on stdout. */
const oneLine = (r: Run): Record<string, unknown> => {
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.equal(lines.length, 1, r.stdout);
  return JSON.parse(lines[0]!) as Record<string, unknown>;
};
/** A refusal: non-zero exit, nothing on stdout, one error JSON line on stderr. */
const refused = (r: Run, code: string): void => {
  assert.notEqual(r.code, 0, r.stdout);
  assert.equal(r.stdout, '');
  const e = JSON.parse(r.stderr.trim()) as { error: { code: string; message: string } };
  assert.equal(e.error.code, code, r.stderr);
};

describe(`avrop finance commands on ${testDbKind}`, () => {
  let dir: string;
  let url: string | null;
  let env: NodeJS.ProcessEnv;
  let mine: PostedInvoice[];
  const today = todayInStockholm();

  /** Opens the same database as the CLI (in-process; closed again before any command runs on PGlite). */
  async function open(): Promise<TestApp> {
    const db = await openDatabase({ databaseUrl: url ?? '', dataDir: dir });
    const app = await buildApp({ db, config: { ...loadConfig({}), dataDir: dir } });
    await app.ready();
    return { app, db, dataDir: dir, close: async () => { await app.close(); await db.close(); } };
  }
  /** Finance rows of the database, read between commands. */
  async function state<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    const db = await openDatabase({ databaseUrl: url ?? '', dataDir: dir }, { migrate: false });
    try {
      const tenant = (await findTenant(db, '212000-2411'))!;
      return await withTenant(db, tenant.id, async (tx) => (await tx.query(sql, params)).rows as T[]);
    } finally { await db.close(); }
  }
  const snapshot = () => state<{ t: string; n: string }>(`SELECT 'vouchers' AS t, count(*)::text AS n FROM vouchers UNION ALL SELECT 'batches', count(*)::text FROM export_batches
    UNION ALL SELECT 'proposals', count(*)::text || string_agg(status || coalesce(approved_by, ''), ',') FROM payment_proposals UNION ALL SELECT 'items', count(*)::text || string_agg(status, ',') FROM payment_items
    UNION ALL SELECT 'files', count(*)::text FROM payment_files UNION ALL SELECT 'imports', count(*)::text FROM bank_imports`);

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'avrop-cli-fin-'));
    url = await createServerDatabase();
    env = { AVROP_DATA_DIR: dir, DATABASE_URL: url ?? '', AVROP_LANG: 'sv' };
    const t = await open();
    try {
      await loadDemo(t.db, { invoices: 0 });
      const f = await new Finance(t).init();
      mine = [await f.approved({ dueDate: plusDays(today, 5) }), await f.approved({ dueDate: plusDays(today, 6) })];
    } finally { await t.close(); }
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const total = () => kr(mine.reduce((a, m) => a + m.grossOre, 0n));
  let proposal = '';

  test('export sie --json → one line {batch, vouchers, file}; the file is the SIE batch; again → refused', async () => {
    const out = oneLine(await avrop(['export', 'sie', '--json'], env));
    for (const k of ['batch', 'vouchers', 'file']) assert.ok(k in out, `${k} in ${JSON.stringify(out)}`);
    assert.equal(out.vouchers, 2);
    assert.equal(out.file, join(dir, 'export', String(out.file).split('/').pop()!));
    assert.ok(readFileSync(String(out.file)).toString('latin1').startsWith('#FLAGGA 0'));
    const [b] = await state<{ id: string; n: number }>('SELECT id, voucher_count AS n FROM export_batches');
    assert.deepEqual([b!.id, b!.n], [out.batch, 2]);
    const before = await snapshot();
    refused(await avrop(['export', 'sie', '--json'], env), 'conflict');
    refused(await avrop(['export', 'sie', '--json', '--user', 'bestallare'], env), 'forbidden');
    const usage = await avrop(['export', 'sie', '--json', '--format', 'xml'], env);
    assert.equal(usage.code, 2);
    assert.deepEqual(await snapshot(), before);
  });

  test('pay propose --json --user ekonom → {proposal, invoices, total}; bestallare is refused', async () => {
    const before = await snapshot();
    refused(await avrop(['pay', 'propose', '--until', plusDays(today, 10), '--json', '--user', 'bestallare'], env), 'forbidden');
    refused(await avrop(['pay', 'propose', '--until', plusDays(today, 10), '--json', '--user', 'nosuchuser'], env), 'validation_failed');
    assert.equal((await avrop(['pay', 'propose', '--until', '2026-02-30', '--json', '--user', 'ekonom'], env)).code, 2);
    assert.deepEqual(await snapshot(), before);
    const out = oneLine(await avrop(['pay', 'propose', '--until', plusDays(today, 10), '--json', '--user', 'ekonom'], env));
    for (const k of ['proposal', 'invoices', 'total']) assert.ok(k in out, `${k} in ${JSON.stringify(out)}`);
    assert.deepEqual([out.invoices, out.total], [2, total()]);
    proposal = String(out.proposal);
    const items = await state<{ invoice_id: string }>('SELECT invoice_id FROM payment_items WHERE proposal_id = $1 ORDER BY invoice_id', [proposal]);
    assert.deepEqual(items.map((i) => i.invoice_id), mine.map((m) => m.id).sort());
  });

  test('pay approve: the proposer is refused (non-zero, error JSON, unchanged); ekonomichef approves; file before approval is refused', async () => {
    const before = await snapshot();
    refused(await avrop(['pay', 'file', proposal, '--json', '--user', 'ekonom'], env), 'conflict');
    refused(await avrop(['pay', 'approve', proposal, '--json', '--user', 'ekonom'], env), 'forbidden');
    refused(await avrop(['pay', 'approve', proposal, '--json'], env), 'forbidden'); // the system never approves
    refused(await avrop(['pay', 'approve', proposal, '--json', '--user', 'bestallare'], env), 'forbidden');
    assert.deepEqual(await snapshot(), before);
    const out = oneLine(await avrop(['pay', 'approve', proposal, '--json', '--user', 'ekonomichef'], env));
    assert.deepEqual([out.proposal, out.status, out.approvedBy, out.invoices, out.total], [proposal, 'approved', 'ekonomichef', 2, total()]);
  });

  let fileXml = '';
  test('pay file --json → {file, payments, total} and the file exists; a second time refused', async () => {
    const out = oneLine(await avrop(['pay', 'file', proposal, '--json', '--user', 'ekonom'], env));
    for (const k of ['file', 'payments', 'total']) assert.ok(k in out, `${k} in ${JSON.stringify(out)}`);
    assert.deepEqual([out.payments, out.total], [2, total()]);
    assert.ok(existsSync(String(out.file)));
    assert.equal(out.file, join(dir, 'payments', String(out.file).split('/').pop()!));
    fileXml = readFileSync(String(out.file), 'utf8');
    assert.equal(xmlTexts(fileXml, 'NbOfTxs')[0], '2');
    assert.equal(xmlTexts(fileXml, 'CtrlSum')[0], total());
    const before = await snapshot();
    refused(await avrop(['pay', 'file', proposal, '--json', '--user', 'ekonom'], env), 'conflict');
    assert.deepEqual(await snapshot(), before);
  });

  test('import camt054 FILE --json --user ekonom: both paid; bestallare refused; the same file again refused', async () => {
    const e2e = xmlTexts(fileXml, 'EndToEndId');
    const amounts = [...fileXml.matchAll(/<InstdAmt Ccy="SEK">([^<]+)<\/InstdAmt>/g)].map((m) => ore(m[1]!));
    assert.equal(e2e.length, 2);
    const camt = join(dir, 'camt054.xml');
    writeFileSync(camt, camt054(e2e.map((id, i) => ({ endToEndId: id, amountOre: amounts[i]!, bookingDate: today })), { messageId: 'CLI-CAMT-1', createdAt: `${today}T06:00:00`, debtorBankgiro: '50501055' }));
    const before = await snapshot();
    refused(await avrop(['import', 'camt054', camt, '--json', '--user', 'bestallare'], env), 'forbidden');
    assert.deepEqual(await snapshot(), before);
    const out = oneLine(await avrop(['import', 'camt054', camt, '--json', '--user', 'ekonom'], env));
    assert.deepEqual([out.kind, out.paid, out.unknown, out.returned], ['camt054', 2, 0, 0]);
    const ap = await state<{ status: string; paid_on: string }>('SELECT status, paid_on FROM ap_items WHERE invoice_id = ANY($1::text[])', [mine.map((m) => m.id)]);
    assert.deepEqual(ap.map((a) => [a.status, a.paid_on]), [['paid', today], ['paid', today]]);
    const mid = await snapshot();
    refused(await avrop(['import', 'camt054', camt, '--json', '--user', 'ekonom'], env), 'conflict');
    assert.deepEqual(await snapshot(), mid);
  });
});
