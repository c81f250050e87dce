// validateInvoice: reads a UBL Invoice, UBL CreditNote or CII invoice and runs every rule set on it.
import type { Invoice, ParsedDocument, Syntax } from './model.ts';
import type { Finding, Rule } from './rules/types.ts';
import { readDocument } from './document.ts';
import { rules as en16931Rules } from './rules/en16931/index.ts';
import { rules as peppolRules } from './rules/peppol/index.ts';
import { rules as nationalRules } from './rules/national/index.ts';
import { rules as avropRules } from './rules/avrop/index.ts';

export type ValidateOptions = {
  /** Maximum input size in bytes (default 20 MB). */
  maxBytes?: number;
  /** Maximum element nesting depth (default 200). */
  maxDepth?: number;
  /** Maximum number of elements (default 500,000). */
  maxElements?: number;
  /** Rules to run instead of all rule sets (tests, tools). */
  rules?: readonly Rule[];
  /** Leave out Avrop's own AVROP- advisory rules (default false). */
  skipAvropRules?: boolean;
};

export type ValidationResult = {
  syntax: Syntax | 'unknown';
  /** True when no finding is fatal. */
  valid: boolean;
  findings: Finding[];
  /** The invoice model (absent when the document could not be read). */
  model?: Invoice;
  /** The whole parsed document (syntax, element tree, model). */
  document?: ParsedDocument;
};

/** All official rule sets (EN 16931, Peppol BIS 3, national). */
export const officialRules: readonly Rule[] = [...en16931Rules, ...peppolRules, ...nationalRules];
/** Official rules plus Avrop's own advisory rules. */
export const allRules: readonly Rule[] = [...officialRules, ...avropRules];
const officialOnly = officialRules;

// The rule being run and the list its findings go to, read by `fail`. One module-level `fail` for all rules and
// documents: a closure per runRules call would be wrapped in `__name` by tsx (keepNames), an
// Object.defineProperty per call. runRules saves and restores this state, so a nested call stays correct.
let currentRule: Rule | undefined;
let currentFindings: Finding[] = [];

function fail(location: string): void {
  const rule = currentRule!;
  currentFindings.push({ rule: rule.id, severity: rule.severity, message: rule.sv, messageEn: rule.en, location });
}

/** Runs the rules on a parsed document. A rule that throws gives a fatal AVROP-INT-001 finding (never a crash). */
export function runRules(doc: ParsedDocument, rules: readonly Rule[]): Finding[] {
  const findings: Finding[] = [];
  const outerRule = currentRule;
  const outerFindings = currentFindings;
  currentFindings = findings;
  try {
    for (let i = 0; i < rules.length; i++) {
      const rule = rules[i]!;
      currentRule = rule;
      try {
        // a whole rule set that cannot apply (another country's rules, an absent VAT category) costs one cached test
        const gate = rule.gate;
        if (gate !== undefined && !gate(doc)) {
          // the rules of one set sit side by side: skip the whole run
          while (i + 1 < rules.length && rules[i + 1]!.gate === gate) i++;
          continue;
        }
        rule.check(doc, fail);
      } catch (e) {
        findings.push({
          rule: 'AVROP-INT-001', severity: 'fatal', location: '/',
          message: `Internt fel i regeln ${rule.id}: ${(e as Error).message}. Dokumentet kunde inte bedömas fullt ut.`,
          messageEn: `Internal error in rule ${rule.id}: ${(e as Error).message}. The document could not be fully assessed.`,
        });
      }
    }
  } finally {
    currentRule = outerRule;
    currentFindings = outerFindings;
  }
  return findings;
}

export function validateInvoice(input: Uint8Array | string, options: ValidateOptions = {}): ValidationResult {
  const read = readDocument(input, options);
  if (!read.ok) return { syntax: read.syntax, valid: false, findings: [read.finding] };
  const doc = read.doc;
  const rules = options.rules ?? (options.skipAvropRules ? officialOnly : allRules);
  const findings = runRules(doc, rules);
  let valid = true;
  for (const f of findings) if (f.severity === 'fatal') { valid = false; break; }
  return { syntax: doc.syntax, valid, findings, model: doc.invoice, document: doc };
}
