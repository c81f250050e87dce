import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CP437_TABLE, decodeCp437, encodeCp437, Cp437EncodeError } from './cp437.ts';
import { crc32 } from './crc32.ts';
import { lexLine } from './lex.ts';
import { readSie } from './read.ts';
import { writeSie4i } from './write.ts';
import { formatAmountOre, parseAmountOre, parseSieDate } from './values.ts';
import type { SieExport, SieReadResult } from './model.ts';

const enc = (s: string): Uint8Array => encodeCp437(s);
const codes = (r: SieReadResult): string[] => r.errors.map((e) => e.code);
const warnCodes = (r: SieReadResult): string[] => r.warnings.map((e) => e.code);

const HEAD = '#FLAGGA 0\n#PROGRAM "Test" 1.0\n#FORMAT PC8\n#GEN 20240105\n#SIETYP 4\n#FNAMN "Bolaget AB"\n';

test('cp437: table is a bijection and knows the Swedish letters', () => {
  assert.equal(new Set(CP437_TABLE).size, 256);
  assert.deepEqual([...enc('åäöÅÄÖé')], [0x86, 0x84, 0x94, 0x8f, 0x8e, 0x99, 0x82]);
  const all = Uint8Array.from({ length: 256 }, (_, i) => i);
  assert.deepEqual(encodeCp437(decodeCp437(all)), all);
  assert.throws(() => encodeCp437('pris 5 €'), (e: unknown) => e instanceof Cp437EncodeError && e.char === '€');
  assert.throws(() => encodeCp437('Łódź'), Cp437EncodeError);
});

test('crc32: standard check value and the spec example', () => {
  assert.equal(crc32(new TextEncoder().encode('123456789')), 0xcbf43926);
  // Spec 10.15: #KONTO 1915 "Kassa \"special\"" — only label and contents count, `\"` as one quote.
  const lexed = lexLine('#KONTO 1915 "Kassa \\"special\\""');
  assert.ok(lexed.ok);
  assert.deepEqual(lexed.checksumParts, ['#KONTO', '1915', 'Kassa "special"']);
});

test('lex: quotes, escapes, object lists, tabs', () => {
  const r = lexLine('\t#TRANS\t7010 {"1" "456" 7 "47"}  13200.00 "" "Lön \\"maj\\"" 2');
  assert.ok(r.ok);
  assert.deepEqual(r.record.fields, [
    { kind: 'text', value: '7010', quoted: false },
    { kind: 'list', items: ['1', '456', '7', '47'] },
    { kind: 'text', value: '13200.00', quoted: false },
    { kind: 'text', value: '', quoted: true },
    { kind: 'text', value: 'Lön "maj"', quoted: true },
    { kind: 'text', value: '2', quoted: false },
  ]);
  assert.deepEqual(lexLine('#TRANS 1910 {} -1.00').ok && lexLine('#TRANS 1910 {} -1.00'), lexLine('#TRANS 1910 { } -1.00'));
  assert.deepEqual(lexLine('#KONTO 1910 "Kassa'), { ok: false, problem: 'unterminated-quote' });
  assert.deepEqual(lexLine('#TRANS 1910 {1 "2" 100'), { ok: false, problem: 'unterminated-list' });
});

test('values: exact amounts and strict dates', () => {
  assert.equal(parseAmountOre('13200.00'), 1320000n);
  assert.equal(parseAmountOre('-0.5'), -50n);
  assert.equal(parseAmountOre('12'), 1200n);
  assert.equal(parseAmountOre('99999999999999999999.99'), 9999999999999999999999n);
  for (const bad of ['1,50', '+5', '1.234', '', '1e3', '.5', '-']) assert.equal(parseAmountOre(bad), null, bad);
  assert.equal(formatAmountOre(-5n), '-0.05');
  assert.equal(formatAmountOre(1320000n), '13200.00');
  assert.deepEqual(parseSieDate('20240229'), { ok: true, iso: '2024-02-29' });
  assert.deepEqual(parseSieDate('20230229'), { ok: false, reason: 'invalid' });
  assert.deepEqual(parseSieDate('2024-02-01'), { ok: false, reason: 'iso-form' });
  assert.deepEqual(parseSieDate('240201'), { ok: false, reason: 'invalid' });
});

