// Pure parsing of a dimension-value CSV file as ERPs export them: UTF-8 (with or without BOM) or
// Windows-1252, `;` or `,` separated, a header row naming the columns in Swedish or English.
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { isIsoDate } from '../../platform/dates.ts';

export type DimensionValueRow = { line: number; code: string; name: string; validFrom: string; validTo: string | null; unitCode: string | null };
export type RowError = { row: number; column: string; message: string; messageEn: string };
export type ParseResult = { encoding: 'utf-8' | 'windows-1252'; rows: DimensionValueRow[]; errors: RowError[] };

export const DEFAULT_VALID_FROM = '2000-01-01';
const codePattern = /^[A-Za-z0-9._-]{1,30}$/;

export function decodeText(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'windows-1252' } {
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    return { text, encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(Buffer.from(bytes), 'win1252'), encoding: 'windows-1252' };
  }
}

const headerAliases: Record<string, 'code' | 'name' | 'validFrom' | 'validTo' | 'unit'> = {
  kod: 'code', code: 'code', konto: 'code', id: 'code',
  namn: 'name', name: 'name', benamning: 'name', beskrivning: 'name',
  giltig_fran: 'validFrom', giltigfran: 'validFrom', fran: 'validFrom', valid_from: 'validFrom', from: 'validFrom',
  giltig_till: 'validTo', giltigtill: 'validTo', till: 'validTo', valid_to: 'validTo', to: 'validTo',
  enhet: 'unit', unit: 'unit',
};

function normaliseHeader(h: string): string {
  return h.trim().toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[\s-]+/g, '_');
}

export function parseDimensionCsv(bytes: Uint8Array): ParseResult {
  const { text, encoding } = decodeText(bytes);
  const errors: RowError[] = [];
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) >= (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  let records: string[][];
  try {
    records = parse(text, { delimiter, bom: true, relax_column_count: true, skip_empty_lines: true, trim: true }) as string[][];
  } catch (e) {
    const line = (e as { lines?: number }).lines ?? 1;
    return { encoding, rows: [], errors: [{ row: line, column: '', message: `Filen kan inte läsas som CSV: ${(e as Error).message}`, messageEn: `The file cannot be read as CSV: ${(e as Error).message}` }] };
  }
  if (records.length === 0) {
    return { encoding, rows: [], errors: [{ row: 1, column: '', message: 'Filen är tom.', messageEn: 'The file is empty.' }] };
  }
  const header = records[0]!.map((h) => headerAliases[normaliseHeader(h)]);
  const col = (k: string) => header.indexOf(k as never);
  const unknown = records[0]!.filter((_, i) => header[i] === undefined);
  if (col('code') < 0 || col('name') < 0 || unknown.length > 0) {
    return {
      encoding, rows: [], errors: [{
        row: 1, column: unknown.join(', '),
        message: `Fel kolumner i rubrikraden. Förväntat: kod;namn;giltig_fran;giltig_till (enhet valfri).${unknown.length ? ` Okända: ${unknown.join(', ')}.` : ''}`,
        messageEn: `Wrong columns in the header row. Expected: kod;namn;giltig_fran;giltig_till (enhet optional).${unknown.length ? ` Unknown: ${unknown.join(', ')}.` : ''}`,
      }],
    };
  }
  const rows: DimensionValueRow[] = [];
  const seen = new Map<string, number>();
  records.slice(1).forEach((rec, i) => {
    const line = i + 2;
    const get = (k: string) => { const c = col(k); return c >= 0 ? (rec[c] ?? '').trim() : ''; };
    const err = (column: string, sv: string, en: string) => errors.push({ row: line, column, message: sv, messageEn: en });
    if (rec.length > records[0]!.length) err('', 'Raden har fler fält än rubrikraden.', 'The row has more fields than the header.');
    const code = get('code');
    const name = get('name');
    const validFrom = get('validFrom') || DEFAULT_VALID_FROM;
    const validTo = get('validTo') || null;
    if (!codePattern.test(code)) err('kod', `Ogiltig kod "${code}" (1–30 tecken: bokstäver, siffror, . _ -).`, `Invalid code "${code}" (1-30 characters: letters, digits, . _ -).`);
    if (!name) err('namn', 'Namn saknas.', 'Name is missing.');
    else if (name.length > 200) err('namn', 'Namnet är längre än 200 tecken.', 'The name is longer than 200 characters.');
    if (!isIsoDate(validFrom)) err('giltig_fran', `Ogiltigt datum "${validFrom}" (ÅÅÅÅ-MM-DD).`, `Invalid date "${validFrom}" (YYYY-MM-DD).`);
    if (validTo !== null && !isIsoDate(validTo)) err('giltig_till', `Ogiltigt datum "${validTo}" (ÅÅÅÅ-MM-DD).`, `Invalid date "${validTo}" (YYYY-MM-DD).`);
    else if (validTo !== null && isIsoDate(validFrom) && validTo < validFrom) err('giltig_till', 'Giltig till är före giltig från.', 'Valid to is before valid from.');
    const prev = seen.get(code);
    if (code && prev !== undefined) err('kod', `Koden ${code} finns redan på rad ${prev}.`, `The code ${code} already appears on row ${prev}.`);
    seen.set(code, line);
    rows.push({ line, code, name, validFrom, validTo, unitCode: get('unit') || null });
  });
  if (rows.length === 0 && errors.length === 0) errors.push({ row: 2, column: '', message: 'Filen innehåller inga rader efter rubrikraden.', messageEn: 'The file has no rows after the header.' });
  return { encoding, rows, errors };
}
