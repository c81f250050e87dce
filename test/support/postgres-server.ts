// Starts a throw-away PostgreSQL server for the integration tests: initdb in a temp dir, 127.0.0.1,
// a free port, trust authentication. PostgreSQL refuses to run as root, so as root it runs as `postgres`.
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type ThrowawayPostgres = { url: string; version: string; stop: () => Promise<void> };

function findBinDir(): string {
  const base = '/usr/lib/postgresql';
  if (existsSync(base)) {
    const versions = readdirSync(base).filter((v) => /^\d+$/.test(v) && Number(v) >= 15).sort((a, b) => Number(b) - Number(a));
    for (const v of versions) if (existsSync(join(base, v, 'bin', 'initdb'))) return join(base, v, 'bin');
  }
  const which = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' });
  if (which.status === 0 && which.stdout.trim()) return which.stdout.trim().replace(/\/initdb$/, '');
  throw new Error('initdb not found: install PostgreSQL 15 or newer (apt-get install -y postgresql)');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => resolve(port));
    });
  });
}

/** `durable: true` keeps PostgreSQL's default fsync and synchronous commit (for benchmarks); tests turn them off. */
export async function startThrowawayPostgres(options: { durable?: boolean } = {}): Promise<ThrowawayPostgres> {
  const bin = findBinDir();
  const isRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'avrop-pg-'));
  const dataDir = join(dir, 'data');
  let uid = -1;
  let gid = -1;
  if (isRoot) {
    uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  const asUser = (cmd: string, args: string[]) =>
    isRoot ? spawnSync(cmd, args, { uid, gid, encoding: 'utf8', cwd: dir }) : spawnSync(cmd, args, { encoding: 'utf8', cwd: dir });
  const init = asUser(join(bin, 'initdb'), ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8', ...(options.durable ? [] : ['--no-sync'])]);
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr || init.stdout}`);
  const port = await freePort();
  const fast = options.durable ? '' : ' -c fsync=off -c synchronous_commit=off -c full_page_writes=off';
  const opts = `-h 127.0.0.1 -p ${port} -k ${dir}${fast} -c max_connections=200`;
  const start = asUser(join(bin, 'pg_ctl'), ['-D', dataDir, '-l', join(dir, 'server.log'), '-o', opts, '-w', '-t', '60', 'start']);
  if (start.status !== 0) throw new Error(`pg_ctl start failed: ${start.stderr || start.stdout}`);
  const version = execFileSync(join(bin, 'postgres'), ['--version'], { encoding: 'utf8' }).trim().replace(/^.*\) /, '');
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    version,
    stop: async () => {
      asUser(join(bin, 'pg_ctl'), ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
