import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSwedishAmount, proposeFields } from './propose-fields.ts';

test('Swedish amounts', () => {
  assert.equal(parseSwedishAmount('1 250,00'), '1250.00');
  assert.equal(parseSwedishAmount('1.250,50'), '1250.50');
  assert.equal(parseSwedishAmount('1250.5'), '1250.50');
  assert.equal(parseSwedishAmount('995:-'), '995.00');
  assert.equal(parseSwedishAmount('abc'), null);
});

test('proposes the fields of a typical Swedish PDF invoice', () => {
  const text = [
    'Målerifirman Nord AB', 'Org.nr 556677-8899', 'Momsreg.nr SE556677889901 Godkänd för F-skatt',
    'Faktura', 'Fakturanummer: 2026-117', 'Fakturadatum: 2026-11-02', 'Förfallodatum: 2026-12-02',
    'Er referens: KS4411 Anna Berg', 'Målning korridor 12 tim 7 800,00',
    'Summa exkl. moms 7 800,00', 'Moms 25 % 1 950,00', 'Att betala 9 750,00 kr',
    'Bankgiro 5050-1055', 'OCR 1234567897',
  ].join('\n');
  assert.deepEqual(proposeFields(text), {
    orgNumber: '556677-8899', vatNumber: 'SE556677889901', bankgiro: '5050-1055', plusgiro: null,
    invoiceNumber: '2026-117', issueDate: '2026-11-02', dueDate: '2026-12-02', currency: 'SEK',
    netAmount: '7800.00', vatAmount: '1950.00', grossAmount: '9750.00', ocr: '1234567897', buyerReference: 'KS4411 Anna Berg',
  });
});

test('wrong check digits are not proposed', () => {
  const p = proposeFields('Org.nr 556677-8890\nBankgiro 5050-1056\nOCR 1234567890');
  assert.equal(p.orgNumber, null);
  assert.equal(p.bankgiro, null);
  assert.equal(p.ocr, null);
});

test('one-line text and supplier names after the word Faktura', () => {
  const p = proposeFields('Faktura Arbetskläder Proffs AB Fakturanummer 4471 Summa exkl. moms 1 000,00 Moms 250,00 Att betala 1 250,00 kr');
  assert.equal(p.invoiceNumber, '4471');
  assert.equal(p.vatAmount, '250.00');
  assert.equal(p.netAmount, '1000.00');
  assert.equal(p.grossAmount, '1250.00');
  assert.equal(proposeFields('Faktura Arbetskläder Proffs AB').invoiceNumber, null);
});
