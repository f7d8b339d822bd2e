# vfs.VfsFat: mkfs layouts (FAT12/16/32 choice, boot sector fields), 8.3 and long names as stored on
# disk, files in every mode, directories, rename, errors (OSError codes), statvfs, mounting block
# devices (new and old protocol), readonly, import from a FAT mount.
# .exp made with: cd tests/data/modules && micropython mod_vfs_fat.py > mod_vfs_fat.exp 2>&1
import os, sys, vfs


class Dev:
    # sparse: blocks never written read as zeros
    def __init__(self, blocks, ss=512):
        self.blocks = blocks
        self.ss = ss
        self.data = {}
        self.writes = 0

    def readblocks(self, n, buf):
        for i in range(len(buf) // self.ss):
            b = self.data.get(n + i)
            buf[i * self.ss : (i + 1) * self.ss] = b if b else bytes(self.ss)

    def writeblocks(self, n, buf):
        self.writes += 1
        for i in range(len(buf) // self.ss):
            self.data[n + i] = bytes(buf[i * self.ss : (i + 1) * self.ss])

    def ioctl(self, op, arg):
        if op == 4:
            return self.blocks
        if op == 5:
            return self.ss

    def block(self, n):
        return self.data.get(n) or bytes(self.ss)


class OldDev:
    def __init__(self, blocks):
        self.data = bytearray(blocks * 512)
        self.synced = 0

    def readblocks(self, n, buf):
        buf[:] = self.data[n * 512 : n * 512 + len(buf)]

    def writeblocks(self, n, buf):
        self.data[n * 512 : n * 512 + len(buf)] = buf

    def count(self):
        return len(self.data) // 512

    def sync(self):
        self.synced += 1


def u16(b, o):
    return b[o] | b[o + 1] << 8


def u32(b, o):
    return u16(b, o) | u16(b, o + 2) << 16


def err(f, *a):
    try:
        r = f(*a)
        print("ok", r if r is None or type(r) in (int, str, list, tuple) else type(r).__name__)
    except OSError as e:
        print("OSError", e.errno)


# ---- layouts ----
for blocks, ss in ((50, 512), (200, 512), (4200, 512), (20000, 512), (70000, 512), (300, 1024), (140000, 512), (8400000, 512)):
    d = Dev(blocks, ss)
    vfs.VfsFat.mkfs(d)
    b = d.block(0)
    start = 0
    if b[0] != 0xEB:
        start = u32(b, 446 + 8)
        print("mbr", hex(b[446 + 4]), start, u32(b, 446 + 12), b[510:512])
        b = d.block(start)
    print(blocks, ss, b[:3], b[3:11], u16(b, 11), b[13], u16(b, 14), b[16], u16(b, 17), u16(b, 19), b[21])
    print("  fatsz", u16(b, 22), u32(b, 36) if u16(b, 22) == 0 else "", u32(b, 28), u32(b, 32), b[510:512])
    if u16(b, 22):
        print("  ", b[36:39], b[43:62])
    else:
        print("  ", u32(b, 44), u16(b, 48), u16(b, 50), b[64:67], b[71:90])
        fsi = d.block(start + 1)
        print("  fsinfo", hex(u32(fsi, 0)), hex(u32(fsi, 484)), u32(fsi, 488), u32(fsi, 492))
    fat = d.block(start + u16(b, 14))
    print("  fat", fat[:12])
    fs = vfs.VfsFat(d)
    print("  statvfs", fs.statvfs(""))

# ---- names on disk ----
d = Dev(400)
vfs.VfsFat.mkfs(d)
fs = vfs.VfsFat(d)
names = [
    "foo.txt", "FOO2.TXT", "Mixed.txt", "lower.TXT", "a.b.c", "with space.txt", "plus+comma,.x",
    "abcdefghi.txt", "toolong.text", ".hidden", "noext", "x.y", "Caf\u00e9.txt",
]
for n in names:
    with fs.open(n, "w") as f:
        f.write(n)
for i in range(7):
    fs.open("longfilename%d.txt" % i, "w").close()
root = u16(d.block(0), 14) + u16(d.block(0), 22)
raw = d.block(root) + d.block(root + 1) + d.block(root + 2) + d.block(root + 3)
for i in range(0, len(raw), 32):
    e = raw[i : i + 32]
    if e[0] == 0:
        break
    if e[11] == 0x0F:
        print("lfn", hex(e[0]), hex(e[13]), e[1:11], e[14:26], e[28:32])
    else:
        print("sfn", e[:11], hex(e[11]), hex(e[12]), u16(e, 26), u32(e, 28))
print(sorted(x[0] for x in fs.ilistdir()))
for n in ("FOO.TXT", "mixed.TXT", "ABCDEF~1.TXT", "abcdefghi.txt", "LONGFI~1.TXT", "longfilename6.txt"):
    print(n, fs.stat(n)[6])
for n in ("a*b", "a?b", "a:b", "a<b", "a|b", 'a"b', "a\\b"):
    err(fs.open, n, "w")
err(lambda: fs.open("trailing.   ", "w").close())
print([x for x in fs.ilistdir() if x[0].startswith("trailing")])

# ---- files ----
d = Dev(300)
vfs.VfsFat.mkfs(d)
fs = vfs.VfsFat(d)
vfs.mount(fs, "/fat")
os.chdir("/fat")
with open("t.txt", "w") as f:
    print(f.write("line1\nline2\n"), f.tell())
with open("t.txt", "a") as f:
    f.write("line3\n")
with open("t.txt") as f:
    print(f.readline(), f.readlines())
with open("t.txt", "r+") as f:
    f.seek(2)
    f.write("XY")
    f.seek(0)
    print(repr(f.read()))
with open("t.txt", "a+") as f:
    f.write("end")
    f.seek(0)
    print(repr(f.read()))
with open("t.txt", "w+") as f:
    print(repr(f.read()))
    f.write("abc")
    f.seek(1)
    print(f.read())
with open("b.bin", "wb") as f:
    f.write(bytes(range(256)) * 20)
with open("b.bin", "rb") as f:
    d1 = f.read()
    print(len(d1), d1[1000:1004], f.tell(), f.seek(-10, 2), f.read(3))
print(os.stat("b.bin")[:7], os.stat("/fat/b.bin")[6])
with open("t.txt") as f:
    print([l for l in f])
f = open("t.txt", "rb")
f.close()
for m in ("read", "write", "flush", "readline"):
    try:
        getattr(f, m)(*((b"x",) if m == "write" else ()))
    except (OSError, ValueError) as e:
        print(m, type(e).__name__, e.args)
err(open, "missing.txt")
err(open, "nodir/x.txt", "w")
err(open, "t.txt", "x")
print(open("new.txt", "x").close())

# ---- directories ----
os.mkdir("d1")
os.mkdir("d1/Sub")
os.chdir("D1")
print(os.getcwd())
os.chdir("SUB")
print(os.getcwd())
os.chdir("..")
print(os.getcwd(), os.listdir())
os.chdir("/fat")
err(os.mkdir, "d1")
err(os.mkdir, "d1/Sub")
err(os.rmdir, "d1")
err(os.remove, "d1")
err(os.rmdir, "t.txt")
err(os.remove, "nothing")
err(os.rmdir, "nothing")
err(os.chdir, "t.txt")
err(os.chdir, "nothing")
err(os.listdir, "t.txt")
err(os.listdir, "nothing")
err(os.stat, "nothing")
err(os.stat, "nodir/x")
err(os.mkdir, "nodir/x")
print(os.stat("d1")[:7], os.stat("/fat")[:7], os.stat("/fat")[8])
for i in range(40):
    with open("d1/Sub/file%02d.dat" % i, "w") as f:
        f.write(str(i))
print(len(os.listdir("d1/Sub")), os.listdir("d1/Sub")[-3:])
for i in range(0, 40, 2):
    os.remove("d1/Sub/file%02d.dat" % i)
with open("d1/Sub/a-much-longer-name-than-before.txt", "w") as f:
    f.write("long")
print(os.listdir("d1/Sub")[:4])

# ---- rename ----
os.rename("t.txt", "u.txt")
os.rename("u.txt", "d1/moved.txt")
print(os.listdir(), os.listdir("d1"))
with open("v.txt", "w") as f:
    f.write("v")
os.rename("v.txt", "d1/moved.txt")
with open("d1/moved.txt") as f:
    print(f.read(), os.listdir())
err(os.rename, "nothing", "x")
err(os.rename, "new.txt", "nodir/x")
err(os.rename, "new.txt", "d1")
os.rename("d1/Sub", "Sub2")
os.chdir("Sub2")
os.chdir("..")
print(os.getcwd(), os.listdir())
os.rename("new.txt", "NEW.TXT")
print(os.listdir())

# ---- space ----
print(fs.statvfs("/"))
free = fs.statvfs("/")[3] * fs.statvfs("/")[0]
f = open("big", "wb")
try:
    f.write(bytearray(free + 1))
except OSError as e:
    print("ENOSPC", e.errno)
f.close()
print(os.stat("big")[6] == free, fs.statvfs("/")[3])
err(os.mkdir, "nospace")
os.remove("big")
print(fs.statvfs("/")[3])

# ---- import ----
with open("fatmod.py", "w") as f:
    f.write("print('fatmod imported', __name__)\nX = 42\n")
sys.path.insert(0, "/fat")
import fatmod

print(fatmod.X)
sys.path.pop(0)
os.chdir("/")
vfs.umount("/fat")

# ---- mounting block devices ----
d = Dev(100)
err(vfs.mount, d, "/blk")
print(vfs.mount(d, "/blk", mkfs=True))
print([type(m[0]).__name__ for m in vfs.mount() if m[1] == "/blk"])
with open("/blk/f", "w") as f:
    f.write("hi")
vfs.umount("/blk")
vfs.mount(d, "/blk", readonly=True)
with open("/blk/f") as f:
    print(f.read())
err(open, "/blk/f", "w")
err(os.mkdir, "/blk/d")
err(os.remove, "/blk/f")
err(os.rename, "/blk/f", "/blk/g")
print(os.listdir("/blk"))
vfs.umount("/blk")
fs = vfs.VfsFat(Dev(100))
err(fs.statvfs, "/")
err(fs.listdir if hasattr(fs, "listdir") else fs.ilistdir, "")

od = OldDev(64)
vfs.VfsFat.mkfs(od)
vfs.mount(od, "/old")
with open("/old/x.txt", "w") as f:
    f.write("old protocol")
with open("/old/x.txt") as f:
    print(os.listdir("/old"), f.read(), od.synced > 0)
vfs.umount("/old")
print(type(vfs.VfsFat), vfs.VfsFat.__name__ if hasattr(vfs.VfsFat, "__name__") else "")
