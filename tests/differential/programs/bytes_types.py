# Differential program (own): bytes, bytearray and memoryview.
b = b"hello\x00\xff world"
print(b, len(b), b[0], b[-1], b[1:4], b[::2], b[::-1], list(b[:3]))
print(b.find(b"o"), b.rfind(b"o"), b.count(b"l"), b.index(b"w"), b.startswith(b"he"), b.endswith(b"ld"))
print(b.split(), b.split(b"l"), b.replace(b"l", b"L"), b.upper(), b.lower(), b.strip(b"hd"))
print(bytes(5), bytes([1, 2, 255]), bytes(range(65, 70)), bytes("abc", "utf-8"), b"ab" + b"cd", b"ab" * 3)
print(b"a" < b"b", b"abc" == b"abc", b"x" in b"xyz", 120 in b"xyz", b"%d-%s" % (5, b"q"))
print(b.hex(), bytes.fromhex("de ad be ef"), b"\x01\x02".hex() if hasattr(bytes, "hex") else "")
print(b.decode("latin-1") if False else b[:5].decode(), b"caf\xc3\xa9".decode("utf-8"))
ba = bytearray(b"abcdef")
ba[0] = 65
ba[1:3] = b"XYZ"
ba.append(33)
ba.extend(b"..")
print(ba, len(ba), ba[2], ba[-2:])
del ba[0]
del ba[1:3]
print(ba, ba.pop() if hasattr(ba, "pop") else "", ba)
ba2 = bytearray(3)
ba2[:] = b"xyz"
print(ba2, bytearray(range(5)), bytearray([250, 251]) + b"\x00", ba2 == b"xyz")
ba3 = bytearray(b"x" * 10)
ba3[2:8] = b""
print(ba3, ba3 * 2)
m = memoryview(bytearray(b"0123456789"))
print(len(m), m[0], bytes(m[2:5]), m[-1])
m[0] = 65
m[1:3] = b"BC"
print(bytes(m), m.tobytes() if hasattr(m, "tobytes") else "")
sub = m[4:8]
sub[0] = 120
print(bytes(m), bytes(sub), len(sub))
mb = memoryview(b"readonly")
try:
    mb[0] = 1
except TypeError as e:
    print("TypeError:", e)
import array
arr = array.array("h", [1, -2, 300, -32768])
mv = memoryview(arr)
print(len(mv), mv[0], mv[3], list(mv), bytes(mv))
mv[1] = 77
print(arr)
for bad in (lambda: b"a" + "b", lambda: bytes([256]), lambda: b"x"[5], lambda: bytearray(b"a").index(b"z")):
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
print(int.from_bytes(b"\x12\x34", "big"), int.from_bytes(b"\x12\x34", "little"), (4660).to_bytes(2, "little"))
print(bytes(b"\n\t\\'\"\x7f\x80"), repr(bytearray(b"\x00q")))
print(sorted(b"hello"), sum(b"abc"), max(b"xyz"), b"".join([b"a", bytearray(b"b"), b"c"]))
print(b"abc".center(7, b"-") if hasattr(bytes, "center") else "nc", b"a,b".split(b","), b"  x ".strip())
