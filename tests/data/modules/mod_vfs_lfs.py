# vfs.VfsLfs2: littlefs v2 on a RAM block device (extended protocol): mkfs, statvfs block counts,
# inline and CTZ files, directory order, rename, remove, errors, mtime, readonly devices, mounting
# with littlefs detection, import from a littlefs mount.
# .exp made with: cd tests/data/modules && micropython mod_vfs_lfs.py > mod_vfs_lfs.exp 2>&1
import os, sys, vfs


class Dev:
    def __init__(self, blocks, bs=512):
        self.bs = bs
        self.data = bytearray(blocks * bs)

    def readblocks(self, n, buf, off):
        a = n * self.bs + off
        buf[:] = self.data[a : a + len(buf)]

    def writeblocks(self, n, buf, off):
        a = n * self.bs + off
        self.data[a : a + len(buf)] = buf

    def ioctl(self, op, arg):
        if op == 4:
            return len(self.data) // self.bs
        if op == 5:
            return self.bs
        if op == 6:
            return 0


class ReadOnly:
    def __init__(self, dev):
        self.dev = dev

    def readblocks(self, n, buf, off):
        self.dev.readblocks(n, buf, off)

    def ioctl(self, op, arg):
        return self.dev.ioctl(op, arg)


d = Dev(40)
try:
    vfs.VfsLfs2(d)
except OSError as e:
    print("unformatted", type(e).__name__)
vfs.VfsLfs2.mkfs(d)
print(d.data[8:16])
fs = vfs.VfsLfs2(d)
print(fs.statvfs("/"))
for name in ["b", "abc", "ab", "abcd", "a", "B", "z"]:
    with fs.open(name, "w") as f:
        f.write(name * 3)
print(list(fs.ilistdir()))
fs.mkdir("dir")
fs.mkdir("dir/sub")
print(fs.statvfs("/"))
with fs.open("dir/big", "wb") as f:
    for i in range(20):
        f.write(bytes((i + k) % 256 for k in range(250)))
print(fs.stat("dir/big")[:7], fs.statvfs("/"))
with fs.open("dir/big", "rb") as f:
    data = f.read()
    print(len(data), data[:5], data[-5:])
    f.seek(1000)
    print(f.read(4), f.tell())
with fs.open("dir/big", "ab") as f:
    f.write(b"END")
print(fs.stat("dir/big")[6])
with fs.open("dir/big", "r+b") as f:
    f.seek(2)
    f.write(b"XY")
with fs.open("dir/big", "rb") as f:
    print(f.read(6))
fs.rename("dir/big", "moved")
print(list(fs.ilistdir("dir")), fs.stat("moved")[6])
fs.rename("a", "b")
print([x[0] for x in fs.ilistdir()])
for op, args in [
    ("remove", ("nothere",)),
    ("rmdir", ("dir",)),
    ("mkdir", ("dir",)),
    ("rename", ("nothere", "x")),
    ("rename", ("dir", "moved")),
    ("chdir", ("moved",)),
    ("stat", ("dir/nothere",)),
    ("open", ("dir", "r")),
    ("open", ("moved", "x")),
    ("open", ("nothere", "r")),
    ("ilistdir", ("moved",)),
]:
    try:
        getattr(fs, op)(*args)
        print(op, "ok")
    except OSError as e:
        print(op, args, e.errno)
f = fs.open("z", "r")
print(f)
f.close()
try:
    f.read()
except ValueError as e:
    print("closed", repr(e))
fs.chdir("dir")
print(fs.getcwd())
with fs.open("here.py", "w") as f:
    f.write("print('imported from lfs', __name__)\nX = 42\n")
fs.chdir("/")
fs.rmdir("dir/sub")
st = fs.stat("b")
print(type(st[8]), st[8] > 0, st[:7])
fs2 = vfs.VfsLfs2(d, mtime=False)
with fs2.open("nomtime", "w") as f:
    f.write("x")
print(fs2.stat("nomtime")[7:])

# a device without writeblocks mounts read-only
ro = vfs.VfsLfs2(ReadOnly(d))
print(sorted(x[0] for x in ro.ilistdir()))
try:
    ro.open("new", "w")
except OSError as e:
    print("readonly", e.errno)

# mount detects littlefs on a block device
vfs.mount(d, "/lfs")
print(sorted(os.listdir("/lfs")), os.listdir("/lfs/dir"))
sys.path.insert(0, "/lfs/dir")
import here

print(here.X)
sys.path.pop(0)
vfs.umount("/lfs")
