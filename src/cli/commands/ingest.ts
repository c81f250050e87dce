// `avrop ingest [--json] [--tenant ORGNR] FILE_OR_DIR...`: the intake pipeline without a server.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Io, Lang } from '../io.ts';

export const ingestHelp = {
  sv: `Användning: avrop ingest [--json] [--tenant ORGNR] [--lang en] FIL_ELLER_KATALOG…

Tar emot e-fakturor (UBL, CII, med eller utan SBDH-kuvert) genom samma flöde som Peppol-inkorgen:
originalet sparas oförändrat, fakturan valideras, kommun och leverantör hittas och fakturan registreras.
Samma dokument två gånger ger en faktura. Kataloger läses rekursivt (alla filer, sorterade).

  --json          en JSON-rad per dokument: {"file","outcome","invoiceId","tenant","findings"}
  --tenant ORGNR  ta bara emot fakturor till denna kommun (organisationsnummer)
Slutkod 0 när alla dokument behandlats (oavsett utfall), 2 vid felaktig användning.
`,
  en: `Usage: avrop ingest [--json] [--tenant ORGNR] [--lang en] FILE_OR_DIR…

Receives e-invoices (UBL, CII, with or without an SBDH envelope) through the same pipeline as the Peppol
inbox. The same document twice gives one invoice. Directories are read recursively (all files, sorted).

  --json          one JSON line per document: {"file","outcome","invoiceId","tenant","findings"}
  --tenant ORGNR  accept only invoices for this municipality (organisation number)
Exit code 0 when every document was processed (whatever its outcome), 2 on usage errors.
`,
};

const outcomeSv: Record<string, string> = {
  'registered': 'registrerad', 'duplicate': 'dubblett (redan mottagen)', 'suspected-duplicate': 'misstänkt dubblett',
  'rejected': 'avvisad', 'unknown-recipient': 'okänd mottagare',
};

function collect(path: string, out: string[]): void {
  const st = statSync(path);
  if (st.isDirectory()) {
    for (const name of readdirSync(path).sort()) if (!name.startsWith('.')) collect(join(path, name), out);
  } else if (st.isFile()) out.push(path);
}

export async function ingestCommand(args: string[], io: Io, lang: Lang): Promise<number> {
  const t = (sv: string, en: string) => (lang === 'en' ? en : sv);
  let json = false;
  let tenant: string | null = null;
  const paths: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--json') json = true;
    else if (a === '--tenant') { tenant = args[++i] ?? null; if (!tenant) { io.stderr(t('--tenant kräver ett organisationsnummer.\n', '--tenant needs an organisation number.\n')); return 2; } }
    else if (a === '--lang') i++;
    else if (a === '-h' || a === '--help') { io.stdout(ingestHelp[lang]); return 0; }
    else if (a.startsWith('-')) { io.stderr(t(`Okänd flagga: ${a}\n`, `Unknown option: ${a}\n`)); return 2; }
    else paths.push(a);
  }
  if (paths.length === 0) { io.stderr(ingestHelp[lang]); return 2; }
  const missing = paths.filter((p) => !existsSync(p));
  if (missing.length) { io.stderr(t(`Finns inte: ${missing.join(', ')}\n`, `Not found: ${missing.join(', ')}\n`)); return 2; }
  const files: string[] = [];
  for (const p of paths) {
    const before = files.length;
    collect(p, files);
    // A file given by name keeps the path as given.
    if (statSync(p).isFile()) files[before] = p;
  }

  const { loadConfig } = await import('../../platform/config.ts');
  const { openDatabase } = await import('../../platform/db/open.ts');
  const { listTenants } = await import('../../platform/tenants.ts');
  const { ingestDocument, runInvoiceJobs } = await import('../../modules/invoices/index.ts');
  const config = loadConfig();
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const tenants = await listTenants(db);
    if (tenant && !tenants.some((x) => x.orgNumber === tenant || x.id === tenant)) {
      io.stderr(t(`Kommunen ${tenant} finns inte i databasen.\n`, `The municipality ${tenant} is not in the database.\n`));
      return 2;
    }
    const counts: Record<string, number> = {};
    for (const file of files) {
      const r = await ingestDocument(db, { bytes: readFileSync(file), filename: file.split('/').pop() ?? file, source: 'cli', tenant, tenants });
      counts[r.outcome] = (counts[r.outcome] ?? 0) + 1;
      if (json) {
        io.stdout(`${JSON.stringify({
          file, outcome: r.outcome, invoiceId: r.invoiceId, tenant: r.tenant,
          findings: r.findings.map((f) => ({ rule: f.rule, severity: f.severity, message: lang === 'en' ? f.messageEn : f.message, location: f.location })),
        })}\n`);
      } else {
        const fatal = r.findings.filter((f) => f.severity === 'fatal');
        io.stdout(`${file}: ${lang === 'en' ? r.outcome : outcomeSv[r.outcome]}${r.invoiceId ? ` (${r.invoiceId})` : ''}\n`);
        for (const f of fatal.slice(0, 10)) io.stdout(`  ${f.rule}: ${lang === 'en' ? f.messageEn : f.message}\n`);
        if (fatal.length > 10) io.stdout(t(`  … och ${fatal.length - 10} fel till\n`, `  … and ${fatal.length - 10} more errors\n`));
      }
    }
    await runInvoiceJobs(db, config.dataDir);
    if (!json) {
      io.stdout(t(`\n${files.length} dokument: `, `\n${files.length} documents: `) + Object.entries(counts).map(([k, n]) => `${n} ${lang === 'en' ? k : outcomeSv[k]}`).join(', ') + '\n');
    }
    return 0;
  } finally {
    await db.close();
  }
}
