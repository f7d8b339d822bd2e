// mpyts tool against tools/mpy-tool.py's real output: -d, -x, -j -d over every golden text file, and
// --merge over every recorded merge command.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runMpyTool, type ToolOptions } from '../../src/tool/index.js';
import { listFiles } from '../helpers/files.js';
import { GOLDEN, sharedMissing } from '../helpers/paths.js';

const skip = sharedMissing('golden/pyodide-stdlib');

const MODES: [string, ToolOptions][] = [
  ['mpy-tool-d', { disassemble: true }],
  ['mpy-tool-x', { hexdump: true }],
  ['mpy-tool-jd', { json: true, disassemble: true }],
];

for (const [dir, opts] of MODES) {
  test(`${dir}: identical to mpy-tool.py`, { skip }, () => {
    const failures: string[] = [];
    let total = 0;
    for (const optset of readdirSync(join(GOLDEN, dir)).sort()) {
      const files = listFiles(join(GOLDEN, dir, optset), '.txt');
      for (const rel of files) {
        // As the goldens were made: cwd = the option-set folder, the relative path as argument.
        const mpyRel = rel.replace(/\.txt$/, '.mpy');
        const data = new Uint8Array(readFileSync(join(GOLDEN, 'mpy', optset, mpyRel)));
        const res = runMpyTool([{ path: mpyRel, data }], opts);
        const expected = readFileSync(join(GOLDEN, dir, optset, rel));
        if (res.exitCode !== 0 || Buffer.compare(Buffer.from(res.stdout), expected) !== 0) failures.push(`${optset}/${rel}`);
      }
      total += files.length;
      console.log(`${dir} ${optset}: ${files.length - failures.filter((f) => f.startsWith(optset + '/')).length}/${files.length} identical`);
    }
    assert.ok(total > 0, 'no golden files found');
    assert.deepEqual(failures, []);
  });
}

test('--merge: identical to mpy-tool.py for every recorded command', { skip }, () => {
  const commands = readFileSync(join(GOLDEN, 'merge', 'commands.txt'), 'utf8').split('\n');
  let checked = 0;
  for (const line of commands) {
    const m = /^(?:\(cd (\S+); )?mpy-tool\.py --merge -o (\S+) ([^)#]*?)\)?\s*(?:#.*)?$/.exec(line);
    if (!m) continue;
    const cwd = join(GOLDEN, m[1] ?? '');
    const out = m[2] as string;
    const inputs = (m[3] as string).trim().split(/\s+/).map((p) => ({ path: p, data: new Uint8Array(readFileSync(join(cwd, p))) }));
    const res = runMpyTool(inputs, { merge: true }, out);
    const errFile = join(cwd, out.replace(/\.mpy$/, '.err'));
    if (existsSync(errFile)) {
      // Upstream dies with a Python traceback; the message (its last line) is what must match.
      const expectedMsg = readFileSync(errFile, 'utf8').split('\n').find((l) => l.startsWith('Exception: '));
      assert.equal(res.exitCode, 1, line);
      assert.equal('Exception: ' + res.stderr.trim(), expectedMsg, line);
    } else {
      assert.equal(res.exitCode, 0, res.stderr);
      const f = res.files[0];
      assert.ok(f, 'merge produced no output');
      assert.deepEqual(Buffer.from(f.data), readFileSync(join(cwd, out)), line);
    }
    checked++;
  }
  console.log(`merge: ${checked} commands identical`);
  assert.ok(checked >= 10, `expected at least 10 merge commands, checked ${checked}`);
});
