# execfile(path[, globals[, locals]]): reads through the mount table (a Python file system mounted at
# /ef), runs in the caller's or the given dicts, names the file in tracebacks; argument and I/O errors.
# .exp made with: cd tests/data/vm-basics && micropython vm_execfile.py > vm_execfile.exp 2>&1
import io, sys, vfs


class File(io.IOBase):
    def __init__(self, data):
        self.data = data
        self.off = 0

    def ioctl(self, req, arg):
        return 0 if req == 4 else -1

    def readinto(self, buf):
        n = min(len(buf), len(self.data) - self.off)
        buf[:n] = self.data[self.off : self.off + n]
        self.off += n
        return n


class FS:
    def mount(self, readonly, mkfs):
        pass

    def umount(self):
        pass

    def open(self, path, mode):
        print("open", path, mode)
        if path == "/m.py":
            return File(b"y = 7\nprint('run', __name__, y)\ndef boom():\n    return 1 // 0\n")
        raise OSError(2)


vfs.mount(FS(), "/ef")
execfile("/ef/m.py")
print(y)
g = {}
print(execfile("/ef/m.py", g), sorted(g))
loc = {}
execfile("/ef/m.py", g, loc)
print(sorted(loc))
try:
    boom()
except ZeroDivisionError as e:
    sys.print_exception(e)
for bad in (b"/ef/m.py", 1, None):
    try:
        execfile(bad)
    except TypeError as e:
        print("TypeError", e)
try:
    execfile("/ef/none.py")
except OSError as e:
    print("OSError", e)
try:
    execfile("/ef/m.py", [])
except TypeError as e:
    print("TypeError", repr(e))
try:
    execfile()
except TypeError as e:
    print("TypeError", e)
vfs.umount("/ef")
try:
    execfile("/ef/m.py")
except OSError as e:
    print("OSError", e)
