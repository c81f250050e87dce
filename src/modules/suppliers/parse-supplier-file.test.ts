import { test } from 'node:test';
import assert from 'node:assert/strict';
import iconv from 'iconv-lite';
import ExcelJS from 'exceljs';
import { luhnCheckDigit } from '../../formats/identifiers/index.ts';
import { isXlsx, normaliseHeader, parseSupplierFile, rowsFromTable } from './parse-supplier-file.ts';
import { decodeText } from '../org/index.ts';
import { demoOrgNumber } from './demo.ts';

const utf8 = (s: string) => new TextEncoder().encode(s);
const bg = (p: string) => `${p}${luhnCheckDigit(p)}`;
const org1 = demoOrgNumber('6000011');
const org2 = demoOrgNumber('6000022');

test('headers: Swedish and English names, case, accents, spaces and hyphens', () => {
  assert.equal(normaliseHeader(' Organisations-nummer '), 'organisations_nummer');
  assert.equal(normaliseHeader('E-post'), 'e_post');
  assert.equal(normaliseHeader('Företagsnamn'), 'foretagsnamn');
  assert.equal(normaliseHeader('F-skatt'), 'f_skatt');
  const r = rowsFromTable([
    { row: 1, cells: ['Företagsnamn', 'OrgNr', 'VAT number', 'BG', 'PG', 'Clearingnummer', 'Kontonummer', 'IBAN', 'SWIFT', 'Peppol-id', 'Gatuadress', 'Postnr', 'Postort', 'Land', 'E-post', 'Tel', 'Kontakt', 'F-skatt', 'Notering'] },
    { row: 2, cells: ['Ett AB', org1, `SE${org1}01`, bg('600001'), '', '6789', '123456789', '', '', `0007:${org1}`, 'Gatan 1', '12345', 'Orten', 'se', 'a@b.se', '08-1', 'Kim', 'nej', 'Not'] },
  ]);
  assert.deepEqual(r.errors, []);
  const input = r.rows[0]!.input;
  assert.equal(input.name, 'Ett AB');
  assert.deepEqual(input.accounts, [{ type: 'bankgiro', number: bg('600001') }, { type: 'bank', number: '123456789', clearing: '6789' }]);
  assert.deepEqual(input.endpoints, [`0007:${org1}`]);
  assert.equal(input.fSkatt, false);
  assert.equal(input.country, 'SE');
  assert.deepEqual(input.contacts, [{ name: 'Kim' }]);
  assert.equal(r.rows[0]!.orgNumber, org1);
});

test('CSV in UTF-8 with BOM and semicolons; several Peppol ids in one cell', async () => {
  const csv = `\ufeffnamn;organisationsnummer;peppol_id;ort\nEtt AB;${org1};0007:${org1} | 0088:7300010000001;Lund\n\nTvå AB;${org2};;Malmö\n`;
  const r = await parseSupplierFile(utf8(csv));
  assert.equal(r.format, 'csv');
  assert.equal(r.encoding, 'utf-8');
  assert.deepEqual(r.errors, []);
  assert.deepEqual(r.rows.map((x) => x.row), [2, 4], 'row numbers are the file lines (an empty line is skipped)');
  assert.deepEqual(r.rows[0]!.input.endpoints, [`0007:${org1}`, '0088:7300010000001']);
  assert.equal(r.rows[1]!.input.postalAddress?.city, 'Malmö');
});

test('CSV in Windows-1252 with commas and a quoted separator', async () => {
  const r = await parseSupplierFile(iconv.encode(`namn,orgnr,ort\r\n"Åkeri, Östra AB",${org1},Älmhult\r\n`, 'win1252'));
  assert.equal(r.encoding, 'windows-1252');
  assert.deepEqual(r.errors, []);
  assert.equal(r.rows[0]!.input.name, 'Åkeri, Östra AB');
  assert.equal(r.rows[0]!.input.postalAddress?.city, 'Älmhult');
  assert.equal(decodeText(utf8('å')).encoding, 'utf-8');
});

