// The `-v -v` bytecode dump (upstream's debug printer format, as the unix port prints it).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { showBytecode } from '../../src/cli/showbc.js';
import { compile } from '../../src/compile/index.js';

test('showbc prints header, raw bytes, prelude, line table and decoded opcodes, breadth-first', () => {
  let out = '';
  showBytecode(compile('print(1)\ndef f(a):\n    return a in (1, 2) or not a\n', { fileName: 'cmdline/v.py' }), (s) => (out += s));
  const lines = out.split('\n');
  assert.match(lines[0] ?? '', /^File cmdline\/v\.py, code block '<module>' \(descriptor: [0-9a-f]+, bytecode @[0-9a-f]+ \d+ bytes\)$/);
  assert.match(lines[1] ?? '', /^Raw bytecode \(code_info_size=\d+, bytecode_size=\d+\):$/);
  assert.ok(lines.includes('00 LOAD_NAME print'));
  assert.ok(lines.includes('02 LOAD_CONST_SMALL_INT 1'));
  assert.ok(lines.includes('03 CALL_FUNCTION n=1 nkw=0'));
  assert.ok(lines.some((l) => /^\d\d MAKE_FUNCTION [0-9a-f]+$/.test(l)));
  const f = lines.findIndex((l) => l.startsWith("File cmdline/v.py, code block 'f'"));
  assert.ok(f > 0, 'the child function follows the module');
  assert.equal(lines[f + 2 + lines.slice(f + 2).findIndex((l) => l.startsWith('arg names:'))], 'arg names: a');
  // Operators without a special method print an empty name, as the VM's printer does.
  assert.ok(lines.some((l) => /^\d\d BINARY_OP 6 $/.test(l)), out);
  assert.ok(lines.some((l) => /^\d\d UNARY_OP 3 $/.test(l)), out);
  assert.ok(lines.some((l) => /^\d\d JUMP_IF_TRUE_OR_POP \d+$/.test(l)), out);
});
