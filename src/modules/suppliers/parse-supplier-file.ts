// Reads an ERP's supplier export: CSV (UTF-8 with or without BOM, or Windows-1252; `;` or `,`) or XLSX
// (first worksheet). The header row names the columns in Swedish (English aliases accepted):
//
//   namn (required) · organisationsnummer · momsregnr · bankgiro · plusgiro · clearing · bankkonto · iban ·
//   bic · peppol_id (several separated by spaces or |) · adress · postnummer · ort · land · epost · telefon ·
//   kontaktperson · f_skatt (ja/nej) · anteckning
//
// Every row is checked with the register's own rules; errors come back per row and column. No database.
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { AppError } from '../../platform/errors.ts';
import { checkAccounts, checkFields, type CreateSupplierInput } from './suppliers.ts';
import type { AccountInput, Issue } from './identifiers.ts';
import { decodeText } from '../org/index.ts';

export type Column =
  | 'name' | 'orgNumber' | 'vatNumber' | 'bankgiro' | 'plusgiro' | 'clearing' | 'bankAccount' | 'iban' | 'bic' | 'peppol'
  | 'street' | 'postalCode' | 'city' | 'country' | 'email' | 'phone' | 'contact' | 'fSkatt' | 'note';

/** The documented Swedish header of each column (used in error reports). */
export const columnHeaders: Record<Column, string> = {
  name: 'namn', orgNumber: 'organisationsnummer', vatNumber: 'momsregnr', bankgiro: 'bankgiro', plusgiro: 'plusgiro', clearing: 'clearing',
  bankAccount: 'bankkonto', iban: 'iban', bic: 'bic', peppol: 'peppol_id', street: 'adress', postalCode: 'postnummer', city: 'ort', country: 'land',
  email: 'epost', phone: 'telefon', contact: 'kontaktperson', fSkatt: 'f_skatt', note: 'anteckning',
};

const aliases: Record<string, Column> = {
  namn: 'name', name: 'name', leverantor: 'name', leverantorsnamn: 'name', supplier: 'name', supplier_name: 'name', foretag: 'name', foretagsnamn: 'name',
  organisationsnummer: 'orgNumber', orgnr: 'orgNumber', org_nr: 'orgNumber', orgnummer: 'orgNumber', organisation_number: 'orgNumber', organization_number: 'orgNumber', org_number: 'orgNumber', company_id: 'orgNumber',
  momsregnr: 'vatNumber', momsnr: 'vatNumber', momsnummer: 'vatNumber', momsregistreringsnummer: 'vatNumber', vat: 'vatNumber', vat_number: 'vatNumber', vatnumber: 'vatNumber', vat_no: 'vatNumber',
  bankgiro: 'bankgiro', bg: 'bankgiro', bankgironummer: 'bankgiro',
  plusgiro: 'plusgiro', pg: 'plusgiro', postgiro: 'plusgiro', plusgironummer: 'plusgiro',
  clearing: 'clearing', clearingnummer: 'clearing', clearingnr: 'clearing', clearing_number: 'clearing',
  bankkonto: 'bankAccount', kontonummer: 'bankAccount', kontonr: 'bankAccount', bank_account: 'bankAccount', account_number: 'bankAccount',
  iban: 'iban', bic: 'bic', swift: 'bic', bic_swift: 'bic',
  peppol_id: 'peppol', peppol: 'peppol', peppolid: 'peppol', endpoint: 'peppol', endpoint_id: 'peppol', participant_id: 'peppol',
  adress: 'street', utdelningsadress: 'street', gatuadress: 'street', postadress: 'street', address: 'street', street: 'street',
  postnummer: 'postalCode', postnr: 'postalCode', postal_code: 'postalCode', zip: 'postalCode', zip_code: 'postalCode',
  ort: 'city', postort: 'city', stad: 'city', city: 'city', town: 'city',
  land: 'country', landskod: 'country', country: 'country', country_code: 'country',
  epost: 'email', e_post: 'email', mejl: 'email', email: 'email', e_mail: 'email', mail: 'email',
  telefon: 'phone', tel: 'phone', telefonnummer: 'phone', phone: 'phone',
  kontaktperson: 'contact', kontakt: 'contact', contact: 'contact', contact_person: 'contact',
  f_skatt: 'fSkatt', fskatt: 'fSkatt', f_tax: 'fSkatt', ftax: 'fSkatt',
  anteckning: 'note', notering: 'note', kommentar: 'note', note: 'note', notes: 'note', comment: 'note',
};

