// A browser bundle of the VM with `mpyts freeze` output: esbuild bundles it for platform "browser" (it
// fails on any Node built-in), and the bundle runs in a bare JS context that has only what browsers
// have — no process, require or Buffer — importing frozen modules of both kinds, the .mpy ones executing
// in place from the bytes the generated module embeds.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { runInNewContext } from 'node:vm';
import { compile } from '../../src/compile/index.js';
import { REPO_ROOT } from '../helpers/paths.js';

interface EsbuildResult {
  outputFiles: { text: string }[];
}
type Build = (o: Record<string, unknown>) => Promise<EsbuildResult>;

test('browser bundle: VM + frozen modules run without Node APIs', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mpyts-bundle-'));
  const vmEntry = join(REPO_ROOT, 'build', 'src', 'vm', 'index.js');
  writeFileSync(join(dir, 'shapes.py'), 'def area(w, h):\n    return w * h + 7\n');
  writeFileSync(join(dir, 'words.py'), 'GREETING = "hi from frozen source"\n');
  writeFileSync(join(dir, 'manifest.py'), 'freeze(".", "shapes.py")\nfreeze_as_str(".", "words.py")\n');
  const r = spawnSync(process.execPath, [join(REPO_ROOT, 'bin', 'mpyts.js'), 'freeze', 'manifest.py', '--import-from', vmEntry, '-o', 'frozen.mjs'], { cwd: dir, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const main = compile('import shapes, words\nprint(shapes.area(6, 7), words.GREETING)\nprint("patch")\nprint(shapes.area(6, 7))\n', { fileName: 'main.py' });
  writeFileSync(join(dir, 'entry.mjs'), [
    `import { modules } from './frozen.mjs';`,
    // In place: once "patch" is printed, LOAD_CONST_SMALL_INT 7 in the embedded bytes becomes 8.
    `const shapes = modules.find((m) => m.name === 'shapes.py').mpy;`,
    `const at = shapes.lastIndexOf(0x87);`,
    `const out = (t) => { __out(t); if (t.includes('patch')) shapes[at] = 0x88; };`,
    `import { createVM } from ${JSON.stringify(vmEntry)};`,
    `const main = Uint8Array.from(atob(${JSON.stringify(Buffer.from(main).toString('base64'))}), (c) => c.charCodeAt(0));`,
    // The frozen-as-source module needs the compiler: it is bundled too.
    `import { compile } from ${JSON.stringify(join(REPO_ROOT, 'build', 'src', 'compile', 'index.js'))};`,
    `const host = { stdout: out, stderr: out, readFile: () => undefined, stat: () => undefined };`,
    `createVM({ host, compile: (src, name) => compile(src, { fileName: name }) }).runMpy(main, 'main.py');`,
  ].join('\n'));
  const esbuild = (await import('esbuild')) as unknown as { build: Build };
  const bundle = await esbuild.build({ entryPoints: [join(dir, 'entry.mjs')], bundle: true, platform: 'browser', format: 'iife', write: false, logLevel: 'silent' });
  const code = bundle.outputFiles[0]?.text ?? '';
  assert.ok(code.length > 10000, 'bundle too small');
  let out = '';
  const sandbox = {
    __out: (t: string) => (out += t),
    atob, btoa, TextEncoder, TextDecoder, performance, setTimeout, clearTimeout, queueMicrotask, console,
  };
  runInNewContext(code, sandbox);
  assert.equal(out, '49 hi from frozen source\npatch\n50\n');
});
