// The library entry points must run in a browser: their whole import graph (compiled JS) may not touch
// Node built-ins. Only src/cli (and the Node host adapter it holds) may.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT } from '../helpers/paths.js';

const BUILD = join(REPO_ROOT, 'build', 'src');
const IMPORT_RE = /(?:^|\n)\s*(?:import|export)\s[^'";]*?from\s+['"]([^'"]+)['"]|(?:^|\n)\s*import\s+['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Every module reachable from `entry`, and the bare/built-in specifiers they import. */
function importGraph(entry: string): { files: Set<string>; external: Map<string, string> } {
  const files = new Set<string>();
  const external = new Map<string, string>();
  const todo = [entry];
  while (todo.length) {
    const file = todo.pop() as string;
    if (files.has(file)) continue;
    files.add(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(IMPORT_RE)) {
      const spec = m[1] ?? m[2] ?? m[3] ?? '';
      if (spec.startsWith('.')) todo.push(resolve(dirname(file), spec));
      else external.set(spec, file);
    }
  }
  return { files, external };
}

for (const entry of ['index.js', 'mpy-cross.js', 'vm/index.js', 'compile/index.js', 'tool/index.js', 'debug/index.js']) {
  test(`browser-safe: build/src/${entry} imports no Node built-ins`, { skip: existsSync(join(BUILD, entry)) ? undefined : 'not built' }, () => {
    const { files, external } = importGraph(join(BUILD, entry));
    assert.ok(files.size > 1, 'import graph not followed');
    for (const f of files) assert.ok(!f.includes(`${join('build', 'src', 'cli')}`), `${entry} reaches ${f}`);
    assert.deepEqual([...external.entries()].map(([spec, from]) => `${spec} (from ${from})`), []);
  });
}
