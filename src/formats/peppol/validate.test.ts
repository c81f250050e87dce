import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { validateInvoice, runRules } from './validate.ts';
import { readDocument } from './document.ts';
import { luhnValid, giroShape, rules as avropRules } from './rules/avrop/index.ts';
import type { Rule } from './rules/types.ts';
import { standardsOrSkip, standardsPath } from '../../../test/support/standards.ts';

const enc = (s: string) => new TextEncoder().encode(s);

test('hostile and broken input gives one fatal AVROP finding, never a throw', () => {
  const cases: [Uint8Array | string, string][] = [
    ['<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><Invoice>&b;</Invoice>', 'AVROP-XML-004'],
    [enc('<?xml version="1.0" encoding="ISO-8859-1"?><Invoice/>'), 'AVROP-XML-003'],
    [new Uint8Array([0, 1, 2, 3, 255, 254]), 'AVROP-XML-003'],
    ['not xml at all', 'AVROP-XML-002'],
    ['<a>'.repeat(500), 'AVROP-XML-005'],
    ['<Order/>', 'AVROP-DOC-001'],
    ['<rsm:CrossIndustryInvoice xmlns:rsm="urn:example:fake"/>', 'AVROP-DOC-002'],
  ];
  for (const [input, rule] of cases) {
    const r = validateInvoice(input);
    assert.equal(r.valid, false);
    assert.equal(r.syntax, 'unknown');
    assert.deepEqual(r.findings.map((f) => f.rule), [rule]);
    assert.equal(r.findings[0]!.severity, 'fatal');
    assert.equal(r.model, undefined);
  }
  assert.equal(validateInvoice(enc('<Invoice/>'.padEnd(2000, ' ')), { maxBytes: 1000 }).findings[0]!.rule, 'AVROP-XML-001');
});

test('a rule that throws becomes AVROP-INT-001, other rules still run', () => {
  const boom: Rule = { id: 'X-1', severity: 'fatal', sv: 'x', en: 'x', check: () => { throw new Error('bug'); } };
  const warn: Rule = { id: 'X-2', severity: 'warning', sv: 'v', en: 'w', check: (_d, fail) => fail('/Invoice') };
  const r = validateInvoice('<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"/>', { rules: [boom, warn] });
  assert.deepEqual(r.findings.map((f) => [f.rule, f.severity]), [['AVROP-INT-001', 'fatal'], ['X-2', 'warning']]);
  assert.equal(r.valid, false);
  assert.equal(r.findings[1]!.messageEn, 'w');
  assert.equal(r.syntax, 'ubl-invoice');
  assert.ok(r.model);
});

test('a gate that throws also becomes AVROP-INT-001; a false gate skips its neighbours that share it', () => {
  const badGate = (): boolean => { throw new Error('gate bug'); };
  const closed = (): boolean => false;
  const ran: string[] = [];
  const mk = (id: string, gate: Rule['gate']): Rule => ({ id, severity: 'fatal', sv: 'x', en: 'x', gate, check: () => { ran.push(id); } });
  const r = validateInvoice('<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"/>',
    { rules: [mk('G-1', badGate), mk('G-2', closed), mk('G-3', closed), mk('G-4', undefined)] });
  assert.deepEqual(r.findings.map((f) => f.rule), ['AVROP-INT-001']);
  assert.match(r.findings[0]!.messageEn, /G-1: gate bug/);
  assert.deepEqual(ran, ['G-4']);
});

test('valid = no fatal finding; official clean examples are valid', (t) => {
  if (!standardsOrSkip(t)) return;
  const r = validateInvoice(readFileSync(standardsPath('peppol-bis-invoice-3/rules/examples/base-example.xml')));
  assert.equal(r.syntax, 'ubl-invoice');
  assert.deepEqual(r.findings.filter((f) => f.severity === 'fatal'), []);
  assert.equal(r.valid, true);
  assert.ok(r.model && r.model.lines.length > 0);
});

test('Luhn and giro shapes', () => {
  assert.ok(luhnValid('9912346')); // Bankgirot test number 991-2346
  assert.ok(luhnValid('56781234') === luhnValid('56781234'));
  assert.ok(!luhnValid('9912345'));
  assert.ok(!luhnValid(''));
  assert.ok(!luhnValid('12a4'));
  assert.equal(giroShape('991-2346'), 'bankgiro');
  assert.equal(giroShape('5678-1234'), 'bankgiro');
  assert.equal(giroShape('4711-5'), 'plusgiro');
  assert.equal(giroShape('1234567-8'), 'plusgiro');
  assert.equal(giroShape('12345678'), undefined);
});

