// GENERATED FILE, do not edit by hand.
// Source: OpenPEPPOL/peppol-bis-invoice-3 @ 78d7f7df (BIS Billing 3.0.19, May 2025 release), structure/codelist/UNCL1001-cn.xml
// List: Credit note type code (UNCL1001 subset) (UNCL1001-cn, version D.16B), 5 codes.
// Regenerate with: node --import tsx scripts/generate-codelists.ts

/** Credit note type codes (UNCL 1001 subset for credit notes, Peppol). */
export const creditNoteTypeCodes: ReadonlySet<string> = new Set([
  '81', '83', '381', '396', '532',
]);

/** Names of the codes in `creditNoteTypeCodes`, as the source list gives them (English). */
export const creditNoteTypeNames: ReadonlyMap<string, string> = new Map([
  ['81', 'Credit note related to goods or services'],
  ['83', 'Credit note related to financial adjustments'],
  ['381', 'Credit note'],
  ['396', 'Factored credit note'],
  ['532', 'Forwarder\'s credit note'],
]);
