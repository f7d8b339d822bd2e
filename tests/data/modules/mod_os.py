# os: files and directories through the VFS, environment, urandom, errors.
# .exp made with: cd tests/data/modules && micropython mod_os.py > mod_os.exp 2>&1
import os

T = "_os_tmp"


def rmtree(p):
    for name, typ, *_ in os.ilistdir(p):
        q = p + "/" + name
        if typ == 0x4000:
            rmtree(q)
        else:
            os.remove(q)
    os.rmdir(p)


def err(f, *a):
    try:
        print(f(*a))
    except Exception as e:
        print(type(e).__name__, e, e.args)


try:
    rmtree(T)
except OSError:
    pass

print(os.sep)
home = os.getcwd()
print(type(home), home.startswith("/"))
os.mkdir(T)
print(T in os.listdir(), T in os.listdir("."), T in os.listdir(""))
st = os.stat(T)
print(len(st), type(st), st[0] & 0xF000 == 0x4000, [type(x) for x in st])
os.chdir(T)
print(os.getcwd() == home + "/" + T)
print(os.listdir(), list(os.ilistdir()))
with open("a.txt", "w") as f:
    f.write("hello\n")
with open("b.bin", "wb") as f:
    f.write(b"\x00\x01\x02")
os.mkdir("sub")
print(sorted(os.listdir()))
print(sorted((n, t) for n, t, i in os.ilistdir()))
print(sorted(n for n, t, i in os.ilistdir(b".")))
print(all(type(e[2]) is int and len(e) == 3 for e in os.ilistdir()))
print(os.stat("a.txt")[6], os.stat(b"b.bin")[6], os.stat("a.txt")[0] & 0xF000 == 0x8000)
os.rename("a.txt", "sub/c.txt")
print(sorted(os.listdir()), os.listdir("sub"))
print(open("sub/c.txt").read(), end="")
os.chdir("sub")
print(os.getcwd().endswith("/" + T + "/sub"))
os.chdir("..")
os.unlink("sub/c.txt")
err(os.mkdir, "sub")
err(os.rmdir, "nope")
err(os.remove, "nope")
err(os.remove, "sub")
err(os.stat, "nope")
err(os.listdir, "nope")
err(os.chdir, "nope")
err(os.rename, "nope", "x")
err(os.mkdir, "nope/deeper")
err(os.chdir, "b.bin")
err(os.listdir, "b.bin")
err(os.stat, 5)
err(os.mkdir, None)
err(os.listdir, 1, 2)
err(os.remove)
os.rmdir("sub")
os.remove("b.bin")
print(os.listdir())
os.chdir(home)
os.rmdir(T)
print(T in os.listdir())

# environment
os.putenv("MPYTS_T_VAR", "value")
print(os.getenv("MPYTS_T_VAR"))
os.unsetenv("MPYTS_T_VAR")
print(os.getenv("MPYTS_T_VAR"), os.getenv("MPYTS_T_VAR", 42))
err(os.getenv)
err(os.getenv, 5)

# urandom
r = os.urandom(16)
print(type(r), len(r), os.urandom(0))
err(os.urandom, -1)
err(os.urandom, "x")

# statvfs
sv = os.statvfs("/")
print(len(sv), all(type(x) is int for x in sv))

print(os.errno(7), os.errno())
print(type(os.VfsPosix))
print(hasattr(os, "uname"), hasattr(os, "path"))
import uos
print(uos.sep)
