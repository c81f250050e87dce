// The README's test command: type checks, lint, unit tests, integration tests on PGlite and on a
// throw-away PostgreSQL server started here, and browser tests in Debian's Chromium.
// Usage: npm test [-- --only unit|integration|browser|static] [-- --no-postgres]
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../test/support/postgres-server.ts';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
const tiers = only ? [only] : ['static', 'unit', 'integration', 'browser'];

type Count = { pass: number; fail: number; skipped: number };
const total: Count = { pass: 0, fail: 0, skipped: 0 };
const failedSteps: string[] = [];

function findTests(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) findTests(p, out);
    else if (name.endsWith('.test.ts')) out.push(relative(root, p));
  }
  return out.sort();
}

function run(label: string, cmd: string, cmdArgs: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; output: string }> {
  process.stdout.write(`\n=== ${label} ===\n`);
  return new Promise((resolve) => {
    const child = spawn(cmd, cmdArgs, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => { output += d.toString(); process.stdout.write(d); });
    child.stderr.on('data', (d: Buffer) => { output += d.toString(); process.stderr.write(d); });
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

function countFrom(output: string): Count {
  const n = (label: string) => {
    const m = [...output.matchAll(new RegExp(`^ℹ ${label} (\\d+)$`, 'gm'))].pop();
    return m ? Number(m[1]) : 0;
  };
  return { pass: n('pass'), fail: n('fail'), skipped: n('skipped') };
}

async function nodeTests(label: string, files: string[], env: NodeJS.ProcessEnv = {}): Promise<void> {
  if (files.length === 0) { process.stdout.write(`\n=== ${label}: no test files ===\n`); return; }
  const r = await run(label, process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], env);
  const c = countFrom(r.output);
  total.pass += c.pass; total.fail += c.fail; total.skipped += c.skipped;
  if (r.code !== 0) failedSteps.push(label);
}

const all = [...findTests(join(root, 'src')), ...findTests(join(root, 'test')), ...findTests(join(root, 'web'))];
const integration = all.filter((f) => f.endsWith('.integration.test.ts'));
const browser = all.filter((f) => f.endsWith('.browser.test.ts'));
const unit = all.filter((f) => !integration.includes(f) && !browser.includes(f));

for (const tier of tiers) {
  if (tier === 'static') {
    const tc = await run('typecheck', process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json']);
    if (tc.code !== 0) failedSteps.push('typecheck');
    const tcw = await run('typecheck web', process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'web/tsconfig.json']);
    if (tcw.code !== 0) failedSteps.push('typecheck web');
    const lint = await run('lint', process.execPath, [join(root, 'node_modules/eslint/bin/eslint.js'), '--max-warnings', '0', 'src', 'web/src', 'test', 'scripts', 'bench']);
    if (lint.code !== 0) failedSteps.push('lint');
  } else if (tier === 'unit') {
    await nodeTests('unit tests', unit);
  } else if (tier === 'integration') {
    await nodeTests('integration tests on PGlite', integration, { AVROP_TEST_DB: 'pglite' });
    if (args.includes('--no-postgres')) {
      process.stdout.write('\n!!! SKIPPED: integration tests on a PostgreSQL server (--no-postgres given) !!!\n');
    } else {
      let pg: ThrowawayPostgres | undefined;
      try {
        pg = await startThrowawayPostgres();
        await nodeTests(`integration tests on PostgreSQL ${pg.version}`, integration, { AVROP_TEST_DB: 'postgres', AVROP_TEST_DATABASE_URL: pg.url });
      } catch (e) {
        process.stderr.write(`Could not start a PostgreSQL server for the tests: ${(e as Error).message}\n`);
        failedSteps.push('postgres server');
      } finally {
        await pg?.stop();
      }
    }
  } else if (tier === 'browser') {
    await run('build web app', process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'])
      .then((r) => { if (r.code !== 0) failedSteps.push('build web'); });
    await nodeTests('browser tests (Chromium)', browser, { AVROP_DEMO_INVOICES: process.env.AVROP_DEMO_INVOICES ?? '40' });
  }
}

process.stdout.write(`\n${failedSteps.length ? `Failed steps: ${failedSteps.join(', ')}\n` : ''}`);
process.stdout.write(`${total.pass} passed, ${total.fail} failed, ${total.skipped} skipped\n`);
process.exit(failedSteps.length > 0 || total.fail > 0 ? 1 : 0);
