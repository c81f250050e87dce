// Generates the code-list tables in src/formats/peppol/codelists/ from the Peppol BIS Billing 3 code
// lists (OpenPEPPOL/peppol-bis-invoice-3, structure/codelist/*.xml, vefa CodeList format).
//
// Usage: node --import tsx scripts/generate-codelists.ts [path/to/standards]
//   The standards folder defaults to $AVROP_STANDARDS_DIR, else ../shared/standards beside the repository.
//
// The XML files are read, never copied: only the codes (and, for short lists, their names) are written
// as TypeScript Sets/Maps. Re-run after updating the standards folder; the output is deterministic.
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

const repoRoot = resolve(new URL('..', import.meta.url).pathname);
const standards = resolve(process.argv[2] ?? process.env.AVROP_STANDARDS_DIR ?? join(repoRoot, '..', 'shared', 'standards'));
const sourceDir = join(standards, 'peppol-bis-invoice-3', 'structure', 'codelist');
const outDir = join(repoRoot, 'src', 'formats', 'peppol', 'codelists');

/** Which upstream release the standards folder holds (see its README.md). */
const SOURCE = 'OpenPEPPOL/peppol-bis-invoice-3 @ 78d7f7df (BIS Billing 3.0.19, May 2025 release), structure/codelist';
const COMMAND = 'node --import tsx scripts/generate-codelists.ts';

type Spec = {
  /** XML file name in structure/codelist. */
  file: string;
  /** TypeScript module name (without .ts). */
  module: string;
  /** Exported Set name. */
  setName: string;
  /** Exported Map name (code → name), or null to emit codes only (long lists). */
  namesName: string | null;
  doc: string;
};

const specs: Spec[] = [
  { file: 'ISO3166-1_Alpha2.xml', module: 'iso3166', setName: 'countryCodes', namesName: 'countryNames', doc: 'ISO 3166-1 alpha-2 country codes (Peppol list, incl. 1A Kosovo and XI Northern Ireland).' },
  { file: 'ISO4217_2015.xml', module: 'iso4217', setName: 'currencyCodes', namesName: 'currencyNames', doc: 'ISO 4217 alpha-3 currency codes.' },
  { file: 'MimeCode.xml', module: 'mime', setName: 'mimeCodes', namesName: null, doc: 'MIME codes allowed for attached documents (Peppol subset of IANA).' },
  { file: 'SEPA.xml', module: 'sepa', setName: 'sepaSchemes', namesName: null, doc: 'SEPA indicator scheme (bank assigned creditor identifier).' },
  { file: 'UNCL1001-inv.xml', module: 'uncl1001-invoice', setName: 'invoiceTypeCodes', namesName: 'invoiceTypeNames', doc: 'Invoice type codes (UNCL 1001 subset for invoices, Peppol).' },
  { file: 'UNCL1001-cn.xml', module: 'uncl1001-credit-note', setName: 'creditNoteTypeCodes', namesName: 'creditNoteTypeNames', doc: 'Credit note type codes (UNCL 1001 subset for credit notes, Peppol).' },
  { file: 'UNCL1153.xml', module: 'uncl1153', setName: 'objectIdentifierSchemes', namesName: null, doc: 'Reference code qualifiers (UNCL 1153), scheme of the invoiced object identifier.' },
  { file: 'UNCL2005.xml', module: 'uncl2005', setName: 'vatDateCodes', namesName: 'vatDateNames', doc: 'VAT point date codes (UNCL 2005 subset).' },
  { file: 'UNCL4461.xml', module: 'uncl4461', setName: 'paymentMeansCodes', namesName: 'paymentMeansNames', doc: 'Payment means codes (UNCL 4461).' },
  { file: 'UNCL5189.xml', module: 'uncl5189', setName: 'allowanceReasonCodes', namesName: 'allowanceReasonNames', doc: 'Allowance reason codes (UNCL 5189 subset).' },
  { file: 'UNCL5305.xml', module: 'uncl5305', setName: 'vatCategoryCodes', namesName: 'vatCategoryNames', doc: 'Duty/tax/fee category codes (UNCL 5305 subset).' },
  { file: 'UNCL7143.xml', module: 'uncl7143', setName: 'itemClassificationSchemes', namesName: null, doc: 'Item type identification codes (UNCL 7143), item classification scheme.' },
  { file: 'UNCL7161.xml', module: 'uncl7161', setName: 'chargeReasonCodes', namesName: 'chargeReasonNames', doc: 'Charge reason codes (UNCL 7161).' },
  { file: 'UNECERec20-11e.xml', module: 'unece-rec20', setName: 'unitCodes', namesName: null, doc: 'Units of measure: UN/ECE Recommendation 20, incl. Recommendation 21 codes prefixed with X.' },
  { file: 'VATEX.xml', module: 'vatex', setName: 'vatExemptionReasonCodes', namesName: 'vatExemptionReasonNames', doc: 'VAT exemption reason codes (CEF VATEX).' },
  { file: 'eas.xml', module: 'eas', setName: 'easCodes', namesName: 'easNames', doc: 'Electronic Address Scheme (EAS) codes allowed by Peppol for endpoint identifiers.' },
  { file: 'icd.xml', module: 'icd', setName: 'icdCodes', namesName: 'icdNames', doc: 'ISO 6523 ICD codes (identifier schemes for party/legal identifiers).' },
];

