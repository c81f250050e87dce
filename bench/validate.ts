// Benchmark of the e-invoice validator: every document under standards/ that has an official verdict,
// validated in-process repeatedly for a few seconds after a warm-up. Wired as `avrop bench validate --json`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { standardsDir } from '../test/support/standards.ts';
import { validateInvoice } from '../src/formats/peppol/validate.ts';

export type ValidateBenchResult = {
  documents: number;
  median_ms_per_document: number;
  documents_per_second: number;
  node: string;
};

export async function benchValidate(opts: { seconds?: number } = {}): Promise<ValidateBenchResult> {
  if (!standardsDir) throw new Error('shared/standards not found: the validator benchmark needs the official example documents');
  const seconds = opts.seconds ?? 3;
  const verdicts = JSON.parse(readFileSync(join(standardsDir, 'reference-verdicts.json'), 'utf8')) as Record<string, unknown>;
  const docs = Object.keys(verdicts).sort().map((f) => new Uint8Array(readFileSync(join(standardsDir!, f))));
  // Warm-up: let the JIT settle.
  const warmEnd = performance.now() + Math.min(1000, seconds * 300);
  while (performance.now() < warmEnd) for (const d of docs) validateInvoice(d);
  const times: number[] = [];
  let count = 0;
  const start = performance.now();
  const end = start + seconds * 1000;
  while (performance.now() < end) {
    for (const d of docs) {
      const t = performance.now();
      validateInvoice(d);
      times.push(performance.now() - t);
      count++;
    }
    await new Promise<void>((r) => setImmediate(r));
  }
  const elapsed = performance.now() - start;
  times.sort((a, b) => a - b);
  const median = times.length % 2 === 1 ? times[(times.length - 1) / 2]! : (times[times.length / 2 - 1]! + times[times.length / 2]!) / 2;
  return {
    documents: docs.length,
    median_ms_per_document: Math.round(median * 10000) / 10000,
    documents_per_second: Math.round(count / (elapsed / 1000)),
    node: process.version,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.stdout.write(`${JSON.stringify(await benchValidate({ seconds: Number(process.env.SECONDS ?? 3) }))}\n`);
}
