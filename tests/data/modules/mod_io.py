# io: StringIO/BytesIO as byte buffers (str or bytes accepted), the stream methods' extended forms,
# seek rules, closed-stream errors, iteration, subclassing, IOBase, files through open().
# .exp made with: cd tests/data/modules && micropython mod_io.py > mod_io.exp 2>&1
import io


def t(f, *a):
    try:
        print(f(*a))
    except Exception as e:
        print(type(e).__name__, e)


b = io.BytesIO()
print(b.write("h\u00e9llo"), b.getvalue())
s = io.StringIO()
print(s.write(b"abc"), s.getvalue(), s.write("\u00e9"), s.tell())
s = io.StringIO("h\u00e9llo w\u00f6rld")
print(s.read(2), s.tell(), s.read(3), s.read())
print(io.StringIO(5).getvalue() == "", io.StringIO(b"xy").getvalue(), io.BytesIO(bytearray(b"ba")).read())
b = io.BytesIO(b"abc")
b.seek(5)
b.write(b"Z")
print(b.getvalue(), b.seek(-2, 1), b.seek(-100, 2), b.seek(0, 2), b.tell(), b.seek(0, 5))
t(b.seek, -1)
buf = bytearray(4)
b.seek(0)
print(b.readinto(buf), bytes(buf))
print(b.readinto(buf, 2), bytes(buf))
t(b.readinto, b"xx")
b = io.BytesIO()
b.write(b"foo", 2)
b.write(b"foo", 100)
b.write(b"foobar", 1, 3)
b.write(b"foobar", 1, 100)
b.write(b"foobar", 100, 100)
print(b.getvalue())
b.close()
for f in (b.read, b.getvalue, b.tell, lambda: b.write(b"x"), b.close, b.flush, lambda: b.seek(0)):
    t(f)
s = io.StringIO("a\nbb\nccc")
print(repr(s.readline()), repr(s.readline(1)), repr(s.readline()), repr(s.readline()), repr(s.readline()))
print(list(io.StringIO("x\ny")), list(io.BytesIO(b"1\n\n2")))
with io.BytesIO(b"q") as f:
    print(f.read())
t(f.read)
t(io.BytesIO(b"x").write, 5)
t(io.StringIO, None)
t(io.BytesIO(b"abc").read, None)
print(io.StringIO("abc").read(-1), io.BytesIO(b"abc").read(0), io.BytesIO(b"abc").read(-1))


class X(io.StringIO):
    pass


x = X()
x.write("one\ntwo\n")
x.seek(0)
print([l for l in x], isinstance(x, io.StringIO))


class W(io.IOBase):
    def write(self, buf):
        print("write", type(buf).__name__, bytes(buf))
        return len(buf)


import json
json.dump([1], W())
print(repr(io.StringIO("z"))[:14], repr(io.BytesIO())[:13])

T = "_io_tmp.txt"
with open(T, "w") as f:
    print(f.write("line1\nline2\n"), f.write("\u00e9\n"))
with open(T) as f:
    print(f.read(3), f.readline(), f.readlines())
with open(T, "rb") as f:
    print(f.read())
with open(T, "a") as f:
    f.write("more\n")
    t(f.read, 1)
with open(T, "r+") as f:
    f.seek(2)
    f.write("X")
print(open(T).read())
f = open(T)
t(f.write, "x")
f.close()
t(f.read)
t(open, "_io_missing.txt")
import os
os.remove(T)


# print(file=) writes each piece through the stream protocol: bytearrays to an IOBase subclass
class W(io.IOBase):
    def write(self, buf):
        print("write", type(buf).__name__, bytes(buf))
        return len(buf)


print("a", 1, 2.5, sep="--", end="!\n", file=W())
print(end="", file=W())
s = io.StringIO()
print("x", "y", file=s)
print(repr(s.getvalue()))
try:
    print("x", file=object())
except OSError as e:
    print("OSError", e)
