# framebuf: every format's pixel layout, fills with clipping, lines, rectangles, ellipses, polygons,
# text, scrolling, blits (key, palette, tuple sources), FrameBuffer1, subclasses, error messages.
# .exp made with: cd tests/data/modules && micropython mod_framebuf.py > mod_framebuf.exp 2>&1
import framebuf
from array import array
from binascii import hexlify

FORMATS = (
    ("MONO_VLSB", framebuf.MONO_VLSB, 1),
    ("MONO_HLSB", framebuf.MONO_HLSB, 1),
    ("MONO_HMSB", framebuf.MONO_HMSB, 1),
    ("GS2_HMSB", framebuf.GS2_HMSB, 3),
    ("GS4_HMSB", framebuf.GS4_HMSB, 15),
    ("GS8", framebuf.GS8, 255),
    ("RGB565", framebuf.RGB565, 0xFFFF),
)
print([(n, v) for n, v, _ in FORMATS], framebuf.MVLSB)


def new(fmt, w, h, stride=None):
    buf = bytearray(max(w, stride or 0) * h * 2 + 16)
    fb = framebuf.FrameBuffer(buf, w, h, fmt) if stride is None else framebuf.FrameBuffer(buf, w, h, fmt, stride)
    return fb, buf


def show(fb, w, h):
    for y in range(h):
        print("".join("%x" % min(fb.pixel(x, y), 15) if fb.pixel(x, y) else "." for x in range(w)))


def err(f, *a):
    try:
        print("ok", f(*a))
    except Exception as e:
        print(type(e).__name__, e)


for name, fmt, top in FORMATS:
    print("==", name)
    fb, buf = new(fmt, 11, 9)
    fb.fill(0)
    fb.pixel(0, 0, top)
    fb.pixel(10, 8, 1)
    fb.pixel(3, 2, 2)
    fb.pixel(11, 0, 1)
    fb.pixel(-1, 0, 1)
    print(fb.pixel(0, 0), fb.pixel(10, 8), fb.pixel(3, 2), fb.pixel(11, 0), fb.pixel(0, -1))
    print(hexlify(buf[:24]))
    fb.fill_rect(-2, -2, 5, 4, 1)
    fb.fill_rect(8, 6, 10, 10, top)
    fb.fill_rect(4, 4, 0, 3, 1)
    fb.hline(2, 5, 7, 1)
    fb.vline(6, -3, 20, 1)
    show(fb, 11, 9)
    fb.fill(0)
    fb.rect(1, 1, 9, 7, 1)
    fb.rect(3, 3, 3, 3, top, True)
    show(fb, 11, 9)
    fb.fill(top)
    print(hexlify(buf[:24]))
    fb.pixel(1, 1, 0x100000000)
    fb.pixel(2, 1, -1)
    print(fb.pixel(1, 1), fb.pixel(2, 1))

# strides
for name, fmt, top in FORMATS:
    fb, buf = new(fmt, 5, 4, 9)
    fb.fill(0)
    fb.fill_rect(1, 1, 3, 2, 1)
    fb.pixel(4, 3, 1)
    print(name, hexlify(buf[:40]))

# lines in every direction, clipped
fb, buf = new(framebuf.GS8, 16, 12)
fb.fill(0)
for x1, y1, x2, y2 in ((0, 0, 15, 5), (15, 11, 0, 6), (2, 0, 4, 11), (12, 11, 9, 0), (-5, -5, 20, 20), (7, 3, 7, 3), (3, 9, 13, 9), (14, 1, 14, 10)):
    fb.line(x1, y1, x2, y2, 1)
show(fb, 16, 12)

