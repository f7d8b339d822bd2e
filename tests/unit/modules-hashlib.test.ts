// md5 and sha1 of src/modules/hashlib.ts (implemented, but not exposed to Python in the default build,
// as the reference unix build has no TLS library): checked against Node's crypto on many lengths.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { md5, sha1, sha256 } from '../../src/modules/hashlib.js';

test('hashlib md5/sha1/sha256 match node:crypto', () => {
  for (let n = 0; n < 300; n += 7) {
    const data = Uint8Array.from({ length: n * 3 }, (_, i) => (i * 31 + n) & 0xff);
    for (const [name, f] of [['md5', md5], ['sha1', sha1], ['sha256', sha256]] as const) {
      assert.equal(Buffer.from(f(data)).toString('hex'), createHash(name).update(data).digest('hex'), `${name} of ${data.length} bytes`);
    }
  }
});