const UBL = (payment: string, dates = '<cbc:IssueDate>2024-03-01</cbc:IssueDate><cbc:DueDate>2024-03-31</cbc:DueDate>') => `<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">${dates}${payment}</Invoice>`;
const giro = (id: string, mark: string) => `<cac:PaymentMeans><cbc:PaymentMeansCode>30</cbc:PaymentMeansCode><cac:PayeeFinancialAccount><cbc:ID>${id}</cbc:ID><cac:FinancialInstitutionBranch><cbc:ID>${mark}</cbc:ID></cac:FinancialInstitutionBranch></cac:PayeeFinancialAccount></cac:PaymentMeans>`;

function avrop(xml: string): string[] {
  const r = readDocument(xml);
  assert.ok(r.ok);
  return runRules(r.doc, avropRules).map((f) => `${f.rule}@${f.location}`);
}

test('Avrop advisory rules: bankgiro/plusgiro check digits, mix-ups, due date before issue date', () => {
  assert.deepEqual(avrop(UBL(giro('991-2346', 'SE:BANKGIRO'))), []);
  assert.deepEqual(avrop(UBL(giro('991-2345', 'SE:BANKGIRO'))), ['AVROP-BG-001@/Invoice/cac:PaymentMeans/cac:PayeeFinancialAccount/cbc:ID']);
  assert.deepEqual(avrop(UBL(giro('4711-5', 'SE:BANKGIRO'))).map((s) => s.split('@')[0]), ['AVROP-GIRO-001']);
  assert.deepEqual(avrop(UBL(giro('991-2346', 'SE:PLUSGIRO'))).map((s) => s.split('@')[0]), ['AVROP-GIRO-001']);
  assert.deepEqual(avrop(UBL(giro('4711-4', 'SE:PLUSGIRO'))).map((s) => s.split('@')[0]), ['AVROP-PG-001']);
  assert.deepEqual(avrop(UBL(giro('SE4550000000058398257466', 'ESSESESS'))), []);
  assert.deepEqual(avrop(UBL('', '<cbc:IssueDate>2024-03-01</cbc:IssueDate><cbc:DueDate>2024-02-28</cbc:DueDate>')), ['AVROP-DATE-001@/Invoice/cbc:DueDate']);
  for (const r of avropRules) assert.equal(r.severity, 'warning');
  // AVROP warnings never make a document invalid
  const v = validateInvoice(UBL(giro('991-2345', 'SE:BANKGIRO')), { rules: avropRules });
  assert.equal(v.valid, true);
});

test('mutated official documents never crash a rule (no AVROP-INT-001)', (t) => {
  if (!standardsOrSkip(t)) return;
  const verdicts = JSON.parse(readFileSync(standardsPath('reference-verdicts.json'), 'utf8')) as Record<string, unknown>;
  const texts = Object.keys(verdicts).sort().map((k) => readFileSync(standardsPath(k), 'utf8'));
  let seed = 11;
  const rnd = (n: number): number => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; };
  const junk = ['', ' ', 'abc', '-1', '1e5', '0.0000001', 'NaN', '99999999999999999999999.99', 'true', '2024-13-45', '&amp;', 'SE', '#'];
  const crashes: string[] = [];
  for (let run = 0; run < 400; run++) {
    let s = texts[rnd(texts.length)]!;
    const leaves = [...s.matchAll(/<([a-zA-Z:]+)[^>]*>([^<]*)<\/\1>/g)];
    const leaf = leaves[rnd(leaves.length)]!;
    const i = leaf.index!;
    const m = rnd(3);
    if (m === 0) s = s.slice(0, i) + s.slice(i + leaf[0].length);
    else if (m === 1) s = s.slice(0, i) + leaf[0] + leaf[0] + s.slice(i);
    else s = `${s.slice(0, i)}<${leaf[1]}>${junk[rnd(junk.length)]}</${leaf[1]}>${s.slice(i + leaf[0].length)}`;
    const r = validateInvoice(s);
    for (const f of r.findings) if (f.rule === 'AVROP-INT-001') crashes.push(f.messageEn);
  }
  assert.deepEqual(crashes, []);
});
