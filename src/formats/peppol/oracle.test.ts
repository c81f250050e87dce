// The oracle: Avrop's verdicts must equal the official ones (reference-verdicts.json, 89 documents) and the vefa
// unit tests in the required scope (EN 16931, PEPPOL, SE; UBL and CII) must pass. Rule ids listed in
// oracle-known-gaps.json (not implemented yet) are tolerated and printed as KNOWN GAP; any other disagreement
// fails, and so does a listed id that no longer disagrees anywhere (remove it from the list).
// Details per rule: node --import tsx scripts/oracle-report.ts
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { standardsOrSkip } from '../../../test/support/standards.ts';
import {
  compareDocuments, runUnitTests, REQUIRED_UNIT_DIRS, loadKnownGaps, disagreements, family, type Disagreement,
} from './oracle.ts';

const FAMILIES = ['BR', 'BR-CO', 'BR-DEC', 'BR-VAT', 'BR-CL', 'SYNTAX', 'PEPPOL', 'SE', 'AVROP', 'OTHER'];

function report(label: string, list: Disagreement[]): string {
  const byId = new Map<string, { missing: number; extra: number; examples: string[] }>();
  for (const d of list) {
    const e = byId.get(d.id) ?? { missing: 0, extra: 0, examples: [] };
    e[d.kind]++;
    if (e.examples.length < 3) e.examples.push(`${d.kind} ${d.severity} in ${d.where}`);
    byId.set(d.id, e);
  }
  return [...byId.entries()].sort().map(([id, e]) => `${label} ${id}: missing ${e.missing}, extra ${e.extra}\n    ${e.examples.join('\n    ')}`).join('\n');
}

test('oracle: official verdicts and vefa unit tests', async (t) => {
  const dir = standardsOrSkip(t);
  if (!dir) return;
  const gaps = loadKnownGaps();
  const docs = compareDocuments(dir);
  const units = runUnitTests(dir, REQUIRED_UNIT_DIRS);
  const all = disagreements(docs, units);
  const agreeing = docs.filter((d) => d.missing.length === 0 && d.extra.length === 0).length;
  const met = units.filter((u) => u.met).length;
  const known = all.filter((d) => gaps.has(d.id));
  process.stdout.write(`\nORACLE: ${agreeing}/${docs.length} documents agree with the official verdicts; ` +
    `${met}/${units.length} vefa unit expectations met (required scope); ${known.length} disagreements on ` +
    `${new Set(known.map((d) => d.id)).size} KNOWN GAP rule ids (oracle-known-gaps.json)\n`);
  if (known.length > 0) {
    const ids = [...new Set(known.map((d) => d.id))].sort();
    process.stdout.write(`KNOWN GAP (not implemented yet, tolerated): ${ids.join(' ')}\n`);
  }

  for (const fam of FAMILIES) {
    await t.test(`rule family ${fam}`, () => {
      const bad = all.filter((d) => family(d.id) === fam && !gaps.has(d.id));
      assert.equal(bad.length, 0, `disagreements with the official artefacts not listed as known gaps:\n${report('DISAGREE', bad)}`);
    });
  }

  await t.test('known-gaps list is honest (no listed id is already in agreement)', () => {
    const disagreeing = new Set(all.map((d) => d.id));
    const stale = [...gaps].filter((id) => !disagreeing.has(id)).sort();
    assert.deepEqual(stale, [], `these ids agree everywhere now: remove them from src/formats/peppol/oracle-known-gaps.json: ${stale.join(' ')}`);
  });
});
