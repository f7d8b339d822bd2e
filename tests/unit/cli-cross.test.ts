// `mpyts cross` end to end, and the `mpyts/mpy-cross` drop-in for @pybricks/mpy-cross-v6.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { compile } from '../../src/compile/index.js';
import { compile as pybricksCompile } from '../../src/mpy-cross.js';
import { REPO_ROOT } from '../helpers/paths.js';

const BIN = join(REPO_ROOT, 'bin', 'mpyts.js');
const run = (args: string[], cwd: string, input?: string) => {
  const r = spawnSync(process.execPath, [BIN, 'cross', ...args], { cwd, input: input ?? '' });
  return { code: r.status, out: r.stdout, err: r.stderr.toString() };
};

test('mpyts cross writes the same bytes as compile(), next to the source or under --outdir', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mpyts-cross-'));
  mkdirSync(join(dir, 'pkg'));
  writeFileSync(join(dir, 'a.py'), 'x = [i * i for i in range(3)]\nprint(x)\n');
  writeFileSync(join(dir, 'pkg', 'b.py'), 'def f(a, *b, c=1):\n    return a\n');
  const r = run(['a.py', 'pkg/b.py'], dir);
  assert.equal(r.code, 0, r.err);
  assert.deepEqual(new Uint8Array(readFileSync(join(dir, 'a.mpy'))), compile(readFileSync(join(dir, 'a.py')), { fileName: 'a.py' }));
  assert.deepEqual(new Uint8Array(readFileSync(join(dir, 'pkg', 'b.mpy'))), compile(readFileSync(join(dir, 'pkg', 'b.py')), { fileName: 'pkg/b.py' }));
  const o = run(['--outdir', 'out', '-O3', 'a.py', 'pkg/b.py'], dir);
  assert.equal(o.code, 0, o.err);
  assert.deepEqual(new Uint8Array(readFileSync(join(dir, 'out', 'pkg', 'b.mpy'))), compile(readFileSync(join(dir, 'pkg', 'b.py')), { fileName: 'pkg/b.py', optimize: 3 }));
  // -o - and stdin
  const s = run(['-s', 'named.py', '-o', '-', '-'], dir, 'print(1)\n');
  assert.equal(s.code, 0, s.err);
  assert.deepEqual(new Uint8Array(s.out), compile('print(1)\n', { fileName: 'named.py' }));
});

test('mpyts cross: errors as mpy-cross prints them, nothing written for a failed file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mpyts-cross-err-'));
  writeFileSync(join(dir, 'bad.py'), 'x = 1\ndef f(:\n');
  writeFileSync(join(dir, 'good.py'), 'y = 2\n');
  const r = run(['bad.py', 'good.py'], dir);
  assert.equal(r.code, 1);
  assert.equal(r.err, 'Traceback (most recent call last):\n  File "bad.py", line 2\nSyntaxError: invalid syntax\n');
  assert.equal(existsSync(join(dir, 'bad.mpy')), false);
  assert.equal(existsSync(join(dir, 'good.mpy')), true);
  assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith('.tmp')), []);
  assert.equal(run([], dir).err, 'no input file\n');
  assert.equal(run(['-X', 'emit=native', 'good.py'], dir).err, 'arch not specified\n');
  const v = run(['--version'], dir);
  assert.equal(v.code, 0);
  assert.match(v.out.toString(), /mpy-cross emitting mpy v6\.3\n$/);
  const u = run(['-march=z80', 'good.py'], dir);
  assert.equal(u.code, 1);
  assert.match(u.out.toString(), /^usage: /);
});

test('mpyts/mpy-cross: the @pybricks/mpy-cross-v6 call shape and results', async () => {
  const ok = await pybricksCompile('main.py', 'print("hi")\n', ['-O1']);
  assert.equal(ok.status, 0);
  assert.deepEqual(ok.mpy, compile('print("hi")\n', { fileName: 'main.py', optimize: 1 }));
  assert.deepEqual([ok.out, ok.err], [[], []]);
  const bad = await pybricksCompile('main.py', 'if x\n', undefined, '/ignored.wasm');
  assert.equal(bad.status, 1);
  assert.equal(bad.mpy, undefined);
  assert.deepEqual(bad.err, ['Traceback (most recent call last):', '  File "main.py", line 1', 'SyntaxError: invalid syntax']);
  const usage = await pybricksCompile('main.py', '', ['-march=nope']);
  assert.equal(usage.status, 1);
  assert.match(usage.out[0] ?? '', /^usage:/);
});
