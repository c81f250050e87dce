// The Peppol inbox folder `<data dir>/peppol/in/`: the access-point operator drops documents there.
// Each file goes through the intake pipeline and is then moved to `processed/` or, when rejected or
// not for us, to `failed/` with a `.reason.txt` beside it. A crash between registering and moving
// is harmless: the next scan finds the file again and the pipeline answers "duplicate".
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from '../../platform/db/types.ts';
import { listTenants } from '../../platform/tenants.ts';
import { ingestDocument, type IngestResult } from './ingest-document.ts';

export function inboxDir(dataDir: string): string {
  return join(dataDir, 'peppol', 'in');
}

function freeName(dir: string, name: string): string {
  if (!existsSync(join(dir, name))) return name;
  const dot = name.lastIndexOf('.');
  const stem = dot > 0 ? name.slice(0, dot) : name;
  const ext = dot > 0 ? name.slice(dot) : '';
  for (let i = 2; ; i++) if (!existsSync(join(dir, `${stem}-${i}${ext}`))) return `${stem}-${i}${ext}`;
}

export type ScanResult = { file: string; result: IngestResult }[];

/** Ingests every complete file in the inbox (not hidden, not *.tmp/*.part), oldest first. */
export async function scanInbox(db: Database, dataDir: string, limit = 500): Promise<ScanResult> {
  const inbox = inboxDir(dataDir);
  if (!existsSync(inbox)) return [];
  const files = readdirSync(inbox)
    .filter((f) => !f.startsWith('.') && !/\.(tmp|part)$/i.test(f))
    .map((f) => ({ f, st: statSync(join(inbox, f)) }))
    .filter((x) => x.st.isFile())
    .sort((a, b) => a.st.mtimeMs - b.st.mtimeMs || a.f.localeCompare(b.f))
    .slice(0, limit);
  if (files.length === 0) return [];
  const tenants = await listTenants(db);
  const processed = join(dataDir, 'peppol', 'processed');
  const failed = join(dataDir, 'peppol', 'failed');
  mkdirSync(processed, { recursive: true });
  mkdirSync(failed, { recursive: true });
  const out: ScanResult = [];
  for (const { f } of files) {
    const path = join(inbox, f);
    const result = await ingestDocument(db, { bytes: readFileSync(path), filename: f, source: 'peppol', tenants });
    const ok = result.outcome === 'registered' || result.outcome === 'duplicate' || result.outcome === 'suspected-duplicate';
    const dir = ok ? processed : failed;
    const name = freeName(dir, f);
    if (!ok) {
      const reasons = result.findings.filter((x) => x.severity === 'fatal').map((x) => `${x.rule} ${x.location}\n  ${x.message}`).join('\n');
      writeFileSync(join(dir, `${name}.reason.txt`), `Utfall: ${result.outcome}\nFaktura-id i Avrop: ${result.invoiceId ?? '–'}\n\n${reasons}\n`);
    }
    renameSync(path, join(dir, name));
    out.push({ file: f, result });
  }
  return out;
}
