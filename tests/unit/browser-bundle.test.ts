// A browser bundle of the VM with `mpyts freeze` output: esbuild bundles it for platform "browser" (it
// fails on any Node built-in), and the bundle runs in a bare JS context that has only what browsers
// have — no process, require or Buffer — importing frozen modules of both kinds.
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
  writeFileSync(join(dir, 'shapes.py'), 'def area(w, h):\n    return w * h\n');
  writeFileSync(join(dir, 'words.py'), 'GREETING = "hi from frozen source"\n');
  writeFileSync(join(dir, 'manifest.py'), 'freeze(".", "shapes.py")\nfreeze_as_str(".", "words.py")\n');
  const r = spawnSync(process.execPath, [join(REPO_ROOT, 'bin', 'mpyts.js'), 'freeze', 'manifest.py', '--import-from', vmEntry, '-o', 'frozen.mjs'], { cwd: dir, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const main = compile('import shapes, words\nprint(shapes.area(6, 7), words.GREETING)\n', { fileName: 'main.py' });
  writeFileSync(join(dir, 'entry.mjs'), [
    `import './frozen.mjs';`,
    `import { createVM } from ${JSON.stringify(vmEntry)};`,
    `const main = Uint8Array.from(atob(${JSON.stringify(Buffer.from(main).toString('base64'))}), (c) => c.charCodeAt(0));`,
    // The frozen-as-source module needs the compiler: it is bundled too.
    `import { compile } from ${JSON.stringify(join(REPO_ROOT, 'build', 'src', 'compile', 'index.js'))};`,
    `const host = { stdout: (t) => __out(t), stderr: (t) => __out(t), readFile: () => undefined, stat: () => undefined };`,
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
  assert.equal(out, '42 hi from frozen source\n');
});
