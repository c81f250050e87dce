// A process killed (SIGKILL) in the middle of ingesting a folder of 1,000 invoices, then restarted,
// registers every invoice exactly once and loses none. The process is really killed.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServerDatabase, testDbKind } from '../support/db.ts';
import { invoiceXml, unknownSeller } from '../support/invoices.ts';
import { openPglite } from '../../src/platform/db/pglite.ts';
import { openPostgres } from '../../src/platform/db/postgres.ts';

const bin = new URL('../../bin/avrop.js', import.meta.url).pathname;
const COUNT = 1000;

function run(args: string[], env: NodeJS.ProcessEnv, killAfterLines?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null; lines: string[] }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: string[] = [];
    let buf = '';
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      const parts = buf.split('\n');
      buf = parts.pop() ?? '';
      lines.push(...parts.filter(Boolean));
      if (killAfterLines !== undefined && lines.length >= killAfterLines && !child.killed) child.kill('SIGKILL');
    });
    child.stderr.on('data', () => { /* progress and warnings */ });
    child.on('close', (code, signal) => resolve({ code, signal, lines }));
  });
}

describe(`kill -9 in the middle of an ingest on ${testDbKind}`, () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let url: string | null;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'avrop-kill-'));
    url = await createServerDatabase();
    env = url ? { DATABASE_URL: url, AVROP_DATA_DIR: join(dir, 'data') } : { AVROP_DATA_DIR: join(dir, 'data'), DATABASE_URL: '' };
    const demo = await run(['demo', '--json'], { ...env, AVROP_DEMO_INVOICES: '0' });
    assert.equal(demo.code, 0);
    const folder = join(dir, 'in');
    mkdirSync(folder);
    for (let i = 0; i < COUNT; i++) {
      writeFileSync(join(folder, `f${String(i).padStart(4, '0')}.xml`), invoiceXml({
        number: `K-${i}`, seller: unknownSeller, payment: { bankgiro: '56771231' },
        lines: Array.from({ length: 1 + (i % 7) }, (_, k) => ({ description: `Vara ${k}`, quantity: String(1 + k), unitPriceOre: BigInt(1000 + i), vatRate: 25 as const })),
      }));
    }
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('every invoice is registered exactly once and none is lost', async () => {
    const folder = join(dir, 'in');
    const killed = await run(['ingest', '--json', folder], env, 150);
    assert.equal(killed.signal, 'SIGKILL', 'the first run was killed');
    assert.ok(killed.lines.length >= 150 && killed.lines.length < COUNT, `killed after ${killed.lines.length} documents`);
    const second = await run(['ingest', '--json', folder], env);
    assert.equal(second.code, 0);
    const outcomes = second.lines.map((l) => (JSON.parse(l) as { outcome: string }).outcome);
    assert.equal(outcomes.length, COUNT);
    const duplicates = outcomes.filter((o) => o === 'duplicate').length;
    assert.ok(duplicates >= 150, `at least the acknowledged ones are duplicates the second time (${duplicates})`);
    assert.equal(outcomes.filter((o) => o === 'registered').length + duplicates, COUNT, JSON.stringify(outcomes.filter((o) => o !== 'registered' && o !== 'duplicate').slice(0, 3)));

    const db = url ? await openPostgres(url) : await openPglite(join(dir, 'data'));
    try {
      const r = await db.query<{ invoices: string; documents: string; numbers: string; orphans: string }>(
        `SELECT (SELECT count(*) FROM invoices)::text AS invoices, (SELECT count(*) FROM inbound_documents)::text AS documents,
                (SELECT count(DISTINCT invoice_number) FROM invoices)::text AS numbers,
                (SELECT count(*) FROM inbound_documents WHERE invoice_id IS NULL)::text AS orphans`);
      assert.deepEqual(r.rows[0], { invoices: String(COUNT), documents: String(COUNT), numbers: String(COUNT), orphans: '0' });
      const lines = await db.query<{ n: string }>('SELECT count(*)::text AS n FROM invoice_lines');
      const expected = Array.from({ length: COUNT }, (_, i) => 1 + (i % 7)).reduce((a, b) => a + b, 0);
      assert.equal(Number(lines.rows[0]!.n), expected, 'no invoice lost a line');
    } finally {
      await db.close();
    }
  });
});
