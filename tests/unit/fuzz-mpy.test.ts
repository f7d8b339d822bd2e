// Seeded fuzzing of the .mpy reader and the tool over mutated golden files: whatever the damage, only
// mpyts's own error types may escape, and no case may hang.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { MpytsError, readMpy, writeMpy } from '../../src/index.js';
import { runMpyTool } from '../../src/tool/index.js';
import { listFiles } from '../helpers/files.js';
import { GOLDEN, sharedMissing } from '../helpers/paths.js';
import { Prng } from '../helpers/prng.js';

const skip = sharedMissing('golden/pyodide-stdlib/mpy');
const SEED = Number(process.env['FUZZ_SEED'] ?? 20261126);
const CASES = Number(process.env['FUZZ_CASES'] ?? 12000);

function seeds(): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (const optset of readdirSync(join(GOLDEN, 'mpy')).sort()) {
    const dir = join(GOLDEN, 'mpy', optset);
    // Small files keep the run fast while covering every kind of section.
    for (const rel of listFiles(dir, '.mpy').filter((_, i) => i % 8 === 0)) {
      if (statSync(join(dir, rel)).size <= 6000) out.push(new Uint8Array(readFileSync(join(dir, rel))));
    }
  }
  return out;
}

function mutate(rng: Prng, data: Uint8Array, pool: readonly Uint8Array[]): Uint8Array {
  const d = Uint8Array.from(data);
  switch (rng.int(6)) {
    case 0: { // bit flips
      const n = 1 + rng.int(8);
      for (let i = 0; i < n; i++) d[rng.int(d.length)]! ^= 1 << rng.int(8);
      return d;
    }
    case 1: // truncation
      return d.subarray(0, rng.int(d.length));
    case 2: { // splice: head of this file, tail of another
      const other = rng.pick(pool);
      const cut = rng.int(d.length);
      const from = rng.int(other.length);
      const out = new Uint8Array(cut + other.length - from);
      out.set(d.subarray(0, cut));
      out.set(other.subarray(from), cut);
      return out;
    }
    case 3: { // a huge var-int inserted somewhere
      const at = 4 + rng.int(Math.max(1, d.length - 4));
      const len = 1 + rng.int(12);
      const v = new Uint8Array(len).fill(0xff);
      v[len - 1] = rng.int(128);
      const out = new Uint8Array(d.length + len);
      out.set(d.subarray(0, at));
      out.set(v, at);
      out.set(d.subarray(at), at + len);
      return out;
    }
    case 4: { // random bytes over a run
      const at = rng.int(d.length);
      const n = 1 + rng.int(16);
      for (let i = at; i < Math.min(d.length, at + n); i++) d[i] = rng.int(256);
      return d;
    }
    default: { // header fields: version, feature byte, small-int bits
      d[1 + rng.int(3)] = rng.int(256);
      return d;
    }
  }
}

test(`fuzz: ${CASES} mutated .mpy files raise only MpytsError (seed ${SEED})`, { skip }, () => {
  const pool = seeds();
  assert.ok(pool.length > 50, 'too few seed files');
  const rng = new Prng(SEED);
  let rejected = 0;
  let accepted = 0;
  let slowest = 0;
  for (let i = 0; i < CASES; i++) {
    const input = mutate(rng, rng.pick(pool), pool);
    const t0 = performance.now();
    try {
      const f = readMpy(input);
      writeMpy(f);
      accepted++;
    } catch (e) {
      if (!(e instanceof MpytsError)) assert.fail(`case ${i}: ${(e as Error).stack}`);
      rejected++;
    }
    // The tool reports errors in its result; anything thrown out of it is a bug.
    try {
      const res = runMpyTool([{ path: 'fuzz.mpy', data: input }], { disassemble: true, hexdump: i % 4 === 0, json: i % 8 === 0, ...(i % 16 === 0 ? { merge: true } : {}), ...(i % 3 === 0 ? { freeze: {} } : {}) });
      assert.ok(res.exitCode === 0 || res.exitCode === 1);
    } catch (e) {
      assert.fail(`case ${i} (tool): ${(e as Error).stack}`);
    }
    slowest = Math.max(slowest, performance.now() - t0);
  }
  console.log(`fuzz: ${accepted} accepted, ${rejected} rejected with MpytsError, slowest case ${slowest.toFixed(1)} ms`);
  assert.ok(rejected > 0 && accepted > 0, 'mutations should produce both valid and invalid files');
  assert.ok(slowest < 1000, `a case took ${slowest} ms`);
});
