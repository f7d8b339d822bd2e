// Differential: each corpus program compiled by mpyts and run as .mpy in the official wasm MicroPython
// must print what the same interpreter prints running the source itself.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { compile } from '../../src/compile/index.js';
import { SHARED, sharedMissing } from '../helpers/paths.js';
import { runInWasm } from '../helpers/wasm-mp.js';

const skip = sharedMissing('corpus/features');
// Owned elsewhere or environment-bound: settrace (needs a settrace build), @native/@viper (need -march),
// 119 (relative import inside exec).
const EXCLUDE = /_settrace_|^12[1-6]_|^119_/;

test('corpus programs: mpyts .mpy in wasm MicroPython prints what the source prints there', { skip }, async () => {
  const dir = join(SHARED, 'corpus', 'features');
  const programs = readdirSync(dir).filter((f) => f.endsWith('.py') && !EXCLUDE.test(f)).sort();
  const mismatches: string[] = [];
  let printed = 0;
  for (const f of programs) {
    const name = 'm' + f.slice(0, 3);
    const source = readFileSync(join(dir, f), 'utf8');
    const viaSource = await runInWasm(source);
    const viaMpy = await runInWasm(compile(source, { fileName: `features/${f}` }), name);
    // Tracebacks name the file: the source run says <stdin>, the .mpy run the name compiled in.
    const norm = (s: string | undefined) => (s ?? '').replace(/File "[^"]*"/g, 'File "?"').replace(/, in <module>\n/g, '\n');
    const same = viaSource.output === viaMpy.output && norm(viaSource.error).split('\n').slice(-2).join('\n') === norm(viaMpy.error).split('\n').slice(-2).join('\n');
    if (!same) mismatches.push(f);
    if (viaMpy.output.length > 0) printed++;
  }
  console.log(`differential compile: ${programs.length - mismatches.length}/${programs.length} programs print the same as .mpy and as source`);
  assert.ok(programs.length > 50);
  // Guard against a vacuous pass (e.g. the .mpy never imported): nearly every program prints.
  assert.ok(printed >= programs.length - 5, `only ${printed} programs printed anything`);
  assert.deepEqual(mismatches, []);
});
