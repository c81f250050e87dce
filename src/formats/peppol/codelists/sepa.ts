// GENERATED FILE, do not edit by hand.
// Source: OpenPEPPOL/peppol-bis-invoice-3 @ 78d7f7df (BIS Billing 3.0.19, May 2025 release), structure/codelist/SEPA.xml
// List: SEPA indicator (SEPA, version 1.0), 1 codes.
// Regenerate with: node --import tsx scripts/generate-codelists.ts

/** SEPA indicator scheme (bank assigned creditor identifier). */
export const sepaSchemes: ReadonlySet<string> = new Set([
  'SEPA',
]);
