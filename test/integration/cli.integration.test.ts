// The `avrop` command as a script uses it: a real process, the same database settings as the server.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp } from '../../src/platform/server.ts';
import { createServerDatabase, testDbKind } from '../support/db.ts';
import { invoiceXml, unknownSeller } from '../support/invoices.ts';

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

describe(`avrop CLI on ${testDbKind}`, () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'avrop-cli-'));
    const url = await createServerDatabase();
    env = url ? { DATABASE_URL: url, AVROP_DATA_DIR: dir, AVROP_DEMO_INVOICES: '20' } : { AVROP_DATA_DIR: dir, DATABASE_URL: '', AVROP_DEMO_INVOICES: '20' };
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('help is Swedish by default and English on request', async () => {
    const sv = await avrop(['--help'], env);
    assert.equal(sv.code, 0);
    assert.match(sv.stdout, /Kommandon:/);
    assert.match(sv.stdout, /audit-verify/);
    const en = await avrop(['--lang', 'en', '--help'], env);
    assert.match(en.stdout, /Commands:/);
    assert.match(en.stdout, /verify the audit trail/);
  });

  test('an unknown command is a usage error (exit 2)', async () => {
    const r = await avrop(['frobnicate'], env);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /frobnicate/);
  });

  test('demo loads the municipalities once, idempotently', async () => {
    const first = await avrop(['demo', '--json'], env);
    assert.equal(first.code, 0, first.stderr);
    // The demo invoices came in through the intake pipeline: 20 invoices, a credit note, a collective
    // invoice and one from an unknown supplier registered; two broken ones rejected; one delivered twice;
    // one resent with the same number held as a suspected duplicate.
    assert.deepEqual(JSON.parse(first.stdout), { tenants: [
      { tenant: 'Exempel kommun', orgNumber: '212000-2411', created: true, invoices: { registered: 23, rejected: 2, duplicate: 1, 'suspected-duplicate': 1 } },
      { tenant: 'Grannby kommun', orgNumber: '212000-2437', created: true },
    ] });
    const second = await avrop(['demo', '--json'], env);
    assert.deepEqual((JSON.parse(second.stdout) as { tenants: { created: boolean }[] }).tenants.map((x) => x.created), [false, false]);
    const migrate = await avrop(['migrate', '--json'], env);
    assert.deepEqual(JSON.parse(migrate.stdout), { applied: [] });
  });

  test('audit-verify checks every chain', async () => {
    const r = await avrop(['audit-verify', '--json'], env);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { ok: boolean; tenants: { orgNumber: string; ok: boolean; checked: number }[] };
    assert.equal(out.ok, true);
    assert.deepEqual(out.tenants.map((x) => x.orgNumber).sort(), ['212000-2411', '212000-2437']);
    assert.ok(out.tenants.every((x) => x.ok && x.checked > 10));
    const human = await avrop(['audit-verify'], env);
    assert.match(human.stdout, /Exempel kommun: kedjan är hel \(\d+ händelser\)/);
  });

  test('ingest: one JSON line per document, the same file twice is a duplicate, usage errors exit 2', async () => {
    const folder = join(dir, 'ingest');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'a.xml'), invoiceXml({ number: 'CLI-1', seller: unknownSeller }));
    writeFileSync(join(folder, 'b.xml'), 'not xml at all');
    const r = await avrop(['ingest', '--json', '--tenant', '212000-2411', folder, join(folder, 'a.xml')], env);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { file: string; outcome: string; invoiceId: string | null; tenant: string | null; findings: { rule: string; severity: string; message: string; location: string }[] });
    assert.deepEqual(lines.map((l) => [l.file, l.outcome, l.tenant]), [
      [join(folder, 'a.xml'), 'registered', '212000-2411'],
      [join(folder, 'b.xml'), 'rejected', '212000-2411'],
      [join(folder, 'a.xml'), 'duplicate', '212000-2411'],
    ]);
    assert.equal(lines[2]!.invoiceId, lines[0]!.invoiceId);
    assert.deepEqual(Object.keys(lines[1]!.findings[0]!).sort(), ['location', 'message', 'rule', 'severity']);
    assert.equal((await avrop(['ingest', '--json'], env)).code, 2);
    assert.equal((await avrop(['ingest', '--bogus', folder], env)).code, 2);
    assert.equal((await avrop(['ingest', join(folder, 'missing.xml')], env)).code, 2);
  });

  test('a CLI command refuses a PGlite data directory that a running server holds', { skip: testDbKind !== 'pglite' && 'PGlite only' }, async () => {
    const running = await startApp({ dataDir: dir, port: 0, host: '127.0.0.1', demo: false, databaseUrl: '' });
    try {
      const r = await avrop(['migrate'], env);
      assert.equal(r.code, 1);
      assert.match(r.stderr, /används redan av en annan process/);
      const health = await fetch(`${running.url}/api/health`);
      assert.equal(health.status, 200);
    } finally {
      await running.close();
    }
    const after = await avrop(['migrate', '--json'], env);
    assert.equal(after.code, 0, after.stderr);
  });
});
