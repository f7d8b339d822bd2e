// Seeded fuzzing of the compiler over mutated corpus sources: every input either compiles or raises
// CompileError (the exact SyntaxError mpy-cross would print); never a host exception, never > 1 s.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { compile } from '../../src/compile/index.js';
import { MpytsError } from '../../src/core/errors.js';
import { SHARED, sharedMissing } from '../helpers/paths.js';
import { Prng } from '../helpers/prng.js';

const skip = sharedMissing('corpus/features');
const SEED = Number(process.env['FUZZ_SEED'] ?? 4242);
const CASES = Number(process.env['FUZZ_CASES'] ?? 10000);

const SNIPPETS = ['(', ')', '[', ']', '{', '}', ':', ',', 'lambda', 'yield', 'await', 'async', 'def', 'class', 'return',
  'if', 'else', 'elif', 'for', 'in', 'while', 'try', 'except', 'finally', 'with', 'as', 'import', 'from', 'global',
  'nonlocal', 'del', 'pass', 'break', 'continue', 'raise', 'assert', '*', '**', '=', ':=', '->', '@', '.', '...',
  '\\', '"', "'", '"""', 'f"{', '}"', '0x', '1e', '1j', '\t', '\n', '    ', '#', ';', 'not', 'is', '<<', '%', '~'];

function mutate(rng: Prng, src: string, pool: readonly string[]): string {
  switch (rng.int(8)) {
    case 0: { // delete a span
      const a = rng.int(src.length + 1);
      return src.slice(0, a) + src.slice(a + rng.int(20));
    }
    case 1: { // insert a token-ish snippet
      const a = rng.int(src.length + 1);
      return src.slice(0, a) + rng.pick(SNIPPETS) + src.slice(a);
    }
    case 2: { // duplicate or drop whole lines
      const lines = src.split('\n');
      const i = rng.int(lines.length);
      if (rng.int(2)) lines.splice(i, 1);
      else lines.splice(i, 0, lines[rng.int(lines.length)] ?? '');
      return lines.join('\n');
    }
    case 3: { // re-indent a line
      const lines = src.split('\n');
      const i = rng.int(lines.length);
      lines[i] = ' '.repeat(rng.int(9)) + (lines[i] ?? '').trimStart();
      return lines.join('\n');
    }
    case 4: // truncate
      return src.slice(0, rng.int(src.length + 1));
    case 5: { // splice two programs
      const other = rng.pick(pool);
      return src.slice(0, rng.int(src.length + 1)) + other.slice(rng.int(other.length + 1));
    }
    case 6: { // random characters, including non-ASCII and control characters
      const a = rng.int(src.length + 1);
      let junk = '';
      for (let n = 1 + rng.int(4); n > 0; n--) junk += String.fromCodePoint(rng.pick([rng.int(128), 0x80 + rng.int(0x800), 0x1f600]));
      return src.slice(0, a) + junk + src.slice(a);
    }
    default: { // deep nesting of brackets, calls or blocks (upstream compiles thousands of levels)
      const depth = 1 + rng.int(rng.int(8) === 0 ? 4000 : 300);
      const [open, close] = rng.pick([['(', ')'], ['[', ']'], ['{1:', '}'], ['f(', ')'], ['-', ''], ['not ', '']] as const);
      return rng.int(3)
        ? 'x = ' + open.repeat(depth) + '1' + close.repeat(depth) + '\n' + src
        : Array.from({ length: Math.min(depth, 120) }, (_, i) => ' '.repeat(i) + 'if x:').join('\n') + '\n' + ' '.repeat(Math.min(depth, 120)) + 'pass\n';
    }
  }
}

test(`fuzz: ${CASES} mutated sources compile or raise CompileError (seed ${SEED})`, { skip }, () => {
  const dirs = [join(SHARED, 'corpus', 'features'), join(SHARED, 'corpus', 'syntax_errors')];
  const pool = dirs.flatMap((d) => readdirSync(d).filter((f) => f.endsWith('.py')).map((f) => readFileSync(join(d, f), 'utf8')));
  assert.ok(pool.length > 50, 'too few corpus programs');
  const rng = new Prng(SEED);
  let compiled = 0;
  let rejected = 0;
  let slowest = 0;
  const failures: string[] = [];
  for (let i = 0; i < CASES; i++) {
    let src = rng.pick(pool);
    for (let m = 1 + rng.int(3); m > 0; m--) src = mutate(rng, src, pool);
    const t0 = performance.now();
    try {
      compile(src, { fileName: 'fuzz.py', optimize: rng.int(4) });
      compiled++;
    } catch (e) {
      if (e instanceof MpytsError) rejected++;
      else if (failures.length < 5) failures.push(`case ${i}: ${(e as Error).stack?.split('\n').slice(0, 4).join(' | ')}\n--- source ---\n${src.slice(0, 400)}`);
      else failures.push(`case ${i}`);
    }
    slowest = Math.max(slowest, performance.now() - t0);
  }
  console.log(`fuzz compile: ${compiled} compiled, ${rejected} rejected with CompileError, ${failures.length} host errors, slowest ${slowest.toFixed(1)} ms`);
  assert.deepEqual(failures, []);
  assert.ok(compiled > 0 && rejected > 0);
  assert.ok(slowest < 1000, `a case took ${slowest.toFixed(0)} ms`);
});
