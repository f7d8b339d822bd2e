# deflate compression (DeflateIO.write). The unix port's standard variant is built without
# MICROPY_PY_DEFLATE_COMPRESS, so this .exp comes from the same v1.28.0 unix port built with
# CFLAGS_EXTRA=-DMICROPY_PY_DEFLATE_COMPRESS=1:
#   make -C ports/unix BUILD=/tmp/mp-build-deflate PROG=micropython-deflate CFLAGS_EXTRA=-DMICROPY_PY_DEFLATE_COMPRESS=1
#   cd tests/data/modules && /tmp/mp-build-deflate/micropython-deflate mod_deflate_compress.py > mod_deflate_compress.exp 2>&1
import deflate
import io


def comp(data, fmt=deflate.RAW, wbits=0, chunks=1):
    b = io.BytesIO()
    d = deflate.DeflateIO(b, fmt, wbits)
    step = max(1, len(data) // chunks)
    for i in range(0, len(data), step):
        d.write(data[i : i + step])
    d.close()
    return b.getvalue()


def roundtrip(data, fmt, wbits=0):
    c = comp(data, fmt, wbits)
    return deflate.DeflateIO(io.BytesIO(c), fmt, wbits).read() == data


samples = [
    b"",
    b"a",
    b"abc",
    b"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    b"hello world hello world hello world",
    bytes(range(256)),
    b"The quick brown fox jumps over the lazy dog. " * 8,
    b"x" * 259,
    b"x" * 260,
    b"x" * 600,
    bytes(i * 7 % 251 for i in range(1000)),
]
for s in samples:
    print(len(s), comp(s))
for wbits in (5, 8, 10, 15):
    print(wbits, comp(samples[6], deflate.RAW, wbits))
print(comp(samples[4], deflate.ZLIB))
print(comp(samples[4], deflate.ZLIB, 15))
print(comp(samples[4], deflate.GZIP))
print(comp(samples[4], deflate.AUTO))
print(comp(samples[6], deflate.RAW, 0, 7) == comp(samples[6]))
print(comp("text is written as utf-8 \u00e9"))
for fmt in (deflate.RAW, deflate.ZLIB, deflate.GZIP):
    print(fmt, all(roundtrip(s, fmt) for s in samples), roundtrip(samples[10], fmt, 12))

b = io.BytesIO()
with deflate.DeflateIO(b, deflate.ZLIB) as d:
    print(d.write(b"abcabcabc"))
print(b.getvalue())
try:
    d.write(b"x")
except OSError as e:
    print(e)
b = io.BytesIO()
d = deflate.DeflateIO(b, deflate.RAW, 8, True)
d.write(b"zz")
d.close()
try:
    b.getvalue()
except ValueError as e:
    print(e)
try:
    deflate.DeflateIO(5).write(b"x")
except OSError as e:
    print(e)
try:
    deflate.DeflateIO(io.BytesIO()).write(5)
except TypeError as e:
    print(e)
