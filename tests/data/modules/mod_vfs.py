# vfs: the mount table with user file systems (upstream's "userfs" protocol): mount/umount, the virtual
# root, cwd on a mount, os functions and open() routed to the mounted object, import from a mount.
# .exp made with: cd tests/data/modules && micropython mod_vfs.py > mod_vfs.exp 2>&1
import io, os, sys, vfs


class File(io.IOBase):
    def __init__(self, data):
        self.data = data
        self.pos = 0

    def readinto(self, buf):
        n = min(len(buf), len(self.data) - self.pos)
        buf[:n] = self.data[self.pos : self.pos + n]
        self.pos += n
        return n

    def read(self):
        return str(self.data, "utf8")

    def write(self, buf):
        self.data += bytes(buf)
        return len(buf)

    def ioctl(self, req, arg):
        print("  ioctl", req, arg)
        if req == 4:
            return 0
        return -1


class FS:
    def __init__(self, name, files=None):
        self.name = name
        self.files = files or {}
        self.cwd = "/"

    def __repr__(self):
        return "FS(%s)" % self.name

    def mount(self, readonly, mkfs):
        print(" ", self.name, "mount", readonly, mkfs)

    def umount(self):
        print(" ", self.name, "umount")

    def ilistdir(self, path):
        print(" ", self.name, "ilistdir", repr(path))
        return iter([(k.strip("/"), 0x8000, 0) for k in sorted(self.files)])

    def chdir(self, path):
        print(" ", self.name, "chdir", repr(path))
        if path not in ("/", "sub", "/sub", ".."):
            raise OSError(2)
        self.cwd = path

    def getcwd(self):
        print(" ", self.name, "getcwd")
        return self.cwd

    def mkdir(self, path):
        print(" ", self.name, "mkdir", repr(path))

    def remove(self, path):
        print(" ", self.name, "remove", repr(path))
        del self.files[path]

    def rename(self, a, b):
        print(" ", self.name, "rename", repr(a), repr(b))

    def rmdir(self, path):
        print(" ", self.name, "rmdir", repr(path))

    def stat(self, path):
        print(" ", self.name, "stat", repr(path))
        if path in self.files:
            return (0x8000, 0, 0, 0, 0, 0, len(self.files[path]), 0, 0, 0)
        if path in ("/", "/pkg"):
            return (0x4000, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        raise OSError(2)

    def statvfs(self, path):
        print(" ", self.name, "statvfs", repr(path))
        return (512, 512, 10, 5, 5, 0, 0, 0, 0, 255)

    def open(self, path, mode):
        print(" ", self.name, "open", repr(path), mode)
        if "w" in mode:
            self.files[path] = b""
            return File(b"")
        return File(self.files[path])


def attempt(f, *args):
    try:
        r = f(*args)
        print(" ->", r)
    except Exception as e:
        print(" ->", type(e).__name__, e.args)


# the unix port starts with the host's files at "/"
m = vfs.mount()
print(len(m), type(m[0][0]).__name__, m[0][1])
print(os.mount is vfs.mount, os.umount is vfs.umount)

# take everything off: "/" is then the empty virtual root
root_fs = m[0][0]
vfs.umount("/")
print(vfs.mount(), os.listdir("/"), os.getcwd())
print(os.stat("/"), os.statvfs("/")[:9])
for f in (os.listdir, os.stat, os.remove, os.rmdir, os.chdir):
    attempt(f, "/nothing")
attempt(os.mkdir, "/")
attempt(vfs.umount, "/nothing")
attempt(vfs.umount, None)

a = FS("a", {"/x.txt": b"hello a\n", "/mod_vfs_m1.py": b"print('in m1', __name__)\nX = 1\n"})
b = FS("b", {"/y.bin": b"\x00\x01"})
vfs.mount(a, "/a")
vfs.mount(b, "/deep/b", readonly=True)
print(vfs.mount())
print(os.listdir(), os.listdir("/"), os.listdir(b"/"))
print(list(os.ilistdir("/")))
attempt(vfs.mount, FS("c"), "/a")
attempt(vfs.mount, FS("d"), "/a/inner")
print(vfs.mount())
attempt(vfs.umount, "/a/inner")

# paths into the mounts
print(os.listdir("/a"), os.listdir("a"), os.listdir("/deep/b"))
attempt(os.listdir, "/deep")
attempt(os.stat, "/a/x.txt")
attempt(os.statvfs, "/a/sub")
attempt(os.mkdir, "/a")
attempt(os.mkdir, "/a/newdir")
attempt(os.rename, "/a/x.txt", "/deep/b/x.txt")
attempt(os.rename, "/a/x.txt", "/a/z.txt")
attempt(os.rmdir, "/a/newdir")

# open() goes to the file system's open(path, mode)
f = open("/a/x.txt")
print(f.read())
f = open("/a/new.txt", "wb")
print(type(f).__name__)
attempt(open, "/nope/x")
attempt(open, "/")

# current directory on a mount
os.chdir("/a")
print(os.getcwd())
print(os.listdir(), os.listdir(""))
attempt(os.stat, "x.txt")
os.chdir("sub")
print(os.getcwd())
attempt(os.chdir, "/a/missing")
print(os.getcwd())
os.chdir("/")
print(os.getcwd(), os.listdir())

# import from a mounted file system: stat, open(rb), the stream's ioctl and close
sys.path.insert(0, "/a")
import mod_vfs_m1

print(mod_vfs_m1.X, mod_vfs_m1.__file__)
try:
    import mod_vfs_missing
except ImportError as e:
    print("ImportError", e)
sys.path.pop(0)

# unmount by object, then by path
vfs.umount(a)
vfs.umount("/deep/b")
attempt(vfs.umount, b)
print(vfs.mount())

# a file system mounted at "/" is listed after the mount points
c = FS("c", {"/r.txt": b"root"})
vfs.mount(c, "/")
vfs.mount(a, "/a")
print(vfs.mount())
print(os.listdir("/"))
print(os.statvfs("/"))
attempt(os.stat, "/r.txt")
os.chdir("/")
print(os.getcwd())
vfs.umount("/")
vfs.umount("/a")

# the host's files back at "/"
vfs.mount(root_fs, "/")
os.chdir("/")
print(os.getcwd(), type(os.listdir("/")).__name__)
