// The generated code-list tables must equal the source XML in shared/standards (regenerate with
// `node --import tsx scripts/generate-codelists.ts` when this fails after an update of the standards).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { standardsOrSkip } from '../../../../test/support/standards.ts';
import * as lists from './index.ts';

const SOURCES: [string, ReadonlySet<string>][] = [
  ['ISO3166-1_Alpha2.xml', lists.countryCodes],
  ['ISO4217_2015.xml', lists.currencyCodes],
  ['MimeCode.xml', lists.mimeCodes],
  ['SEPA.xml', lists.sepaSchemes],
  ['UNCL1001-inv.xml', lists.invoiceTypeCodes],
  ['UNCL1001-cn.xml', lists.creditNoteTypeCodes],
  ['UNCL1153.xml', lists.objectIdentifierSchemes],
  ['UNCL2005.xml', lists.vatDateCodes],
  ['UNCL4461.xml', lists.paymentMeansCodes],
  ['UNCL5189.xml', lists.allowanceReasonCodes],
  ['UNCL5305.xml', lists.vatCategoryCodes],
  ['UNCL7143.xml', lists.itemClassificationSchemes],
  ['UNCL7161.xml', lists.chargeReasonCodes],
  ['UNECERec20-11e.xml', lists.unitCodes],
  ['VATEX.xml', lists.vatExemptionReasonCodes],
  ['eas.xml', lists.easCodes],
  ['icd.xml', lists.icdCodes],
];

describe('generated code lists', () => {
  for (const [file, set] of SOURCES) {
    it(`${file} is up to date`, (t) => {
      const base = standardsOrSkip(t);
      if (!base) return;
      const xml = readFileSync(join(base, 'peppol-bis-invoice-3', 'structure', 'codelist', file), 'utf8');
      const ids = [...xml.matchAll(/<Id>\s*([^<]*?)\s*<\/Id>/g)].map((m) => m[1]!);
      assert.deepEqual([...set].sort(), [...new Set(ids)].sort());
    });
  }
  it('has the codes the rules rely on', () => {
    assert.ok(lists.currencyCodes.has('SEK') && lists.currencyCodes.has('EUR'));
    assert.ok(lists.countryCodes.has('SE') && lists.countryCodes.has('XI') && lists.countryCodes.has('1A'));
    assert.ok(lists.easCodes.has('0007') && lists.easCodes.has('0088') && lists.easCodes.has('9955') === false);
    assert.ok(!lists.easCodes.has('0207'), '0207 is in the EAS list but not accepted by Peppol');
    assert.ok(lists.icdCodes.has('0007'));
    assert.ok(lists.unitCodes.has('C62') && lists.unitCodes.has('XBX'));
    assert.ok(lists.paymentMeansCodes.has('30') && lists.paymentMeansCodes.has('ZZZ'));
    assert.ok(lists.vatCategoryCodes.has('AE') && lists.vatCategoryCodes.has('B'));
    assert.ok(!lists.invoiceTypeCodes.has('381') && lists.creditNoteTypeCodes.has('381'));
    assert.equal(lists.easNames.get('0007'), 'Organisationsnummer (Swedish legal entities)');
  });
  it('EN 16931 edition of the EAS list is a superset of the Peppol one (adds EM, AN, … for BR-CL-25)', () => {
    for (const c of lists.easCodes) assert.ok(lists.easCodesEn16931.has(c), c);
    for (const c of ['EM', 'AN', 'AQ', 'AS', 'AU', '0219', '0248']) assert.ok(lists.easCodesEn16931.has(c) && !lists.easCodes.has(c), c);
    assert.equal(lists.easCodesEn16931.size, lists.easCodes.size + lists.easCodesEn16931OnlyExtra.size);
  });
});