# ellipses: outline, filled, quadrant masks, degenerate radii
fb.fill(0)
fb.ellipse(7, 5, 6, 4, 1)
fb.ellipse(7, 5, 3, 2, 2, True)
show(fb, 16, 12)
fb.fill(0)
fb.ellipse(4, 4, 4, 3, 1, False, 0b0101)
fb.ellipse(11, 6, 4, 5, 3, True, 0b1010)
fb.ellipse(14, 1, 0, 0, 5)
fb.ellipse(2, 10, 0, 2, 6)
fb.ellipse(8, 10, 3, 0, 7, True)
show(fb, 16, 12)

# polygons from several buffer types
fb.fill(0)
fb.poly(1, 1, array("h", [0, 0, 10, 2, 6, 9, 2, 6]), 1)
fb.poly(8, 0, bytes([0, 0, 6, 0, 6, 6, 3, 3, 0, 6]), 2, True)
fb.poly(0, 0, array("b", [1, 11, 4, 8, 7, 11]), 3, True)
fb.poly(0, 0, array("i", [1]), 1)
fb.poly(0, 0, bytearray(), 1)
show(fb, 16, 12)
fb.fill(0)
fb.poly(2, 1, array("h", [0, 0, 8, 0, 8, 8, 4, 4, 0, 8]), 1, True)
fb.poly(3, 2, array("h", [-5, 0, 20, 3, -2, 7, 30, 9]), 2, True)
show(fb, 16, 12)
err(fb.poly, 0, 0, [1, 2, 3, 4], 1)
err(fb.poly, 0, 0, array("f", [1, 2, 3, 4]), 1)

# text: clipping, colours, characters outside the font, NUL
fb, buf = new(framebuf.MONO_HLSB, 40, 10)
fb.fill(0)
fb.text("Hi!", 0, 0)
fb.text("\u00e9\x01", 22, 1, 1)
show(fb, 40, 10)
fb.fill(0)
fb.text(b"a\x00b", -3, 4)
fb.text("xy", 35, -3)
show(fb, 40, 10)
g, gbuf = new(framebuf.GS4_HMSB, 16, 8)
g.fill(0)
g.text("0", 1, 0, 9)
g.text("~", 8, 0, 0x12)
show(g, 16, 8)
err(fb.text, 1, 0, 0)
err(fb.text, "a", 0)