test('read: a minimal 4I file', () => {
  const r = readSie(enc(HEAD + '#VER "" "" 20240105 "Porto"\n{\n#TRANS 1910 { } -1000.00\n#TRANS 2640 {} 200.00\n#TRANS 6250 {} 800 20240106 "Frimärken"\n}\n'));
  assert.deepEqual(codes(r), []);
  assert.ok(r.file);
  assert.equal(r.file.variant, '4I');
  assert.deepEqual(r.file.vouchers[0], {
    series: '', number: '', date: '2024-01-05', text: 'Porto', regDate: null, sign: null, transactions: [
      { kind: 'trans', account: '1910', objects: [], amountOre: -100000n, date: null, text: null, quantity: null, sign: null },
      { kind: 'trans', account: '2640', objects: [], amountOre: 20000n, date: null, text: null, quantity: null, sign: null },
      { kind: 'trans', account: '6250', objects: [], amountOre: 80000n, date: '2024-01-06', text: 'Frimärken', quantity: null, sign: null },
    ],
  });
});

test('read: #RTRANS and its twin #TRANS are counted once; #BTRANS not at all (spec example)', () => {
  const r = readSie(enc(HEAD + '#VER "" "" 20080101 "Porto"\n{\n#TRANS 1910 { } -1000.00\n#TRANS 2640 { } 200.00\n#BTRANS 6110 { } 800.00\n#RTRANS 6250 { } 800.00\n#TRANS 6250 { } 800.00\n}\n'));
  assert.deepEqual(codes(r), []);
  assert.deepEqual(r.file?.vouchers[0]?.transactions.map((t) => [t.kind, t.account]), [['trans', '1910'], ['trans', '2640'], ['removed', '6110'], ['added', '6250']]);
  const lone = readSie(enc(HEAD + '#VER "" "" 20080101 "Porto"\n{\n#TRANS 1910 { } -800.00\n#RTRANS 6250 { } 800.00\n}\n'));
  assert.ok(codes(lone).includes('rtrans_without_trans'));
});

test('read: imbalanced voucher names series, number and difference', () => {
  const r = readSie(enc(HEAD + '#VER A 17 20240105 "Fel"\n{\n#TRANS 1910 {} -100.00\n#TRANS 3010 {} 99.90\n}\n'));
  assert.equal(r.ok, false);
  const e = r.errors.find((x) => x.code === 'voucher_imbalanced');
  assert.ok(e);
  assert.match(e.message, /A 17.*-0\.10/);
  assert.match(e.messageEn, /A 17.*-0\.10/);
  assert.equal(e.line, 7);
});

