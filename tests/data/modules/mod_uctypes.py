# uctypes: descriptors, sizeof in each layout, scalar/bitfield/array/pointer access, addressof and
# aliasing, buffer protocol, reprs at fixed addresses, error messages. No real addresses are printed.
# .exp made with: cd tests/data/modules && micropython mod_uctypes.py > mod_uctypes.exp 2>&1
import uctypes
from collections import OrderedDict
from array import array

# constants
for k in ("UINT8", "INT8", "UINT16", "INT16", "UINT32", "INT32", "UINT64", "INT64", "FLOAT32",
          "FLOAT64", "BFUINT8", "BFINT8", "BFUINT16", "BFINT16", "BFUINT32", "BFINT32", "VOID",
          "PTR", "ARRAY", "BF_POS", "BF_LEN", "NATIVE", "LITTLE_ENDIAN", "BIG_ENDIAN", "SHORT",
          "USHORT", "INT", "UINT", "LONG", "ULONG", "LONGLONG", "ULONGLONG"):
    print(k, hex(getattr(uctypes, k)))
print(type(uctypes.struct), uctypes.struct)


def err(f, *a):
    try:
        r = f(*a)
        print("ok", r)
    except Exception as e:
        print(type(e).__name__, e)


# sizeof: layouts, alignment of the largest field, nesting, arrays, pointers, bitfields
D = {
    "a": uctypes.UINT8 | 0,
    "b": uctypes.UINT32 | 1,
    "c": uctypes.UINT16 | 5,
}
for lay in (uctypes.NATIVE, uctypes.LITTLE_ENDIAN, uctypes.BIG_ENDIAN):
    print("sizeof", lay, uctypes.sizeof(D, lay))
print(uctypes.sizeof(D))
print(uctypes.sizeof({"p": (uctypes.PTR | 0, uctypes.UINT8), "x": uctypes.UINT8 | 8}))
print(uctypes.sizeof({"p": (uctypes.PTR | 0, uctypes.UINT8), "x": uctypes.UINT8 | 8}, uctypes.LITTLE_ENDIAN))
print(uctypes.sizeof({"s": (2, {"a": uctypes.UINT16 | 0, "b": uctypes.UINT8 | 2})}))
print(uctypes.sizeof({"arr": (uctypes.ARRAY | 4, 3, {"a": uctypes.UINT32 | 0, "b": uctypes.UINT8 | 4})}))
print(uctypes.sizeof({"arr": (uctypes.ARRAY | 1, uctypes.INT64 | 3)}, uctypes.BIG_ENDIAN))
print(uctypes.sizeof({"bf": uctypes.BFUINT32 | 2 | 3 << uctypes.BF_POS | 5 << uctypes.BF_LEN}))
print(uctypes.sizeof({"f": uctypes.FLOAT64 | 3}, uctypes.LITTLE_ENDIAN), uctypes.sizeof({"f": uctypes.FLOAT64 | 3}))
print(uctypes.sizeof((uctypes.ARRAY | 0, uctypes.UINT16 | 7)))
print(uctypes.sizeof((uctypes.PTR | 0, {"a": uctypes.UINT8})))
print(uctypes.sizeof((0, {"a": uctypes.UINT32 | 4})))
print(uctypes.sizeof(OrderedDict([("z", uctypes.UINT8 | 9), ("y", uctypes.UINT16 | 0)])))
print(uctypes.sizeof(bytearray(7)))
err(uctypes.sizeof, 5)
err(uctypes.sizeof, "x")
err(uctypes.sizeof, {"a": "b"})
err(uctypes.sizeof, {"a": (uctypes.ARRAY | 0,)})
err(uctypes.sizeof, (uctypes.PTR | 0, 1, 2))
err(uctypes.sizeof, uctypes.struct(0, D), 1)
err(uctypes.sizeof)
err(uctypes.sizeof, D, 1, 2)

# scalars in each layout
data = bytearray(range(1, 17))
for lay, name in ((uctypes.NATIVE, "NATIVE"), (uctypes.LITTLE_ENDIAN, "LE"), (uctypes.BIG_ENDIAN, "BE")):
    S = uctypes.struct(uctypes.addressof(data), {
        "u8": uctypes.UINT8 | 0, "i8": uctypes.INT8 | 1, "u16": uctypes.UINT16 | 2,
        "i16": uctypes.INT16 | 2, "u32": uctypes.UINT32 | 4, "i32": uctypes.INT32 | 4,
        "u64": uctypes.UINT64 | 8, "i64": uctypes.INT64 | 8,
    }, lay)
    print(name, S.u8, S.i8, hex(S.u16), S.i16, hex(S.u32), S.i32, hex(S.u64), S.i64)
