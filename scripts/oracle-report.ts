// Prints, per rule id, where Avrop disagrees with the official artefacts (missing = official fires, Avrop does
// not; extra = Avrop fires, official does not), with totals. Usage:
//   node --import tsx scripts/oracle-report.ts [--all] [--rule ID] [--optional] [--gaps]
//   --all       list every disagreement (default: up to 5 examples per rule)
//   --rule ID   only this rule id (repeatable)
//   --optional  also run the out-of-scope national unit tests (DK, NO, NL, IT, DE, GR)
//   --gaps      print the ids that disagree now, as JSON for oracle-known-gaps.json, and stale listed ids
//   --timing    per-rule time per document on the 89 documents (the budget is ≤ 0.3 ms per document for all)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { standardsDir } from '../test/support/standards.ts';
import { readDocument } from '../src/formats/peppol/document.ts';
import { allRules } from '../src/formats/peppol/validate.ts';
import type { ParsedDocument } from '../src/formats/peppol/model.ts';
import {
  compareDocuments, runUnitTests, REQUIRED_UNIT_DIRS, OPTIONAL_UNIT_DIRS, disagreements, loadKnownGaps, family,
} from '../src/formats/peppol/oracle.ts';

const args = process.argv.slice(2);
const showAll = args.includes('--all');
const onlyRules = args.flatMap((a, i) => (a === '--rule' && args[i + 1] ? [args[i + 1]!] : []));
if (!standardsDir) {
  process.stderr.write('shared/standards not found (set AVROP_STANDARDS_DIR)\n');
  process.exit(2);
}
const t0 = performance.now();
const docs = compareDocuments(standardsDir);
const units = runUnitTests(standardsDir, args.includes('--optional') ? [...REQUIRED_UNIT_DIRS, ...OPTIONAL_UNIT_DIRS] : REQUIRED_UNIT_DIRS);
const gaps = loadKnownGaps();
let all = disagreements(docs, units);
if (onlyRules.length > 0) all = all.filter((d) => onlyRules.includes(d.id));

const byId = new Map<string, { missing: number; extra: number; where: string[] }>();
for (const d of all) {
  const e = byId.get(d.id) ?? { missing: 0, extra: 0, where: [] };
  e[d.kind]++;
  e.where.push(`${d.kind.padEnd(7)} ${d.severity.padEnd(7)} ${d.where}`);
  byId.set(d.id, e);
}
const ids = [...byId.keys()].sort((a, b) => family(a).localeCompare(family(b)) || a.localeCompare(b));
for (const id of ids) {
  const e = byId.get(id)!;
  process.stdout.write(`${id}${gaps.has(id) ? ' [known gap]' : ' [NOT IN GAP LIST]'}: missing ${e.missing}, extra ${e.extra}\n`);
  for (const w of showAll ? e.where : e.where.slice(0, 5)) process.stdout.write(`    ${w}\n`);
  if (!showAll && e.where.length > 5) process.stdout.write(`    … ${e.where.length - 5} more (--all)\n`);
}
const agreeing = docs.filter((d) => d.missing.length === 0 && d.extra.length === 0).length;
const met = units.filter((u) => u.met).length;
process.stdout.write(`\nTOTAL documents agreeing: ${agreeing}/${docs.length}\n`);
process.stdout.write(`TOTAL unit expectations met: ${met}/${units.length}\n`);
const perDir = new Map<string, { met: number; total: number }>();
for (const u of units) {
  const d = u.file.split('/').slice(0, -1).join('/');
  const e = perDir.get(d) ?? { met: 0, total: 0 };
  e.total++; if (u.met) e.met++;
  perDir.set(d, e);
}
for (const [d, e] of [...perDir.entries()].sort()) process.stdout.write(`    ${d}: ${e.met}/${e.total}\n`);
process.stdout.write(`TOTAL rule ids disagreeing: ${ids.length} (${ids.filter((i) => !gaps.has(i)).length} not in the known-gap list)\n`);
process.stdout.write(`(${(performance.now() - t0).toFixed(0)} ms)\n`);
if (args.includes('--gaps')) {
  const now = [...new Set(disagreements(docs, units).map((d) => d.id))].sort();
  process.stdout.write(`\nids disagreeing now (candidate oracle-known-gaps.json "ids"):\n${JSON.stringify(now)}\n`);
  process.stdout.write(`stale ids in the gap list (agree now, remove): ${[...gaps].filter((g) => !now.includes(g)).sort().join(' ') || '(none)'}\n`);
}

if (args.includes('--timing')) {
  const files = Object.keys(JSON.parse(readFileSync(join(standardsDir, 'reference-verdicts.json'), 'utf8')) as Record<string, unknown>).sort();
  const bytes = files.map((f) => readFileSync(join(standardsDir!, f)));
  const rounds = 30;
  const per = new Map<string, number>();
  let readMs = 0;
  let modelMs = 0;
  const noop = (): void => {};
  for (let r = 0; r < rounds + 5; r++) {
    for (const b of bytes) {
      let t = performance.now();
      const read = readDocument(b);
      if (!read.ok) continue;
      const doc: ParsedDocument = read.doc;
      const t1 = performance.now();
      void doc.invoice;
      const t2 = performance.now();
      if (r >= 5) { readMs += t1 - t; modelMs += t2 - t1; }
      for (const rule of allRules) {
        t = performance.now();
        try { rule.check(doc, noop); } catch { /* reported by the oracle */ }
        if (r >= 5) per.set(rule.id, (per.get(rule.id) ?? 0) + performance.now() - t);
      }
    }
  }
  const n = rounds * bytes.length;
  const total = [...per.values()].reduce((a, b) => a + b, 0);
  process.stdout.write(`\nTIMING (mean per document over ${bytes.length} documents × ${rounds}; machine load affects these):\n`);
  process.stdout.write(`  parse + detect  ${(readMs / n).toFixed(4)} ms\n  model (lazy)    ${(modelMs / n).toFixed(4)} ms\n  all rules       ${(total / n).toFixed(4)} ms (${per.size} rules)\n`);
  const fam = new Map<string, number>();
  for (const [id, ms] of per) fam.set(family(id), (fam.get(family(id)) ?? 0) + ms);
  for (const [f, ms] of [...fam.entries()].sort((a, b) => b[1] - a[1])) process.stdout.write(`    family ${f.padEnd(8)} ${(ms / n).toFixed(4)} ms\n`);
  process.stdout.write('  slowest rules:\n');
  for (const [id, ms] of [...per.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25)) process.stdout.write(`    ${id.padEnd(26)} ${((ms / n) * 1000).toFixed(1)} µs\n`);
}
