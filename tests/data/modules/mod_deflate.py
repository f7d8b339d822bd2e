# deflate: DeflateIO decompression of raw/zlib/gzip data (stored, fixed and dynamic Huffman blocks),
# partial reads, readinto/readline, wrapped-stream position, bad data and argument errors.
# The compressed inputs below were made with CPython's zlib/gzip modules.
# .exp made with: cd tests/data/modules && micropython mod_deflate.py > mod_deflate.exp 2>&1
import deflate
import io

ZLIB_DATA = b"x\x9c\xcbH\xcd\xc9\xc9W(\xcf/\xcaIQ\xc8\x18\x01l\x06F&f\x16V6v\x0eN.n\x1e^>~\x01A!a\x11Q1q\tI)i\x19Y9y\x05E%e\x15U5u\rM-m\x1d]=}\x03C#c\x13S3s\x0bK+k\x1b[;{\x07G'g\x17W7w\x0fO/o\x1f_?\xff\x80\xc0\xa0\xe0\x90\xd0\xb0\xf0\x88\xc8\xa8\xe8\x98\xd8\xb8\xf8\x84\xc4\xa4\xe4\x94\xd4\xb4\xf4\x8c\xcc\xac\xec\x9c\xdc\xbc\xfc\x82\xc2\xa2\xe2\x92\xd2\xb2\xf2\x8a\xca\xaa\xea\x9a\xda\xba\xfa\x86\xc6\xa6\xe6\x96\xd6\xb6\xf6\x8e\xce\xae\xee\x9e\xde\xbe\xfe\t\x13'M\x9e2u\xda\xf4\x193g\xcd\x9e3w\xde\xfc\x05\x0b\x17-^\xb2t\xd9\xf2\x15+W\xad^\xb3v\xdd\xfa\r\x1b7m\xde\xb2u\xdb\xf6\x1d;w\xed\xde\xb3w\xdf\xfe\x03\x07\x0f\x1d>r\xf4\xd8\xf1\x13'O\x9d>s\xf6\xdc\xf9\x0b\x17/]\xber\xf5\xda\xf5\x1b7o\xdd\xbes\xf7\xde\xfd\x07\x0f\x1f=~\xf2\xf4\xd9\xf3\x17/_\xbd~\xf3\xf6\xdd\xfb\x0f\x1f?}\xfe\xf2\xf5\xdb\xf7\x1f?\x7f\xfd\xfe\xf3\xf7\xdf\x7f\x00\xb8\xb2\xd91"
RAW_DATA = ZLIB_DATA[2:-4]
GZIP_DATA = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\x03KLJN\x1c|\x08\x00\xd1eX|\x96\x00\x00\x00"
STORED = b"\x01\x10\x00\xef\xffstored data here"
DYNAMIC = b"x\xda\xcb\xc9\xccKU\xc8\xcfK\xe5\xca\x011J\xca\xf3\xa1\x8c\x8c\xa2T\xa8\x18Y\x92\x00H.\x1e\x7f"
EXPECT = b"hello world " * 20 + bytes(range(256))


def run(data, *args):
    try:
        return deflate.DeflateIO(io.BytesIO(data), *args).read()
    except Exception as e:
        return "%s %s" % (type(e).__name__, e)


print(deflate.AUTO, deflate.RAW, deflate.ZLIB, deflate.GZIP)
print(run(ZLIB_DATA) == EXPECT, run(ZLIB_DATA, deflate.ZLIB) == EXPECT)
print(run(RAW_DATA, deflate.RAW) == EXPECT, run(RAW_DATA, deflate.RAW, 9) == EXPECT)
print(run(GZIP_DATA), run(GZIP_DATA, deflate.GZIP) == b"abc" * 50)
print(run(STORED, deflate.RAW))
print(run(DYNAMIC))
print(run(ZLIB_DATA, deflate.GZIP))
print(run(GZIP_DATA, deflate.ZLIB))
print(run(b"garbage!"))
print(run(b""))
print(run(ZLIB_DATA[:40]))
print(run(ZLIB_DATA[:-1]))
print(run(ZLIB_DATA[:-4] + b"\x00\x00\x00\x00"))
print(run(GZIP_DATA[:-8] + b"\x00\x00\x00\x00" + GZIP_DATA[-4:]))
print(run(b"\x07\x00"), run(b"\x03\x00", deflate.RAW), run(b"\x01\x10\x00\x00\x00", deflate.RAW))
# a back-reference longer than the window is an error
print(run(RAW_DATA, deflate.RAW, 5))

# partial reads and the wrapped stream's position
src = io.BytesIO(STORED + b"tail")
d = deflate.DeflateIO(src, deflate.RAW)
print(d.read(3), src.tell(), d.read(0), d.read(4), src.tell())
print(d.read(), src.tell(), d.read(), d.read(5), src.read())
src = io.BytesIO(DYNAMIC + b"++")
d = deflate.DeflateIO(src)
print(d.readline(), d.readline(), d.readline(4), src.tell())
buf = bytearray(10)
print(d.readinto(buf), buf, d.readinto(buf, 3), buf)
print(d.read(), src.read())

# with / close
src = io.BytesIO(ZLIB_DATA)
with deflate.DeflateIO(src) as d:
    print(d.read(5))
print(run(ZLIB_DATA) == EXPECT)
try:
    d.read()
except OSError as e:
    print("closed:", e)
src = io.BytesIO(ZLIB_DATA)
d = deflate.DeflateIO(src, deflate.AUTO, 0, True)
print(d.read(2))
d.close()
d.close()
try:
    src.read()
except ValueError as e:
    print("inner closed:", e)

# constructor arguments
for args in ((), (io.BytesIO(), 4), (io.BytesIO(), -1), (io.BytesIO(), 1, 4), (io.BytesIO(), 1, 16), (io.BytesIO(), 1, 8, True, 5)):
    try:
        deflate.DeflateIO(*args)
        print("ok", len(args))
    except Exception as e:
        print(type(e).__name__, e)
try:
    deflate.DeflateIO(io.BytesIO(), format=1)
except TypeError as e:
    print(e)
for bad in (5, None, "abc"):
    try:
        deflate.DeflateIO(bad).read()
    except Exception as e:
        print(type(e).__name__, e)
print(type(deflate.DeflateIO(io.BytesIO())))
