// mpyts tool -f (and -j -f) against tools/mpy-tool.py's frozen C for the golden subset, and correct C
// where upstream crashes.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runMpyTool } from '../../src/tool/index.js';
import { listFiles } from '../helpers/files.js';
import { GOLDEN, sharedMissing } from '../helpers/paths.js';

const skip = sharedMissing('golden/pyodide-stdlib/mpy-tool-f');

for (const [dir, json, ext] of [['mpy-tool-f', false, '.c'], ['mpy-tool-jf', true, '.txt']] as const) {
  test(`${dir}: identical to mpy-tool.py`, { skip }, () => {
    const failures: string[] = [];
    let total = 0;
    for (const optset of readdirSync(join(GOLDEN, dir)).sort()) {
      const files = listFiles(join(GOLDEN, dir, optset), ext);
      for (const rel of files) {
        const mpyRel = rel.slice(0, -ext.length) + '.mpy';
        const data = new Uint8Array(readFileSync(join(GOLDEN, 'mpy', optset, mpyRel)));
        const res = runMpyTool([{ path: mpyRel, data }], { json, freeze: {} });
        if (res.exitCode !== 0 || Buffer.compare(Buffer.from(res.stdout), readFileSync(join(GOLDEN, dir, optset, rel))) !== 0) failures.push(`${optset}/${rel}`);
      }
      total += files.length;
      console.log(`${dir} ${optset}: ${files.length - failures.filter((f) => f.startsWith(optset + '/')).length}/${files.length} identical`);
    }
    assert.ok(total >= 46, `expected golden files, found ${total}`);
    assert.deepEqual(failures, []);
  });
}

test('-f freezes html/entities (native-armv7m) where mpy-tool crashes, using the real prelude offset', { skip }, () => {
  const dir = join(GOLDEN, 'mpy', 'native-armv7m');
  const data = new Uint8Array(readFileSync(join(dir, 'html/entities.mpy')));
  const res = runMpyTool([{ path: 'html/entities.mpy', data }], { freeze: {} });
  assert.equal(res.exitCode, 0, res.stderr);
  const text = String(res.stdout);
  // mpy-cross stored 44678 (the true offset truncated to 16 bits); the prelude really starts at
  // 44678 + 65536 and ends the 110217-byte function.
  assert.match(text, /\.fun_data_len = 110217,\n {4}\.n_children = 0,\n {4}#if MICROPY_EMIT_MACHINE_CODE\n {4}\.prelude_offset = 110214,/);
  assert.match(text, /#define fun_data_html_entities__lt_module_gt__prelude_macro &fun_data_html_entities__lt_module_gt_\[110214\]/);
  assert.match(text, /static const byte fun_data_html_entities__lt_module_gt__prelude\[3\] = \{ 0x[0-9a-f]{2}, 0x[0-9a-f]{2}, 0x[0-9a-f]{2},\};/);
});

test('-f options: long ints as longlong, none rejected, qstr header respected', { skip }, () => {
  const data = new Uint8Array(readFileSync(join(GOLDEN, 'mpy', 'default', 'stat.mpy')));
  const ll = runMpyTool([{ path: 'stat.mpy', data }], { freeze: { longIntImpl: 'longlong' } });
  assert.equal(ll.exitCode, 0);
  assert.match(String(ll.stdout), /static const mp_obj_int_t const_obj_stat_0 = \{\{&mp_type_int\}, 4294901760\};/);
  assert.match(String(ll.stdout), /#if MICROPY_LONGINT_IMPL != 1\n/);
  const none = runMpyTool([{ path: 'stat.mpy', data }], { freeze: { longIntImpl: 'none' } });
  assert.equal(none.exitCode, 1);
  assert.equal(none.stderr, 'error while freezing stat.py: target does not support long int\n');
  // A firmware that already has these qstrs does not get them again; BYTES_IN_HASH 0 drops the hashes.
  const header = 'QCFG(BYTES_IN_LEN, (1))\nQCFG(BYTES_IN_HASH, (0))\nQ(ST_MODE)\nQ(filemode)\n';
  const q = String(runMpyTool([{ path: 'stat.mpy', data }], { freeze: { qstrHeader: header } }).stdout);
  const newQstrs = /\nenum \{\n([^}]*)\};/.exec(q)?.[1] ?? '';
  assert.doesNotMatch(newQstrs, /MP_QSTR_ST_MODE\b/);
  assert.doesNotMatch(newQstrs, /MP_QSTR_filemode\b/);
  assert.match(newQstrs, /MP_QSTR_ST_INO,/);
  assert.doesNotMatch(q, /mp_qstr_frozen_const_hashes/);
});
