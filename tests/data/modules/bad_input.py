# Calls every public function and method of the standard modules with awkward arguments; any Python
# exception is fine, a host (JavaScript) error escaping the VM is not.
import array, binascii, collections, deflate, errno, framebuf, gc, hashlib, heapq, io, json, math, cmath, os, platform, random, re, select, struct, time, uctypes

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

for m in (array, binascii, collections, deflate, errno, gc, hashlib, heapq, io, json, math, cmath, os, platform, random, re, struct, time, select, uctypes, framebuf):
    for name in dir(m):
        if name.startswith("_"):
            continue
        f = getattr(m, name)
        if callable(f):
            probe(f, name)
objs = [array.array("i", [1, 2]), collections.deque((), 3), io.StringIO("a\nb"), io.BytesIO(b"ab"), re.compile("a(b)"),
        re.match("a", "a"), hashlib.sha256(), deflate.DeflateIO(io.BytesIO(b"x\x9c\x03\x00\x00\x00\x00\x01")),
        framebuf.FrameBuffer(bytearray(50), 5, 5, framebuf.GS8), framebuf.FrameBuffer(bytearray(8), 8, 8, framebuf.MONO_HLSB)]
for o in objs:
    for name in dir(o):
        if name.startswith("_"):
            continue
        f = getattr(o, name)
        if callable(f):
            probe(f, name)
# uctypes structures with malformed or extreme descriptors, at real and unmapped addresses
mem = bytearray(64)
for d in ARGS[:16] + [(uctypes.ARRAY | 0,), (uctypes.PTR | 3, uctypes.UINT8), (uctypes.ARRAY | 60, uctypes.UINT64 | 9),
                      (uctypes.ARRAY | 2, 2**40, {}), (uctypes.PTR | 0, {"a": uctypes.FLOAT64 | 4}), 0x7FFFFFFF, -1,
                      uctypes.BFINT32 | 31 << uctypes.BF_POS | 31 << uctypes.BF_LEN | 0x1FFFF, uctypes.BFUINT8 | 2**40]:
    for addr in (uctypes.addressof(mem), 0, 2**64 - 3, 60 + uctypes.addressof(mem)):
        for lay in (0, 1, 2, 99):
            for desc in ({"a": d}, d):
                for op in (lambda S: S.a, lambda S: setattr(S, "a", 2**65), lambda S: S[0], lambda S: S[1][0],
                           lambda S: S.__setitem__(0, 1), lambda S: bytes(S), uctypes.sizeof, int, str):
                    try:
                        op(uctypes.struct(addr, desc, lay))
                    except Exception:
                        pass
                    n += 1
print("done", n > 10000)
