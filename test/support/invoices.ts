// Test invoices: valid Peppol BIS 3 UBL documents from a demo supplier to a demo municipality.
import { luhnCheckDigit } from '../../src/formats/identifiers/index.ts';
import { writeUblInvoice, type UblInvoiceSpec, type UblParty } from '../../src/formats/ubl-writer/write-invoice.ts';

export const exempel: UblParty = { name: 'Exempel kommun', orgNumber: '2120002411', endpoint: { scheme: '0007', id: '2120002411' }, street: 'Storgatan 1', city: 'Exempelby', postalCode: '95281' };
export const grannby: UblParty = { name: 'Grannby kommun', orgNumber: '2120002437', endpoint: { scheme: '0007', id: '2120002437' }, street: 'Torget 1', city: 'Grannby', postalCode: '95282' };

/** A seller that is not in any register (the register's own demo suppliers are found by org number at run time). */
export const unknownSeller: UblParty = { name: 'Okänd Leverantör AB', orgNumber: '5566778899', endpoint: { scheme: '0007', id: '5566778899' }, vatNumber: 'SE556677889901', street: 'Okändvägen 1', city: 'Okänd', postalCode: '11111', fSkatt: true };

export function sellerParty(s: { name: string; orgNumber: string | null }): UblParty {
  const org = (s.orgNumber ?? '').replace('-', '');
  return { name: s.name, orgNumber: org, endpoint: { scheme: '0007', id: org }, vatNumber: `SE${org}01`, street: 'Gatan 1', city: 'Stad', postalCode: '12345', fSkatt: true };
}

/** A valid OCR reference derived from the invoice number, so that test invoices differ in it. */
export function ocrFor(number: string): string {
  let h = 2166136261;
  for (const c of number) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
  const base = String(h % 100000000).padStart(8, '0');
  return `${base}${luhnCheckDigit(base)}`;
}

export function invoiceXml(overrides: Partial<UblInvoiceSpec> & { seller: UblParty }): string {
  const number = overrides.number ?? 'T-1';
  return writeUblInvoice({
    number: 'T-1', issueDate: '2026-11-02', dueDate: '2026-12-02', buyerReference: 'KS4411', buyer: exempel,
    payment: { bankgiro: '56771231', ocr: ocrFor(number), terms: '30 dagar netto' },
    lines: [
      { description: 'Kopieringspapper A4', quantity: '10', unitCode: 'XPK', unitPriceOre: 4950n, vatRate: 25 },
      { description: 'Läromedel', quantity: '3', unitPriceOre: 29900n, vatRate: 6 },
    ],
    ...overrides,
  });
}

export const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);
