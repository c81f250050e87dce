import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readDocument } from './document.ts';
import { val, norm, has, isoDate, child, path, descendants, isEmptyElement, canonicalName, NS } from './model.ts';
import type { ParsedDocument } from './model.ts';
import { standardsOrSkip, standardsPath } from '../../../test/support/standards.ts';

function read(input: string | Uint8Array): ParsedDocument {
  const r = readDocument(input);
  if (!r.ok) assert.fail(`${r.finding.rule}: ${r.finding.messageEn}`);
  return r.doc;
}

const UBL_HEAD = 'xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"';

test('detects syntax by root element and namespace', () => {
  assert.equal(read(`<Invoice ${UBL_HEAD}/>`).syntax, 'ubl-invoice');
  assert.equal(read('<CreditNote xmlns="urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"/>').syntax, 'ubl-creditnote');
  assert.equal(read('<x:CrossIndustryInvoice xmlns:x="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"/>').syntax, 'cii');
});

test('unknown root and lying namespaces give AVROP-DOC- findings', () => {
  const cases: [string, string][] = [
    ['<Order xmlns="urn:oasis:names:specification:ubl:schema:xsd:Order-2"/>', 'AVROP-DOC-001'],
    ['<html><body/></html>', 'AVROP-DOC-001'],
    ['<rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:999"/>', 'AVROP-DOC-002'],
    ['<CrossIndustryInvoice/>', 'AVROP-DOC-002'],
    ['<Invoice xmlns="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"/>', 'AVROP-DOC-002'],
    ['<Invoice/>', 'AVROP-DOC-002'],
  ];
  for (const [xml, rule] of cases) {
    const r = readDocument(xml);
    assert.ok(!r.ok, xml);
    assert.equal(r.finding.rule, rule, xml);
    assert.equal(r.finding.severity, 'fatal');
    assert.ok(r.finding.message.length > 0 && r.finding.messageEn.length > 0);
  }
});

