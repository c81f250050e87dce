import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateCommand, validateHelp } from './validate.ts';
import { standardsOrSkip, standardsPath } from '../../../test/support/standards.ts';

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await validateCommand(args, { stdout: (s) => { out += s; }, stderr: (s) => { err += s; } });
  return { code, out, err };
}

test('usage errors exit 2 with a message on stderr', async () => {
  let r = await run([]);
  assert.equal(r.code, 2);
  assert.match(r.err, /Ange minst en fil/);
  r = await run(['--lang', 'en']);
  assert.equal(r.code, 2);
  assert.match(r.err, /Give at least one file/);
  r = await run(['--frobnicate', 'x.xml']);
  assert.equal(r.code, 2);
  assert.match(r.err, /Okänd flagga: --frobnicate/);
  r = await run(['--json', '/definitely/not/here.xml']);
  assert.equal(r.code, 2);
  assert.match(r.err, /finns inte/);
  assert.equal(r.out, '');
  r = await run(['/dev/null']);
  assert.equal(r.code, 2);
  assert.match(r.err, /Inte en vanlig fil/);
  r = await run(['--lang', 'de', 'x.xml']);
  assert.equal(r.code, 2);
});

test('--help in Swedish and English', async () => {
  let r = await run(['--help']);
  assert.equal(r.code, 0);
  assert.equal(r.out, validateHelp.sv);
  r = await run(['--lang=en', '-h']);
  assert.equal(r.out, validateHelp.en);
  assert.match(validateHelp.sv, /Användning: avrop validate/);
  assert.match(validateHelp.en, /Usage: avrop validate/);
});

test('directories are searched recursively for *.xml, sorted; --json gives one line per document', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'avrop-validate-'));
  try {
    mkdirSync(join(dir, 'a'));
    writeFileSync(join(dir, 'b.xml'), 'not xml');
    writeFileSync(join(dir, 'a', 'c.XML'), '<Order/>');
    writeFileSync(join(dir, 'ignored.txt'), 'x');
    writeFileSync(join(dir, 'huge.xml'), '');
    truncateSync(join(dir, 'huge.xml'), 21 * 1024 * 1024); // sparse: never read
    const r = await run(['--json', dir]);
    assert.equal(r.code, 1);
    const lines = r.out.trim().split('\n').map((l) => JSON.parse(l) as { file: string; valid: boolean; syntax: string; findings: { rule: string; severity: string; message: string; location: string }[] });
    assert.deepEqual(lines.map((l) => l.file), [join(dir, 'a', 'c.XML'), join(dir, 'b.xml'), join(dir, 'huge.xml')]);
    assert.deepEqual(lines.map((l) => [l.valid, l.syntax, l.findings[0]!.rule, l.findings[0]!.severity]), [
      [false, 'unknown', 'AVROP-DOC-001', 'fatal'],
      [false, 'unknown', 'AVROP-XML-002', 'fatal'],
      [false, 'unknown', 'AVROP-XML-001', 'fatal'],
    ]);
    assert.deepEqual(Object.keys(lines[0]!), ['file', 'valid', 'syntax', 'findings']);
    assert.deepEqual(Object.keys(lines[0]!.findings[0]!), ['rule', 'severity', 'message', 'location']);
    assert.match(lines[0]!.findings[0]!.message, /Rotelementet/);
    const en = await run(['--json', '--lang', 'en', join(dir, 'b.xml')]);
    assert.match((JSON.parse(en.out) as { findings: { message: string }[] }).findings[0]!.message, /not well-formed/);
    const human = await run([dir]);
    assert.equal(human.code, 1);
    assert.match(human.out, /OGILTIG/);
    assert.match(human.out, /AVROP-XML-002/);
    assert.match(human.out, /3 dokument: 0 giltiga, 3 ogiltiga\./);
    const humanEn = await run(['--lang', 'en', dir]);
    assert.match(humanEn.out, /3 documents: 0 valid, 3 invalid\./);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a valid official example exits 0', async (t) => {
  if (!standardsOrSkip(t)) return;
  const file = standardsPath('peppol-bis-invoice-3/rules/examples/base-example.xml');
  const r = await run(['--json', file]);
  const line = JSON.parse(r.out) as { file: string; valid: boolean; syntax: string };
  assert.equal(line.file, file);
  assert.equal(line.syntax, 'ubl-invoice');
  assert.equal(line.valid, true);
  assert.equal(r.code, 0);
  const human = await run([file]);
  assert.match(human.out, /GILTIG/);
  assert.match(human.out, /1 dokument: 1 giltigt, 0 ogiltiga\./);
});
