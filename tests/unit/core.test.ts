// Codecs shared by every layer: var-ints, preludes, line tables, and the opcode table.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BINARY_OP_NAMES, Format, Op, OPCODES, opcodeFormat } from '../../src/bytecode/opcodes.js';
import { decodeLineInfoEntry, decodePrelude, encodeLineInfo, encodePreludeSignature, encodePreludeSize, sourceLineAt } from '../../src/core/prelude.js';
import { qstrEscape } from '../../src/core/qstr-escape.js';
import { STATIC_QSTRS } from '../../src/core/static-qstrs.js';
import { ByteReader, decodeSint, decodeUint, encodeSint, encodeUint } from '../../src/core/varint.js';
import { MpyFormatError } from '../../src/core/errors.js';

test('var-uint encoding matches upstream byte layout', () => {
  const enc = (v: number) => {
    const out: number[] = [];
    encodeUint(out, v);
    return out;
  };
  assert.deepEqual(enc(0), [0]);
  assert.deepEqual(enc(127), [0x7f]);
  assert.deepEqual(enc(128), [0x81, 0x00]);
  assert.deepEqual(enc(300), [0x82, 0x2c]);
  for (const v of [0, 1, 127, 128, 16383, 16384, 2 ** 31, 2 ** 40 + 5]) {
    assert.equal(decodeUint(Uint8Array.from(enc(v)), 0).value, v);
  }
});

test('signed var-int (LOAD_CONST_SMALL_INT) adds a sign group only when needed', () => {
  const enc = (v: number) => {
    const out: number[] = [];
    encodeSint(out, v);
    return out;
  };
  assert.deepEqual(enc(0), [0x00]);
  assert.deepEqual(enc(63), [0x3f]);
  assert.deepEqual(enc(64), [0x80, 0x40]);
  assert.deepEqual(enc(-1), [0x7f]);
  assert.deepEqual(enc(-64), [0x40]);
  assert.deepEqual(enc(-65), [0xff, 0x3f]);
  // 131072 as mpy-cross encodes it (seen in the golden __future__ disassembly: 22:88:80:00).
  assert.deepEqual(enc(131072), [0x88, 0x80, 0x00]);
  for (const v of [0, 1, -1, 63, 64, -64, -65, 1000000, -1000000, 2 ** 45, -(2 ** 45)]) {
    assert.equal(decodeSint(Uint8Array.from(enc(v)), 0).value, v, String(v));
  }
});

test('ByteReader reports truncation as MpyFormatError', () => {
  const r = new ByteReader(Uint8Array.from([0x81]));
  assert.throws(() => r.uint(), MpyFormatError);
  assert.throws(() => new ByteReader(new Uint8Array(2)).bytes(3), MpyFormatError);
});

test('prelude signature and size round-trip, including multi-byte forms', () => {
  const cases = [
    { nState: 1, nExcStack: 0, scopeFlags: 0, nPosArgs: 0, nKwonlyArgs: 0, nDefPosArgs: 0 },
    { nState: 10, nExcStack: 0, scopeFlags: 0, nPosArgs: 0, nKwonlyArgs: 0, nDefPosArgs: 0 },
    { nState: 300, nExcStack: 5, scopeFlags: 0x0d, nPosArgs: 9, nKwonlyArgs: 3, nDefPosArgs: 2 },
  ];
  for (const sig of cases) {
    const out: number[] = [];
    encodePreludeSignature(out, sig);
    encodePreludeSize(out, 70, 3);
    // names: simple name + args + kw-only args, one byte each
    for (let i = 0; i < 1 + sig.nPosArgs + sig.nKwonlyArgs; i++) out.push(i);
    const p = decodePrelude(Uint8Array.from(out), 0);
    assert.deepEqual(
      [p.nState, p.nExcStack, p.scopeFlags, p.nPosArgs, p.nKwonlyArgs, p.nDefPosArgs, p.nInfo, p.nCell],
      [sig.nState, sig.nExcStack, sig.scopeFlags, sig.nPosArgs, sig.nKwonlyArgs, sig.nDefPosArgs, 70, 3],
    );
    assert.equal(p.names.length, 1 + sig.nPosArgs + sig.nKwonlyArgs);
  }
  // The module prelude of the golden __future__.mpy: 48 58 01 → n_state 10, n_info 44.
  const p = decodePrelude(Uint8Array.from([0x48, 0x58, 0x01]), 0);
  assert.equal(p.nState, 10);
  assert.equal(p.nInfo, 44);
});

test('line table entries: short and long forms, and line lookup', () => {
  const out: number[] = [];
  encodeLineInfo(out, 3, 1); // short
  encodeLineInfo(out, 2, 100); // long form
  encodeLineInfo(out, 40, 0); // bytes split over two entries
  assert.deepEqual(decodeLineInfoEntry(Uint8Array.from(out), 0), { bytes: 3, lines: 1, size: 1 });
  assert.deepEqual(decodeLineInfoEntry(Uint8Array.from(out), 1), { bytes: 2, lines: 100, size: 2 });
  const data = Uint8Array.from(out);
  assert.equal(sourceLineAt(data, 0, data.length, 0), 1);
  assert.equal(sourceLineAt(data, 0, data.length, 3), 2);
  assert.equal(sourceLineAt(data, 0, data.length, 5), 102);
  assert.equal(sourceLineAt(data, 0, data.length, 44), 102);
});

test('opcode table: numbers, names and formats as upstream', () => {
  assert.equal(OPCODES[Op.LOAD_CONST_STRING]?.name, 'LOAD_CONST_STRING');
  assert.equal(OPCODES[0x10]?.format, Format.Qstr);
  assert.equal(OPCODES[Op.JUMP]?.operand, 'jump');
  assert.equal(OPCODES[Op.FOR_ITER]?.operand, 'ujump');
  assert.equal(OPCODES[Op.MAKE_CLOSURE]?.extraByte, true);
  assert.equal(OPCODES[Op.UNWIND_JUMP]?.extraByte, true);
  assert.equal(OPCODES[Op.MAKE_FUNCTION]?.extraByte, false);
  assert.equal(OPCODES[0x70]?.name, 'LOAD_CONST_SMALL_INT -16');
  assert.equal(OPCODES[0xaf]?.name, 'LOAD_CONST_SMALL_INT 47');
  assert.equal(OPCODES[0xd0 + 3]?.name, 'UNARY_OP 3 <not>');
  assert.equal(OPCODES[0xd7 + 27]?.name, 'BINARY_OP 27 __add__');
  assert.equal(OPCODES[0xd7 + BINARY_OP_NAMES.length]?.name, 'unknown');
  assert.equal(OPCODES[0x00]?.name, 'unknown');
  assert.equal(opcodeFormat(Op.LOAD_CONST_OBJ), Format.VarUint);
  // Every named opcode has a stack effect the emitter can use.
  for (const info of OPCODES) if (info.name !== 'unknown') assert.notEqual(info.stack, undefined, info.name);
});

test('static qstr table and qstr identifiers', () => {
  assert.equal(STATIC_QSTRS[0], '');
  assert.equal(STATIC_QSTRS[1], '__dir__');
  assert.ok(STATIC_QSTRS.includes('<module>'));
  assert.equal(qstrEscape('<module>'), '_lt_module_gt_');
  assert.equal(qstrEscape('a.b/c'), 'a_dot_b_slash_c');
  assert.equal(qstrEscape('\u2603'), '_0x2603_');
});
