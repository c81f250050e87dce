// GENERATED FILE, do not edit by hand.
// Source: OpenPEPPOL/peppol-bis-invoice-3 @ 78d7f7df (BIS Billing 3.0.19, May 2025 release), structure/codelist/UNCL1001-inv.xml
// List: Invoice type code (UNCL1001 subset) (UNCL1001-inv, version D.16B), 27 codes.
// Regenerate with: node --import tsx scripts/generate-codelists.ts

/** Invoice type codes (UNCL 1001 subset for invoices, Peppol). */
export const invoiceTypeCodes: ReadonlySet<string> = new Set([
  '71', '80', '82', '84', '102', '218', '219', '326', '331', '380', '382', '383', '384', '386', '388', '389',
  '393', '395', '553', '575', '623', '780', '817', '870', '875', '876', '877',
]);

/** Names of the codes in `invoiceTypeCodes`, as the source list gives them (English). */
export const invoiceTypeNames: ReadonlyMap<string, string> = new Map([
  ['71', 'Request for payment'],
  ['80', 'Debit note related to goods or services'],
  ['82', 'Metered services invoice'],
  ['84', 'Debit note related to financial adjustments'],
  ['102', 'Tax notification'],
  ['218', 'Final payment request based on completion of work'],
  ['219', 'Payment request for completed units'],
  ['326', 'Partial invoice'],
  ['331', 'Commercial invoice which includes a packing list'],
  ['380', 'Commercial invoice'],
  ['382', 'Commission note'],
  ['383', 'Debit note'],
  ['384', 'Corrected invoice'],
  ['386', 'Prepayment invoice'],
  ['388', 'Tax invoice'],
  ['389', 'Self-billed invoice'],
  ['393', 'Factored invoice'],
  ['395', 'Consignment invoice'],
  ['553', 'Forwarder\'s invoice discrepancy report'],
  ['575', 'Insurer\'s invoice'],
  ['623', 'Forwarder\'s invoice'],
  ['780', 'Freight invoice'],
  ['817', 'Claim notification'],
  ['870', 'Consular invoice'],
  ['875', 'Partial construction invoice'],
  ['876', 'Partial final construction invoice'],
  ['877', 'Final construction invoice'],
]);