test('row errors: each identifier, the column it came from, duplicates within the file', () => {
  const r = rowsFromTable([
    { row: 1, cells: ['namn', 'organisationsnummer', 'momsregnr', 'bankgiro', 'plusgiro', 'iban', 'bic', 'peppol_id', 'postnummer', 'epost', 'f_skatt'] },
    { row: 2, cells: ['Bra AB', org1, '', bg('600001'), '', '', '', '', '', '', 'ja'] },
    { row: 3, cells: ['', '556732-1708', 'SE556732170801', '5050-1056', '4711-3', 'SE00 1234', 'XX', '0007:123', '1234', 'inte-epost', 'kanske'] },
    { row: 4, cells: ['Dubblett AB', org1, `SE${org1}01`, '', '', '', '', '', '', '', ''] },
    { row: 5, cells: ['Bara BIC AB', org2, '', '', '', '', 'ESSESESS', '', '', '', ''] },
  ]);
  const at = (row: number) => r.errors.filter((e) => e.row === row).map((e) => e.column).sort();
  assert.deepEqual(at(2), []);
  assert.deepEqual(at(3), ['bankgiro', 'epost', 'f_skatt', 'iban', 'momsregnr', 'namn', 'organisationsnummer', 'peppol_id', 'plusgiro', 'postnummer']);
  assert.deepEqual(at(4), ['organisationsnummer']);
  assert.match(r.errors.find((e) => e.row === 4)!.message, /finns redan på rad 2/);
  assert.deepEqual(at(5), ['bic']);
  const bgErr = r.errors.find((e) => e.row === 3 && e.column === 'bankgiro')!;
  assert.equal(bgErr.message, 'Bankgironumret 5050-1056 har fel kontrollsiffra.');
  assert.equal(bgErr.messageEn, 'The bankgiro number 5050-1056 has a wrong check digit.');
});

test('a VAT number that repeats another row is a duplicate too', () => {
  const r = rowsFromTable([
    { row: 1, cells: ['namn', 'momsregnr'] },
    { row: 2, cells: ['A', `SE${org1}01`] },
    { row: 3, cells: ['B', `se ${org1} 01`] },
  ]);
  assert.deepEqual(r.errors.map((e) => [e.row, e.column]), [[3, 'momsregnr']]);
});

test('wrong headers, empty files and extra fields', async () => {
  assert.match((await parseSupplierFile(utf8(''))).errors[0]!.message, /tom/);
  assert.match((await parseSupplierFile(utf8('namn;ort\n'))).errors[0]!.message, /inga rader/);
  const unknown = (await parseSupplierFile(utf8('namn;belopp\nA;1\n'))).errors[0]!;
  assert.equal(unknown.row, 1);
  assert.match(unknown.message, /Okända: belopp/);
  assert.match((await parseSupplierFile(utf8('ort;orgnr\nLund;1\n'))).errors[0]!.message, /Kolumnen namn krävs/);
  assert.match((await parseSupplierFile(utf8('namn;name\nA;B\n'))).errors[0]!.message, /Dubbla: namn/);
  assert.match((await parseSupplierFile(utf8('namn\n"A\n'))).errors[0]!.message, /kan inte läsas som CSV/);
  const extra = await parseSupplierFile(utf8('namn;ort\nA;Lund;extra\n'));
  assert.deepEqual(extra.errors.map((e) => e.row), [2]);
});

test('XLSX: the first worksheet, numbers and rich text read as text, empty rows skipped', async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Export');
  ws.addRow(['Namn', 'Organisationsnummer', 'Bankgiro', 'Ort']);
  ws.addRow([{ richText: [{ text: 'Rik ' }, { text: 'Text AB', font: { bold: true } }] }, Number(org1), Number(bg('600001')), 'Kiruna']);
  ws.addRow([]);
  ws.addRow(['Två AB', `${org2.slice(0, 6)}-${org2.slice(6)}`, null, 'Luleå']);
  wb.addWorksheet('Annat').addRow(['ignoreras']);
  const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
  assert.ok(isXlsx(bytes));
  const r = await parseSupplierFile(bytes);
  assert.equal(r.format, 'xlsx');
  assert.deepEqual(r.errors, []);
  assert.deepEqual(r.rows.map((x) => [x.row, x.input.name, x.orgNumber]), [[2, 'Rik Text AB', org1], [4, 'Två AB', org2]]);
  assert.deepEqual(r.rows[0]!.input.accounts, [{ type: 'bankgiro', number: bg('600001') }]);
});

test('a damaged XLSX is one clear error', async () => {
  const r = await parseSupplierFile(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]));
  assert.equal(r.format, 'xlsx');
  assert.match(r.errors[0]!.message, /kan inte läsas som Excel-fil/);
});

test('a file with more rows than one import takes is refused whole', () => {
  const table = [{ row: 1, cells: ['namn'] }, ...Array.from({ length: 20_001 }, (_, i) => ({ row: i + 2, cells: [`Leverantör ${i}`] }))];
  const r = rowsFromTable(table);
  assert.equal(r.rows.length, 0);
  assert.match(r.errors[0]!.message, /högst 20000 per import/);
});
