import { test } from 'node:test';
import assert from 'node:assert/strict';
import iconv from 'iconv-lite';
import { parseDimensionCsv } from './parse-dimension-csv.ts';

const utf8 = (s: string) => new TextEncoder().encode(s);

test('reads UTF-8 with BOM, semicolons and Swedish headers', () => {
  const r = parseDimensionCsv(utf8('\ufeffKod;Namn;Giltig från;Giltig till;Enhet\n4411;Ekonomienheten;2026-01-01;;4411\n'));
  assert.equal(r.encoding, 'utf-8');
  assert.deepEqual(r.errors, []);
  assert.deepEqual(r.rows, [{ line: 2, code: '4411', name: 'Ekonomienheten', validFrom: '2026-01-01', validTo: null, unitCode: '4411' }]);
});

test('falls back to Windows-1252 and detects commas; quoted fields may hold the separator', () => {
  const r = parseDimensionCsv(iconv.encode('code,name\r\n6440,"Livsmedel, skolkök"\r\n6450,Böcker\r\n', 'win1252'));
  assert.equal(r.encoding, 'windows-1252');
  assert.deepEqual(r.rows.map((x) => [x.code, x.name, x.validFrom]), [['6440', 'Livsmedel, skolkök', '2000-01-01'], ['6450', 'Böcker', '2000-01-01']]);
});

test('reports every bad row with its line and column', () => {
  const r = parseDimensionCsv(utf8('kod;namn;giltig_fran;giltig_till\nA;;2026-01-01;\nB;Bra;2026-13-01;\nA;Dubblett;;\nC;D;2026-01-01;2026-01-01;extra\n'));
  assert.deepEqual(r.errors.map((e) => [e.row, e.column]), [[2, 'namn'], [3, 'giltig_fran'], [4, 'kod'], [5, '']]);
});

test('empty files, header-only files and unknown columns are errors', () => {
  assert.equal(parseDimensionCsv(utf8('')).errors.length, 1);
  assert.match(parseDimensionCsv(utf8('kod;namn\n')).errors[0]!.message, /inga rader/);
  assert.match(parseDimensionCsv(utf8('kod;namn;belopp\n1;a;2\n')).errors[0]!.message, /Okända: belopp/);
  assert.match(parseDimensionCsv(utf8('kod;namn\n"1;a\n')).errors[0]!.message, /kan inte läsas som CSV/);
});
