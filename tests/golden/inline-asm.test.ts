// The inline assemblers (@micropython.asm_thumb / asm_xtensa / asm_rv32) against the real mpy-cross
// v1.28.0: tests/data/inline-asm holds programs using every instruction form, one program per error
// case, and the outputs mpy-cross made for them (make.sh there). Every .mpy must be byte-identical and
// every error must have the same text (SyntaxErrors with their line, and the RuntimeErrors of the
// Xtensa range and alignment checks). Where mpy-cross aborts (`exit -6`) mpyts must assemble the code.
//
// Known mismatches are listed in tests/golden/native-boards-known-mismatches.txt as
// `data/inline-asm/FILE OPTSET`; a listed case that matches fails the test.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { compile, type CompileOptions } from '../../src/compile/index.js';
import { CompileError } from '../../src/compile/errors.js';
import { readMpy } from '../../src/mpy/reader.js';
import { CodeKind } from '../../src/mpy/types.js';
import { REPO_ROOT } from '../helpers/paths.js';

const DIR = join(REPO_ROOT, 'tests', 'data', 'inline-asm');
const KNOWN = new Set(
  readFileSync(join(REPO_ROOT, 'tests', 'golden', 'native-boards-known-mismatches.txt'), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#')),
);

/** Compile options of an option-set name: ARCH, rv32imc-zba, native-ARCH. */
function optionsOf(optset: string): CompileOptions {
  if (optset === 'rv32imc-zba') return { arch: 'rv32imc', archFlags: 1 };
  if (optset.startsWith('native-')) return { arch: optset.slice('native-'.length), emit: 'native' };
  return { arch: optset };
}

test('inline assemblers: compile() matches mpy-cross on tests/data/inline-asm', () => {
  const files = readdirSync(DIR).sort();
  const perArch = new Map<string, [number, number]>();
  const failures: string[] = [];
  let abortOk = 0;
  let abortTotal = 0;
  for (const f of files) {
    const m = /^(.+)\.([a-z0-9-]+)\.(mpy|err)$/.exec(f);
    if (!m) continue;
    const [, name, optset, ext] = m as unknown as [string, string, string, string];
    const key = `data/inline-asm/${name}.py ${optset}`;
    const source = new Uint8Array(readFileSync(join(DIR, `${name}.py`)));
    const want = readFileSync(join(DIR, f));
    let why: string | undefined;
    // mpy-cross aborted (an assertion): mpyts must assemble the function (see assembleInlineAsm)
    const aborted = ext === 'err' && want.toString().startsWith('exit -6');
    try {
      const got = compile(source, { fileName: `${name}.py`, ...optionsOf(optset) });
      if (aborted) {
        const file = readMpy(got);
        if (file.rawCode.children.every((c) => c.kind !== CodeKind.NativeAsm)) why = 'no inline assembler code';
      } else if (ext === 'err') why = `compiled, expected ${want.toString().trim().split('\n').pop() ?? ''}`;
      else if (Buffer.compare(Buffer.from(got), want) !== 0) why = 'bytes differ';
    } catch (e) {
      if (!(e instanceof CompileError)) throw e;
      const text = `exit 1\n${e.format()}`;
      if (aborted) why = `mpy-cross aborts here, mpyts must compile: ${text}`;
      else if (ext === 'mpy') why = `error instead of .mpy: ${text}`;
      else if (text !== want.toString()) why = `error differs: got ${JSON.stringify(text)} want ${JSON.stringify(want.toString())}`;
    }
    if (aborted) {
      abortTotal++;
      if (why === undefined) abortOk++;
    }
    const tally = perArch.get(optset) ?? [0, 0];
    tally[1]++;
    if (why === undefined) {
      tally[0]++;
      if (KNOWN.has(key)) failures.push(`${key}: matches now, remove it from native-boards-known-mismatches.txt`);
    } else if (!KNOWN.has(key)) {
      failures.push(`${key}: ${why}`);
    }
    perArch.set(optset, tally);
  }
  let identical = 0;
  let total = 0;
  for (const [, [ok, n]] of perArch) {
    identical += ok;
    total += n;
  }
  console.log(`inline asm: ${identical - abortOk}/${total - abortTotal} identical; ${abortOk}/${abortTotal} that mpy-cross aborts on assembled (${[...perArch].map(([k, [ok, n]]) => `${k} ${ok}/${n}`).join(', ')})`);
  for (const f of failures.slice(0, 20)) console.log(`  ${f}`);
  assert.ok(total >= 400, `expected the inline-asm cases, found ${total}`);
  assert.deepEqual(failures, []);
});
