// The ledger through the HTTP API and the database: approval posts one balanced voucher (series LF,
// next number) and an open item; credit notes reverse; the database refuses unbalanced vouchers and any
// change to posted ones; closed periods move the posting date; export batches (SIE 4I round trip, CSV
// in the configured layout, byte-identical downloads, each voucher once); SIE import of the ERP's chart
// of accounts, and refusal of broken files. Every refused request is checked to have changed nothing.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { createTestApp, type TestApp } from '../support/app.ts';
import { testDbKind } from '../support/db.ts';
import { ore } from '../support/handling.ts';
import { Finance, kr, plusDays, type PostedInvoice } from '../support/finance.ts';
import { standardsOrSkip } from '../support/standards.ts';
import { todayInStockholm } from '../../src/platform/dates.ts';
import { readSie } from '../../src/formats/sie/index.ts';

type VoucherView = { id: string; series: string; year: number; number: number; date: string; text: string; sourceType: string; sourceId: string; exportBatch: number | null; rows: { konto: string; ansvar: string | null; dimensions: Record<string, string>; debit: string; credit: string; text: string | null }[] };
type OpenItem = { invoiceId: string; amount: string; accountingDate: string; dueDate: string | null; voucher: string; inPayment: boolean };

describe(`ledger on ${testDbKind}`, () => {
  let t: TestApp;
  let f: Finance;
  const today = todayInStockholm();

  before(async () => {
    t = await createTestApp();
    f = await new Finance(t).init();
  });
  after(() => t.close());

  const vouchersOf = async (invoiceId: string): Promise<VoucherView[]> => {
    const r = await f.api('ekonom', 'GET', `/api/ledger/vouchers?source=${invoiceId}`);
    assert.equal(r.status, 200, r.raw);
    return r.body as unknown as VoucherView[];
  };
  const openItems = async (): Promise<OpenItem[]> => {
    const r = await f.api('ekonom', 'GET', '/api/ledger/open-items');
    assert.equal(r.status, 200, r.raw);
    return r.body as unknown as OpenItem[];
  };
  const maxNumber = async (series: string, year: number): Promise<number> =>
    Number((await f.sql<{ n: number }>('SELECT coalesce(max(number), 0)::int AS n FROM vouchers WHERE series = $1 AND year = $2', [series, year]))[0]!.n);
  /** The voucher the test expects: expense on the supplier rule's konto/ansvar 4411, VAT on 1680, gross credited 2440 (reversed for a credit note). */
  const expectedRows = (inv: PostedInvoice) => {
    const side = (v: bigint) => (inv.creditNote ? { debit: '0.00', credit: kr(v) } : { debit: kr(v), credit: '0.00' });
    const other = (v: bigint) => (inv.creditNote ? { debit: kr(v), credit: '0.00' } : { debit: '0.00', credit: kr(v) });
    return [
      { konto: inv.supplier.konto, ansvar: '4411', ...side(inv.netOre) },
      { konto: '1680', ansvar: null, ...side(inv.vatOre) },
      { konto: '2440', ansvar: null, ...other(inv.grossOre) },
    ];
  };

  describe('posting on approval', () => {
    test('approving an invoice creates exactly one balanced LF voucher with the next number, rows = coding + VAT 1680 + 2440 gross, and an open item', async () => {
      const inv = await f.toApprove();
      const year = Number(inv.issueDate.slice(0, 4));
      const d = await f.h.get(inv.id);
      assert.deepEqual(d.coding.map((r) => [r.konto, r.ansvar, r.amount, r.vatAmount, r.vatHandling]), [[inv.supplier.konto, '4411', kr(inv.netOre), kr(inv.vatOre), 'compensation']]);
      assert.deepEqual(await vouchersOf(inv.id), [], 'not posted before approval');
      const expectedNumber = (await maxNumber('LF', year)) + 1;
      assert.equal((await f.h.post('attestant', inv.id, 'approve')).status, 200);

      const vs = await vouchersOf(inv.id);
      assert.equal(vs.length, 1);
      const v = vs[0]!;
      assert.deepEqual([v.series, v.year, v.number, v.date, v.sourceType, v.exportBatch], ['LF', year, expectedNumber, inv.issueDate, 'invoice', null]);
      assert.deepEqual(v.rows.map((r) => ({ konto: r.konto, ansvar: r.ansvar, debit: r.debit, credit: r.credit })), expectedRows(inv));
      const debit = v.rows.reduce((a, r) => a + ore(r.debit), 0n);
      const credit = v.rows.reduce((a, r) => a + ore(r.credit), 0n);
      assert.equal(debit, credit);
      assert.equal(credit, inv.grossOre);
      // The database agrees, row by row.
      const dbRows = await f.sql<{ konto: string; amount_ore: string }>('SELECT r.konto, r.amount_ore::text FROM voucher_rows r WHERE r.voucher_id = $1 ORDER BY position', [v.id]);
      assert.equal(dbRows.reduce((a, r) => a + BigInt(r.amount_ore), 0n), 0n);

      const item = (await openItems()).find((x) => x.invoiceId === inv.id);
      assert.ok(item, 'open item');
      assert.deepEqual([item.amount, item.accountingDate, item.dueDate, item.voucher, item.inPayment], [kr(inv.grossOre), inv.issueDate, inv.dueDate, `LF ${year}-${expectedNumber}`, false]);

      // The next approval takes the next number.
      const second = await f.approved();
      const v2 = (await vouchersOf(second.id))[0]!;
      assert.equal(v2.number, expectedNumber + 1);
    });

    test('a credit note gives the reversed voucher and a negative open item', async () => {
      const original = await f.approved();
      const cn = await f.approved({ supplier: original.supplier, creditNote: true, precedingInvoice: original.number, netOre: 20_000n });
      const vs = await vouchersOf(cn.id);
      assert.equal(vs.length, 1);
      assert.deepEqual(vs[0]!.rows.map((r) => ({ konto: r.konto, ansvar: r.ansvar, debit: r.debit, credit: r.credit })), expectedRows(cn));
      const item = (await openItems()).find((x) => x.invoiceId === cn.id);
      assert.equal(item?.amount, kr(-cn.grossOre));
      assert.equal(item.amount, '-250.00');
    });

    test('the database refuses an unbalanced voucher and any UPDATE/DELETE of posted vouchers and rows (as the app role)', async () => {
      const inv = await f.approved();
      const v = (await vouchersOf(inv.id))[0]!;
      const before = await f.snapshot();
      const attempts: [string, string, unknown[]][] = [
        ['update voucher text', 'UPDATE vouchers SET text = $2 WHERE id = $1', [v.id, 'ändrad']],
        ['update voucher date', `UPDATE vouchers SET accounting_date = accounting_date + 1 WHERE id = $1`, [v.id]],
        ['delete voucher', 'DELETE FROM vouchers WHERE id = $1', [v.id]],
        ['update voucher row', 'UPDATE voucher_rows SET amount_ore = amount_ore + 100 WHERE voucher_id = $1', [v.id]],
        ['delete voucher row', 'DELETE FROM voucher_rows WHERE voucher_id = $1', [v.id]],
      ];
      for (const [what, sql, params] of attempts) {
        await assert.rejects(f.sql(sql, params), (e: Error) => /append-only|permission denied|check/i.test(e.message), what);
        await f.assertUnchanged(before, what);
      }
      // An unbalanced voucher: the rows' statement is refused by the balance trigger, the transaction rolls back.
      await assert.rejects(f.tx(async (tx) => {
        await tx.query(`INSERT INTO vouchers (id, tenant_id, series, year, number, accounting_date, text, source_type, source_id) VALUES ('ver_test_unbalanced', $1, 'LF', 2001, 1, '2001-01-01', 'obalans', 'invoice', 'inv_test_unbalanced')`, [tx.tenantId]);
        await tx.query(`INSERT INTO voucher_rows (tenant_id, voucher_id, position, konto, amount_ore) VALUES ($1, 'ver_test_unbalanced', 1, '6420', 10000), ($1, 'ver_test_unbalanced', 2, '2440', -9999)`, [tx.tenantId]);
      }), /does not balance/);
      await f.assertUnchanged(before, 'unbalanced voucher');
      // A balanced one through the same path is accepted (the refusal was the balance, not the path) — then rolled back.
      await assert.rejects(f.tx(async (tx) => {
        await tx.query(`INSERT INTO vouchers (id, tenant_id, series, year, number, accounting_date, text, source_type, source_id) VALUES ('ver_test_balanced', $1, 'LF', 2001, 1, '2001-01-01', 'balans', 'invoice', 'inv_test_balanced')`, [tx.tenantId]);
        await tx.query(`INSERT INTO voucher_rows (tenant_id, voucher_id, position, konto, amount_ore) VALUES ($1, 'ver_test_balanced', 1, '6420', 10000), ($1, 'ver_test_balanced', 2, '2440', -10000)`, [tx.tenantId]);
        throw new Error('rollback on purpose');
      }), /rollback on purpose/);
      await f.assertUnchanged(before, 'balanced voucher rolled back');
    });

    test('closing the period of the invoice date posts on today; the period is listed and can be reopened', async () => {
      const issue = plusDays(`${today.slice(0, 7)}-01`, -10); // a day in the previous month
      const period = issue.slice(0, 7);
      const inv = await f.toApprove({ issueDate: issue, dueDate: plusDays(today, 20) });
      // Only ekonom closes periods; a bad period is refused; neither changes anything.
      const before = await f.snapshot();
      assert.equal((await f.api('fakturahanterare', 'PUT', `/api/ledger/periods/${period}`, { closed: true })).status, 403);
      assert.equal((await f.api('ekonom', 'PUT', '/api/ledger/periods/2026-13', { closed: true })).status, 400);
      await f.assertUnchanged(before, 'refused period close');
      const r = await f.api('ekonom', 'PUT', `/api/ledger/periods/${period}`, { closed: true });
      assert.equal(r.status, 200, r.raw);
      const list = (await f.api('ekonom', 'GET', '/api/ledger/periods')).body as unknown as { period: string; closedBy: string | null }[];
      assert.deepEqual(list.map((p) => [p.period, p.closedBy]), [[period, 'ekonom']]);
      assert.equal((await f.h.post('attestant', inv.id, 'approve')).status, 200);
      const v = (await vouchersOf(inv.id))[0]!;
      assert.equal(v.date, today);
      assert.equal(v.year, Number(today.slice(0, 4)));
      assert.equal((await openItems()).find((x) => x.invoiceId === inv.id)?.accountingDate, today);
      assert.equal((await f.api('ekonom', 'PUT', `/api/ledger/periods/${period}`, { closed: false })).status, 200);
      assert.deepEqual((await f.api('ekonom', 'GET', '/api/ledger/periods')).body, []);
      // Reopened: the next invoice dated in that month posts on its own date again.
      const next = await f.approved({ issueDate: issue, dueDate: plusDays(today, 20) });
      assert.equal((await vouchersOf(next.id))[0]!.date, issue);
    });
  });

  describe('export', () => {
    let firstBatch: { id: string; number: number; file: string; vouchers: number };
    let firstBytes: Buffer;

    test('SIE 4I: a batch of every unexported voucher; again → 409 and nothing changes; after one approval → a batch of exactly 1', async () => {
      const unexported = Number((await f.sql<{ n: number }>('SELECT count(*)::int AS n FROM vouchers WHERE export_batch_id IS NULL'))[0]!.n);
      assert.ok(unexported >= 5, `unexported ${unexported}`);
      const before = await f.snapshot();
      assert.equal((await f.api('bestallare', 'POST', '/api/ledger/exports', { format: 'sie4i' })).status, 403);
      assert.equal((await f.api('ekonom', 'POST', '/api/ledger/exports', { format: 'sie5' })).status, 400);
      await f.assertUnchanged(before, 'refused export');
      const r = await f.api('ekonom', 'POST', '/api/ledger/exports', { format: 'sie4i' });
      assert.equal(r.status, 201, r.raw);
      firstBatch = r.body as unknown as typeof firstBatch;
      assert.equal(firstBatch.vouchers, unexported);
      assert.equal(r.body.format, 'sie4i');
      assert.equal(firstBatch.file, join(t.dataDir, 'export', String(r.body.filename)));
      assert.equal(Number((await f.sql<{ n: number }>('SELECT count(*)::int AS n FROM vouchers WHERE export_batch_id IS NULL'))[0]!.n), 0);

      const mid = await f.snapshot();
      const again = await f.api('ekonom', 'POST', '/api/ledger/exports', { format: 'sie4i' });
      assert.equal(again.status, 409, again.raw);
      await f.assertUnchanged(mid, 'second export');
      // Once exported, a voucher's batch never changes again (the append-only trigger).
      await assert.rejects(f.sql('UPDATE vouchers SET export_batch_id = NULL WHERE export_batch_id = $1', [firstBatch.id]), /append-only/);

      const inv = await f.approved();
      const r2 = await f.api('ekonom', 'POST', '/api/ledger/exports', { format: 'sie4i' });
      assert.equal(r2.status, 201, r2.raw);
      assert.equal(r2.body.vouchers, 1);
      assert.equal(r2.body.number, firstBatch.number + 1);
      assert.equal((await vouchersOf(inv.id))[0]!.exportBatch, r2.body.number);
    });

    test('the batch downloads byte-identical to the file on disk and to an earlier download', async () => {
      const a = await f.download('ekonom', `/api/ledger/exports/${firstBatch.id}/file`);
      assert.equal(a.status, 200);
      firstBytes = a.bytes;
      assert.ok(readFileSync(firstBatch.file).equals(a.bytes), 'download = file on disk');
      const b = await f.download('revisor', `/api/ledger/exports/${firstBatch.number}/file`);
      assert.ok(b.bytes.equals(a.bytes), 'second download (by number, another reader) identical');
      const list = (await f.api('ekonom', 'GET', '/api/ledger/exports')).body as unknown as { id: string; sha256: string }[];
      const { createHash } = await import('node:crypto');
      assert.equal(list.find((x) => x.id === firstBatch.id)?.sha256, createHash('sha256').update(a.bytes).digest('hex'));
      assert.equal((await f.download('bestallare', `/api/ledger/exports/${firstBatch.id}/file`)).status, 403);
      assert.equal((await f.download('ekonom', '/api/ledger/exports/exp_nosuch/file')).status, 404);
    });

    test('round trip: readSie on the exported file gives ok, a valid checksum and exactly the vouchers of GET /api/ledger/vouchers', async () => {
      const read = readSie(firstBytes);
      assert.equal(read.ok, true, JSON.stringify(read.errors.slice(0, 3)));
      const file = read.file!;
      assert.equal(file.checksum.status, 'valid');
      assert.equal(file.variant, '4I');
      assert.equal(file.orgNumber, '212000-2411');
      const api = ((await f.api('ekonom', 'GET', '/api/ledger/vouchers?limit=500')).body as unknown as VoucherView[])
        .filter((v) => v.exportBatch === firstBatch.number).sort((a, b) => (a.series === b.series ? a.number - b.number : a.series < b.series ? -1 : 1));
      assert.equal(api.length, firstBatch.vouchers);
      const fromFile = file.vouchers.map((v) => ({ series: v.series, number: v.number, date: v.date, text: v.text,
        rows: v.transactions.map((x) => ({ konto: x.account, amountOre: x.amountOre, ansvar: x.objects.find((o) => o.dimension === 1)?.code ?? null })) }));
      const fromApi = api.map((v) => ({ series: v.series, number: String(v.number), date: v.date, text: v.text,
        rows: v.rows.map((r) => ({ konto: r.konto, amountOre: ore(r.debit) - ore(r.credit), ansvar: r.ansvar })) }));
      assert.deepEqual(fromFile, fromApi);
      for (const v of file.vouchers) assert.equal(v.transactions.reduce((a, x) => a + x.amountOre, 0n), 0n, `${v.series} ${v.number} balances in the file`);
    });

    test('CSV in the configured layout', async () => {
      const columns = ['series', 'number', 'date', 'konto', 'ansvar', 'amount', 'text'];
      const before = await f.snapshot();
      assert.equal((await f.api('ekonom', 'PATCH', '/api/ledger/settings', { csvLayout: { separator: ';', decimal: ',', columns: ['series', 'nosuch'] } })).status, 400);
      await f.assertUnchanged(before, 'bad CSV layout');
      const s = await f.api('ekonom', 'PATCH', '/api/ledger/settings', { csvLayout: { separator: '|', decimal: ',', columns } });
      assert.equal(s.status, 200, s.raw);
      const inv = await f.approved();
      const v = (await vouchersOf(inv.id))[0]!;
      const r = await f.api('ekonom', 'POST', '/api/ledger/exports', { format: 'csv' });
      assert.equal(r.status, 201, r.raw);
      assert.equal(r.body.vouchers, 1);
      assert.match(String(r.body.filename), /\.csv$/);
      const dl = await f.download('ekonom', `/api/ledger/exports/${String(r.body.id)}/file`);
      assert.ok(readFileSync(String(r.body.file)).equals(dl.bytes));
      assert.match(String(dl.headers['content-type']), /text\/csv/);
      const text = dl.bytes.toString('utf8');
      assert.ok(text.startsWith('\ufeff'));
      const lines = text.slice(1).split('\r\n').filter(Boolean);
      const comma = (o: bigint) => kr(o).replace('.', ',');
      assert.deepEqual(lines, [
        columns.join('|'),
        ...v.rows.map((row) => [v.series, String(v.number), v.date, row.konto, row.ansvar ?? '', comma(ore(row.debit) - ore(row.credit)), row.text ?? ''].join('|')),
      ]);
      assert.deepEqual(lines.slice(1).map((l) => l.split('|')[5]), [comma(inv.netOre), comma(inv.vatOre), comma(-inv.grossOre)]);
    });
  });

  describe('SIE import', () => {
    const konto = async () => Number((await f.sql<{ n: number }>(`SELECT count(*)::int AS n FROM dimension_values WHERE dimension = 'konto'`))[0]!.n);
    const post = async (bytes: Buffer, user = 'ekonom') => (await f.h.as(user)).request('POST', '/api/ledger/import-sie', undefined, { rawBody: bytes, headers: { 'content-type': 'application/octet-stream' } });

    test("the ERP's chart of accounts: every #KONTO becomes a konto value", async (tc) => {
      const dir = standardsOrSkip(tc);
      if (!dir) return;
      const bytes = readFileSync(join(dir, 'sie/jokedst-SieFile/SieFileFormat/SIE4 Exempelfil.SE'));
      const text = iconv.decode(bytes, 'cp437');
      const codes = [...new Set([...text.matchAll(/^#KONTO\s+(\d+)\s/gm)].map((m) => m[1]!))];
      assert.ok(codes.length > 100, `#KONTO in the file: ${codes.length}`);
      const before = await f.snapshot();
      assert.equal((await post(bytes, 'bestallare')).status, 403);
      const wrongType = await (await f.h.as('ekonom')).request('POST', '/api/ledger/import-sie', { file: 'x' });
      assert.equal(wrongType.status, 415, wrongType.raw);
      await f.assertUnchanged(before, 'refused SIE import');
      const existing = Number((await f.sql<{ n: number }>(`SELECT count(*)::int AS n FROM dimension_values WHERE dimension = 'konto' AND code = ANY($1::text[])`, [codes]))[0]!.n);
      const r = await post(bytes);
      assert.equal(r.status, 200, r.raw);
      const acc = r.body.accounts as { created: number; updated: number; unchanged: number };
      assert.equal(acc.created + acc.updated + acc.unchanged, codes.length);
      assert.equal(acc.created, codes.length - existing);
      const have = Number((await f.sql<{ n: number }>(`SELECT count(*)::int AS n FROM dimension_values WHERE dimension = 'konto' AND code = ANY($1::text[])`, [codes]))[0]!.n);
      assert.equal(have, codes.length);
      // The same file again creates nothing.
      const again = await post(bytes);
      assert.equal(again.status, 200);
      assert.equal((again.body.accounts as { created: number }).created, 0);
      assert.equal((again.body.objects as { created: number }).created, 0);
    });

    test('broken files → 400 and no dimension value created: imbalanced samples, an imbalanced voucher in a CP437 file, a wrong #KSUMMA', async (tc) => {
      const dir = standardsOrSkip(tc);
      if (!dir) return;
      const sample = join(dir, 'sie/blinfo-Sie4j/src/test/resources/sample');
      const before = await f.snapshot();
      const kontoBefore = await konto();
      const cases: [string, Buffer, RegExp][] = [];
      for (const name of ['BLBLOV_SIE4_UTF_8_IMBALANCED.SI', 'BLBLOV_SIE4_UTF_8_with_imbalanced_voucher.SE']) cases.push([name, readFileSync(join(sample, name)), /./]);
      // The Exempelfil (CP437, no checksum) with one #TRANS amount changed: the voucher no longer balances.
      const ex = iconv.decode(readFileSync(join(dir, 'sie/jokedst-SieFile/SieFileFormat/SIE4 Exempelfil.SE')), 'cp437');
      const m = /^(\s*#TRANS\s+\d+\s+\{[^}]*\}\s+)(-?\d+(?:\.\d+)?)/m.exec(ex);
      assert.ok(m, 'a #TRANS in the Exempelfil');
      const changed = ex.slice(0, m.index) + m[1] + String(Number(m[2]) + 1) + ex.slice(m.index + m[0].length);
      cases.push(['Exempelfil with an imbalanced voucher', iconv.encode(changed, 'cp437'), /voucher_imbalanced/]);
      // A file with #KSUMMA and one byte of an account name flipped.
      const sums = readFileSync(join(dir, 'sie/jokedst-SieFile/SieFileTests/sie_test_files/Norstedts Bokslut SIE 4I.si'));
      assert.equal(readSie(sums).file?.checksum.status, 'valid');
      const flipped = Buffer.from(sums);
      const at = flipped.indexOf('#KONTO') + 14;
      flipped[at] = flipped[at] === 0x61 ? 0x62 : 0x61;
      cases.push(['wrong #KSUMMA', flipped, /checksum_mismatch/]);
      for (const [what, bytes, code] of cases) {
        const r = await post(bytes);
        assert.equal(r.status, 400, `${what}: ${r.raw.slice(0, 300)}`);
        const codes = ((r.body.error?.details?.errors ?? []) as { code: string }[]).map((e) => e.code).join(' ');
        assert.match(codes, code, what);
        await f.assertUnchanged(before, what);
      }
      assert.equal(await konto(), kontoBefore);
    });
  });
});
