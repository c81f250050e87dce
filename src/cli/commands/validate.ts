// `avrop validate [--json] [--lang sv|en] FILE_OR_DIR...` — validates e-invoices (Peppol BIS Billing 3.0, UBL and
// CII) with the same verdicts as the official validation artefacts. Directories are searched recursively for
// *.xml files (any letter case), in sorted order. Exit code: 0 all valid, 1 any invalid, 2 usage error.
import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { validateInvoice, type ValidationResult } from '../../formats/peppol/validate.ts';
import { DEFAULT_MAX_BYTES, tooLarge } from '../../formats/xml/parse.ts';
import type { Finding } from '../../formats/peppol/rules/types.ts';

type Io = { stdout: (s: string) => void; stderr: (s: string) => void };
type Lang = 'sv' | 'en';

export const validateHelp: Record<Lang, string> = {
  sv: `Användning: avrop validate [--json] [--lang sv|en] FIL_ELLER_KATALOG…

Validerar e-fakturor enligt Peppol BIS Billing 3.0 (UBL Invoice, UBL CreditNote och CII) med
samma regler som de officiella valideringsartefakterna: EN 16931, Peppol och de svenska reglerna
SE-R-001…013. Kataloger genomsöks rekursivt efter *.xml-filer i sorterad ordning.

Flaggor:
  --json          en JSON-rad per dokument: {"file","valid","syntax","findings":[{"rule","severity","message","location"}]}
  --lang sv|en    språk för meddelanden (standard sv, eller AVROP_LANG)
  -h, --help      visa denna hjälp

Slutkod: 0 när alla dokument är giltiga, 1 när något är ogiltigt, 2 vid felaktig användning
(inga filer, okänd flagga, fil som saknas).
`,
  en: `Usage: avrop validate [--json] [--lang sv|en] FILE_OR_DIR...

Validates e-invoices by Peppol BIS Billing 3.0 (UBL Invoice, UBL CreditNote and CII) with the same
rules as the official validation artefacts: EN 16931, Peppol and the Swedish rules SE-R-001…013.
Directories are searched recursively for *.xml files, in sorted order.

Options:
  --json          one JSON line per document: {"file","valid","syntax","findings":[{"rule","severity","message","location"}]}
  --lang sv|en    language of messages (default sv, or AVROP_LANG)
  -h, --help      show this help

Exit code: 0 when all documents are valid, 1 when any is invalid, 2 on usage errors
(no files, unknown option, missing file).
`,
};

const SYNTAX_NAMES: Record<string, Record<Lang, string>> = {
  'ubl-invoice': { sv: 'UBL-faktura', en: 'UBL invoice' },
  'ubl-creditnote': { sv: 'UBL-kreditnota', en: 'UBL credit note' },
  cii: { sv: 'CII-faktura', en: 'CII invoice' },
  unknown: { sv: 'okänt format', en: 'unknown format' },
};

type Parsed = { json: boolean; lang: Lang; help: boolean; paths: string[] } | { error: Record<Lang, string>; lang: Lang };

function parseArgs(args: string[]): Parsed {
  let json = false;
  let help = false;
  // Default: AVROP_LANG; else a global `--lang` given to the avrop program (the dispatcher consumes it before
  // the subcommand sees its arguments); a `--lang` among our own arguments wins.
  const globalLang = (() => {
    const i = process.argv.indexOf('--lang');
    return i >= 0 ? process.argv[i + 1] : process.argv.find((a) => a.startsWith('--lang='))?.slice(7);
  })();
  const fallback = process.env.AVROP_LANG ?? globalLang ?? '';
  let lang: Lang = fallback.toLowerCase().startsWith('en') ? 'en' : 'sv';
  // language first, so that errors are reported in it
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') break;
    const v = a === '--lang' ? args[i + 1] : a.startsWith('--lang=') ? a.slice(7) : undefined;
    if (v !== undefined) lang = v.toLowerCase().startsWith('en') ? 'en' : 'sv';
  }
  const paths: string[] = [];
  let onlyPaths = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (onlyPaths || !a.startsWith('-') || a === '-') { paths.push(a); continue; }
    if (a === '--') { onlyPaths = true; continue; }
    if (a === '--json') { json = true; continue; }
    if (a === '-h' || a === '--help') { help = true; continue; }
    if (a === '--lang' || a.startsWith('--lang=')) {
      const v = a === '--lang' ? args[++i] : a.slice(7);
      if (v !== 'sv' && v !== 'en') {
        return { lang, error: { sv: `--lang kräver sv eller en (fick ${v ?? 'inget värde'}).`, en: `--lang needs sv or en (got ${v ?? 'no value'}).` } };
      }
      continue;
    }
    return { lang, error: { sv: `Okänd flagga: ${a}`, en: `Unknown option: ${a}` } };
  }
  return { json, lang, help, paths };
}

