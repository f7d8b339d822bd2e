# Calls every public function and method of the standard modules with awkward arguments; any Python
# exception is fine, a host (JavaScript) error escaping the VM is not.
import array, binascii, collections, deflate, errno, gc, hashlib, heapq, io, json, math, cmath, os, platform, random, re, select, struct, time

ARGS = [None, 0, -1, 1, 2**70, -(2**70), 1.5, float("nan"), float("inf"), "", "abc", b"", b"\xff\x00", bytearray(3),
        [], [1, "a"], (1,), {}, {"a": 1}, object(), io.BytesIO(b"x"), array.array("b", [1])]
SKIP = {"sleep", "sleep_ms", "sleep_us", "system", "remove", "rmdir", "mkdir", "rename", "chdir", "unlink",
        "putenv", "unsetenv", "poll", "ipoll", "mount", "umount", "open",
        "collect"}
n = 0
def probe(f, name):
    global n
    if name in SKIP:
        return
    calls = [()] + [(a,) for a in ARGS] + [(a, b) for a in ARGS[:12] for b in ARGS[:12]]
    for c in calls:
        try:
            f(*c)
        except Exception:
            pass
        n += 1

for m in (array, binascii, collections, deflate, errno, gc, hashlib, heapq, io, json, math, cmath, os, platform, random, re, struct, time, select):
    for name in dir(m):
        if name.startswith("_"):
            continue
        f = getattr(m, name)
        if callable(f):
            probe(f, name)
objs = [array.array("i", [1, 2]), collections.deque((), 3), io.StringIO("a\nb"), io.BytesIO(b"ab"), re.compile("a(b)"),
        re.match("a", "a"), hashlib.sha256(), deflate.DeflateIO(io.BytesIO(b"x\x9c\x03\x00\x00\x00\x00\x01"))]
for o in objs:
    for name in dir(o):
        if name.startswith("_"):
            continue
        f = getattr(o, name)
        if callable(f):
            probe(f, name)
print("done", n > 10000)
