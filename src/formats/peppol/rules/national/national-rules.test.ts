// Focused tests of the national rules of Peppol BIS Billing 3.0.19 (SE, NO, DK, NL, IT, GR, DE): every
// expectation of the official vefa unit tests for these countries, plus hand-made Swedish cases.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { standardsOrSkip } from '../../../../../test/support/standards.ts';
import { readDocument } from '../../document.ts';
import { runRules } from '../../validate.ts';
import { checkVefa, readVefaFolder } from '../peppol/vefa-support.ts';
import { rules } from './index.ts';
import { checkSeOrgnrLikeArtefact } from './se.ts';
import { greekTinValid } from './gr.ts';
import { germanRuleIbanOk } from './de.ts';

const isNational = (id: string): boolean => /^(SE|NO|DK|NL|IT|GR|DE)-/.test(id);

const DIRS = [
  'unit-UBL-SE', 'unit-CII-SE', 'unit-UBL-NO', 'unit-CII-NO', 'unit-UBL-DK', 'unit-CII-DK',
  'unit-UBL-NL', 'unit-CII-NL', 'unit-UBL-IT', 'unit-CII-IT', 'unit-UBL-GR', 'unit-UBL-DE',
];

describe('national rules against the official vefa unit tests', () => {
  for (const dir of DIRS) {
    it(dir, (t) => {
      const base = standardsOrSkip(t);
      if (!base) return;
      const r = checkVefa(readVefaFolder(join(base, 'peppol-bis-invoice-3', 'rules', dir)), rules, isNational);
      assert.ok(r.total > 10, `expected expectations, got ${r.total}`);
      assert.deepEqual(r.mismatches, [], `${r.mismatches.length} of ${r.total} expectations not met`);
    });
  }
});

const seller = (country: string, extra: string): string =>
  `<cac:AccountingSupplierParty><cac:Party><cac:PostalAddress><cac:Country><cbc:IdentificationCode>${country}</cbc:IdentificationCode></cac:Country></cac:PostalAddress>${extra}</cac:Party></cac:AccountingSupplierParty>`;
const ubl = (body: string): string =>
  '<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" ' +
  'xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" ' +
  `xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">${body}</Invoice>`;
const vat = (id: string): string => `<cac:PartyTaxScheme><cbc:CompanyID>${id}</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>`;
const legal = (id: string): string => `<cac:PartyLegalEntity><cbc:RegistrationName>AB</cbc:RegistrationName><cbc:CompanyID>${id}</cbc:CompanyID></cac:PartyLegalEntity>`;

function fired(xml: string): string[] {
  const r = readDocument(xml);
  assert.ok(r.ok);
  return runRules(r.doc, rules).map((f) => f.rule);
}

describe('Swedish rules, hand-made cases', () => {
  it('apply only to sellers in Sweden', () => {
    assert.deepEqual(fired(ubl(seller('NO', vat('SE1234') + legal('55-60')))).filter((r) => r.startsWith('SE-')), []);
    const se = fired(ubl(seller('SE', vat('SE1234') + legal('55-60'))));
    for (const id of ['SE-R-001', 'SE-R-003', 'SE-R-004', 'SE-R-013']) assert.ok(se.includes(id), id);
  });
  it('a correct Swedish seller passes', () => {
    const f = fired(ubl(seller('SE', vat('SE556036079301') + legal('5560360793'))));
    assert.deepEqual(f.filter((r) => r.startsWith('SE-')), []);
  });
  it('SE-R-006: only 25, 12 and 6 percent for category S', () => {
    const cat = (pct: string): string => `<cac:TaxTotal><cac:TaxSubtotal><cac:TaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>${pct}</cbc:Percent></cac:TaxCategory></cac:TaxSubtotal></cac:TaxTotal>`;
    const doc = (pct: string): string => ubl(seller('SE', vat('SE556036079301') + legal('5560360793')) + cat(pct));
    assert.ok(!fired(doc('25')).includes('SE-R-006'));
    assert.ok(!fired(doc('12.00')).includes('SE-R-006'));
    assert.ok(fired(doc('20')).includes('SE-R-006'));
  });
  it('SE-R-013 uses the artefact Luhn check (first 10 digits)', () => {
    assert.ok(checkSeOrgnrLikeArtefact('5560360793'));
    assert.ok(checkSeOrgnrLikeArtefact('2021005489'));
    assert.ok(!checkSeOrgnrLikeArtefact('2021005480'));
    assert.ok(!checkSeOrgnrLikeArtefact('556036-0793'));
    assert.ok(!checkSeOrgnrLikeArtefact('556036079'));
  });
});

describe('Icelandic rules (no official unit tests): hand-made cases', () => {
  it('apply only to Icelandic sellers and check the legal id and address', () => {
    const is = fired(ubl('<cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>' + seller('IS', '')));
    assert.ok(is.includes('IS-R-002') && is.includes('IS-R-003') && !is.includes('IS-R-001'));
    const ok = fired(ubl('<cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>' + seller('IS',
      '<cac:PartyLegalEntity><cbc:CompanyID schemeID="0196">5902697199</cbc:CompanyID></cac:PartyLegalEntity>').replace(
      '<cac:Country>', '<cbc:StreetName>Gata 1</cbc:StreetName><cbc:PostalZone>101</cbc:PostalZone><cac:Country>')));
    assert.deepEqual(ok.filter((r) => r.startsWith('IS-')), []);
    assert.deepEqual(fired(ubl(seller('SE', ''))).filter((r) => r.startsWith('IS-')), []);
  });
});

describe('helpers of other countries', () => {
  it('Greek TIN', () => {
    assert.ok(greekTinValid('094259216'));
    assert.ok(!greekTinValid('094259217'));
  });
  it('German rule IBAN check', () => {
    assert.ok(germanRuleIbanOk('DE89 3704 0044 0532 0130 00'));
    assert.ok(!germanRuleIbanOk('DE89 3704 0044 0532 0130 01'));
    assert.ok(!germanRuleIbanOk(undefined));
  });
});