/** At most this many suppliers per file (a municipality has a few thousand). */
export const MAX_ROWS = 20_000;

export type RowError = { row: number; column: string; message: string; messageEn: string };
export type ParsedSupplierRow = { row: number; input: CreateSupplierInput; orgNumber: string | null; vatNumber: string | null };
export type ParsedSupplierFile = { format: 'csv' | 'xlsx'; encoding: 'utf-8' | 'windows-1252' | null; rows: ParsedSupplierRow[]; errors: RowError[] };

/** UTF-8 when the bytes are valid UTF-8 (BOM removed), else Windows-1252 (the same rule as the org module's CSV import). */
export function normaliseHeader(h: string): string {
  return h.trim().toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[\s\-/.]+/g, '_').replace(/^_+|_+$/g, '');
}

export function isXlsx(bytes: Uint8Array): boolean {
  return bytes.length > 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** A table: each entry is a sheet row number (1-based) and its cells as text. */
export type Table = { row: number; cells: string[] }[];

export function readCsv(bytes: Uint8Array): { table: Table; encoding: 'utf-8' | 'windows-1252' } | RowError {
  const { text, encoding } = decodeText(bytes);
  const firstLine = text.replace(/^\ufeff/, '').split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) >= (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  try {
    const records = parse(text, { delimiter, bom: true, relax_column_count: true, skip_empty_lines: true, trim: true, info: true }) as unknown as { record: string[]; info: { lines: number } }[];
    return { table: records.map((r) => ({ row: r.info.lines, cells: r.record })), encoding };
  } catch (e) {
    const line = (e as { lines?: number }).lines ?? 1;
    return { row: line, column: '', message: `Filen kan inte läsas som CSV: ${(e as Error).message}`, messageEn: `The file cannot be read as CSV: ${(e as Error).message}` };
  }
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(v);
  if (typeof v === 'boolean') return v ? 'ja' : 'nej';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('text' in v && typeof v.text === 'string') return v.text;
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
  }
  return String(v);
}

export async function readXlsx(bytes: Uint8Array): Promise<Table | RowError> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch (e) {
    return { row: 1, column: '', message: `Filen kan inte läsas som Excel-fil (XLSX): ${(e as Error).message}`, messageEn: `The file cannot be read as an Excel file (XLSX): ${(e as Error).message}` };
  }
  const ws = wb.worksheets[0];
  if (!ws) return { row: 1, column: '', message: 'Excel-filen har inget kalkylblad.', messageEn: 'The Excel file has no worksheet.' };
  const table: Table = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c).value).trim());
    if (cells.some((x) => x !== '')) table.push({ row: rowNumber, cells });
  });
  return table;
}

function yesNo(v: string): boolean | null | 'invalid' {
  const s = v.trim().toLowerCase();
  if (s === '') return null;
  if (['ja', 'j', 'yes', 'y', 'true', 'x', '1', 'sant'].includes(s)) return true;
  if (['nej', 'n', 'no', 'false', '0', 'falskt'].includes(s)) return false;
  return 'invalid';
}

