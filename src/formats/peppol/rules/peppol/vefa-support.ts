// Reads vefa testSet files (the official unit tests of the Peppol/EN 16931 artefacts) and checks our rules
// against their expectations. Used by the focused tests of the Peppol and national rule sets.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readDocument } from '../../document.ts';
import { runRules } from '../../validate.ts';
import type { Rule } from '../types.ts';

export type Expectation = { rule: string; kind: 'success' | 'error' | 'warning'; count: number | undefined };

export type VefaTest = { file: string; index: number; expectations: Expectation[]; xml: string };

export type Mismatch = { file: string; index: number; rule: string; expected: string; actual: string };

/** All tests of the testSet files in a folder (`*.xml` only). */
export function readVefaFolder(dir: string): VefaTest[] {
  const out: VefaTest[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (!name.endsWith('.xml')) continue;
    const text = readFileSync(join(dir, name), 'utf8');
    let i = 0;
    for (const m of text.matchAll(/<test\b[^>]*>([\s\S]*?)<\/test>/g)) {
      i++;
      const body = m[1] ?? '';
      const end = body.indexOf('</assert>');
      if (end < 0) continue;
      const assertPart = body.slice(0, end);
      const xml = body.slice(end + '</assert>'.length);
      const expectations: Expectation[] = [];
      for (const e of assertPart.matchAll(/<(success|error|warning)\b([^>]*)>\s*([^<\s]+)\s*<\/\1>/g)) {
        const count = /number="(\d+)"/.exec(e[2] ?? '');
        expectations.push({ rule: e[3]!, kind: e[1] as Expectation['kind'], count: count ? Number(count[1]) : undefined });
      }
      out.push({ file: name, index: i, expectations, xml });
    }
  }
  return out;
}

/** Runs `rules` on each test and compares the expectations whose rule id satisfies `mine`. */
export function checkVefa(tests: VefaTest[], rules: readonly Rule[], mine: (id: string) => boolean): { total: number; mismatches: Mismatch[] } {
  let total = 0;
  const mismatches: Mismatch[] = [];
  for (const t of tests) {
    const mineHere = t.expectations.filter((e) => mine(e.rule));
    if (mineHere.length === 0) continue;
    const read = readDocument(t.xml);
    const findings = read.ok ? runRules(read.doc, rules) : [];
    for (const e of mineHere) {
      total++;
      const fired = findings.filter((f) => f.rule === e.rule);
      const fatal = fired.filter((f) => f.severity === 'fatal').length;
      const warn = fired.filter((f) => f.severity === 'warning').length;
      let ok: boolean;
      if (e.kind === 'success') ok = fired.length === 0;
      else if (e.kind === 'error') ok = e.count === undefined ? fatal > 0 : fatal === e.count;
      else ok = e.count === undefined ? warn > 0 : warn === e.count;
      if (!ok) {
        mismatches.push({
          file: t.file, index: t.index, rule: e.rule,
          expected: `${e.kind}${e.count === undefined ? '' : ` ×${e.count}`}`,
          actual: read.ok ? `fatal ×${fatal}, warning ×${warn}` : `unreadable: ${read.finding.rule}`,
        });
      }
    }
  }
  return { total, mismatches };
}