async function collect(path: string, out: string[]): Promise<void> {
  const entries = await readdir(path, { withFileTypes: true });
  const names = entries.map((e) => e.name).sort();
  for (const name of names) {
    const p = join(path, name);
    const s = await stat(p);
    if (s.isDirectory()) await collect(p, out);
    else if (s.isFile() && name.toLowerCase().endsWith('.xml')) out.push(p);
  }
}

function findingJson(f: Finding, lang: Lang): { rule: string; severity: string; message: string; location: string } {
  return { rule: f.rule, severity: f.severity, message: lang === 'en' ? f.messageEn : f.message, location: f.location };
}

export async function validateCommand(args: string[], io: Io): Promise<number> {
  const parsed = parseArgs(args);
  const usage = (lang: Lang) => (lang === 'en' ? 'Usage: avrop validate [--json] [--lang sv|en] FILE_OR_DIR...\n' : 'Användning: avrop validate [--json] [--lang sv|en] FIL_ELLER_KATALOG…\n');
  if ('error' in parsed) {
    io.stderr(`${parsed.error[parsed.lang]}\n${usage(parsed.lang)}`);
    return 2;
  }
  const { json, lang, help, paths } = parsed;
  const t = (sv: string, en: string) => (lang === 'en' ? en : sv);
  if (help) {
    io.stdout(validateHelp[lang]);
    return 0;
  }
  if (paths.length === 0) {
    io.stderr(`${t('Ange minst en fil eller katalog.', 'Give at least one file or directory.')}\n${usage(lang)}`);
    return 2;
  }
  // Resolve every argument before validating anything: a missing path is a usage error.
  const files: string[] = [];
  for (const p of paths) {
    let s;
    try {
      s = await stat(p);
    } catch {
      io.stderr(t(`Filen eller katalogen finns inte: ${p}\n`, `No such file or directory: ${p}\n`));
      return 2;
    }
    if (s.isDirectory()) {
      try {
        await collect(p, files);
      } catch (e) {
        io.stderr(t(`Kan inte läsa katalogen ${p}: ${(e as Error).message}\n`, `Cannot read directory ${p}: ${(e as Error).message}\n`));
        return 2;
      }
    } else if (s.isFile()) {
      files.push(p);
    } else {
      io.stderr(t(`Inte en vanlig fil: ${p}\n`, `Not a regular file: ${p}\n`));
      return 2;
    }
  }

  let invalid = 0;
  for (const file of files) {
    let r: ValidationResult;
    try {
      // Never read a file larger than the cap into memory.
      const size = (await stat(file)).size;
      if (size > DEFAULT_MAX_BYTES) {
        const e = tooLarge(size, DEFAULT_MAX_BYTES).error;
        r = { syntax: 'unknown', valid: false, findings: [{ rule: e.rule, severity: 'fatal', message: e.sv, messageEn: e.en, location: '/' }] };
      } else {
        r = validateInvoice(await readFile(file));
      }
    } catch (e) {
      io.stderr(t(`Kan inte läsa ${file}: ${(e as Error).message}\n`, `Cannot read ${file}: ${(e as Error).message}\n`));
      return 2;
    }
    if (!r.valid) invalid++;
    if (json) {
      io.stdout(`${JSON.stringify({ file, valid: r.valid, syntax: r.syntax, findings: r.findings.map((f) => findingJson(f, lang)) })}\n`);
      continue;
    }
    const fatal = r.findings.filter((f) => f.severity === 'fatal');
    const warnings = r.findings.filter((f) => f.severity === 'warning');
    const syntax = SYNTAX_NAMES[r.syntax]![lang];
    const head = r.valid
      ? t(`GILTIG    ${file} (${syntax})`, `VALID     ${file} (${syntax})`)
      : t(`OGILTIG   ${file} (${syntax}): ${fatal.length} fel`, `INVALID   ${file} (${syntax}): ${fatal.length} error${fatal.length === 1 ? '' : 's'}`);
    const warn = warnings.length > 0 ? t(`, ${warnings.length} varning${warnings.length === 1 ? '' : 'ar'}`, `, ${warnings.length} warning${warnings.length === 1 ? '' : 's'}`) : '';
    let out = `${head}${warn}\n`;
    for (const f of [...fatal, ...warnings]) {
      const label = f.severity === 'fatal' ? t('fel     ', 'error   ') : t('varning ', 'warning ');
      out += `  ${label}${f.rule}: ${lang === 'en' ? f.messageEn : f.message}\n`;
      out += `          ${t('plats', 'at')}: ${f.location}\n`;
    }
    io.stdout(out);
  }
  if (!json) {
    const valid = files.length - invalid;
    io.stdout(t(
      `\n${files.length} dokument: ${valid} giltig${valid === 1 ? 't' : 'a'}, ${invalid} ogiltig${invalid === 1 ? 't' : 'a'}.\n`,
      `\n${files.length} document${files.length === 1 ? '' : 's'}: ${valid} valid, ${invalid} invalid.\n`));
  }
  return invalid > 0 ? 1 : 0;
}
