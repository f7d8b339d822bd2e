# viper pointers: ptr8/ptr16/ptr32 loads and stores (little-endian, truncating stores) into bytearray,
# bytes, array and memoryview buffers, addresses passed around as ints, pointer arithmetic.
# .exp made with: cd tests/data/vm && micropython viper_ptr.py > viper_ptr.exp 2>&1
import micropython
import array


@micropython.viper
def fill8(buf: ptr8, n: int, v: int):
    for i in range(n):
        buf[i] = v + i


@micropython.viper
def sum8(buf: ptr8, n: int) -> int:
    s = 0
    for i in range(n):
        s += buf[i]
    return s


@micropython.viper
def get16(buf: ptr16, i: int) -> int:
    return buf[i]


@micropython.viper
def put16(buf: ptr16, i: int, v: int):
    buf[i] = v


@micropython.viper
def get32(buf: ptr32, i: int) -> uint:
    return uint(buf[i])


@micropython.viper
def put32(buf: ptr32, i: int, v: uint):
    buf[i] = v


@micropython.viper
def addr(x) -> ptr:
    return ptr(x)


@micropython.viper
def at(p: ptr8, off: int) -> int:
    q = ptr8(uint(p) + off)
    return q[0]


@micropython.viper
def const_index(p: ptr8):
    p[0] = 0x1FF
    p[3] = p[0] + p[1]
    p[2] = p[3] << 1


@micropython.viper
def copy(dst: ptr8, src: ptr8, n: int):
    i = 0
    while i < n:
        dst[i] = src[n - 1 - i]
        i += 1


b = bytearray(8)
fill8(b, 8, 250)
print(b, sum8(b, 8))
print(hex(get16(b, 0)), hex(get16(b, 3)))
put16(b, 1, 0x12345)
print(b)
print(hex(get32(b, 0)), hex(get32(b, 1)))
put32(b, 1, 0xDEADBEEF)
print(b)
put32(b, 0, -1)
print(b)
const_index(b)
print(b)

a = array.array("H", [1, 2, 3, 4])
put16(a, 2, 0xFFFF)
print(a, get16(a, 3))
ai = array.array("i", [-1, 5])
print(get32(ai, 0), get32(ai, 1))

m = memoryview(b)[2:6]
fill8(m, 4, 1)
print(b)

print(sum8(b"\x01\x02\x03", 3))
src = bytearray(b"hello")
dst = bytearray(5)
copy(dst, src, 5)
print(dst)

p = addr(src)
print(type(p))
print(at(p, 1), at(p + 4, 0), at(src, 2))
print(addr(p) == p, addr(p + 1) - p)
fill8(p + 1, 3, 65)
print(src)
