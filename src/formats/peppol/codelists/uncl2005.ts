// GENERATED FILE, do not edit by hand.
// Source: OpenPEPPOL/peppol-bis-invoice-3 @ 78d7f7df (BIS Billing 3.0.19, May 2025 release), structure/codelist/UNCL2005.xml
// List: VAT date code (UNCL2005 subset) (UNCL2005, version D.16B), 3 codes.
// Regenerate with: node --import tsx scripts/generate-codelists.ts

/** VAT point date codes (UNCL 2005 subset). */
export const vatDateCodes: ReadonlySet<string> = new Set([
  '3', '35', '432',
]);

/** Names of the codes in `vatDateCodes`, as the source list gives them (English). */
export const vatDateNames: ReadonlyMap<string, string> = new Map([
  ['3', 'Invoice document issue date time'],
  ['35', 'Delivery date/time, actual'],
  ['432', 'Paid to date'],
]);
