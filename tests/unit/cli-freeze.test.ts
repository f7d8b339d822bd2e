// `mpyts freeze`: files, folders and manifests (run by the mpyts VM) into an ES module that registers
// frozen modules, or into frozen C; the generated module's .mpy bytes run in place.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { compile } from '../../src/compile/index.js';
import { createVM } from '../../src/vm/index.js';
import { REPO_ROOT } from '../helpers/paths.js';

const BIN = join(REPO_ROOT, 'bin', 'mpyts.js');
const VM_URL = pathToFileURL(join(REPO_ROOT, 'build', 'src', 'vm', 'index.js')).href;
const run = (args: string[], cwd: string) => {
  const r = spawnSync(process.execPath, [BIN, 'freeze', ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mpyts-freeze-'));
  mkdirSync(join(dir, 'lib', 'pkg'), { recursive: true });
  mkdirSync(join(dir, 'mplib', 'python-stdlib', 'tool'), { recursive: true });
  writeFileSync(join(dir, 'lib', 'greet.py'), 'def hello():\n    return "hello " + str(7)\n');
  writeFileSync(join(dir, 'lib', 'pkg', '__init__.py'), 'X = 42\n');
  writeFileSync(join(dir, 'lib', 'pkg', 'more.py'), 'from pkg import X\nY = X + 1\n');
  writeFileSync(join(dir, 'lib', 'plain.py'), 'WHO = "kept as source"\n');
  writeFileSync(join(dir, 'mplib', 'python-stdlib', 'tool', 'tool.py'), 'NAME = "required"\n');
  writeFileSync(join(dir, 'mplib', 'python-stdlib', 'tool', 'manifest.py'), 'metadata(version="1.0")\nmodule("tool.py")\n');
  writeFileSync(join(dir, 'sub_manifest.py'), 'if options.with_plain:\n    freeze_as_str("lib", "plain.py")\n');
  writeFileSync(join(dir, 'manifest.py'),
    'freeze("lib", "greet.py")\npackage("pkg", base_path="lib")\ninclude("sub_manifest.py", with_plain=True)\nrequire("tool")\n');
  return dir;
}

test('mpyts freeze: a manifest becomes a JS module whose frozen modules import in the VM, bytecode in place', async () => {
  const dir = project();
  const r = run(['manifest.py', '--lib', 'mplib', '--import-from', VM_URL, '-o', 'frozen.mjs'], dir);
  assert.equal(r.code, 0, r.err);
  const gen = (await import(pathToFileURL(join(dir, 'frozen.mjs')).href)) as { modules: { name: string; mpy?: Uint8Array; source?: string }[] };
  assert.deepEqual(gen.modules.map((m) => [m.name, m.mpy ? 'mpy' : 'str']), [
    ['greet.py', 'mpy'], ['pkg/__init__.py', 'mpy'], ['pkg/more.py', 'mpy'], ['plain.py', 'str'], ['tool.py', 'mpy'],
  ]);
  // In place: patch the frozen bytes after import; the running function sees the change.
  const greet = gen.modules[0]?.mpy as Uint8Array;
  const at = greet.indexOf(0x87); // LOAD_CONST_SMALL_INT 7
  assert.ok(at > 0);
  let out = '';
  const vm = createVM({
    host: {
      stdout: (t) => {
        out += t;
        if (t.includes('patch')) greet[at] = 0x89; // LOAD_CONST_SMALL_INT 9
      },
      stderr: (t) => (out += t),
      readFile: () => undefined,
      stat: () => undefined,
    },
    compile: (src, name) => compile(src, { fileName: name }),
  });
  vm.runMpy(compile('import greet, pkg.more, plain, tool\nprint(greet.hello(), pkg.more.Y, plain.WHO, tool.NAME)\nprint("patch")\nprint(greet.hello())\n', { fileName: 'main.py' }), 'main.py');
  assert.equal(out, 'hello 7 43 kept as source required\npatch\nhello 9\n');
});

test('mpyts freeze --c writes frozen C; compile errors are mpy-cross\'s and leave no output', () => {
  const dir = project();
  const c = run(['lib', '--c', '-o', 'frozen.c'], dir);
  assert.equal(c.code, 0, c.err);
  const cText = readFileSync(join(dir, 'frozen.c'), 'utf8');
  assert.match(cText, /^#include "py\/mpconfig.h"\n/);
  assert.match(cText, /\/\/ frozen module pkg___init__\n\/\/ - original source file: pkg\/__init__.mpy\n/);
  assert.match(cText, /MICROPY_FROZEN_LIST_ITEM\("pkg", "pkg\/__init__.py"\)\nMICROPY_FROZEN_LIST_ITEM\("pkg\/more", "pkg\/more.py"\)/);
  const bad = mkdtempSync(join(tmpdir(), 'mpyts-freeze-bad-'));
  writeFileSync(join(bad, 'broken.py'), 'def f(:\n');
  const r = run(['broken.py', '-o', 'out.mjs'], bad);
  assert.equal(r.code, 1);
  assert.equal(r.err, 'Traceback (most recent call last):\n  File "broken.py", line 1\nSyntaxError: invalid syntax\n');
  assert.equal(existsSync(join(bad, 'out.mjs')), false);
  const missing = run(['manifest.py'], dir); // require() without --lib
  assert.equal(missing.code, 1);
  assert.match(missing.err, /require\('tool'\) needs the micropython-lib path/);
});
