// Identifier checks shared by the e-invoice validator, the supplier register and payments. Pure functions;
// each returns `{ ok: true, value }` (normalised) or `{ ok: false, reason }` with a stable reason code.
export { fail, isDigits, ok, reasonText } from './result.ts';
export type { CheckFail, CheckOk, CheckResult, Reason } from './result.ts';
export { gs1CheckDigit, gs1Valid, luhnCheckDigit, luhnValid, mod11CheckDigit, mod97 } from './checksums.ts';
export {
  checkBankgiro, checkOcr, checkOrganisationsnummer, checkPersonnummer, checkPlusgiro, checkSwedishVatNumber,
  formatBankgiro, formatOrganisationsnummer, formatPlusgiro,
} from './se.ts';
export type { GiroReason, OcrOptions, OcrReason, SeOrgKind, SeOrgnrReason, SeVatReason } from './se.ts';
export { IBAN_LENGTHS, checkBic, checkGln, checkGtin, checkIban, formatIban } from './international.ts';
export type { BicReason, Gs1Reason, IbanReason } from './international.ts';
export {
  checkAbn, checkBelgianEnterprise, checkDanishCvr, checkItalianCf, checkItalianIpa, checkItalianPiva,
  checkNorwegianOrgnr, checkParticipantId, checkPeppolGln, checkPeppolSwedishOrgnr, isEasScheme, isIcdScheme, schemeChecks,
} from './peppol.ts';
export type { ParticipantReason, SchemeCheck, SchemeReason } from './peppol.ts';