d2 = bytearray(16)
for lay in (uctypes.NATIVE, uctypes.LITTLE_ENDIAN, uctypes.BIG_ENDIAN):
    S = uctypes.struct(uctypes.addressof(d2), {
        "i8": uctypes.INT8 | 0, "u16": uctypes.UINT16 | 1, "i32": uctypes.INT32 | 3,
        "u64": uctypes.UINT64 | 7, "x": uctypes.UINT8 | 15,
    }, lay)
    S.i8 = -2
    S.u16 = 0x12345
    S.i32 = -100000
    S.u64 = 2 ** 70 + 0x0102030405060708
    S.x = True
    print(d2, S.i8, S.u16, S.i32, hex(S.u64), S.x)
    S.u64 = -1
    print(S.u64)
    err(setattr, S, "x", 1.5)
    err(setattr, S, "x", "a")

# floats
fd = bytearray(12)
for lay in (uctypes.NATIVE, uctypes.LITTLE_ENDIAN, uctypes.BIG_ENDIAN):
    S = uctypes.struct(uctypes.addressof(fd), {"f": uctypes.FLOAT32 | 0, "d": uctypes.FLOAT64 | 4}, lay)
    S.f = 1.5
    S.d = -0.25
    print(fd, S.f, S.d)
    S.f = 3
    print(S.f)
    err(setattr, S, "d", "x")

# bitfields
bd = bytearray(4)
for lay in (uctypes.NATIVE, uctypes.LITTLE_ENDIAN, uctypes.BIG_ENDIAN, 7):
    bd[:] = b"\x00\x00\x00\x00"
    S = uctypes.struct(uctypes.addressof(bd), {
        "lo": uctypes.BFUINT16 | 0 | 0 << uctypes.BF_POS | 3 << uctypes.BF_LEN,
        "mid": uctypes.BFUINT16 | 0 | 3 << uctypes.BF_POS | 9 << uctypes.BF_LEN,
        "b8": uctypes.BFUINT8 | 2 | 7 << uctypes.BF_POS | 1 << uctypes.BF_LEN,
        "w": uctypes.BFUINT32 | 0 | 12 << uctypes.BF_POS | 20 << uctypes.BF_LEN,
    }, lay)
    S.lo = 13
    S.mid = 0x1FF
    S.b8 = 1
    print(lay, bd, S.lo, S.mid, S.b8, hex(S.w))
    S.w = 0xABCDE
    print(bd, S.lo, S.mid, S.b8, hex(S.w))

# nested structs, arrays of scalars and of structs
buf = bytearray(b"0123456789abcdef")
S = uctypes.struct(uctypes.addressof(buf), {
    "sub": (2, {"a": uctypes.UINT8 | 0, "b": uctypes.UINT16 | 1}),
    "bytes": (uctypes.ARRAY | 4, uctypes.UINT8 | 4),
    "signed": (uctypes.ARRAY | 4, uctypes.INT8 | 4),
    "words": (uctypes.ARRAY | 8, uctypes.UINT16 | 4),
    "recs": (uctypes.ARRAY | 0, 4, {"x": uctypes.UINT8 | 0, "y": uctypes.UINT8 | 1}),
}, uctypes.LITTLE_ENDIAN)
print(S.sub.a, hex(S.sub.b))
print(S.bytes, type(S.signed), S.signed[0], S.signed[3])
S.bytes[0] = 65
print(buf)
S.signed[1] = -1
print(buf, S.signed[1], S.bytes[1])
print([hex(S.words[i]) for i in range(4)])
S.words[3] = 0x7a7b
print(buf)
print([(S.recs[i].x, S.recs[i].y) for i in range(4)])
S.recs[2].y = 90
print(buf)
err(lambda: S.words[4])
err(lambda: S.recs[4])
try:
    S.recs[0] = 1
except TypeError as e:
    print("TypeError", e)
try:
    del S.words[0]
except TypeError as e:
    print("TypeError", e)
print(uctypes.sizeof(S.recs), uctypes.sizeof(S.words), uctypes.sizeof(S.sub), uctypes.sizeof(S.recs[1]))
err(uctypes.sizeof, S.words[0])
try:
    S.sub = 1
except TypeError as e:
    print("TypeError", e)
try:
    S[0]
except TypeError as e:
    print("TypeError", e)
try:
    S.nope
except KeyError as e:
    print("KeyError", e)
try:
    S.nope = 1
except KeyError as e:
    print("KeyError", e)
del S.sub
print(buf)

# buffer protocol of struct objects
print(bytes(S.sub), bytearray(S.recs[1]), len(memoryview(S)), bytes(uctypes.struct(uctypes.addressof(buf), D, uctypes.BIG_ENDIAN)))

