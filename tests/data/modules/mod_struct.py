# struct: sizes and alignment, byte orders, truncation, half floats, offsets, errors.
# .exp made with: cd tests/data/modules && micropython mod_struct.py > mod_struct.exp 2>&1
import struct


def t(f, *a):
    try:
        print(f.__name__ if hasattr(f, "__name__") else "f", a, getattr(struct, f)(*a))
    except Exception as e:
        print(f, a, type(e).__name__, e)


print(sorted(n for n in dir(struct) if not n.startswith("_")))
for f in ["P", "O", "=i", "?", "i i", "2x3s", "@bq", "@bd", "@be", "@hl", "<bq", "n", "0i", "3s2x", "=x", "=s",
          "bhiq", "<bhiq", ">bhiq", "!H", "@iHb", "@bi", "10s", "4x", "", "<", "@3h", "<3h", "12b"]:
    t("calcsize", f)
print(struct.pack(b"<h", 1))
t("pack", "<hh", 1)
t("pack", "<h", 1, 2, 3)
t("pack", "3s", "abcdef")
t("pack", "5s", b"ab")
t("pack", "<b", 300)
t("pack", "<B", -1)
t("pack", "<q", 2**70 + 5)
t("pack", "<Q", -1)
t("pack", ">i", -2)
t("pack", "<i", True)
t("pack", "@bi", 1, 2)
t("pack", "@bq", 1, 2)
t("pack", "@bhbi", 1, 2, 3, 4)
t("pack", "<2x2b", 7, 8)
t("pack", ">fd", 1.1, -2.5)
t("pack", "<e", 1.5)
for v in (0.0, -0.0, 1e-7, 6e-5, 65504.0, 65519.0, 65520.0, 1e6, float("inf"), float("-inf"), 0.1, 3.14159):
    t("pack", "<e", v)
print(struct.unpack("<bBhHiIqQ", bytes(range(1, 31))))
print(struct.unpack(">bBhHiIqQ", bytes(range(1, 31))))
print(struct.unpack("<q", b"\xff" * 8), struct.unpack("<Q", b"\xff" * 8), struct.unpack("<l", b"\xff" * 4))
print(struct.unpack("<fde", struct.pack("<fde", 1.1, 2.2, 3.3)))
print(struct.unpack("<e", b"\x01\x00"), struct.unpack("<e", b"\x00\x7c"), struct.unpack("<e", b"\x00\xfe"))
print(struct.unpack("<i", b"\x01\x00\x00\x00extra"), struct.unpack_from("<i", b"xx\x01\x00\x00\x00", 2))
print(struct.unpack_from("<h", b"\x01\x02\x03\x04", -2), struct.unpack("<2s3x1s", b"abcdefg"))
print(struct.unpack("@bi", bytes(8)), struct.unpack("@bhbi", bytes(range(12))))
print(struct.unpack("<i", bytearray(b"\x05\x00\x00\x00")), struct.unpack("<i", memoryview(b"\x06\x00\x00\x00")))
o = [1, 2]
print(struct.unpack("O", struct.pack("O", o))[0] is o)
buf = bytearray(b">>>123456<<<")
struct.pack_into("<bbb", buf, 3, 0x41, 0x42, 0x43)
print(buf)
struct.pack_into("<h", buf, -5, 0x4443)
print(buf)
struct.pack_into("2s", buf, 0, b"xyz")
print(buf)
t("pack", "<i", 1.5)
t("pack", "<f", "x")
t("pack", "<i")
t("pack", "s", 5)
t("pack", "z", 1)
t("pack", "=i", 1)
t("pack")
t("pack", 5)
t("unpack", "<i", b"\x01")
t("unpack", "<i", 5)
t("unpack", "<i")
t("unpack_from", "<i", b"\x01\x02\x03\x04", -5)
t("unpack_from", "<i", b"\x01\x02\x03\x04", 1)
t("pack_into", "<i", bytearray(4), 1, 5)
t("pack_into", "<i", b"1234", 0, 5)
t("pack_into", "<i", bytearray(4), -5, 5)
t("pack_into", "<i", bytearray(4))
t("calcsize", 5)
import ustruct
print(ustruct.calcsize("i"))