test('UBL invoice: raw values, arrays, attributes and locations', () => {
  const doc = read(`<?xml version="1.0" encoding="UTF-8"?>
<Invoice ${UBL_HEAD}>
  <cbc:ID> INV-1 </cbc:ID>
  <cbc:IssueDate>2024-01-31</cbc:IssueDate>
  <cbc:DueDate>2024-02-29</cbc:DueDate>
  <cbc:Note>one</cbc:Note><cbc:Note>two</cbc:Note>
  <cbc:DocumentCurrencyCode>SEK</cbc:DocumentCurrencyCode>
  <cbc:BuyerReference>ref-1</cbc:BuyerReference>
  <cbc:BuyerReference>ref-2</cbc:BuyerReference>
  <cac:AdditionalDocumentReference><cbc:ID schemeID="AAA">obj</cbc:ID><cbc:DocumentTypeCode>130</cbc:DocumentTypeCode></cac:AdditionalDocumentReference>
  <cac:AdditionalDocumentReference><cbc:ID>att</cbc:ID><cac:Attachment><cbc:EmbeddedDocumentBinaryObject mimeCode="text/plain" filename="a.txt">aGVq</cbc:EmbeddedDocumentBinaryObject></cac:Attachment></cac:AdditionalDocumentReference>
  <cac:AccountingSupplierParty><cac:Party>
    <cbc:EndpointID schemeID="0007">5560000000</cbc:EndpointID>
    <cac:PartyName><cbc:Name>Trade AB</cbc:Name></cac:PartyName>
    <cac:PostalAddress><cbc:CityName>Umeå</cbc:CityName><cac:Country><cbc:IdentificationCode>SE</cbc:IdentificationCode></cac:Country></cac:PostalAddress>
    <cac:PartyTaxScheme><cbc:CompanyID>SE556000000001</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>
    <cac:PartyTaxScheme><cbc:CompanyID>Godkänd för F-skatt</cbc:CompanyID><cac:TaxScheme><cbc:ID>TAX</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>
    <cac:PartyLegalEntity><cbc:RegistrationName>Legal AB</cbc:RegistrationName><cbc:CompanyID schemeID="0007">5560000000</cbc:CompanyID></cac:PartyLegalEntity>
  </cac:Party></cac:AccountingSupplierParty>
  <cac:PaymentMeans><cbc:PaymentMeansCode>30</cbc:PaymentMeansCode><cbc:PaymentID>123</cbc:PaymentID>
    <cac:PayeeFinancialAccount><cbc:ID>1234-5678</cbc:ID><cac:FinancialInstitutionBranch><cbc:ID>SE:BANKGIRO</cbc:ID></cac:FinancialInstitutionBranch></cac:PayeeFinancialAccount></cac:PaymentMeans>
  <cac:AllowanceCharge><cbc:ChargeIndicator> false </cbc:ChargeIndicator><cbc:Amount currencyID="SEK">10</cbc:Amount></cac:AllowanceCharge>
  <cac:AllowanceCharge><cbc:ChargeIndicator>true</cbc:ChargeIndicator><cbc:Amount currencyID="SEK">5.5</cbc:Amount><cac:TaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>25</cbc:Percent></cac:TaxCategory></cac:AllowanceCharge>
  <cac:TaxTotal><cbc:TaxAmount currencyID="SEK">25.00</cbc:TaxAmount>
    <cac:TaxSubtotal><cbc:TaxableAmount currencyID="SEK">100.00</cbc:TaxableAmount><cbc:TaxAmount currencyID="SEK">25.00</cbc:TaxAmount><cac:TaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>25</cbc:Percent></cac:TaxCategory></cac:TaxSubtotal></cac:TaxTotal>
  <cac:TaxTotal><cbc:TaxAmount currencyID="EUR">2.20</cbc:TaxAmount></cac:TaxTotal>
  <cac:LegalMonetaryTotal><cbc:LineExtensionAmount currencyID="SEK">100.00</cbc:LineExtensionAmount><cbc:PayableAmount currencyID="SEK">125.00</cbc:PayableAmount></cac:LegalMonetaryTotal>
  <cac:InvoiceLine><cbc:ID>1</cbc:ID><cbc:InvoicedQuantity unitCode="EA">1</cbc:InvoicedQuantity><cbc:LineExtensionAmount currencyID="SEK">60.00</cbc:LineExtensionAmount>
    <cac:Item><cbc:Name>Papper</cbc:Name><cac:CommodityClassification><cbc:ItemClassificationCode listID="STI">1</cbc:ItemClassificationCode></cac:CommodityClassification>
      <cac:ClassifiedTaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>25</cbc:Percent></cac:ClassifiedTaxCategory>
      <cac:AdditionalItemProperty><cbc:Name>Färg</cbc:Name><cbc:Value>Vit</cbc:Value></cac:AdditionalItemProperty></cac:Item>
    <cac:Price><cbc:PriceAmount currencyID="SEK">60</cbc:PriceAmount><cac:AllowanceCharge><cbc:ChargeIndicator>false</cbc:ChargeIndicator><cbc:Amount currencyID="SEK">5</cbc:Amount><cbc:BaseAmount currencyID="SEK">65</cbc:BaseAmount></cac:AllowanceCharge></cac:Price></cac:InvoiceLine>
  <cac:InvoiceLine><cbc:ID>2</cbc:ID><cbc:InvoicedQuantity unitCode="EA">2</cbc:InvoicedQuantity><cbc:LineExtensionAmount currencyID="SEK">40.00</cbc:LineExtensionAmount><cac:Item><cbc:Name>Pennor</cbc:Name></cac:Item></cac:InvoiceLine>
</Invoice>`);
  const inv = doc.invoice;
  assert.equal(val(inv.number), ' INV-1 ');
  assert.equal(norm(inv.number), 'INV-1');
  assert.equal(inv.buyerReference.length, 2);
  assert.equal(inv.buyerReference[1]!.location, '/Invoice/cbc:BuyerReference[2]');
  assert.equal(inv.notes.length, 2);
  assert.equal(val(inv.notes[1]!.text), 'two');
  assert.equal(isoDate(inv.dueDate[0]), '2024-02-29');
  assert.equal(val(inv.invoicedObjectIdentifier), 'obj');
  assert.equal(inv.invoicedObjectIdentifier[0]!.attrs['schemeID'], 'AAA');
  assert.equal(inv.attachments.length, 1);
  assert.equal(inv.attachments[0]!.mimeCode, 'text/plain');
  assert.equal(inv.attachments[0]!.filename, 'a.txt');
  assert.equal(new TextDecoder().decode(inv.attachments[0]!.content), 'hej');
  assert.equal(inv.documentReferences.length, 2);
  const s = inv.seller;
  assert.equal(val(s.name), 'Legal AB');
  assert.equal(val(s.tradingName), 'Trade AB');
  assert.equal(s.endpointId[0]!.attrs['schemeID'], '0007');
  assert.equal(val(s.vatId), 'SE556000000001');
  assert.equal(val(s.taxRegistrationId), 'Godkänd för F-skatt');
  assert.equal(val(s.address!.city), 'Umeå');
  assert.equal(val(s.address!.countryCode), 'SE');
  assert.equal(s.location, '/Invoice/cac:AccountingSupplierParty/cac:Party');
  assert.equal(inv.buyer.el, undefined);
  assert.equal(inv.buyer.count, 0);
  assert.ok(!has(inv.buyer.name));
  assert.equal(inv.paymentMeans[0]!.creditTransfers[0]!.accountId[0]!.value, '1234-5678');
  assert.equal(val(inv.paymentMeans[0]!.creditTransfers[0]!.serviceProviderId), 'SE:BANKGIRO');
  assert.equal(inv.allowances.length, 1);
  assert.equal(inv.charges.length, 1);
  assert.equal(inv.allowanceCharges.length, 2);
  assert.equal(inv.charges[0]!.amount[0]!.attrs['currencyID'], 'SEK');
  assert.equal(val(inv.charges[0]!.vatCategoryCode), 'S');
  assert.equal(inv.taxTotals.length, 2);
  assert.equal(inv.vatBreakdown.length, 1);
  assert.equal(val(inv.vatBreakdown[0]!.taxableAmount), '100.00');
  assert.deepEqual(inv.totals.taxTotalAmounts.map((f) => f.attrs['currencyID']), ['SEK', 'EUR']);
  assert.equal(val(inv.totals.payableAmount), '125.00');
  assert.equal(inv.lines.length, 2);
  const l1 = inv.lines[0]!;
  assert.equal(val(l1.quantity), '1');
  assert.equal(l1.quantity[0]!.attrs['unitCode'], 'EA');
  assert.equal(val(l1.item.name), 'Papper');
  assert.equal(l1.item.classifications[0]!.attrs['listID'], 'STI');
  assert.equal(val(l1.vat!.code), 'S');
  assert.equal(val(l1.item.attributes[0]!.value), 'Vit');
  assert.equal(val(l1.price!.netPrice), '60');
  assert.equal(val(l1.price!.discount), '5');
  assert.equal(val(l1.price!.grossPrice), '65');
  assert.equal(inv.lines[1]!.netAmount[0]!.location, '/Invoice/cac:InvoiceLine[2]/cbc:LineExtensionAmount');
  assert.equal(inv.lines[1]!.position, 2);
  // generic tree helpers
  assert.equal(child(doc.root, 'cbc:ID')!.text, ' INV-1 ');
  assert.equal(path(doc.root, 'cac:AccountingSupplierParty/cac:Party/cac:PartyName/cbc:Name').length, 1);
  assert.ok(descendants(doc.root).length > 50);
  assert.equal(canonicalName(doc.root), 'Invoice');
  assert.equal(doc.root.ns, NS.ublInvoice);
  assert.ok(!isEmptyElement(doc.root));
});

