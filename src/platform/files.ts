// Files written for people and other systems (export batches, payment files): complete or absent.
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Writes `bytes` to `dir/filename` via a temp file and a rename, so no reader sees half a file. */
export async function writeFileAtomic(dir: string, filename: string, bytes: Uint8Array): Promise<string> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, filename);
  await writeFile(`${path}.tmp`, bytes);
  await rename(`${path}.tmp`, path);
  return path;
}
