// The in-memory VFS through the library API: createVM({ mounts }) with a MemoryFs as the root of a
// host without files (as in a browser) or beside the host's files, vfs.VfsMemory from Python, and the
// MemoryFs tree itself. The expected values follow from the programs (what they wrote and listed);
// VfsMemory is mpyts's own, so there is no upstream output to compare with.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { compile } from '../../src/compile/index.js';
import { HostError } from '../../src/vm/hostfs.js';
import { createVM, type VmHost, type VmMount } from '../../src/vm/index.js';
import { MemoryFs } from '../../src/vm/index.js';

/** A host with output only: no files of its own, like a browser page. */
function bareHost(out: string[]): VmHost {
  return {
    stdout: (s) => out.push(s),
    stderr: (s) => out.push(s),
    readFile: () => undefined,
    stat: () => undefined,
  };
}

function run(source: string, mounts: VmMount[], host?: VmHost): { out: string; code: number } {
  const out: string[] = [];
  const vm = createVM({
    host: host ?? bareHost(out),
    compile: (src, fileName) => compile(src, { fileName }),
    mounts,
    path: ['', '/lib'],
  });
  const code = vm.runSource(source, 'main.py');
  return { out: out.join(''), code };
}

test('MemoryFs at "/": import, open, os functions; the host app sees what the program wrote', () => {
  const mem = new MemoryFs({ '/lib/util.py': 'def twice(x):\n    return 2 * x\n', '/data/in.txt': 'abc' });
  const r = run(`
import os, util
print(util.twice(21), util.__file__)
print(os.getcwd(), sorted(os.listdir()), os.listdir('/data'))
with open('/data/in.txt') as f:
    print(f.read())
with open('/data/out.txt', 'w') as f:
    f.write('written')
os.mkdir('/data/sub')
os.chdir('/data/sub')
print(os.getcwd())
with open('rel.bin', 'wb') as f:
    f.write(b'\\x00\\x01')
os.chdir('..')
print(os.getcwd(), sorted(os.listdir()))
os.rename('in.txt', 'sub/moved.txt')
print(os.listdir('sub'), os.stat('sub/rel.bin')[6], os.stat('sub')[0] & 0x4000)
os.remove('sub/moved.txt')
try:
    os.rmdir('/data')
except OSError as e:
    print('rmdir', e.errno)
import vfs
print(vfs.mount())
`, [{ path: '/', fs: mem }]);
  assert.equal(r.code, 0, r.out);
  assert.equal(r.out, [
    '42 /lib/util.py',
    "/ ['data', 'lib'] ['in.txt']",
    'abc',
    '/data/sub',
    "/data ['in.txt', 'out.txt', 'sub']",
    "['rel.bin', 'moved.txt'] 2 16384",
    'rmdir 39',
    "[(<VfsMemory>, '/')]",
    '',
  ].join('\n'));
  assert.equal(new TextDecoder().decode(mem.readFile('/data/out.txt')), 'written');
  assert.deepEqual([...mem.readFile('/data/sub/rel.bin')], [0, 1]);
  assert.equal(mem.kind('/data/in.txt'), undefined);
});

test('a read-only MemoryFs mounted beside the root; errors are OSError with POSIX numbers', () => {
  const mem = new MemoryFs({ '/boot.txt': 'ro' });
  const r = run(`
import os
print(os.listdir('/'))
print(open('/flash/boot.txt').read())
for f, a in ((open, ('/flash/x', 'w')), (os.mkdir, ('/flash/d',)), (os.remove, ('/flash/boot.txt',)),
             (open, ('/flash/missing',)), (os.listdir, ('/nowhere',)), (os.chdir, ('/flash/boot.txt',))):
    try:
        f(*a)
    except OSError as e:
        print(e.errno)
`, [{ path: '/', fs: new MemoryFs() }, { path: '/flash', fs: mem, readonly: true }]);
  assert.equal(r.code, 0, r.out);
  // '/nowhere' is not a mount point, so it falls to the file system at "/" (ENOENT there, not ENODEV)
  assert.equal(r.out, "['flash']\nro\n30\n30\n30\n2\n2\n20\n");
});

test('vfs.VfsMemory from Python: mount, ilistdir 4-tuples, statvfs, mkfs, umount', () => {
  const r = run(`
import os, vfs
m = vfs.VfsMemory()
vfs.mount(m, '/ram')
with open('/ram/a.txt', 'w') as f:
    f.write('12345')
os.mkdir('/ram/d')
print(sorted(os.ilistdir('/ram')))
st = os.statvfs('/ram')
print(st[0], st[2] - st[3])
print(m.getcwd(), m.stat('/a.txt')[6])
vfs.umount('/ram')
vfs.mount(m, '/ram2')
print(os.listdir('/ram2'))
vfs.umount(m)
vfs.mount(m, '/ram3', mkfs=True)
print(os.listdir('/ram3'))
import sys
sys.path.append('/ram3')
with open('/ram3/pm.py', 'w') as f:
    f.write('print("imported", __name__)')
import pm
`, [{ path: '/', fs: new MemoryFs() }]);
  assert.equal(r.code, 0, r.out);
  assert.equal(r.out, "[('a.txt', 32768, 2, 5), ('d', 16384, 3, 0)]\n512 1\n/ 5\n['a.txt', 'd']\n[]\nimported pm\n");
});

test('MemoryFs tree: errors and capacity', () => {
  const mem = new MemoryFs({}, 10);
  const errno = (f: () => void): number => {
    try {
      f();
    } catch (e) {
      if (e instanceof HostError) return e.errno;
      throw e;
    }
    return 0;
  };
  mem.mkdir('/a');
  assert.equal(errno(() => mem.mkdir('/a')), 17);
  assert.equal(errno(() => mem.mkdir('/x/y')), 2);
  mem.writeFile('/a/f', new Uint8Array(6));
  assert.equal(errno(() => mem.writeFile('/a/g', new Uint8Array(5))), 28);
  mem.writeFile('/a/f', new Uint8Array(10));
  assert.equal(mem.usedBytes(), 10);
  assert.equal(errno(() => mem.rmdir('/a')), 39);
  assert.equal(errno(() => mem.rename('/a', '/a/b')), 22);
  assert.equal(errno(() => mem.readFile('/a')), 21);
  assert.equal(errno(() => mem.listdir('/a/f')), 20);
  mem.rename('/a/f', '/g');
  assert.deepEqual(mem.listdir('/').map((e) => e.name), ['a', 'g']);
  mem.remove('/g');
  assert.equal(mem.usedBytes(), 0);
  mem.rmdir('/a');
  assert.deepEqual(mem.listdir('/'), []);
});