test('read: structural errors never throw', () => {
  const cases: [string, string][] = [
    [HEAD + '#VER A 1 20240105 "x"\n{\n#TRANS 1910 {} 0\n', 'brace_unbalanced'],
    [HEAD + '}\n', 'brace_unexpected'],
    [HEAD + '{\n', 'brace_unexpected'],
    [HEAD + '#VER A 1 20240105 "x"\n#KONTO 1910 Kassa\n', 'ver_without_block'],
    [HEAD + '#TRANS 1910 {} 0\n', 'trans_outside_voucher'],
    [HEAD + '#VER A 1 20241305 "x"\n{\n}\n', 'date_invalid'],
    [HEAD + '#VER A 1 2024-01-05 "x"\n{\n}\n', 'date_format'],
    [HEAD + '#VER A 1 20240105 "x"\n{\n#TRANS 1910 {} 1,50\n#TRANS 1920 {} -1.50\n}\n', 'amount_invalid'],
    [HEAD + '#VER A 1 20240105 "x"\n{\n#TRANS 19X0 {} 1.50\n#TRANS 1920 {} -1.50\n}\n', 'account_not_numeric'],
    [HEAD + '#KONTO 1910 "Kassa\n', 'syntax'],
    ['#FLAGGA 0\n#SIETYP 4\n', 'required_missing'],
    [HEAD.replace('#SIETYP 4', '#SIETYP 1') + '#KONTO 1910 Kassa\n#RAR 0 20240101 20241231\n#VER A 1 20240105 "x"\n{\n#TRANS 1910 {} 0\n}\n', 'record_not_allowed'],
    [HEAD.replace('PC8', 'ANSI'), 'format_unsupported'],
    [HEAD + '#KONTO 1910 Kassa\n#RAR 0 20240101 20241231\n#IB 0 1910 5\n#VER A 1 20240105 "x"\n{\n#TRANS 1910 {} -5\n#TRANS 1930 {} 5\n}\n', 'account_undeclared'],
    [HEAD + 'rubbish\n', 'syntax'],
  ];
  for (const [text, code] of cases) {
    const r = readSie(enc(text));
    assert.equal(r.ok, false, code);
    assert.equal(r.file, null);
    assert.ok(codes(r).includes(code), `${code}: got ${codes(r).join(',')}`);
  }
  // Random bytes: no throw, just errors.
  let seed = 7;
  for (let n = 0; n < 50; n++) {
    const bytes = Uint8Array.from({ length: 400 }, () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % 256);
    const r = readSie(bytes);
    assert.equal(typeof r.ok, 'boolean');
  }
});

test('read: unknown records are ignored with a warning; 4I without #KONTO is fine', () => {
  const r = readSie(enc(HEAD + '#FOO bar\n#VER A 1 20240105 "x" 20240106 "sig" extra\n{\n#TRANS 1910 {} 1 "" "" 2.5 sig extra\n#TRANS 1920 {} -1\n}\n'));
  assert.deepEqual(codes(r), []);
  assert.ok(warnCodes(r).includes('unknown_record'));
  assert.equal(r.file?.vouchers[0]?.transactions[0]?.quantity, '2.5');
  assert.equal(r.file?.vouchers[0]?.regDate, '2024-01-06');
});

test('read: size cap and line length cap', () => {
  const r = readSie(enc(HEAD), { maxBytes: 10 });
  assert.deepEqual(codes(r), ['file_too_large']);
  const long = readSie(enc(HEAD + `#PROSA "${'x'.repeat(20_000)}"\n`));
  assert.ok(codes(long).includes('line_too_long'));
  assert.ok(codes(readSie(new Uint8Array(0))).includes('empty_file'));
});

test('read: UTF-8 and ISO-8859-15 are rejected by default, read with a warning in auto mode', () => {
  const text = HEAD.replace('Bolaget AB', 'Övningsbolaget AB') + '#VER A 1 20240105 "Försäljning"\n{\n#TRANS 1910 {} 1\n#TRANS 3010 {} -1\n}\n';
  const utf8 = new TextEncoder().encode(text);
  const strict = readSie(utf8);
  assert.deepEqual(codes(strict), ['encoding_utf8']);
  assert.match(strict.errors[0]?.message ?? '', /^Filen är inte kodad i PC8\/CP437 \(IBM 437\)/);
  const auto = readSie(utf8, { encoding: 'auto' });
  assert.equal(auto.ok, true);
  assert.ok(warnCodes(auto).includes('encoding_utf8'));
  assert.equal(auto.file?.companyName, 'Övningsbolaget AB');
  assert.equal(auto.file?.encoding, 'utf-8');
  const latin = Uint8Array.from([...text].map((c) => c.charCodeAt(0)));
  assert.deepEqual(codes(readSie(latin)), ['encoding_latin']);
  assert.equal(readSie(latin, { encoding: 'auto' }).file?.vouchers[0]?.text, 'Försäljning');
  // The genuine CP437 bytes read as themselves.
  assert.equal(readSie(enc(text)).file?.companyName, 'Övningsbolaget AB');
});

