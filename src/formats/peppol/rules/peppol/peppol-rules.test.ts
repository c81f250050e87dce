// Focused tests of the Peppol BIS Billing 3.0.19 rules (PEPPOL-EN16931-*, PEPPOL-COMMON-*): every expectation of
// the official vefa unit tests (UBL and CII) for these rule ids, plus hand-made cases for the subtle semantics.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { standardsOrSkip } from '../../../../../test/support/standards.ts';
import { readDocument } from '../../document.ts';
import { runRules } from '../../validate.ts';
import { rules } from './index.ts';
import { profileOf } from './transaction.ts';
import { checkVefa, readVefaFolder } from './vefa-support.ts';

const isPeppol = (id: string): boolean => id.startsWith('PEPPOL-');

function fired(xml: string): string[] {
  const r = readDocument(xml);
  assert.ok(r.ok, 'test document must be readable');
  return runRules(r.doc, rules).map((f) => `${f.rule}/${f.severity}`);
}

const UBL = (body: string, root = 'Invoice'): string =>
  `<${root} xmlns="urn:oasis:names:specification:ubl:schema:xsd:${root}-2" ` +
  'xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" ' +
  `xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">${body}</${root}>`;

describe('Peppol rules against the official vefa unit tests', () => {
  for (const dir of ['unit-UBL-PEPPOL', 'unit-CII-PEPPOL']) {
    it(dir, (t) => {
      const base = standardsOrSkip(t);
      if (!base) return;
      const tests = readVefaFolder(join(base, 'peppol-bis-invoice-3', 'rules', dir));
      const r = checkVefa(tests, rules, isPeppol);
      assert.ok(r.total > 100, `expected many expectations, got ${r.total}`);
      assert.deepEqual(r.mismatches, [], `${r.mismatches.length} of ${r.total} expectations not met`);
    });
  }
});

describe('Peppol rules, hand-made cases', () => {
  it('profile: the 7th token of a matching ProfileID, else Unknown', () => {
    const read = (p: string): string => {
      const r = readDocument(UBL(`<cbc:ProfileID>${p}</cbc:ProfileID>`));
      assert.ok(r.ok);
      return profileOf(r.doc);
    };
    assert.equal(read('urn:fdc:peppol.eu:2017:poacc:billing:01:1.0'), '01');
    assert.equal(read('urn:fdc:peppol.eu:2017:poacc:billing:02:1.0'), '02');
    assert.equal(read('urn:fdc:peppol.eu:2017:poacc:selfbilling:01:1.0'), 'Unknown');
  });
  it('PEPPOL-COMMON-R049: Swedish organisation numbers are 10 digits without hyphen, Luhn-valid', () => {
    const doc = (v: string): string => UBL(`<cac:AccountingSupplierParty><cac:Party><cbc:EndpointID schemeID="0007">${v}</cbc:EndpointID></cac:Party></cac:AccountingSupplierParty>`);
    assert.ok(!fired(doc('5560360793')).includes('PEPPOL-COMMON-R049/fatal'));
    assert.ok(fired(doc('556036-0793')).includes('PEPPOL-COMMON-R049/fatal'));
    assert.ok(fired(doc('5560360794')).includes('PEPPOL-COMMON-R049/fatal'));
  });
  it('PEPPOL-EN16931-R120: exact decimals, 0.02 tolerance, rounding of line allowances', () => {
    const line = (net: string, qty: string, price: string, base = ''): string => UBL(
      `<cac:InvoiceLine><cbc:InvoicedQuantity unitCode="C62">${qty}</cbc:InvoicedQuantity>` +
      `<cbc:LineExtensionAmount currencyID="SEK">${net}</cbc:LineExtensionAmount>` +
      `<cac:Price><cbc:PriceAmount currencyID="SEK">${price}</cbc:PriceAmount>${base}</cac:Price></cac:InvoiceLine>`);
    const r120 = (xml: string): boolean => fired(xml).includes('PEPPOL-EN16931-R120/fatal');
    assert.ok(!r120(line('0.30', '3', '0.1')));
    assert.ok(!r120(line('33.35', '1', '100', '<cbc:BaseQuantity unitCode="C62">3</cbc:BaseQuantity>'))); // 33.333… within 0.02
    assert.ok(r120(line('33.36', '1', '100', '<cbc:BaseQuantity unitCode="C62">3</cbc:BaseQuantity>')));
    assert.ok(!r120(line('100.02', '10', '10')));
    assert.ok(r120(line('100.03', '10', '10')));
  });
  it('PEPPOL-EN16931-R008: every empty leaf element is reported once', () => {
    const f = fired(UBL('<cbc:Note></cbc:Note><cbc:BuyerReference> </cbc:BuyerReference><cbc:ID>1</cbc:ID>'));
    assert.equal(f.filter((x) => x === 'PEPPOL-EN16931-R008/fatal').length, 2);
  });
  it('COMMON R044-R047 are warnings, R040-R043/R049/R050 fatal', () => {
    for (const r of rules) {
      if (/^PEPPOL-COMMON-R04[4-8]$/.test(r.id)) assert.equal(r.severity, 'warning', r.id);
      else assert.equal(r.severity, 'fatal', r.id);
    }
  });
  it('every rule has Swedish and English texts', () => {
    const ids = new Set<string>();
    for (const r of rules) {
      assert.ok(!ids.has(r.id), `duplicate ${r.id}`);
      ids.add(r.id);
      assert.ok(r.sv.length > 10 && r.en.length > 10, r.id);
    }
  });
});