/** Which file column an issue path of the register's checks belongs to. */
function columnOf(path: string, accountColumns: Column[]): string {
  const acc = /^accounts\.(\d+)\.(\w+)/.exec(path);
  if (acc) {
    const col = accountColumns[Number(acc[1])];
    if (acc[2] === 'bic') return columnHeaders.bic;
    if (acc[2] === 'clearing') return columnHeaders.clearing;
    return col ? columnHeaders[col] : '';
  }
  if (path.startsWith('endpoints')) return columnHeaders.peppol;
  if (path.startsWith('postalAddress.postalCode')) return columnHeaders.postalCode;
  if (path.startsWith('postalAddress.country') || path === 'country') return columnHeaders.country;
  if (path.startsWith('contacts')) return path.endsWith('email') ? columnHeaders.email : columnHeaders.contact;
  const direct: Record<string, Column> = { name: 'name', orgNumber: 'orgNumber', vatNumber: 'vatNumber', email: 'email' };
  return direct[path] ? columnHeaders[direct[path]] : path;
}

/** Turns a table (header row first) into checked supplier rows and row errors, duplicates in the file included. */
export function rowsFromTable(table: Table): { rows: ParsedSupplierRow[]; errors: RowError[] } {
  const errors: RowError[] = [];
  if (table.length === 0) return { rows: [], errors: [{ row: 1, column: '', message: 'Filen är tom.', messageEn: 'The file is empty.' }] };
  const [head, ...body] = table as [Table[number], ...Table];
  const header = head.cells.map((h) => aliases[normaliseHeader(h)]);
  const unknown = head.cells.filter((h, i) => header[i] === undefined && h.trim() !== '');
  const dupCols = header.filter((c, i) => c !== undefined && header.indexOf(c) !== i);
  if (!header.includes('name') || unknown.length || dupCols.length) {
    const expected = 'namn;organisationsnummer;momsregnr;bankgiro;plusgiro;clearing;bankkonto;iban;bic;peppol_id;adress;postnummer;ort;land;epost;telefon;kontaktperson;f_skatt;anteckning';
    return {
      rows: [], errors: [{
        row: head.row, column: unknown.join(', '),
        message: `Fel kolumner i rubrikraden. Kolumnen namn krävs; möjliga kolumner: ${expected}.${unknown.length ? ` Okända: ${unknown.join(', ')}.` : ''}${dupCols.length ? ` Dubbla: ${dupCols.map((c) => columnHeaders[c!]).join(', ')}.` : ''}`,
        messageEn: `Wrong columns in the header row. The column namn (name) is required; possible columns: ${expected}.${unknown.length ? ` Unknown: ${unknown.join(', ')}.` : ''}${dupCols.length ? ` Duplicated: ${dupCols.map((c) => columnHeaders[c!]).join(', ')}.` : ''}`,
      }],
    };
  }
  if (body.length > MAX_ROWS) {
    return { rows: [], errors: [{ row: head.row, column: '', message: `Filen har ${body.length} rader; högst ${MAX_ROWS} per import. Dela upp filen.`, messageEn: `The file has ${body.length} rows; at most ${MAX_ROWS} per import. Split the file.` }] };
  }
  const rows: ParsedSupplierRow[] = [];
  const seenOrg = new Map<string, number>();
  const seenVat = new Map<string, number>();
  for (const rec of body) {
    const line = rec.row;
    const get = (c: Column): string => { const i = header.indexOf(c); return i >= 0 ? (rec.cells[i] ?? '').trim() : ''; };
    const err = (column: string, sv: string, en: string) => errors.push({ row: line, column, message: sv, messageEn: en });
    if (rec.cells.length > head.cells.length && rec.cells.slice(head.cells.length).some((c) => c.trim() !== '')) err('', 'Raden har fler fält än rubrikraden.', 'The row has more fields than the header.');
    const accounts: AccountInput[] = [];
    const accountColumns: Column[] = [];
    if (get('bankgiro')) { accounts.push({ type: 'bankgiro', number: get('bankgiro') }); accountColumns.push('bankgiro'); }
    if (get('plusgiro')) { accounts.push({ type: 'plusgiro', number: get('plusgiro') }); accountColumns.push('plusgiro'); }
    if (get('bankAccount') || get('clearing')) { accounts.push({ type: 'bank', number: get('bankAccount'), clearing: get('clearing') }); accountColumns.push('bankAccount'); }
    if (get('iban')) { accounts.push({ type: 'iban', number: get('iban'), bic: get('bic') || null }); accountColumns.push('iban'); }
    else if (get('bic')) err(columnHeaders.bic, 'BIC-kod utan IBAN-nummer.', 'A BIC without an IBAN.');
    const fSkatt = yesNo(get('fSkatt'));
    if (fSkatt === 'invalid') err(columnHeaders.fSkatt, `F-skatt ska vara ja eller nej, inte "${get('fSkatt')}".`, `F-tax must be yes or no, not "${get('fSkatt')}".`);
    const input: CreateSupplierInput = {
      name: get('name'),
      orgNumber: get('orgNumber') || null,
      vatNumber: get('vatNumber') || null,
      country: (get('country') || 'SE').toUpperCase(),
      fSkatt: fSkatt === 'invalid' ? null : fSkatt,
      postalAddress: { street: get('street') || null, postalCode: get('postalCode') || null, city: get('city') || null, country: get('country') || null },
      contacts: get('contact') ? [{ name: get('contact') }] : [],
      email: get('email') || null,
      phone: get('phone') || null,
      note: get('note') || null,
      endpoints: get('peppol').split(/[\s|]+/).filter(Boolean),
      accounts,
    };
    let orgNumber: string | null = null;
    let vatNumber: string | null = null;
    const issues: Issue[] = [];
    try {
      const f = checkFields(input);
      orgNumber = f.orgNumber;
      vatNumber = f.vatNumber;
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      issues.push(...((e.details?.issues ?? []) as Issue[]));
    }
    try { checkAccounts(accounts); } catch (e) {
      if (!(e instanceof AppError)) throw e;
      issues.push(...((e.details?.issues ?? []) as Issue[]));
    }
    for (const i of issues) err(columnOf(i.path, accountColumns), i.message, i.messageEn);
    let duplicate = false;
    if (orgNumber) {
      const prev = seenOrg.get(orgNumber);
      if (prev === undefined) seenOrg.set(orgNumber, line);
      else if (input.orgNumber) { duplicate = true; err(columnHeaders.orgNumber, `Organisationsnumret finns redan på rad ${prev}.`, `The organisation number already appears on row ${prev}.`); }
      else { duplicate = true; err(columnHeaders.vatNumber, `Organisationsnumret i momsregistreringsnumret finns redan på rad ${prev}.`, `The organisation number in the VAT number already appears on row ${prev}.`); }
    }
    if (vatNumber && !duplicate) {
      const prev = seenVat.get(vatNumber);
      if (prev !== undefined) err(columnHeaders.vatNumber, `Momsregistreringsnumret finns redan på rad ${prev}.`, `The VAT number already appears on row ${prev}.`);
      else seenVat.set(vatNumber, line);
    }
    rows.push({ row: line, input, orgNumber, vatNumber });
  }
  if (body.length === 0) errors.push({ row: head.row + 1, column: '', message: 'Filen innehåller inga rader efter rubrikraden.', messageEn: 'The file has no rows after the header.' });
  return { rows, errors };
}

/** Reads a CSV or XLSX supplier file (XLSX recognised by its zip signature). */
export async function parseSupplierFile(bytes: Uint8Array): Promise<ParsedSupplierFile> {
  if (isXlsx(bytes)) {
    const t = await readXlsx(bytes);
    if (!Array.isArray(t)) return { format: 'xlsx', encoding: null, rows: [], errors: [t] };
    return { format: 'xlsx', encoding: null, ...rowsFromTable(t) };
  }
  const c = readCsv(bytes);
  if ('message' in c) return { format: 'csv', encoding: null, rows: [], errors: [c] };
  return { format: 'csv', encoding: c.encoding, ...rowsFromTable(c.table) };
}