test('read: #KSUMMA opening without closing is rejected', () => {
  const r = readSie(enc('#FLAGGA 0\n#KSUMMA\n' + HEAD.slice('#FLAGGA 0\n'.length)));
  assert.ok(codes(r).includes('checksum_missing_end'));
});

// ---- writer -----------------------------------------------------------------------------------------------

const EXPORT: SieExport = {
  program: { name: 'Avrop', version: '0.1.0' },
  generatedOn: '2024-03-01',
  generatedBy: 'Kalle "K" Åström',
  orgNumber: '212000-1355',
  companyName: 'Göteborgs Stad - Inköp & Upphandling',
  accounts: [
    { number: '2440', name: 'Leverantörsskulder' },
    { number: '2641', name: 'Debiterad ingående moms' },
    { number: '5460', name: 'Förbrukningsmaterial "special"' },
    { number: '6110', name: 'Kontorsmateriel' },
    { number: '9999', name: 'Oanvänt konto' },
  ],
  dimensions: [{ number: 1, name: 'Kostnadsställe' }, { number: 6, name: 'Projekt' }, { number: 20, name: 'Ej använd' }],
  objects: [
    { dimension: 1, code: '1010', name: 'Förskola Ängen' },
    { dimension: 1, code: '2020', name: 'Skola Öster' },
    { dimension: 6, code: 'P-42', name: 'Projekt "Café"' },
  ],
  vouchers: [
    {
      series: 'A', number: '1', date: '2024-02-28', text: 'Faktura 123 - Åhléns "Kontor"', regDate: '2024-03-01',
      transactions: [
        { account: '2440', objects: [], amountOre: -125_000n, text: 'Åhléns AB' },
        { account: '2641', objects: [], amountOre: 25_000n },
        { account: '5460', objects: [{ dimension: 1, code: '1010' }, { dimension: 6, code: 'P-42' }], amountOre: 60_000n, date: '2024-02-27', text: 'Pennor & papper' },
        { account: '6110', objects: [{ dimension: 1, code: '2020' }], amountOre: 40_000n, text: 'É-papper' },
      ],
    },
    {
      series: 'A', number: '2', date: '2024-02-29', text: 'Kreditnota',
      transactions: [
        { account: '2440', objects: [], amountOre: 12_345n },
        { account: '5460', objects: [{ dimension: 6, code: 'P-42' }], amountOre: -12_345n },
      ],
    },
    { series: '', number: '', date: '2024-03-01', text: '', transactions: [{ account: '6110', objects: [], amountOre: 1n }, { account: '2440', objects: [], amountOre: -1n }] },
  ],
  checksum: true,
};

