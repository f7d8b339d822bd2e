// Locations tests read from: the repository root and the read-only ../shared folder beside it.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

function findUp(start: string): string | undefined {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

// From the compiled test file normally; from the working directory when tests are compiled elsewhere.
export const REPO_ROOT = findUp(dirname(fileURLToPath(import.meta.url))) ?? findUp(process.cwd()) ?? process.cwd();
export const SHARED = resolve(REPO_ROOT, '..', 'shared');
export const GOLDEN = join(SHARED, 'golden', 'pyodide-stdlib');

/** Why a test that needs ../shared must be skipped, or undefined when it is there. */
export function sharedMissing(sub = ''): string | undefined {
  return existsSync(join(SHARED, sub)) ? undefined : `../shared/${sub} is absent (tests that compare with upstream's output need it beside the repo)`;
}