test('UBL credit note and CII examples are read into the same model', (t) => {
  if (!standardsOrSkip(t)) return;
  const cn = read(readFileSync(standardsPath('peppol-bis-invoice-3/rules/examples/base-creditnote-correction.xml')));
  assert.equal(cn.syntax, 'ubl-creditnote');
  assert.equal(val(cn.invoice.typeCode), '381');
  assert.equal(val(cn.invoice.lines[1]!.quantity), '-3');
  assert.equal(cn.invoice.lines[1]!.quantity[0]!.location, '/CreditNote/cac:CreditNoteLine[2]/cbc:CreditedQuantity');
  assert.equal(val(cn.invoice.paymentMeans[0]!.paymentId), 'Snippet1');

  const cii = read(readFileSync(standardsPath('eInvoicing-EN16931/cii/examples/CII_example1.xml')));
  const inv = cii.invoice;
  assert.equal(cii.syntax, 'cii');
  assert.equal(val(inv.number), '12115118');
  assert.equal(val(inv.issueDate), '20150109');
  assert.equal(isoDate(inv.issueDate[0]), '2015-01-09');
  assert.equal(inv.issueDate[0]!.attrs['format'], '102');
  assert.equal(val(inv.seller.name), 'De Koksmaat');
  assert.equal(val(inv.seller.legalRegistrationId), '57151520');
  assert.equal(val(inv.seller.vatId), 'NL8200.98.395.B.01');
  assert.equal(val(inv.seller.address!.postCode), '1950 AB');
  assert.equal(val(inv.buyer.identifiers), '10202');
  assert.equal(val(inv.buyer.contact!.name), 'Dhr. J BLOKKER');
  assert.equal(inv.lines.length, 20);
  assert.equal(val(inv.lines[0]!.price!.netPrice), '9.95');
  assert.equal(val(inv.lines[0]!.quantity), '2');
  assert.equal(val(inv.lines[0]!.vat!.rate), '6');
  assert.equal(val(inv.totals.payableAmount), '250.33');
  assert.equal(val(inv.notes[0]!.subjectCode), 'AAR');
  assert.equal(inv.number[0]!.location, '/rsm:CrossIndustryInvoice/rsm:ExchangedDocument/ram:ID');
  assert.match(inv.lines[1]!.netAmount[0]!.location, /^\/rsm:CrossIndustryInvoice\/rsm:SupplyChainTradeTransaction\/ram:IncludedSupplyChainTradeLineItem\[2\]\//);
});

test('all 89 official documents are read, and every model field is reachable without throwing', (t) => {
  const dir = standardsOrSkip(t);
  if (!dir) return;
  const verdicts = JSON.parse(readFileSync(standardsPath('reference-verdicts.json'), 'utf8')) as Record<string, { syntax: string }>;
  for (const [file, v] of Object.entries(verdicts)) {
    const doc = read(readFileSync(standardsPath(file)));
    assert.equal(doc.syntax === 'cii' ? 'cii' : 'ubl', v.syntax, file);
    // touch everything (lazy getters included)
    JSON.stringify(doc.invoice, (k, value: unknown) => (k === 'el' || k === 'parent' ? undefined : value instanceof Uint8Array ? value.length : value));
    assert.ok(doc.invoice.lines.length > 0, file);
  }
});
