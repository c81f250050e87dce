// CODELISTS-READY
// GENERATED FILE, do not edit by hand.
// Code lists of Peppol BIS Billing 3: OpenPEPPOL/peppol-bis-invoice-3 @ 78d7f7df (BIS Billing 3.0.19, May 2025 release), structure/codelist.
// Regenerate with: node --import tsx scripts/generate-codelists.ts
//
// Each list is a ReadonlySet<string> for O(1) lookups; short lists also have a code → name Map.
// Lists where the EN 16931 artefacts use another edition are hand-maintained in en16931-editions.ts.

export { countryCodes, countryNames } from './iso3166.ts';
export { currencyCodes, currencyNames } from './iso4217.ts';
export { mimeCodes } from './mime.ts';
export { sepaSchemes } from './sepa.ts';
export { invoiceTypeCodes, invoiceTypeNames } from './uncl1001-invoice.ts';
export { creditNoteTypeCodes, creditNoteTypeNames } from './uncl1001-credit-note.ts';
export { objectIdentifierSchemes } from './uncl1153.ts';
export { vatDateCodes, vatDateNames } from './uncl2005.ts';
export { paymentMeansCodes, paymentMeansNames } from './uncl4461.ts';
export { allowanceReasonCodes, allowanceReasonNames } from './uncl5189.ts';
export { vatCategoryCodes, vatCategoryNames } from './uncl5305.ts';
export { itemClassificationSchemes } from './uncl7143.ts';
export { chargeReasonCodes, chargeReasonNames } from './uncl7161.ts';
export { unitCodes } from './unece-rec20.ts';
export { vatExemptionReasonCodes, vatExemptionReasonNames } from './vatex.ts';
export { easCodes, easNames } from './eas.ts';
export { icdCodes, icdNames } from './icd.ts';

// Hand-maintained editions used by the EN 16931 rule set where it differs from Peppol (not generated).
export { easCodesEn16931, easCodesEn16931OnlyExtra } from './en16931-editions.ts';