test('write: round trip through readSie is exact', () => {
  const bytes = writeSie4i(EXPORT);
  const r = readSie(bytes);
  assert.deepEqual(r.errors, []);
  assert.deepEqual(r.warnings, []);
  const f = r.file;
  assert.ok(f);
  assert.equal(f.flag, '0');
  assert.equal(f.sieType, '4');
  assert.equal(f.variant, '4I');
  assert.deepEqual(f.program, { name: 'Avrop', version: '0.1.0' });
  assert.deepEqual(f.generated, { date: '2024-03-01', sign: 'Kalle "K" Åström' });
  assert.equal(f.companyName, EXPORT.companyName);
  assert.equal(f.orgNumber, EXPORT.orgNumber);
  const used = new Set(EXPORT.vouchers.flatMap((v) => v.transactions.map((t) => t.account)));
  assert.deepEqual(f.accounts, EXPORT.accounts.filter((a) => used.has(a.number)).map((a) => ({ ...a, type: null, sru: [], unit: null })));
  assert.deepEqual(f.dimensions, [{ number: 1, name: 'Kostnadsställe', parent: null }, { number: 6, name: 'Projekt', parent: null }]);
  assert.deepEqual(f.objects, EXPORT.objects);
  assert.deepEqual(f.vouchers, EXPORT.vouchers.map((v) => ({
    series: v.series, number: v.number, date: v.date, text: v.text, regDate: v.regDate ?? null, sign: null,
    transactions: v.transactions.map((t) => ({
      kind: 'trans', account: t.account, objects: t.objects, amountOre: t.amountOre, date: t.date ?? null, text: t.text ?? null, quantity: null, sign: null,
    })),
  })));
  assert.equal(f.checksum.status, 'valid');
  // The checksum the reader verified is the one the writer wrote.
  const text = decodeCp437(bytes);
  assert.equal(f.checksum.status === 'valid' && f.checksum.value, Number(/^#KSUMMA (\d+)$/m.exec(text)?.[1]));
  assert.match(text, /^#FLAGGA 0\n#KSUMMA\n#PROGRAM "Avrop" "0.1.0"\n#FORMAT PC8\n#GEN 20240301 "Kalle \\"K\\" Åström"\n#SIETYP 4\n/);
  assert.match(text, /^#TRANS 5460 \{1 "1010" 6 "P-42"\} 600\.00 20240227 "Pennor & papper"$/m);
  assert.match(text, /^#TRANS 2440 \{\} -1250\.00 "" "Åhléns AB"$/m);
  assert.ok(!text.includes('\r'));
  assert.ok(!text.includes('9999'), 'unused accounts are not written');
});

test('write: a flipped byte in a text field fails the checksum', () => {
  const bytes = writeSie4i(EXPORT);
  const at = Buffer.from(bytes).indexOf('Kreditnota');
  assert.ok(at > 0);
  const copy = Uint8Array.from(bytes);
  copy[at] = 0x6b; // K → k
  const r = readSie(copy);
  assert.equal(r.ok, false);
  assert.deepEqual(codes(r), ['checksum_mismatch']);
  // Without checksum the file has no #KSUMMA and reads as 'absent'.
  const plain = readSie(writeSie4i({ ...EXPORT, checksum: false }));
  assert.deepEqual(plain.file?.checksum, { status: 'absent' });
  assert.ok(!decodeCp437(writeSie4i({ ...EXPORT, checksum: false })).includes('#KSUMMA'));
});

test('write: control characters are stripped', () => {
  const v = { ...EXPORT.vouchers[1]!, text: 'Rad1\nRad2\tslut\u0007' };
  const r = readSie(writeSie4i({ ...EXPORT, vouchers: [v] }));
  assert.equal(r.file?.vouchers[0]?.text, 'Rad1 Rad2 slut');
});

test('write: refuses imbalance, undeclared accounts/objects and non-CP437 text', () => {
  const v1 = EXPORT.vouchers[1]!;
  const imbalanced = { ...v1, transactions: [{ ...v1.transactions[0]!, amountOre: 12_346n }, v1.transactions[1]!] };
  assert.throws(() => writeSie4i({ ...EXPORT, vouchers: [imbalanced] }), /obalanserad med 0\.01/);
  const undeclaredAccount = { ...v1, transactions: [{ ...v1.transactions[0]!, account: '1930' }, v1.transactions[1]!] };
  assert.throws(() => writeSie4i({ ...EXPORT, vouchers: [undeclaredAccount] }), /kontot 1930 är inte deklarerat/);
  const undeclaredObject = { ...v1, transactions: [v1.transactions[0]!, { ...v1.transactions[1]!, objects: [{ dimension: 6, code: 'P-99' }] }] };
  assert.throws(() => writeSie4i({ ...EXPORT, vouchers: [undeclaredObject] }), /objektet P-99/);
  assert.throws(() => writeSie4i({ ...EXPORT, companyName: 'Euro € AB' }), /tecknet "€" som inte finns i PC8\/CP437/);
  assert.throws(() => writeSie4i({ ...EXPORT, vouchers: [{ ...v1, text: 'Łódź' }] }), /PC8\/CP437/);
  assert.throws(() => writeSie4i({ ...EXPORT, vouchers: [{ ...v1, date: '2024-02-30' }] }), /Ogiltigt datum/);
  // NFD input is normalised, not refused.
  const nfd = readSie(writeSie4i({ ...EXPORT, companyName: 'A\u030angen AB' }));
  assert.equal(nfd.file?.companyName, 'Ången AB');
});
