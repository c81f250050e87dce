// GENERATED FILE, do not edit by hand.
// Source: OpenPEPPOL/peppol-bis-invoice-3 @ 78d7f7df (BIS Billing 3.0.19, May 2025 release), structure/codelist/MimeCode.xml
// List: Mime code (subset of IANA code list) (MimeCode, version 1.0), 6 codes.
// Regenerate with: node --import tsx scripts/generate-codelists.ts

/** MIME codes allowed for attached documents (Peppol subset of IANA). */
export const mimeCodes: ReadonlySet<string> = new Set([
  'text/csv', 'application/pdf', 'image/png', 'image/jpeg',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.oasis.opendocument.spreadsheet',
]);