type CodeList = { title: string; identifier: string; version: string; codes: { id: string; name: string }[] };

function decodeEntities(s: string): string {
  return s
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_m, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&#x([0-9a-fA-F]+);/g, (_m, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&amp;/g, '&');
}

function text(block: string, tag: string): string {
  const m = new RegExp(`<${tag}(?:\\s[^>]*)?>([\\s\\S]*?)</${tag}>`).exec(block);
  return m?.[1] === undefined ? '' : decodeEntities(m[1]).replace(/\s+/g, ' ').trim();
}

function parse(xml: string): CodeList {
  const head = xml.slice(0, xml.indexOf('<Code>') === -1 ? xml.length : xml.indexOf('<Code>'));
  const codes: { id: string; name: string }[] = [];
  for (const m of xml.matchAll(/<Code>([\s\S]*?)<\/Code>/g)) {
    const block = m[1] ?? '';
    const id = text(block, 'Id');
    if (id === '') continue;
    codes.push({ id, name: text(block, 'Name') });
  }
  return { title: text(head, 'Title'), identifier: text(head, 'Identifier'), version: text(head, 'Version'), codes };
}

function lit(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function wrap(items: string[], indent: string, width = 110): string[] {
  const lines: string[] = [];
  let line = '';
  for (const item of items) {
    const piece = `${item},`;
    if (line !== '' && indent.length + line.length + 1 + piece.length > width) {
      lines.push(indent + line);
      line = piece;
    } else {
      line = line === '' ? piece : `${line} ${piece}`;
    }
  }
  if (line !== '') lines.push(indent + line);
  return lines;
}

function render(spec: Spec, list: CodeList): string {
  const seen = new Set<string>();
  const codes = list.codes.filter((c) => (seen.has(c.id) ? false : (seen.add(c.id), true)));
  const out: string[] = [
    '// GENERATED FILE, do not edit by hand.',
    `// Source: ${SOURCE}/${spec.file}`,
    `// List: ${list.title} (${list.identifier}${list.version ? `, version ${list.version}` : ''}), ${codes.length} codes.`,
    `// Regenerate with: ${COMMAND}`,
    '',
    `/** ${spec.doc} */`,
    `export const ${spec.setName}: ReadonlySet<string> = new Set([`,
    ...wrap(codes.map((c) => lit(c.id)), '  '),
    ']);',
  ];
  if (spec.namesName) {
    out.push('', `/** Names of the codes in \`${spec.setName}\`, as the source list gives them (English). */`);
    out.push(`export const ${spec.namesName}: ReadonlyMap<string, string> = new Map([`);
    for (const c of codes) out.push(`  [${lit(c.id)}, ${lit(c.name)}],`);
    out.push(']);');
  }
  return `${out.join('\n')}\n`;
}

function main(): void {
  if (!existsSync(sourceDir)) {
    process.stderr.write(`Code list folder not found: ${sourceDir}\nPass the standards folder as argument or set AVROP_STANDARDS_DIR.\n`);
    process.exit(1);
  }
  mkdirSync(outDir, { recursive: true });
  const index: string[] = [
    '// CODELISTS-READY',
    '// GENERATED FILE, do not edit by hand.',
    `// Code lists of Peppol BIS Billing 3: ${SOURCE}.`,
    `// Regenerate with: ${COMMAND}`,
    '//',
    '// Each list is a ReadonlySet<string> for O(1) lookups; short lists also have a code → name Map.',
    '// Lists where the EN 16931 artefacts use another edition are hand-maintained in en16931-editions.ts.',
    '',
  ];
  const summary: string[] = [];
  for (const spec of specs) {
    const list = parse(readFileSync(join(sourceDir, spec.file), 'utf8'));
    if (list.codes.length === 0) throw new Error(`${spec.file}: no codes found`);
    writeFileSync(join(outDir, `${spec.module}.ts`), render(spec, list));
    const names = spec.namesName ? `, ${spec.namesName}` : '';
    index.push(`export { ${spec.setName}${names} } from './${spec.module}.ts';`);
    summary.push(`${spec.module}.ts: ${list.codes.length} codes (${list.identifier} ${list.version})`);
  }
  index.push('', '// Hand-maintained editions used by the EN 16931 rule set where it differs from Peppol (not generated).');
  index.push("export { easCodesEn16931, easCodesEn16931OnlyExtra } from './en16931-editions.ts';");
  writeFileSync(join(outDir, 'index.ts'), `${index.join('\n')}\n`);
  process.stdout.write(`${summary.join('\n')}\nWrote ${specs.length} lists + index.ts to src/formats/peppol/codelists/\n`);
}

main();
