# vfs.VfsPosix: the host's files as a mountable file system (root directory, readonly, relative paths,
# cwd on a mount, import from a mount), and file objects of the POSIX VFS.
# Works in a scratch directory under the current one, removed at the end.
# .exp made with: cd tests/data/modules && micropython mod_vfs_posix.py > mod_vfs_posix.exp 2>&1
import os, sys, vfs

T = "_vfs_posix_tmp"
here = os.getcwd()


def rmtree(p):
    for name, typ, *_ in os.ilistdir(p):
        q = p + "/" + name
        if typ == 0x4000:
            rmtree(q)
        else:
            os.remove(q)
    os.rmdir(p)


def attempt(f, *args, **kw):
    try:
        r = f(*args, **kw)
        print(" ->", r)
    except Exception as e:
        print(" ->", type(e).__name__, e.args)


try:
    os.stat(T)
    rmtree(T)
except OSError:
    pass

os.mkdir(T)
try:
    print(vfs.VfsPosix, os.VfsPosix is vfs.VfsPosix, vfs.VfsPosix())
    attempt(vfs.VfsPosix, "a", "b")
    fs = vfs.VfsPosix(T)
    # absolute paths are under the root, relative ones are the host's
    fs.mkdir("/d1")
    with fs.open("/d1/f.txt", "w") as f:
        print(f.write("one\ntwo\n"))
    print(sorted(os.listdir(T)), os.listdir(T + "/d1"))
    print(sorted(e[0] for e in fs.ilistdir("/")), [e[:2] for e in fs.ilistdir("/d1")])
    print([type(e[0]).__name__ for e in fs.ilistdir(b"/")])
    print(fs.stat("/d1/f.txt")[6], fs.stat("/d1")[0] & 0x4000)
    print(type(fs.statvfs("/")), len(fs.statvfs("/")))
    # (upstream's rename of two absolute paths under a root renames the second to itself: see MODULES.md)
    os.chdir(T)
    fs.rename("d1/f.txt", "d1/g.txt")
    os.chdir(here)
    print(os.listdir(T + "/d1"))
    attempt(fs.mkdir, "/d1")
    attempt(fs.rmdir, "/d1")
    attempt(fs.remove, "/nothing")
    attempt(fs.open, "/nothing", "r")
    attempt(fs.stat, "/nothing")
    attempt(fs.mount, False, True)

    # mounted: os functions and open() see it at the mount point
    vfs.mount(fs, "/mnt")
    print(vfs.mount()[0][1], [m[1] for m in vfs.mount()])
    print(os.listdir("/mnt"), os.listdir("/mnt/d1"))
    with open("/mnt/d1/g.txt") as f:
        print(f.read().split())
    with open("/mnt/new.bin", "wb") as f:
        f.write(b"\x01\x02\x03")
    print(os.stat("/mnt/new.bin")[6])
    with open("/mnt/new.bin", "ab") as f:
        f.write(b"\x04")
    with open("/mnt/new.bin", "rb") as f:
        print(f.read())
    attempt(os.rename, "/mnt/new.bin", here + "/x")

    # current directory on the mount
    os.chdir("/mnt")
    print(os.getcwd())
    os.rename("new.bin", "d1/moved.bin")
    print(sorted(os.listdir("/mnt/d1")))
    os.remove("/mnt/d1/moved.bin")
    os.chdir("d1")
    print(os.getcwd(), os.listdir())
    os.chdir("..")
    print(os.getcwd())
    os.chdir("/mnt/d1")
    print(os.getcwd())
    with open("rel.txt", "w") as f:
        f.write("relative")
    print(sorted(os.listdir("/mnt/d1")))
    os.remove("rel.txt")

    # import from the mounted directory
    with open("/mnt/mod_vfs_pm.py", "w") as f:
        f.write("print('importing', __name__)\nV = 42\n")
    sys.path.insert(0, "/mnt")
    import mod_vfs_pm

    print(mod_vfs_pm.V, mod_vfs_pm.__file__)
    sys.path.pop(0)
    os.remove("/mnt/mod_vfs_pm.py")
    os.chdir(here)
    print(os.getcwd() == here)
    vfs.umount(fs)
    print([m[1] for m in vfs.mount()])

    # read-only mount
    ro = vfs.VfsPosix(T)
    vfs.mount(ro, "/ro", readonly=True)
    print(os.listdir("/ro"))
    with open("/ro/d1/g.txt") as f:
        print(len(f.read()))
    for mode in ("w", "a", "r+", "wb"):
        attempt(open, "/ro/d1/x", mode)
    attempt(os.mkdir, "/ro/x")
    attempt(os.remove, "/ro/d1/g.txt")
    attempt(os.rename, "/ro/d1/g.txt", "/ro/h")
    attempt(os.rmdir, "/ro/d1")
    vfs.umount("/ro")

    # file objects of the POSIX VFS
    f = open(T + "/d1/g.txt")
    print(type(f).__name__, f.fileno() >= 3)
    f.close()
    print(f)
    attempt(f.read)
    print(open(1), open(2, "wb"), open(0))
    w = open(1, "w")
    print(w.write("to stdout via fd 1\n"))
    attempt(open, T + "/none/x", "w")
finally:
    os.chdir(here)
    for m in vfs.mount():
        if m[1] != "/":
            vfs.umount(m[1])
    rmtree(T)
print(T in os.listdir())
