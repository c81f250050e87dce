// Writes a SIE 4I file (transactions for import into a ledger), spec SIE 4B. Lines end with LF only: the spec
// requires LF and merely allows CR before it (5.5), and LF keeps the checksum and byte offsets simple.
// Text fields are always quoted, `"` is escaped as `\"`, control characters are removed (CR, LF and TAB become
// a space), text is NFC-normalised and then encoded in CP437 — a character outside CP437 is an Error.
import { Cp437EncodeError, encodeCp437 } from './cp437.ts';
import { Crc32 } from './crc32.ts';
import type { SieExport } from './model.ts';
import { formatAmountOre, isoToSieDate } from './values.ts';

/** A field to write: `q` quoted text, `b` bare token (numbers, dates), `l` object list of quoted/bare items. */
type Out = { q: string } | { b: string } | { l: Out[] };

function fail(sv: string, en: string): never {
  throw new Error(`${sv} / ${en}`);
}

const PLAIN = /^[\x20-\x5b\x5d-\x7e]*$/;

function cleanText(text: string, what: string): string {
  if (PLAIN.test(text)) return text; // printable ASCII without a backslash: nothing to clean or check
  const t = text.normalize('NFC').replace(/[\r\n\t]/g, ' ').replace(/[\u0000-\u001f\u007f]/g, '');
  if (t.endsWith('\\')) fail(`${what} får inte sluta med \\ ("${t}")`, `${what} must not end with \\ ("${t}")`);
  try {
    encodeCp437(t);
  } catch (e) {
    if (!(e instanceof Cp437EncodeError)) throw e;
    fail(`${what} "${t}" innehåller tecknet "${e.char}" som inte finns i PC8/CP437 (IBM 437)`,
      `${what} "${t}" contains the character "${e.char}", which PC8/CP437 (IBM 437) cannot represent`);
  }
  return t;
}

function quote(s: string): string {
  return `"${s.replace(/"/g, '\\"')}"`;
}

function render(label: string, fields: Out[]): string {
  const one = (f: Out): string => ('q' in f ? quote(f.q) : 'b' in f ? f.b : `{${f.l.map(one).join(' ')}}`);
  return [label, ...fields.map(one)].join(' ');
}

/** Label and field contents — exactly what #KSUMMA covers (spec 10.14). */
function checksumParts(label: string, fields: Out[]): string[] {
  const out = [label];
  const walk = (f: Out): void => {
    if ('l' in f) f.l.forEach(walk);
    else out.push('q' in f ? f.q : f.b);
  };
  fields.forEach(walk);
  return out;
}

const ACCOUNT = /^\d+$/;

