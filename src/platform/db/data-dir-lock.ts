// PGlite serves one process at a time. A lock file in the data directory names the owning process;
// a second process refuses with a clear message instead of corrupting the database.
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../errors.ts';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function acquireDataDirLock(dataDir: string): () => void {
  const file = join(dataDir, 'avrop.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, JSON.stringify({ pid: process.pid, command: process.argv.slice(2).join(' '), since: new Date().toISOString() }));
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        rmSync(file, { force: true });
        process.off('exit', release);
      };
      process.on('exit', release);
      return release;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      let holder: { pid?: number; command?: string } = {};
      try { holder = JSON.parse(readFileSync(file, 'utf8')) as typeof holder; } catch { /* unreadable: treat as stale */ }
      if (holder.pid && holder.pid !== process.pid && alive(holder.pid)) {
        throw new AppError('database_busy', {
          sv: `Databasen i ${dataDir} används redan av en annan process (pid ${holder.pid}: avrop ${holder.command ?? ''}). Stoppa den först, eller använd en annan datakatalog (AVROP_DATA_DIR).`,
          en: `The database in ${dataDir} is in use by another process (pid ${holder.pid}: avrop ${holder.command ?? ''}). Stop it first, or use another data directory (AVROP_DATA_DIR).`,
        }, { pid: holder.pid });
      }
      rmSync(file, { force: true }); // stale lock from a process that died
    }
  }
  throw new AppError('database_busy');
}
