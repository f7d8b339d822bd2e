# binascii (hexlify/unhexlify/base64/crc32) and hashlib (sha256, plus md5/sha1 when present).
# .exp made with: cd tests/data/modules && micropython mod_binascii_hashlib.py > mod_binascii_hashlib.exp 2>&1
import binascii
import hashlib


def t(f, *a, **k):
    try:
        print(f(*a, **k))
    except Exception as e:
        print(type(e).__name__, e)


for a in [(b"abc",), (b"abc", b"-"), (b"abc", "::"), ("abc",), (b"",), (bytearray(b"\x00\xff"),), (5,), (b"a", 5)]:
    t(binascii.hexlify, *a)
for a in [b"616263", "616263", b"6162 63", b"616", b"6g", b"", b"61\n62", b" 61", 5, b"6 1"]:
    t(binascii.unhexlify, a)
for a in [b"YWJj", b"YW=Jj", b"YQ==", b"YQ=", b"YQ", b"Y", b"====", b"YWJjZA==extra", "YWJj", b"Y W\nJj", b"!!YWJj!!", b"YWI=YWI=", 5]:
    t(binascii.a2b_base64, a)
t(binascii.b2a_base64, b"ab")
t(binascii.b2a_base64, b"abc", newline=False)
t(binascii.b2a_base64, b"")
t(binascii.b2a_base64, "\u00e9")
t(binascii.b2a_base64, b"x", False)
t(binascii.b2a_base64, b"x", foo=1)
t(binascii.b2a_base64, bytes(range(40)))
t(binascii.crc32, b"abc")
t(binascii.crc32, b"abc", 5)
t(binascii.crc32, b"", -1)
t(binascii.crc32, b"x", 2**70 + 3)
t(binascii.crc32, "text")
t(binascii.crc32, 5)
print(binascii.crc32(b"world", binascii.crc32(b"hello ")) == binascii.crc32(b"hello world"))

h = hashlib.sha256(b"abc")
print(h, h.digest())
t(h.digest)
t(h.update, b"x")
h = hashlib.sha256()
h.update(b"a")
h.update("bc")
h.update(bytearray(b"d"))
print(h.digest())
for a in [(5,), (b"a", b"b"), (None,)]:
    t(hashlib.sha256, *a)
t(hashlib.sha256().update)
t(hashlib.sha256().update, 5)
t(hashlib.sha256, data=b"x")
print(hashlib.sha256(b"a" * 1000).digest(), hashlib.sha256(b"a" * 55).digest(), hashlib.sha256(b"a" * 64).digest())
# md5/sha1 exist in upstream builds with a TLS library (and in mpyts): check them against known digests
KNOWN = {
    "md5": (b"abc", "900150983cd24fb0d6963f7d28e17f72"),
    "sha1": (b"abc" * 50, "84006ce0c85d22dd020fe7052ef1a9bc3c381dde"),
}
import binascii as b
for name, (data, hexd) in KNOWN.items():
    f = getattr(hashlib, name, None)
    print(name, f is None or b.hexlify(f(data).digest()) == hexd.encode() or b.hexlify(f(data).digest()))
