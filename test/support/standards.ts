// Locates the shared test material (`../shared/standards/` beside the repository). Tests that need it
// call `standardsOrSkip(t)`; when the folder is absent they skip and say so loudly.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { TestContext } from 'node:test';

const repoRoot = resolve(new URL('../..', import.meta.url).pathname);

export const standardsDir: string | null = (() => {
  const dir = process.env.AVROP_STANDARDS_DIR ?? join(repoRoot, '..', 'shared', 'standards');
  return existsSync(dir) ? dir : null;
})();

export function standardsPath(...parts: string[]): string {
  if (!standardsDir) throw new Error('shared/standards is missing');
  return join(standardsDir, ...parts);
}

/** Returns the standards folder, or marks the test skipped with a loud message when it is absent. */
export function standardsOrSkip(t: TestContext): string | null {
  if (standardsDir) return standardsDir;
  const msg = `SKIPPED: ../shared/standards not found beside the repository (${repoRoot}); official test material not run`;
  process.stderr.write(`\n!!! ${msg} !!!\n`);
  t.skip(msg);
  return null;
}
