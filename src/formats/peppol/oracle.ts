// The oracle: compares Avrop's findings with the official verdicts (reference-verdicts.json, 89 documents) and
// with the vefa unit-test expectations. Used by oracle.test.ts and scripts/oracle-report.ts.
// Not part of the validator at run time (reads files).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Finding, Rule } from './rules/types.ts';
import type { XmlElement } from './model.ts';
import { parseXml } from '../xml/parse.ts';
import { PREFIX_BY_NS } from './model.ts';
import { readElement } from './document.ts';
import { validateInvoice, runRules, officialRules } from './validate.ts';

/** Avrop's own advisory warnings are not part of the official verdicts and are left out of comparisons. */
export function comparable(f: Finding): boolean {
  return !(f.rule.startsWith('AVROP-') && f.severity === 'warning');
}

// ---------------------------------------------------------------------------------------------------------
// Reference verdicts

export type Verdict = { syntax: 'ubl' | 'cii'; stylesheets: string[]; fired: { id: string; flag: 'fatal' | 'warning'; location: string }[] };

export type DocumentComparison = {
  file: string;
  expected: { fatal: string[]; warning: string[] };
  actual: { fatal: string[]; warning: string[] };
  /** Rule ids (with severity) expected but not reported. */
  missing: { id: string; severity: 'fatal' | 'warning' }[];
  /** Rule ids (with severity) reported but not expected. */
  extra: { id: string; severity: 'fatal' | 'warning' }[];
};

const uniqSorted = (xs: Iterable<string>): string[] => [...new Set(xs)].sort();

export function loadVerdicts(standardsDir: string): Record<string, Verdict> {
  return JSON.parse(readFileSync(join(standardsDir, 'reference-verdicts.json'), 'utf8')) as Record<string, Verdict>;
}

export function compareDocuments(standardsDir: string, rules?: readonly Rule[]): DocumentComparison[] {
  const verdicts = loadVerdicts(standardsDir);
  const out: DocumentComparison[] = [];
  for (const file of Object.keys(verdicts).sort()) {
    const v = verdicts[file]!;
    const result = validateInvoice(readFileSync(join(standardsDir, file)), rules ? { rules } : { skipAvropRules: true });
    const findings = result.findings.filter(comparable);
    const expected = {
      fatal: uniqSorted(v.fired.filter((f) => f.flag === 'fatal').map((f) => f.id)),
      warning: uniqSorted(v.fired.filter((f) => f.flag === 'warning').map((f) => f.id)),
    };
    const actual = {
      fatal: uniqSorted(findings.filter((f) => f.severity === 'fatal').map((f) => f.rule)),
      warning: uniqSorted(findings.filter((f) => f.severity === 'warning').map((f) => f.rule)),
    };
    const missing: DocumentComparison['missing'] = [];
    const extra: DocumentComparison['extra'] = [];
    for (const sev of ['fatal', 'warning'] as const) {
      for (const id of expected[sev]) if (!actual[sev].includes(id)) missing.push({ id, severity: sev });
      for (const id of actual[sev]) if (!expected[sev].includes(id)) extra.push({ id, severity: sev });
    }
    out.push({ file, expected, actual, missing, extra });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// vefa unit tests

/** Unit-test folders (relative to standards/) in the required scope: EN 16931, PEPPOL and SE, both syntaxes. */
export const REQUIRED_UNIT_DIRS = [
  'eInvoicing-EN16931/test/Invoice-unit-UBL',
  'eInvoicing-EN16931/test/CreditNote-unit-UBL',
  'eInvoicing-EN16931/test/cii',
  'peppol-bis-invoice-3/rules/unit-UBL-PEPPOL',
  'peppol-bis-invoice-3/rules/unit-CII-PEPPOL',
  'peppol-bis-invoice-3/rules/unit-UBL-SE',
  'peppol-bis-invoice-3/rules/unit-CII-SE',
] as const;

/** Other countries' unit tests: out of scope for now (not required). */
export const OPTIONAL_UNIT_DIRS = [
  'peppol-bis-invoice-3/rules/unit-UBL-DK', 'peppol-bis-invoice-3/rules/unit-CII-DK',
  'peppol-bis-invoice-3/rules/unit-UBL-NO', 'peppol-bis-invoice-3/rules/unit-CII-NO',
  'peppol-bis-invoice-3/rules/unit-UBL-NL', 'peppol-bis-invoice-3/rules/unit-CII-NL',
  'peppol-bis-invoice-3/rules/unit-UBL-IT', 'peppol-bis-invoice-3/rules/unit-CII-IT',
  'peppol-bis-invoice-3/rules/unit-UBL-DE', 'peppol-bis-invoice-3/rules/unit-UBL-GR',
] as const;

export type Expectation = { kind: 'success' | 'error' | 'warning'; rule: string };

export type UnitExpectationResult = {
  /** testSet file relative to standards/ and 1-based test number inside it. */
  file: string;
  test: number;
  description: string;
  expectation: Expectation;
  met: boolean;
  /** What was found for that rule id: 'none', 'fatal', 'warning' or 'fatal+warning'; or the reading failure. */
  got: string;
};

function listXml(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.toLowerCase().endsWith('.xml')) out.push(p);
    }
  };
  walk(dir);
  return out;
}

