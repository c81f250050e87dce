import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseXml } from '../xml/parse.ts';
import type { XmlElement } from '../xml/types.ts';
import { standardsOrSkip } from '../../../test/support/standards.ts';
import { formatOre, parseAmountToOre } from './amount.ts';
import { Pain001Error, writePain001, type Payment, type PaymentFile } from './write-pain001.ts';

const NS = 'urn:iso:std:iso:20022:tech:xsd:pain.001.001.03';

// ---- helpers (independent of the code under test) ----

let xmllintChecked: boolean | null = null;
function hasXmllint(): boolean {
  if (xmllintChecked === null) xmllintChecked = spawnSync('xmllint', ['--version']).status === 0;
  return xmllintChecked;
}

/** Validates `xml` against the official pain.001.001.03 XSD with xmllint; skips loudly when either is absent. */
function xmllintValidate(t: TestContext, xml: string): void {
  const dir = standardsOrSkip(t);
  if (dir === null) return;
  const xsd = join(dir, 'iso20022', 'python-sepaxml', 'sepaxml', 'schemas', 'pain.001.001.03.xsd');
  if (!existsSync(xsd) || !hasXmllint()) {
    const msg = `SKIPPED: ${existsSync(xsd) ? 'xmllint (libxml2-utils) is not installed' : `${xsd} is missing`}; pain.001 XSD validation not run`;
    process.stderr.write(`\n!!! ${msg} !!!\n`);
    t.skip(msg);
    return;
  }
  const tmp = mkdtempSync(join(tmpdir(), 'avrop-pain001-'));
  const file = join(tmp, 'pain001.xml');
  try {
    writeFileSync(file, xml, 'utf8');
    const r = spawnSync('xmllint', ['--noout', '--schema', xsd, file], { encoding: 'utf8' });
    assert.equal(r.status, 0, `xmllint rejected the file:\n${r.stderr}\n${xml}`);
    assert.match(r.stderr, /validates/);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

function parse(xml: string): XmlElement {
  const r = parseXml(xml);
  if (!r.ok) assert.fail(r.error.en);
  return r.root;
}

/** Children named `local` (any namespace). */
const all = (el: XmlElement | undefined, local: string): XmlElement[] => el?.children.filter((c) => c.local === local) ?? [];
/** Element at `a/b/c`, failing the test when absent. */
function el(root: XmlElement, path: string): XmlElement {
  let cur: XmlElement | undefined = root;
  for (const step of path.split('/')) {
    const m = /^(.+?)(?:\[(\d+)\])?$/.exec(step)!;
    cur = all(cur, m[1]!)[Number(m[2] ?? '1') - 1];
    if (cur === undefined) assert.fail(`no element at ${path} (step ${step})`);
  }
  return cur;
}
const txt = (root: XmlElement, path: string): string => el(root, path).text;
const absent = (root: XmlElement, path: string): boolean => {
  let cur: XmlElement | undefined = root;
  for (const step of path.split('/')) cur = all(cur, step)[0];
  return cur === undefined;
};

// ---- fixtures ----

const bgOcr: Payment = {
  endToEndId: 'E2E-BG-1', instructionId: 'INSTR-1', amountOre: 1n, currency: 'SEK',
  creditor: { name: 'Kontorsvaror i Norr AB' }, account: { type: 'bankgiro', number: '5050-1055' }, remittance: { ocr: '1234567897' },
};
const pgText: Payment = {
  endToEndId: 'E2E-PG-1', amountOre: 123456789n, currency: 'SEK',
  creditor: { name: 'Snöröjning & Grus HB', address: { street: 'Storgatan 1', postalCode: '903 26', city: 'Umeå', country: 'SE' } },
  account: { type: 'plusgiro', number: '123456-6' }, remittance: { text: 'Faktura 2024-117' },
};
const bankClearing: Payment = {
  endToEndId: 'E2E-BANK-1', amountOre: 25000n, currency: 'SEK',
  creditor: { name: 'Konsult Andersson' }, account: { type: 'bank', clearing: '8327-9', account: '123 456 789-0' }, remittance: { text: 'Fakt 991' },
};
const sepaEur: Payment = {
  endToEndId: 'E2E-EUR-1', amountOre: 9995n, currency: 'EUR',
  creditor: { name: 'Müller GmbH', address: { street: 'Hauptstraße 5', postalCode: '60311', city: 'Frankfurt am Main', country: 'DE' } },
  account: { type: 'iban', iban: 'DE89 3704 0044 0532 0130 00', bic: 'COBADEFFXXX' }, remittance: { text: 'Invoice 4711' },
};
const foreignGbp: Payment = {
  endToEndId: 'E2E-GBP-1', amountOre: 1000n, currency: 'GBP',
  creditor: { name: 'Widgets Ltd', address: { city: 'London', country: 'GB' } },
  account: { type: 'iban', iban: 'GB29NWBK60161331926819', bic: 'NWBKGB2L' }, remittance: { text: 'INV-88' },
};

function file(overrides: Partial<PaymentFile> = {}): PaymentFile {
  return {
    messageId: 'AVROP-20250301-0001',
    createdAt: '2025-03-01T10:15:00',
    initiatingParty: { name: 'Umeå kommun', orgNumber: '212000-2742' },
    debtor: { name: 'Umeå kommun', orgNumber: '212000-2742', account: { type: 'bankgiro', number: '5402-9681' } },
    batches: [
      { paymentInfoId: 'PMT-DOM-1', executionDate: '2025-03-03', payments: [bgOcr, pgText, bankClearing] },
      { paymentInfoId: 'PMT-SEPA-1', executionDate: '2025-03-03', payments: [sepaEur] },
      { paymentInfoId: 'PMT-FGN-1', executionDate: '2025-03-04', payments: [foreignGbp] },
    ],
    ...overrides,
  };
}

function refused(f: PaymentFile): Pain001Error {
  try {
    writePain001(f);
  } catch (e) {
    assert.ok(e instanceof Pain001Error, `expected Pain001Error, got ${String(e)}`);
    return e;
  }
  return assert.fail('writePain001 accepted the file');
}

// ---- tests ----

test('fixture identifiers are what the tests assume', () => {
  // An independent Luhn check of the numbers used below (organisationsnummer, bankgiro, plusgiro, OCR).
  const luhn = (s: string) => [...s].reverse().reduce((sum, ch, i) => { let d = Number(ch) * (i % 2 === 1 ? 2 : 1); if (d > 9) d -= 9; return sum + d; }, 0) % 10 === 0;
  for (const n of ['2120002742', '50501055', '54029681', '1234566', '1234567897']) assert.ok(luhn(n), `${n} should pass Luhn`);
  assert.ok(!luhn('1234567890'));
});

test('writes a file with bankgiro+OCR, plusgiro+text, bank account, SEPA and foreign IBAN that the XSD accepts', (t) => {
  const xml = writePain001(file());
  xmllintValidate(t, xml);
  const root = parse(xml);
  assert.equal(root.local, 'Document');
  assert.equal(root.ns, NS);
  assert.ok(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>'));

  const doc = el(root, 'CstmrCdtTrfInitn');
  // Totals computed by hand: 0.01 + 1234567.89 + 250.00 = 1234817.90; + 99.95 + 10.00 = 1234927.85
  assert.equal(txt(doc, 'GrpHdr/MsgId'), 'AVROP-20250301-0001');
  assert.equal(txt(doc, 'GrpHdr/CreDtTm'), '2025-03-01T10:15:00');
  assert.equal(txt(doc, 'GrpHdr/NbOfTxs'), '5');
  assert.equal(txt(doc, 'GrpHdr/CtrlSum'), '1234927.85');
  assert.equal(txt(doc, 'GrpHdr/InitgPty/Nm'), 'Umeå kommun');
  assert.equal(txt(doc, 'GrpHdr/InitgPty/Id/OrgId/Othr/Id'), '2120002742');
  assert.equal(all(doc, 'PmtInf').length, 3);

  // Domestic batch
  const dom = el(doc, 'PmtInf[1]');
  assert.equal(txt(dom, 'PmtInfId'), 'PMT-DOM-1');
  assert.equal(txt(dom, 'PmtMtd'), 'TRF');
  assert.equal(txt(dom, 'NbOfTxs'), '3');
  assert.equal(txt(dom, 'CtrlSum'), '1234817.90');
  assert.equal(txt(dom, 'PmtTpInf/SvcLvl/Cd'), 'NURG');
  assert.equal(txt(dom, 'PmtTpInf/CtgyPurp/Cd'), 'SUPP');
  assert.equal(txt(dom, 'ReqdExctnDt'), '2025-03-03');
  assert.equal(txt(dom, 'DbtrAcct/Id/Othr/Id'), '54029681');
  assert.equal(txt(dom, 'DbtrAcct/Id/Othr/SchmeNm/Prtry'), 'BGNR');
  assert.equal(txt(dom, 'DbtrAgt/FinInstnId/Othr/Id'), 'NOTPROVIDED');
  assert.equal(txt(dom, 'ChrgBr'), 'SHAR');

  const bg = el(dom, 'CdtTrfTxInf[1]');
  assert.equal(txt(bg, 'PmtId/InstrId'), 'INSTR-1');
  assert.equal(txt(bg, 'PmtId/EndToEndId'), 'E2E-BG-1');
  assert.equal(txt(bg, 'Amt/InstdAmt'), '0.01');
  assert.equal(el(bg, 'Amt/InstdAmt').attributes['Ccy'], 'SEK');
  assert.equal(txt(bg, 'CdtrAgt/FinInstnId/ClrSysMmbId/ClrSysId/Cd'), 'SESBA');
  assert.equal(txt(bg, 'CdtrAgt/FinInstnId/ClrSysMmbId/MmbId'), '9900');
  assert.equal(txt(bg, 'CdtrAcct/Id/Othr/Id'), '50501055');
  assert.equal(txt(bg, 'CdtrAcct/Id/Othr/SchmeNm/Prtry'), 'BGNR');
  assert.equal(txt(bg, 'RmtInf/Strd/CdtrRefInf/Tp/CdOrPrtry/Cd'), 'SCOR');
  assert.equal(txt(bg, 'RmtInf/Strd/CdtrRefInf/Ref'), '1234567897');
  assert.ok(absent(bg, 'RmtInf/Ustrd'));

  const pg = el(dom, 'CdtTrfTxInf[2]');
  assert.ok(absent(pg, 'PmtId/InstrId'));
  assert.equal(txt(pg, 'Amt/InstdAmt'), '1234567.89');
  assert.equal(txt(pg, 'CdtrAgt/FinInstnId/ClrSysMmbId/ClrSysId/Cd'), 'SESBA');
  assert.equal(txt(pg, 'CdtrAgt/FinInstnId/ClrSysMmbId/MmbId'), '9500');
  assert.equal(txt(pg, 'CdtrAcct/Id/Othr/Id'), '1234566');
  assert.equal(txt(pg, 'CdtrAcct/Id/Othr/SchmeNm/Cd'), 'BBAN');
  assert.equal(txt(pg, 'Cdtr/Nm'), 'Snöröjning & Grus HB');
  assert.equal(txt(pg, 'Cdtr/PstlAdr/StrtNm'), 'Storgatan 1');
  assert.equal(txt(pg, 'Cdtr/PstlAdr/PstCd'), '903 26');
  assert.equal(txt(pg, 'Cdtr/PstlAdr/TwnNm'), 'Umeå');
  assert.equal(txt(pg, 'Cdtr/PstlAdr/Ctry'), 'SE');
  assert.equal(txt(pg, 'RmtInf/Ustrd'), 'Faktura 2024-117');
  assert.ok(absent(pg, 'RmtInf/Strd'));

  const bank = el(dom, 'CdtTrfTxInf[3]');
  assert.equal(txt(bank, 'Amt/InstdAmt'), '250.00');
  assert.equal(txt(bank, 'CdtrAgt/FinInstnId/ClrSysMmbId/MmbId'), '8327');
  assert.equal(txt(bank, 'CdtrAcct/Id/Othr/Id'), '832791234567890');
  assert.equal(txt(bank, 'CdtrAcct/Id/Othr/SchmeNm/Cd'), 'BBAN');

  // SEPA batch
  const sepa = el(doc, 'PmtInf[2]');
  assert.equal(txt(sepa, 'NbOfTxs'), '1');
  assert.equal(txt(sepa, 'CtrlSum'), '99.95');
  assert.equal(txt(sepa, 'PmtTpInf/SvcLvl/Cd'), 'SEPA');
  assert.equal(txt(sepa, 'ChrgBr'), 'SLEV');
  const eur = el(sepa, 'CdtTrfTxInf');
  assert.equal(el(eur, 'Amt/InstdAmt').attributes['Ccy'], 'EUR');
  assert.equal(txt(eur, 'Amt/InstdAmt'), '99.95');
  assert.equal(txt(eur, 'CdtrAgt/FinInstnId/BIC'), 'COBADEFFXXX');
  assert.equal(txt(eur, 'CdtrAcct/Id/IBAN'), 'DE89370400440532013000');
  assert.equal(txt(eur, 'Cdtr/PstlAdr/StrtNm'), 'Hauptstraße 5');

  // Foreign batch
  const fgn = el(doc, 'PmtInf[3]');
  assert.ok(absent(fgn, 'PmtTpInf/SvcLvl'));
  assert.equal(txt(fgn, 'PmtTpInf/CtgyPurp/Cd'), 'SUPP');
  assert.equal(txt(fgn, 'ChrgBr'), 'SHAR');
  assert.equal(txt(fgn, 'ReqdExctnDt'), '2025-03-04');
  const gbp = el(fgn, 'CdtTrfTxInf');
  assert.equal(txt(gbp, 'Amt/InstdAmt'), '10.00');
  assert.equal(el(gbp, 'Amt/InstdAmt').attributes['Ccy'], 'GBP');
  assert.equal(txt(gbp, 'CdtrAcct/Id/IBAN'), 'GB29NWBK60161331926819');
  assert.equal(txt(gbp, 'Cdtr/PstlAdr/Ctry'), 'GB');
});

test('IBAN debtor account: DbtrAcct/Id/IBAN and DbtrAgt/FinInstnId/BIC', (t) => {
  const xml = writePain001(file({
    debtor: { name: 'Umeå kommun', orgNumber: '2120002742', account: { type: 'iban', iban: 'SE4550000000058398257466', bic: 'ESSESESS' } },
    batches: [{ paymentInfoId: 'P1', executionDate: '2025-12-31', payments: [bgOcr] }],
  }));
  xmllintValidate(t, xml);
  const pmt = el(parse(xml), 'CstmrCdtTrfInitn/PmtInf');
  assert.equal(txt(pmt, 'DbtrAcct/Id/IBAN'), 'SE4550000000058398257466');
  assert.equal(txt(pmt, 'DbtrAgt/FinInstnId/BIC'), 'ESSESESS');
  assert.equal(txt(pmt, 'CtrlSum'), '0.01');
});

test('a Swedish IBAN in SEK is a domestic payment (NURG, not SEPA)', (t) => {
  const p: Payment = { ...bgOcr, endToEndId: 'SE-IBAN', instructionId: 'INSTR-2', account: { type: 'iban', iban: 'SE4550000000058398257466', bic: 'ESSESESS' } };
  const xml = writePain001(file({ batches: [{ paymentInfoId: 'P1', executionDate: '2025-03-03', payments: [bgOcr, p] }] }));
  xmllintValidate(t, xml);
  const pmt = el(parse(xml), 'CstmrCdtTrfInitn/PmtInf');
  assert.equal(txt(pmt, 'PmtTpInf/SvcLvl/Cd'), 'NURG');
  assert.equal(txt(pmt, 'CtrlSum'), '0.02');
});

test('XML special characters are escaped and come back exactly; long names are shortened to 70 characters', (t) => {
  const nasty = `Björk & Söner <AB> "Citat" 'apo' ]]>`;
  const longName = 'Å'.repeat(50) + ' Entreprenad och Fastighetsservice Aktiebolag';
  const xml = writePain001(file({
    initiatingParty: { name: longName, orgNumber: '212000-2742' },
    batches: [{ paymentInfoId: 'P&1', executionDate: '2025-03-03', payments: [
      { ...pgText, creditor: { name: nasty }, remittance: { text: 'Fakt <1> & "2"' } },
    ] }],
  }));
  xmllintValidate(t, xml);
  assert.ok(!xml.includes('<AB>'));
  const doc = el(parse(xml), 'CstmrCdtTrfInitn');
  assert.equal(txt(doc, 'PmtInf/CdtTrfTxInf/Cdtr/Nm'), nasty);
  assert.equal(txt(doc, 'PmtInf/CdtTrfTxInf/RmtInf/Ustrd'), 'Fakt <1> & "2"');
  assert.equal(txt(doc, 'PmtInf/PmtInfId'), 'P&1');
  const shortened = txt(doc, 'GrpHdr/InitgPty/Nm');
  assert.equal([...shortened].length, 70);
  assert.equal(shortened, [...longName].slice(0, 70).join(''));
});

test('identifiers at the 35-character limit and a 140-character text pass; one more is refused', (t) => {
  const id35 = 'E'.repeat(35);
  const text140 = 'T'.repeat(140);
  const xml = writePain001(file({ messageId: 'M'.repeat(35), batches: [{ paymentInfoId: 'P'.repeat(35), executionDate: '2025-03-03', payments: [
    { ...pgText, endToEndId: id35, instructionId: 'I'.repeat(35), remittance: { text: text140 } },
  ] }] }));
  xmllintValidate(t, xml);
  assert.equal(txt(el(parse(xml), 'CstmrCdtTrfInitn'), 'PmtInf/CdtTrfTxInf/PmtId/EndToEndId'), id35);

  const e = refused(file({ messageId: 'M'.repeat(36), batches: [{ paymentInfoId: 'P1', executionDate: '2025-03-03', payments: [
    { ...pgText, endToEndId: id35 + 'X', remittance: { text: text140 + 'X' } },
  ] }] }));
  assert.deepEqual(e.problems.map((p) => p.path).sort(), ['batches[0].payments[0].endToEndId', 'batches[0].payments[0].remittance.text', 'messageId']);
});

test('refuses amounts that are zero, negative or not whole öre', () => {
  for (const amountOre of [0n, -100n]) {
    const e = refused(file({ batches: [{ paymentInfoId: 'P1', executionDate: '2025-03-03', payments: [{ ...bgOcr, amountOre }] }] }));
    assert.deepEqual(e.problems.map((p) => p.path), ['batches[0].payments[0].amountOre']);
    assert.match(e.message, /större än noll/);
    assert.match(e.messageEn, /greater than zero/);
  }
  // A float (e.g. 12.345 kr passed by mistake) is not an amount in öre.
  const e = refused(file({ batches: [{ paymentInfoId: 'P1', executionDate: '2025-03-03', payments: [{ ...bgOcr, amountOre: 12.345 as unknown as bigint }] }] }));
  assert.match(e.messageEn, /whole öre/);
});

test('refuses an OCR reference with a wrong check digit', () => {
  const e = refused(file({ batches: [{ paymentInfoId: 'P1', executionDate: '2025-03-03', payments: [{ ...bgOcr, remittance: { ocr: '1234567890' } }] }] }));
  assert.deepEqual(e.problems.map((p) => p.path), ['batches[0].payments[0].remittance.ocr']);
  assert.match(e.message, /kontrollsiffran/);
});

test('refuses an empty batch and a file without batches', () => {
  let e = refused(file({ batches: [{ paymentInfoId: 'P1', executionDate: '2025-03-03', payments: [] }] }));
  assert.deepEqual(e.problems.map((p) => p.path), ['batches[0].payments']);
  e = refused(file({ batches: [] }));
  assert.deepEqual(e.problems.map((p) => p.path), ['batches']);
});

test('refuses duplicate end-to-end ids anywhere in the file, and duplicate batch ids', () => {
  const e = refused(file({ batches: [
    { paymentInfoId: 'P1', executionDate: '2025-03-03', payments: [bgOcr] },
    { paymentInfoId: 'P1', executionDate: '2025-03-03', payments: [{ ...pgText, endToEndId: bgOcr.endToEndId }] },
  ] }));
  assert.deepEqual(e.problems.map((p) => p.path).sort(), ['batches[1].paymentInfoId', 'batches[1].payments[0].endToEndId']);
  assert.match(e.messageEn, /already used by batches\[0\]\.payments\[0\]/);
});

test('refuses giro/bank payments in another currency than SEK, and batches mixing payment kinds', () => {
  let e = refused(file({ batches: [{ paymentInfoId: 'P1', executionDate: '2025-03-03', payments: [{ ...bgOcr, currency: 'EUR' }] }] }));
  assert.deepEqual(e.problems.map((p) => p.path), ['batches[0].payments[0].currency']);
  e = refused(file({ batches: [{ paymentInfoId: 'P1', executionDate: '2025-03-03', payments: [bgOcr, sepaEur] }] }));
  assert.deepEqual(e.problems.map((p) => p.path), ['batches[0].payments']);
  assert.match(e.messageEn, /mixes payment kinds \(domestic, sepa\)/);
});

test('refuses invalid account numbers, IBAN, BIC, dates and a foreign payment without creditor country', () => {
  const e = refused(file({
    createdAt: '2025-02-30T10:00:00',
    batches: [{ paymentInfoId: 'P1', executionDate: '2025-13-01', payments: [
      { ...bgOcr, account: { type: 'bankgiro', number: '5050-1056' } },
      { ...pgText, account: { type: 'bank', clearing: '12', account: '123' } },
    ] }, { paymentInfoId: 'P2', executionDate: '2025-03-03', payments: [
      { ...sepaEur, account: { type: 'iban', iban: 'DE89370400440532013001', bic: 'COBADEFF' } },
      { ...sepaEur, endToEndId: 'X2', account: { type: 'iban', iban: 'DE89370400440532013000', bic: 'NOTABIC' } },
    ] }, { paymentInfoId: 'P3', executionDate: '2025-03-03', payments: [
      { ...foreignGbp, creditor: { name: 'Widgets Ltd' } },
    ] }],
  }));
  assert.deepEqual(e.problems.map((p) => p.path).sort(), [
    'batches[0].executionDate',
    'batches[0].payments[0].account',
    'batches[0].payments[1].account',
    'batches[1].payments[0].account',
    'batches[1].payments[1].account',
    'batches[2].payments[0].creditor.address',
    'createdAt',
  ]);
  // One error lists every problem, in Swedish and English.
  assert.equal(e.message.split('\n').length, 8);
  assert.equal(e.messageEn.split('\n').length, 8);
});

test('refuses control characters and identifiers with line breaks instead of writing them', () => {
  const e = refused(file({ batches: [{ paymentInfoId: 'P1', executionDate: '2025-03-03', payments: [
    { ...pgText, endToEndId: 'A\nB', creditor: { name: 'Bell\u0007 AB' } },
  ] }] }));
  assert.deepEqual(e.problems.map((p) => p.path).sort(), ['batches[0].payments[0].creditor.name', 'batches[0].payments[0].endToEndId']);
});

test('CtrlSum is exact for many small amounts (no float drift)', (t) => {
  // 300 × 0.10 kr = 30.00 kr exactly (as floats 0.1 summed 300 times is 30.000000000000156).
  const payments: Payment[] = Array.from({ length: 300 }, (_, i) => ({ ...bgOcr, endToEndId: `E${i}`, instructionId: `I${i}`, amountOre: 10n }));
  const xml = writePain001(file({ batches: [{ paymentInfoId: 'P1', executionDate: '2025-03-03', payments }] }));
  xmllintValidate(t, xml);
  const doc = el(parse(xml), 'CstmrCdtTrfInitn');
  assert.equal(txt(doc, 'GrpHdr/NbOfTxs'), '300');
  assert.equal(txt(doc, 'GrpHdr/CtrlSum'), '30.00');
  assert.equal(txt(doc, 'PmtInf/CtrlSum'), '30.00');
});

test('amount helpers: two decimals out, exact öre in, more than two decimals refused', () => {
  assert.equal(formatOre(1n), '0.01');
  assert.equal(formatOre(123456789n), '1234567.89');
  assert.equal(formatOre(100n), '1.00');
  assert.deepEqual(parseAmountToOre('0.01'), { ok: true, ore: 1n });
  assert.deepEqual(parseAmountToOre('1234567.89'), { ok: true, ore: 123456789n });
  assert.deepEqual(parseAmountToOre('12.5'), { ok: true, ore: 1250n });
  assert.deepEqual(parseAmountToOre('12.500'), { ok: true, ore: 1250n });
  assert.deepEqual(parseAmountToOre('7'), { ok: true, ore: 700n });
  assert.deepEqual(parseAmountToOre('12.345'), { ok: false, reason: 'decimals' });
  for (const bad of ['', 'abc', '-1.00', '+1', '1e3', '1,50', '.5', 'NaN']) assert.deepEqual(parseAmountToOre(bad), { ok: false, reason: 'format' }, bad);
  assert.deepEqual(parseAmountToOre('12345678901234567'), { ok: false, reason: 'range' });
});

test('xmllint itself rejects a broken file (the validation helper is not a no-op)', (t) => {
  const dir = standardsOrSkip(t);
  if (dir === null) return;
  if (!hasXmllint()) { t.skip('xmllint missing'); return; }
  const xml = writePain001(file()).replace('<PmtMtd>TRF</PmtMtd>', '<PmtMtd>XXX</PmtMtd>');
  const xsd = join(dir, 'iso20022', 'python-sepaxml', 'sepaxml', 'schemas', 'pain.001.001.03.xsd');
  const tmp = mkdtempSync(join(tmpdir(), 'avrop-pain001-'));
  try {
    writeFileSync(join(tmp, 'f.xml'), xml);
    assert.throws(() => execFileSync('xmllint', ['--noout', '--schema', xsd, join(tmp, 'f.xml')], { stdio: 'pipe' }));
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});
