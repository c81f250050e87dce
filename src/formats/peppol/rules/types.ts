// The contract between the invoice readers and the rule sets. A rule set is a list of `Rule`s; each
// rule inspects one parsed document and reports the locations where it fails.
import type { ParsedDocument } from '../model.ts';

export type Severity = 'fatal' | 'warning';

export type Finding = {
  /** Rule id exactly as the official artefacts name it (BR-CO-15, PEPPOL-EN16931-R001, SE-R-005) or AVROP-… */
  rule: string;
  severity: Severity;
  /** Swedish message for people. */
  message: string;
  /** The same message in English. */
  messageEn: string;
  /** XPath-like location of the offending element, e.g. /Invoice/cac:InvoiceLine[2]/cbc:LineExtensionAmount */
  location: string;
};

export type Rule = {
  id: string;
  severity: Severity;
  sv: string;
  en: string;
  /** Calls `fail(location)` once for each place where the rule is broken. Must not throw on odd input. */
  check: (doc: ParsedDocument, fail: (location: string) => void) => void;
  /**
   * Optional necessary condition shared by a set of rules that sit side by side (a country's national rules, a VAT
   * category family), cheap to test (cached per document): `runRules` skips the whole set at once when it is
   * false. `check` tests it as well, so calling `check` alone gives the same findings.
   */
  gate?: ((doc: ParsedDocument) => boolean) | undefined;
};