export function writeSie4i(input: SieExport): Uint8Array {
  const lines: string[] = [];
  const crc = new Crc32();
  let summing = false;
  const rec = (label: string, fields: Out[] = []): void => {
    lines.push(render(label, fields));
    if (summing) for (const p of checksumParts(label, fields)) crc.updateText(p);
  };

  // Check everything before writing anything.
  const accounts = new Map<string, string>();
  for (const a of input.accounts) {
    if (!ACCOUNT.test(a.number)) fail(`Kontonumret "${a.number}" är inte numeriskt`, `Account number "${a.number}" is not numeric`);
    accounts.set(a.number, cleanText(a.name, `Kontonamnet för ${a.number}`));
  }
  const dimensions = new Map<number, string>();
  for (const d of input.dimensions) {
    if (!Number.isInteger(d.number) || d.number < 1) fail(`Ogiltigt dimensionsnummer ${d.number}`, `Invalid dimension number ${d.number}`);
    dimensions.set(d.number, cleanText(d.name, `Dimensionsnamnet för ${d.number}`));
  }
  const objectKey = (dim: number, code: string): string => `${dim}\u0000${code}`;
  const objects = new Map<string, { dimension: number; code: string; name: string }>();
  for (const o of input.objects) {
    if (!dimensions.has(o.dimension)) fail(`Objektet ${o.code} hör till dimension ${o.dimension} som inte deklarerats`, `Object ${o.code} belongs to undeclared dimension ${o.dimension}`);
    objects.set(objectKey(o.dimension, o.code), { dimension: o.dimension, code: cleanText(o.code, 'Objektkoden'), name: cleanText(o.name, `Objektnamnet för ${o.code}`) });
  }
  const usedAccounts = new Set<string>();
  const usedDimensions = new Set<number>();
  const usedObjects = new Set<string>();
  for (const v of input.vouchers) {
    const id = `${v.series} ${v.number}`.trim() || v.text;
    if (v.transactions.length === 0) fail(`Verifikation ${id} saknar transaktioner`, `Voucher ${id} has no transactions`);
    let sum = 0n;
    for (const t of v.transactions) {
      if (!accounts.has(t.account)) fail(`Verifikation ${id}: kontot ${t.account} är inte deklarerat`, `Voucher ${id}: account ${t.account} is not declared`);
      usedAccounts.add(t.account);
      for (const o of t.objects) {
        if (!objects.has(objectKey(o.dimension, o.code))) fail(`Verifikation ${id}: objektet ${o.code} i dimension ${o.dimension} är inte deklarerat`, `Voucher ${id}: object ${o.code} in dimension ${o.dimension} is not declared`);
        usedObjects.add(objectKey(o.dimension, o.code));
        usedDimensions.add(o.dimension);
      }
      sum += t.amountOre;
    }
    if (sum !== 0n) fail(`Verifikation ${id} är obalanserad med ${formatAmountOre(sum)}`, `Voucher ${id} is imbalanced by ${formatAmountOre(sum)}`);
  }
  if (!/^\d{6}-\d{4}$/.test(input.orgNumber)) fail(`Organisationsnumret "${input.orgNumber}" ska ha formen NNNNNN-NNNN`, `Organisation number "${input.orgNumber}" must have the form NNNNNN-NNNN`);

  rec('#FLAGGA', [{ b: '0' }]);
  if (input.checksum) { rec('#KSUMMA'); summing = true; }
  rec('#PROGRAM', [{ q: cleanText(input.program.name, 'Programnamnet') }, { q: cleanText(input.program.version, 'Programversionen') }]);
  rec('#FORMAT', [{ b: 'PC8' }]);
  rec('#GEN', [{ b: isoToSieDate(input.generatedOn) }, ...(input.generatedBy ? [{ q: cleanText(input.generatedBy, 'Signaturen') }] : [])]);
  rec('#SIETYP', [{ b: '4' }]);
  rec('#ORGNR', [{ b: input.orgNumber }]);
  rec('#FNAMN', [{ q: cleanText(input.companyName, 'Företagsnamnet') }]);
  for (const [num, name] of accounts) if (usedAccounts.has(num)) rec('#KONTO', [{ b: num }, { q: name }]);
  for (const [num, name] of dimensions) if (usedDimensions.has(num)) rec('#DIM', [{ b: String(num) }, { q: name }]);
  for (const [key, o] of objects) if (usedObjects.has(key)) rec('#OBJEKT', [{ b: String(o.dimension) }, { q: o.code }, { q: o.name }]);

  for (const v of input.vouchers) {
    const head: Out[] = [{ q: cleanText(v.series, 'Verifikationsserien') }, { q: cleanText(v.number, 'Verifikationsnumret') },
      { b: isoToSieDate(v.date) }, { q: cleanText(v.text, 'Verifikationstexten') }];
    if (v.regDate) head.push({ b: isoToSieDate(v.regDate) });
    rec('#VER', head);
    lines.push('{');
    for (const t of v.transactions) {
      const fields: Out[] = [
        { b: t.account },
        { l: t.objects.flatMap((o) => [{ b: String(o.dimension) }, { q: cleanText(o.code, 'Objektkoden') }]) },
        { b: formatAmountOre(t.amountOre) },
      ];
      if (t.date || t.text) fields.push(t.date ? { b: isoToSieDate(t.date) } : { q: '' });
      if (t.text) fields.push({ q: cleanText(t.text, 'Transaktionstexten') });
      rec('#TRANS', fields);
    }
    lines.push('}');
  }
  if (input.checksum) {
    summing = false;
    rec('#KSUMMA', [{ b: String(crc.digest()) }]);
  }
  return encodeCp437(lines.join('\n') + '\n');
}
