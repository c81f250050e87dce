// GENERATED FILE, do not edit by hand.
// Source: OpenPEPPOL/peppol-bis-invoice-3 @ 78d7f7df (BIS Billing 3.0.19, May 2025 release), structure/codelist/UNCL5189.xml
// List: Allowance reason codes (UNCL5189 subset) (UNCL5189, version D.16B), 19 codes.
// Regenerate with: node --import tsx scripts/generate-codelists.ts

/** Allowance reason codes (UNCL 5189 subset). */
export const allowanceReasonCodes: ReadonlySet<string> = new Set([
  '41', '42', '60', '62', '63', '64', '65', '66', '67', '68', '70', '71', '88', '95', '100', '102', '103',
  '104', '105',
]);

/** Names of the codes in `allowanceReasonCodes`, as the source list gives them (English). */
export const allowanceReasonNames: ReadonlyMap<string, string> = new Map([
  ['41', 'Bonus for works ahead of schedule'],
  ['42', 'Other bonus'],
  ['60', 'Manufacturer’s consumer discount'],
  ['62', 'Due to military status'],
  ['63', 'Due to work accident'],
  ['64', 'Special agreement'],
  ['65', 'Production error discount'],
  ['66', 'New outlet discount'],
  ['67', 'Sample discount'],
  ['68', 'End-of-range discount'],
  ['70', 'Incoterm discount'],
  ['71', 'Point of sales threshold allowance'],
  ['88', 'Material surcharge/deduction'],
  ['95', 'Discount'],
  ['100', 'Special rebate'],
  ['102', 'Fixed long term'],
  ['103', 'Temporary'],
  ['104', 'Standard'],
  ['105', 'Yearly turnover'],
]);
