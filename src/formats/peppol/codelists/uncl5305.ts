// GENERATED FILE, do not edit by hand.
// Source: OpenPEPPOL/peppol-bis-invoice-3 @ 78d7f7df (BIS Billing 3.0.19, May 2025 release), structure/codelist/UNCL5305.xml
// List: Duty or tax or fee category code (Subset of UNCL5305) (UNCL5305, version D.16B), 10 codes.
// Regenerate with: node --import tsx scripts/generate-codelists.ts

/** Duty/tax/fee category codes (UNCL 5305 subset). */
export const vatCategoryCodes: ReadonlySet<string> = new Set([
  'AE', 'E', 'S', 'Z', 'G', 'O', 'K', 'L', 'M', 'B',
]);

/** Names of the codes in `vatCategoryCodes`, as the source list gives them (English). */
export const vatCategoryNames: ReadonlyMap<string, string> = new Map([
  ['AE', 'Vat Reverse Charge'],
  ['E', 'Exempt from Tax'],
  ['S', 'Standard rate'],
  ['Z', 'Zero rated goods'],
  ['G', 'Free export item, VAT not charged'],
  ['O', 'Services outside scope of tax'],
  ['K', 'VAT exempt for EEA intra-community supply of goods and services'],
  ['L', 'Canary Islands general indirect tax'],
  ['M', 'Tax for production, services and importation in Ceuta and Melilla'],
  ['B', 'Transferred (VAT), In Italy'],
]);
