// The `mpyts tool` command line end to end: a real process, its exit codes and messages.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { writeMpy } from '../../src/index.js';
import { CodeKind, type MpyFile } from '../../src/mpy/types.js';
import { STATIC_QSTRS } from '../../src/core/static-qstrs.js';
import { REPO_ROOT } from '../helpers/paths.js';

const BIN = join(REPO_ROOT, 'bin', 'mpyts.js');

function run(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [BIN, 'tool', ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

// A minimal module, built in memory: `<module>` that returns None.
const tiny: MpyFile = {
  version: 6,
  featureByte: 0,
  smallIntBits: 31,
  qstrs: [{ str: 'tiny.py', bytes: new TextEncoder().encode('tiny.py') }, { str: '<module>', staticIndex: STATIC_QSTRS.indexOf('<module>') + 1 }],
  objects: [{ kind: 'str', value: 'hello', bytes: new TextEncoder().encode('hello') }],
  rawCode: { kind: CodeKind.Bytecode, funData: Uint8Array.from([0x00, 0x02, 0x01, 0x23, 0x00, 0x59, 0x51, 0x63]), children: [] },
};

test('mpyts tool -d prints the disassembly; bad files give mpy-tool messages and exit 1', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mpyts-tool-'));
  const data = writeMpy(tiny);
  writeFileSync(join(dir, 'tiny.mpy'), data);
  const ok = run(['-d', 'tiny.mpy'], dir);
  assert.equal(ok.code, 0, ok.err);
  assert.match(ok.out, /^mpy_source_file: tiny\.mpy\nsource_file: tiny\.py\nheader: 4d:06:00:1f\narch: NONE\n/);
  assert.match(ok.out, /23:00 +LOAD_CONST_OBJ 'hello'\n/);

  writeFileSync(join(dir, 'v5.mpy'), Uint8Array.from([0x4d, 5, 0, 31]));
  const bad = run(['-d', 'v5.mpy'], dir);
  assert.equal(bad.code, 1);
  assert.equal(bad.err, 'v5.mpy: incompatible .mpy version\n');

  writeFileSync(join(dir, 'junk.mpy'), 'hello');
  const junk = run(['-x', 'junk.mpy'], dir);
  assert.equal(junk.code, 1);
  assert.equal(junk.err, 'junk.mpy: not a valid .mpy file\n');

  const cut = run(['-d', 'cut.mpy'], dir);
  assert.equal(cut.code, 1);
  assert.doesNotMatch(cut.err, /at .*\.js/);

  writeFileSync(join(dir, 'cut.mpy'), data.subarray(0, data.length - 3));
  const trunc = run(['-d', 'cut.mpy'], dir);
  assert.equal(trunc.code, 1);
  assert.equal(trunc.err, 'cut.mpy: unexpected end of .mpy file\n');
});

test('mpyts tool -e writes one file per segment; --extract-only filters kinds', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mpyts-extract-'));
  writeFileSync(join(dir, 'tiny.mpy'), writeMpy(tiny));
  const r = run(['-e', 'seg', 'tiny.mpy'], dir);
  assert.equal(r.code, 0, r.err);
  const files = readdirSync(dir).filter((f) => f.startsWith('seg_')).sort();
  assert.deepEqual(files, ['seg_0_tiny.py_QSTR_tiny.py.bin', 'seg_1_tiny.py_META__module_.bin', 'seg_2_tiny.py_OBJ_hello.bin', 'seg_3_tiny.py_CODE__module_.bin']);
  assert.equal(readFileSync(join(dir, 'seg_2_tiny.py_OBJ_hello.bin'), 'latin1'), 'hello\0');
  const only = run(['-e', 'code', '--extract-only', 'code', 'tiny.mpy'], dir);
  assert.equal(only.code, 0, only.err);
  assert.deepEqual(readdirSync(dir).filter((f) => f.startsWith('code_')), ['code_0_tiny.py_CODE__module_.bin']);
  const badKind = run(['-e', 'x', '--extract-only', 'bogus', 'tiny.mpy'], dir);
  assert.equal(badKind.code, 1);
  assert.match(badKind.err, /unknown segment kind "BOGUS"/);
});

test('mpyts tool usage errors exit 2 with argparse-style messages', () => {
  const r = run(['-d'], REPO_ROOT);
  assert.equal(r.code, 2);
  assert.match(r.err, /the following arguments are required: files/);
});
