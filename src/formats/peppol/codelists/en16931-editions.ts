// Hand-maintained (NOT generated): code lists where the EN 16931 validation artefacts (CEN/TC 434, release
// 1.3.16, ConnectingEurope/eInvoicing-EN16931) use a different edition than Peppol BIS Billing 3.0.19.
// The Peppol tables in this folder are generated from the Peppol XML lists; the EN 16931 artefacts embed their
// lists in the Schematron, which is not in shared/standards, so the differences are kept here by hand.
// Check: the reference verdicts accept endpoint scheme 'EM' under BR-CL-25 (eInvoicing-EN16931 examples
// CII_example5, XRechnung-O, ubl-tc434-example5), which the Peppol EAS list does not contain.
import { easCodes } from './eas.ts';

/**
 * Electronic address schemes accepted by EN 16931 BR-CL-25 (CEF EAS list as embedded in release 1.3.16):
 * the Peppol EAS codes plus the codes below, which Peppol does not (yet) accept for endpoints.
 */
export const easCodesEn16931OnlyExtra: ReadonlySet<string> = new Set([
  '0219', '0220', '0242', '0244', '0245', '0246', '0248', 'AN', 'AQ', 'AS', 'AU', 'EM',
]);

/** The full BR-CL-25 list of EN 16931 1.3.16. */
export const easCodesEn16931: ReadonlySet<string> = new Set([...easCodes, ...easCodesEn16931OnlyExtra]);
