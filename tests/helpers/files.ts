// Recursive file listing for the golden folders.
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Relative paths ('/'-separated) of the files under `root` whose name ends with `ext`, sorted. */
export function listFiles(root: string, ext: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith(ext)) out.push(relative(root, p).split('\\').join('/'));
    }
  };
  walk(root);
  return out.sort();
}
