import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { renderInvoiceHtml, formatAmount, formatDecimal, escapeHtml } from './render-html.ts';
import { readDocument } from './document.ts';
import type { ParsedDocument } from './model.ts';
import { standardsOrSkip, standardsPath } from '../../../test/support/standards.ts';

function read(xml: string | Uint8Array): ParsedDocument {
  const r = readDocument(xml);
  if (!r.ok) assert.fail(r.finding.messageEn);
  return r.doc;
}

test('amounts are formatted Swedish style with exact decimals', () => {
  assert.equal(formatAmount('1234.5', 'SEK'), '1\u00a0234,50\u00a0kr');
  assert.equal(formatAmount('-1234567.005', 'SEK'), '\u22121\u00a0234\u00a0567,01\u00a0kr');
  assert.equal(formatAmount('0', 'EUR'), '0,00\u00a0EUR');
  assert.equal(formatAmount('12,5', 'SEK'), '12,5 kr'); // not a decimal: shown as written
  assert.equal(formatAmount(undefined, 'SEK'), '');
  assert.equal(formatDecimal('1000.125'), '1\u00a0000,125');
  assert.equal(escapeHtml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
});

const UBL = `<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
<cbc:ID>F-1&lt;script&gt;alert(1)&lt;/script&gt;</cbc:ID><cbc:IssueDate>2024-03-01</cbc:IssueDate><cbc:DueDate>2024-03-31</cbc:DueDate><cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>
<cbc:Note>Tack för &quot;ordern&quot; &amp; välkommen åter</cbc:Note><cbc:DocumentCurrencyCode>SEK</cbc:DocumentCurrencyCode><cbc:BuyerReference>Ref &lt;b&gt;</cbc:BuyerReference>
<cac:AdditionalDocumentReference><cbc:ID>Bilaga 1</cbc:ID><cac:Attachment><cac:ExternalReference><cbc:URI>javascript:alert(1)</cbc:URI></cac:ExternalReference></cac:Attachment></cac:AdditionalDocumentReference>
<cac:AccountingSupplierParty><cac:Party><cac:PostalAddress><cbc:StreetName>Storgatan 1</cbc:StreetName><cbc:CityName>Umeå</cbc:CityName><cbc:PostalZone>901 00</cbc:PostalZone></cac:PostalAddress>
<cac:PartyLegalEntity><cbc:RegistrationName>Leverantören &lt;AB&gt;</cbc:RegistrationName><cbc:CompanyID>556000-0000</cbc:CompanyID></cac:PartyLegalEntity></cac:Party></cac:AccountingSupplierParty>
<cac:AccountingCustomerParty><cac:Party><cac:PartyLegalEntity><cbc:RegistrationName>Umeå kommun</cbc:RegistrationName></cac:PartyLegalEntity></cac:Party></cac:AccountingCustomerParty>
<cac:PaymentMeans><cbc:PaymentMeansCode>30</cbc:PaymentMeansCode><cbc:PaymentID>1234567897</cbc:PaymentID><cac:PayeeFinancialAccount><cbc:ID>991-2346</cbc:ID><cac:FinancialInstitutionBranch><cbc:ID>SE:BANKGIRO</cbc:ID></cac:FinancialInstitutionBranch></cac:PayeeFinancialAccount></cac:PaymentMeans>
<cac:TaxTotal><cbc:TaxAmount currencyID="SEK">308.63</cbc:TaxAmount><cac:TaxSubtotal><cbc:TaxableAmount currencyID="SEK">1234.50</cbc:TaxableAmount><cbc:TaxAmount currencyID="SEK">308.63</cbc:TaxAmount><cac:TaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>25</cbc:Percent></cac:TaxCategory></cac:TaxSubtotal></cac:TaxTotal>
<cac:LegalMonetaryTotal><cbc:LineExtensionAmount currencyID="SEK">1234.50</cbc:LineExtensionAmount><cbc:TaxExclusiveAmount currencyID="SEK">1234.50</cbc:TaxExclusiveAmount><cbc:TaxInclusiveAmount currencyID="SEK">1543.13</cbc:TaxInclusiveAmount><cbc:PayableAmount currencyID="SEK">1543.13</cbc:PayableAmount></cac:LegalMonetaryTotal>
<cac:InvoiceLine><cbc:ID>1</cbc:ID><cbc:InvoicedQuantity unitCode="HUR">10</cbc:InvoiceLine>`.replace('<cbc:InvoicedQuantity unitCode="HUR">10</cbc:InvoiceLine>', '<cbc:InvoicedQuantity unitCode="HUR">10</cbc:InvoicedQuantity><cbc:LineExtensionAmount currencyID="SEK">1234.50</cbc:LineExtensionAmount><cac:Item><cbc:Name>Konsult &amp; råd</cbc:Name><cac:ClassifiedTaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>25</cbc:Percent></cac:ClassifiedTaxCategory></cac:Item><cac:Price><cbc:PriceAmount currencyID="SEK">123.45</cbc:PriceAmount></cac:Price></cac:InvoiceLine></Invoice>');

test('renders a self-contained, escaped Swedish invoice page', () => {
  const doc = read(UBL);
  const html = renderInvoiceHtml(doc.invoice, { syntax: doc.syntax });
  assert.match(html, /^<!DOCTYPE html>\n<html lang="sv">/);
  assert.match(html, /<meta charset="utf-8">/);
  assert.ok(!/<script/i.test(html), 'no script element may appear');
  assert.ok(html.includes('F-1&lt;script&gt;alert(1)&lt;/script&gt;'));
  assert.ok(html.includes('Leverantören &lt;AB&gt;'));
  assert.ok(html.includes('Ref &lt;b&gt;'));
  assert.ok(html.includes('Tack för &quot;ordern&quot; &amp; välkommen åter'));
  assert.ok(!html.includes('href="javascript'), 'only http(s) links');
  assert.ok(html.includes('1\u00a0543,13\u00a0kr'));
  assert.ok(html.includes('123,45\u00a0kr'));
  assert.ok(html.includes('2024-03-31'));
  assert.ok(html.includes('Bankgiro'));
  assert.ok(html.includes('991-2346'));
  assert.ok(html.includes('>tim<'));
  assert.ok(html.includes('Att betala'));
  assert.ok(html.includes('Umeå kommun'));
  assert.match(html, /<caption>Fakturarader<\/caption>/);
  assert.match(html, /<th scope="col">/);
  assert.ok(!/\ssrc=|<link|@import|url\(/i.test(html), 'no external resources');
});

test('renders every official example without throwing; credit notes are titled Kreditnota', (t) => {
  if (!standardsOrSkip(t)) return;
  const verdicts = JSON.parse(readFileSync(standardsPath('reference-verdicts.json'), 'utf8')) as Record<string, unknown>;
  for (const file of Object.keys(verdicts)) {
    const doc = read(readFileSync(standardsPath(file)));
    const html = renderInvoiceHtml(doc.invoice, { syntax: doc.syntax });
    assert.ok(html.includes('</html>'), file);
  }
  const cn = read(readFileSync(standardsPath('peppol-bis-invoice-3/rules/examples/base-creditnote-correction.xml')));
  assert.match(renderInvoiceHtml(cn.invoice, { syntax: cn.syntax }), /<h1>Kreditnota Snippet1<\/h1>/);
});
