// Every golden .mpy (all option sets, bytecode and 8 native architectures) reads and writes back to
// the identical bytes.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { readMpy, writeMpy } from '../../src/index.js';
import { listFiles } from '../helpers/files.js';
import { GOLDEN, sharedMissing } from '../helpers/paths.js';

const skip = sharedMissing('golden/pyodide-stdlib/mpy');

test('readMpy → writeMpy reproduces every golden .mpy byte for byte', { skip }, () => {
  const root = join(GOLDEN, 'mpy');
  let total = 0;
  const failures: string[] = [];
  for (const optset of readdirSync(root).sort()) {
    let same = 0;
    const files = listFiles(join(root, optset), '.mpy');
    for (const rel of files) {
      const data = new Uint8Array(readFileSync(join(root, optset, rel)));
      const out = writeMpy(readMpy(data));
      if (Buffer.compare(Buffer.from(out), Buffer.from(data)) === 0) same++;
      else failures.push(`${optset}/${rel}`);
    }
    total += files.length;
    console.log(`round-trip ${optset}: ${same}/${files.length} identical`);
  }
  console.log(`round-trip total: ${total - failures.length}/${total} identical`);
  assert.ok(total >= 4848, `expected at least 4848 golden .mpy files, found ${total}`);
  assert.deepEqual(failures, []);
});