# addressof: memoryview slices, arrays, bytes; bytes_at / bytearray_at alias the memory
base = uctypes.addressof(buf)
print(uctypes.addressof(memoryview(buf)[3:]) - base)
print(uctypes.addressof(memoryview(buf)[5:9][1:]) - base)
arr = array("H", [1, 2, 3, 4])
print(uctypes.addressof(memoryview(arr)[2:]) - uctypes.addressof(arr))
print(uctypes.bytes_at(base + 2, 5), uctypes.bytes_at(base, 0))
ba = uctypes.bytearray_at(base + 4, 3)
ba[0] = 42
print(buf, ba)
buf[5] = 43
print(ba, uctypes.addressof(ba) - base)
A = uctypes.struct(uctypes.addressof(arr), {"w": (uctypes.ARRAY | 0, uctypes.UINT16 | 4)})
A.w[1] = 500
print(arr)
B = uctypes.struct(uctypes.addressof(b"\x01\x02\x03\x04"), {"v": uctypes.UINT32 | 0}, uctypes.BIG_ENDIAN)
print(hex(B.v))
M = uctypes.struct(uctypes.addressof(memoryview(buf)[8:]), {"v": uctypes.UINT16 | 0}, uctypes.LITTLE_ENDIAN)
M.v = 0x4142
print(buf)
err(uctypes.addressof, 1)
err(uctypes.addressof, [1])
err(uctypes.bytearray_at, 1)

# pointers: a table of addresses of other buffers
target = bytearray(b"\x10\x20\x30\x40\x50\x60\x70\x80")
recs = bytearray(b"ABCDEFGH")
table = bytearray(16)
T = uctypes.struct(uctypes.addressof(table), {
    "p8": (uctypes.PTR | 0, uctypes.UINT8),
    "p16": (uctypes.PTR | 0, uctypes.UINT16),
    "p32": (uctypes.PTR | 0, uctypes.INT32),
    "ps": (uctypes.PTR | 8, {"a": uctypes.UINT8 | 0, "b": uctypes.UINT8 | 1}),
    "raw": (uctypes.ARRAY | 0, uctypes.UINT64 | 2),
}, uctypes.BIG_ENDIAN)
T.raw[0] = 0
print(int(T.p8))
table[0:8] = uctypes.addressof(target).to_bytes(8, "little")
table[8:16] = uctypes.addressof(recs).to_bytes(8, "little")
print(int(T.p8) == uctypes.addressof(target), int(T.ps) == uctypes.addressof(recs))
print(T.p8[0], T.p8[3], hex(T.p16[1]), hex(T.p32[1]))
print([(T.ps[i].a, T.ps[i].b) for i in range(4)])
T.ps[1].a = 120
print(recs)
T.p8[0] = 99
print(target, T.p8[0])
err(uctypes.sizeof, T.ps)
err(lambda: T.p8.a)

# reprs at fixed addresses (no memory is touched)
print(uctypes.struct(0, {}))
print(uctypes.struct(0x1234, D))
print(uctypes.struct(0xABC, (uctypes.ARRAY | 0, uctypes.UINT8 | 2)))
print(uctypes.struct(0xABC, (uctypes.PTR | 0, uctypes.UINT8)))
print(uctypes.struct(16, (0, {})))
print(uctypes.struct(16, []))
print(uctypes.struct(16, 5))
print(uctypes.struct(-1, {}))
print(uctypes.struct(2 ** 64 + 5, {}))
print(uctypes.addressof(uctypes.bytearray_at(0x100, 4)), uctypes.addressof(uctypes.bytearray_at(2 ** 64 + 3, 1)))

# errors
err(uctypes.struct, b"", {})
err(uctypes.struct, 0)
err(uctypes.struct, 0, {}, 1, 2)
err(uctypes.struct, 0, {}, "x")
err(hash, uctypes.struct(0, {}))
err(lambda: uctypes.struct(0, []).x)
err(lambda: uctypes.struct(0, {}).x)
err(lambda: uctypes.struct(0, {"x": []}).x)
err(lambda: uctypes.struct(0, {}, 1)[0])
err(lambda: int(uctypes.struct(0, {})))
err(lambda: len(uctypes.struct(0, {})))
err(lambda: uctypes.struct(0, {}) + 1)

# str data is NUL-terminated at a stable address: struct's 'S' reads C strings back
import struct
o = uctypes.addressof("abc")
print(struct.unpack("<S", struct.pack("<S", o)), uctypes.addressof("abc") == o, uctypes.bytes_at(o, 4))
cs = bytearray(b"hello\x00w\xc3\xb6rld\x00")
print(struct.unpack("<S", struct.pack("<Q", uctypes.addressof(cs))), struct.unpack("<S", struct.pack("<Q", uctypes.addressof(cs) + 6)))