# scroll in each direction
for dx, dy in ((1, 0), (-2, 0), (0, 1), (0, -1), (2, -1), (-1, 2), (5, 0), (0, -4), (-5, 0)):
    fb, buf = new(framebuf.GS8, 5, 4)
    for i in range(20):
        fb.pixel(i % 5, i // 5, i + 1)
    fb.scroll(dx, dy)
    print(dx, dy, list(buf[:20]))

# blit: clipping, key, palette, tuples and lists, between formats
dst, dbuf = new(framebuf.GS8, 6, 5)
src = framebuf.FrameBuffer(bytearray(range(1, 10)), 3, 3, framebuf.GS8)
for x, y, key in ((0, 0, -1), (4, 3, -1), (-1, -2, -1), (2, 1, 5), (6, 0, -1), (0, -3, -1)):
    dst.fill(0)
    dst.blit(src, x, y, key)
    print(x, y, key, list(dbuf[:30]))
dst.fill(0)
dst.blit([b"\x01\x02\x03\x04\x05\x06", 2, 2, framebuf.GS8, 3], 1, 1)
print(list(dbuf[:30]))
mono = framebuf.FrameBuffer(bytearray([0b10100000, 0b01000000]), 3, 2, framebuf.MONO_HLSB)
pal = framebuf.FrameBuffer(bytearray([0x11, 0x22]), 2, 1, framebuf.GS8)
dst.fill(0)
dst.blit(mono, 0, 0, -1, pal)
dst.blit(mono, 3, 2, 0x22, (b"\x33\x22", 2, 1, framebuf.GS8))
dst.blit(mono, 0, 3, 1, None)
print(list(dbuf[:30]))
rgb, rbuf = new(framebuf.RGB565, 3, 2)
rgb.fill(0)
rgb.blit(mono, 0, 0, -1, (bytearray(b"\x00\x00\xff\xff"), 2, 1, framebuf.RGB565))
print(hexlify(rbuf[:12]))
err(dst.blit, (b"", 1, 1, framebuf.GS8), 0, 0)
err(dst.blit, (b"12", 1, 1), 0, 0)
err(dst.blit, (b"12", 1, 1, 99), 0, 0)
err(dst.blit, 5, 0, 0)
err(dst.blit, src, 0, 0, -1, 7)

# FrameBuffer1 and the buffer protocol
f1 = framebuf.FrameBuffer1(bytearray(8), 8, 8)
f1.pixel(1, 2, 1)
print(bytes(f1), len(memoryview(f1)), type(f1))
f2 = framebuf.FrameBuffer1(bytearray(20), 4, 16, 10)
f2.pixel(3, 9, 1)
print(bytes(f2))
err(framebuf.FrameBuffer1, bytearray(8), 8)
print(framebuf.FrameBuffer(memoryview(bytearray(8))[2:], 2, 3, framebuf.GS8))
print(framebuf.FrameBuffer(array("H", [0] * 4), 2, 2, framebuf.RGB565))


# subclasses
class Canvas(framebuf.FrameBuffer):
    def __init__(self, w, h):
        self.size = (w, h)
        self.buf = bytearray(w * h)
        super().__init__(self.buf, w, h, framebuf.GS8)

    def cross(self, c):
        self.line(0, 0, self.size[0] - 1, self.size[1] - 1, c)


c = Canvas(4, 3)
c.cross(7)
print(c.size, list(c.buf), isinstance(c, framebuf.FrameBuffer))


class Plain(framebuf.FrameBuffer):
    pass


p = Plain(bytearray(4), 2, 2, framebuf.GS8)
p.fill(3)
print(bytes(p))
dst.fill(0)
dst.blit(c, 1, 1)
print(list(dbuf[:30]))


class Late(framebuf.FrameBuffer):
    def __init__(self, *args):
        self.tag = "late"


q = Late(bytearray(4), 2, 2, framebuf.GS8)
q.pixel(1, 1, 9)
print(q.tag, bytes(q))

# constructor and argument errors
err(framebuf.FrameBuffer, bytearray(8), 8, 8)
err(framebuf.FrameBuffer, b"12345678", 8, 8, framebuf.MONO_VLSB)
err(framebuf.FrameBuffer, bytearray(8), 8, 8, 7)
err(framebuf.FrameBuffer, bytearray(8), 0, 8, framebuf.GS8)
err(framebuf.FrameBuffer, bytearray(8), 8, 8, framebuf.GS8)
err(framebuf.FrameBuffer, bytearray(100), 8, 8, framebuf.GS8, 7)
err(framebuf.FrameBuffer, 5, 8, 8, framebuf.GS8)
err(framebuf.FrameBuffer, bytearray(8), 1.5, 8, framebuf.GS8)
fb, buf = new(framebuf.GS8, 4, 4)
err(fb.pixel, 0)
err(fb.pixel, 0, 0, 1, 2)
err(fb.fill_rect, 0, 0, 1, 1)
err(fb.line, 0, 0, 1, 1, "c")
err(fb.fill, 1.0)
err(fb.scroll, 1)
err(fb.ellipse, 0, 0, 1, 1)
err(fb.rect, 0, 0, 1, 1, 1, True, 3)
try:
    fb.attr = 1
except AttributeError as e:
    print("AttributeError", e)
print(fb)

# the buffer protocol passes the underlying buffer on, typecode included
a = array("H", [1, 2, 3, 4])
fa = framebuf.FrameBuffer(a, 2, 2, framebuf.RGB565)
m = memoryview(fa)
print(len(m), m[1], list(m))
fb, buf = new(framebuf.GS8, 8, 4)
fb.poly(0, 0, fa, 1)
print(list(buf[:32]))
