// Focused cases for the EN 16931 UBL syntax rules (ubl-syntax.ts); the official unit tests run in oracle.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readDocument } from '../../document.ts';
import { runRules } from '../../validate.ts';
import type { Finding } from '../types.ts';
import { ublSyntaxRules } from './ubl-syntax.ts';

const NSS = 'xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" ' +
  'xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" ' +
  'xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"';

function run(body: string): Finding[] {
  const r = readDocument(`<Invoice ${NSS}>${body}</Invoice>`);
  assert.ok(r.ok);
  return runRules(r.doc, ublSyntaxRules);
}
const ids = (fs: Finding[]): string[] => fs.map((f) => `${f.rule}:${f.severity}@${f.location}`);

test('UBL-SR-47 / SR-44 count distinct raw values (no trimming)', () => {
  assert.deepEqual(ids(run('<cac:PaymentMeans><cbc:PaymentMeansCode>30</cbc:PaymentMeansCode></cac:PaymentMeans><cac:PaymentMeans><cbc:PaymentMeansCode>30</cbc:PaymentMeansCode></cac:PaymentMeans>')), []);
  assert.deepEqual(ids(run('<cac:PaymentMeans><cbc:PaymentMeansCode>30</cbc:PaymentMeansCode></cac:PaymentMeans><cac:PaymentMeans><cbc:PaymentMeansCode> 30</cbc:PaymentMeansCode></cac:PaymentMeans>')), ['UBL-SR-47:fatal@/Invoice']);
  assert.deepEqual(ids(run('<cac:PaymentMeans><cbc:PaymentID>A</cbc:PaymentID></cac:PaymentMeans><cac:PaymentMeans><cbc:PaymentID>B</cbc:PaymentID></cac:PaymentMeans>')), ['UBL-SR-44:fatal@/Invoice']);
});

test('UBL-DT-01 skips price amounts and amounts below a price with an allowance', () => {
  const f = run('<cac:LegalMonetaryTotal><cbc:PayableAmount>1.001</cbc:PayableAmount><cbc:TaxExclusiveAmount>1.00</cbc:TaxExclusiveAmount></cac:LegalMonetaryTotal>' +
    '<cac:InvoiceLine><cac:Price><cbc:PriceAmount>1.0001</cbc:PriceAmount><cac:AllowanceCharge><cbc:Amount>0.001</cbc:Amount></cac:AllowanceCharge></cac:Price></cac:InvoiceLine>');
  assert.deepEqual(ids(f), ['UBL-DT-01:fatal@/Invoice/cac:LegalMonetaryTotal/cbc:PayableAmount']);
});

test('UBL-SR-12, SR-42, DT-06/07 and CR-679 (warning)', () => {
  const pts = (id: string, scheme: string) => `<cac:PartyTaxScheme><cbc:CompanyID>${id}</cbc:CompanyID><cac:TaxScheme><cbc:ID>${scheme}</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>`;
  const f = run(`<cac:AdditionalDocumentReference><cbc:ID>1</cbc:ID><cac:Attachment><cbc:EmbeddedDocumentBinaryObject mimeCode="application/pdf">AA==</cbc:EmbeddedDocumentBinaryObject></cac:Attachment></cac:AdditionalDocumentReference>` +
    `<cac:AccountingSupplierParty><cac:Party>${pts('SE1', 'VAT')}${pts('SE2', 'vat')}${pts('3', 'TAX')}</cac:Party></cac:AccountingSupplierParty>` +
    '<cac:InvoiceLine><cac:Item><cac:ClassifiedTaxCategory><cbc:ID schemeID="UNCL5305">S</cbc:ID></cac:ClassifiedTaxCategory></cac:Item></cac:InvoiceLine>');
  assert.deepEqual(ids(f).sort(), [
    'UBL-CR-679:warning@/Invoice',
    'UBL-DT-07:fatal@/Invoice/cac:AdditionalDocumentReference/cac:Attachment/cbc:EmbeddedDocumentBinaryObject',
    'UBL-SR-12:fatal@/Invoice',
    'UBL-SR-42:fatal@/Invoice/cac:AccountingSupplierParty/cac:Party',
  ]);
});

test('the UBL syntax rules do not run on CII', () => {
  const r = readDocument('<rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"><rsm:X><TotalAmount>1.001</TotalAmount></rsm:X></rsm:CrossIndustryInvoice>');
  assert.ok(r.ok);
  assert.deepEqual(runRules(r.doc, ublSyntaxRules), []);
});