const VEFA_NS = 'http://difi.no/xsd/vefa/validator/1.0';

function vefaChildren(el: XmlElement, local: string): XmlElement[] {
  return el.children.filter((c) => c.local === local && c.ns === VEFA_NS);
}

/** Runs every test of the given unit-test folders and reports each expectation. */
export function runUnitTests(standardsDir: string, dirs: readonly string[], rules: readonly Rule[] = officialRules): UnitExpectationResult[] {
  const results: UnitExpectationResult[] = [];
  for (const d of dirs) {
    let files: string[];
    try { files = listXml(join(standardsDir, d)); } catch { continue; }
    for (const path of files) {
      const file = relative(standardsDir, path);
      const parsed = parseXml(readFileSync(path), { prefixes: PREFIX_BY_NS });
      if (!parsed.ok) {
        results.push({ file, test: 0, description: 'testSet unreadable', expectation: { kind: 'error', rule: '(testSet)' }, met: false, got: parsed.error.en });
        continue;
      }
      const tests = vefaChildren(parsed.root, 'test');
      tests.forEach((t, i) => {
        const asserts = vefaChildren(t, 'assert');
        const expectations: Expectation[] = [];
        let description = '';
        for (const a of asserts) {
          for (const c of a.children) {
            if (c.ns !== VEFA_NS) continue;
            const rule = c.text.trim();
            if (c.local === 'description') description = c.text.trim();
            else if (c.local === 'success' || c.local === 'error' || c.local === 'warning') expectations.push({ kind: c.local, rule });
          }
        }
        const docEl = t.children.find((c) => c.ns !== VEFA_NS);
        let findings: Finding[] = [];
        let failure: string | undefined;
        if (docEl === undefined) failure = 'no document in test';
        else {
          docEl.parent = null; // detach: locations start at the document element
          const read = readElement(docEl);
          if (read.ok) findings = runRules(read.doc, rules);
          else failure = `${read.finding.rule}: ${read.finding.messageEn}`;
        }
        for (const e of expectations) {
          const hits = findings.filter((f) => f.rule === e.rule);
          const fatal = hits.some((f) => f.severity === 'fatal');
          const warning = hits.some((f) => f.severity === 'warning');
          const got = failure ?? (fatal && warning ? 'fatal+warning' : fatal ? 'fatal' : warning ? 'warning' : 'none');
          const met = failure === undefined && (e.kind === 'success' ? !fatal && !warning : e.kind === 'error' ? fatal : warning);
          results.push({ file, test: i + 1, description, expectation: e, met, got });
        }
      });
    }
  }
  return results;
}

// ---------------------------------------------------------------------------------------------------------
// Known gaps

export type KnownGaps = { ids: string[] };

export function loadKnownGaps(): Set<string> {
  const raw = JSON.parse(readFileSync(new URL('./oracle-known-gaps.json', import.meta.url), 'utf8')) as KnownGaps;
  return new Set(raw.ids);
}

/** Rule family used to group the oracle's assertions. */
export function family(id: string): string {
  if (id.startsWith('AVROP-')) return 'AVROP';
  if (id.startsWith('PEPPOL-')) return 'PEPPOL';
  if (id.startsWith('SE-')) return 'SE';
  if (/^BR-CL-/.test(id)) return 'BR-CL';
  if (/^BR-CO-/.test(id)) return 'BR-CO';
  if (/^BR-DEC-/.test(id)) return 'BR-DEC';
  if (/^BR-(S|Z|E|AE|K|G|O|L|M|IC|IG|IP|AF|AG|B)-/.test(id)) return 'BR-VAT';
  if (/^BR-/.test(id)) return 'BR';
  if (/^(UBL|CII)-/.test(id)) return 'SYNTAX';
  return 'OTHER';
}

export type Disagreement = { id: string; severity: 'fatal' | 'warning'; kind: 'missing' | 'extra'; where: string };

/** Flattens document and unit-test disagreements into one list. */
export function disagreements(docs: DocumentComparison[], units: UnitExpectationResult[]): Disagreement[] {
  const out: Disagreement[] = [];
  for (const d of docs) {
    for (const m of d.missing) out.push({ id: m.id, severity: m.severity, kind: 'missing', where: d.file });
    for (const e of d.extra) out.push({ id: e.id, severity: e.severity, kind: 'extra', where: d.file });
  }
  for (const u of units) {
    if (u.met) continue;
    const sev = u.expectation.kind === 'warning' ? 'warning' : 'fatal';
    out.push({ id: u.expectation.rule, severity: sev, kind: u.expectation.kind === 'success' ? 'extra' : 'missing', where: `${u.file}#${u.test} (${u.expectation.kind}, got ${u.got})` });
  }
  return out;
}
