# Viper code that exercises the board back-ends' immediate, offset and comparison forms.
import micropython


@micropython.viper
def consts() -> int:
    a = 0
    a += 5
    a += 95
    a += 96
    a -= 33
    a += 255
    a += 256
    a += 2047
    a += 2048
    a += 4095
    a += -2048
    a += -2049
    a += 65535
    a += 65536
    a += 0x12345
    a += -0x12345
    a += 0x3FFFFFFF
    a += -0x40000000
    a += 0x7F00
    a += -256
    a += 1 << 20
    a += -(1 << 20)
    return a


@micropython.viper
def offsets(p8: ptr8, p16: ptr16, p32: ptr32) -> int:
    p8[0] = 1
    p8[31] = 2
    p8[32] = 3
    p8[255] = 4
    p8[256] = 5
    p8[2047] = 6
    p8[2048] = 7
    p8[5000] = 8
    p16[0] = 1
    p16[31] = 2
    p16[32] = 3
    p16[127] = 4
    p16[128] = 5
    p16[1023] = 6
    p16[1024] = 7
    p16[3000] = 8
    p32[0] = 1
    p32[15] = 2
    p32[16] = 3
    p32[31] = 4
    p32[32] = 5
    p32[255] = 6
    p32[256] = 7
    p32[511] = 8
    p32[512] = 9
    p32[1023] = 10
    p32[1024] = 11
    p32[4000] = 12
    x = p8[0] + p8[31] + p8[32] + p8[255] + p8[256] + p8[2047] + p8[2048] + p8[5000]
    x += p16[0] + p16[31] + p16[32] + p16[127] + p16[128] + p16[1023] + p16[1024] + p16[3000]
    x += p32[0] + p32[15] + p32[16] + p32[31] + p32[32] + p32[255] + p32[256] + p32[511]
    x += p32[512] + p32[1023] + p32[1024] + p32[4000]
    return x


@micropython.viper
def indexed(p8: ptr8, p16: ptr16, p32: ptr32, i: int, j: uint) -> int:
    p8[i] = i
    p16[i] = j
    p32[j] = i
    p8[j] = 1
    return p8[i] + p16[j] + p32[i] + p8[j]


@micropython.viper
def compare(a: int, b: int, c: uint, d: uint) -> int:
    n = 0
    if a < b:
        n += 1
    if a > b:
        n += 2
    if a == b:
        n += 4
    if a <= b:
        n += 8
    if a >= b:
        n += 16
    if a != b:
        n += 32
    if c < d:
        n += 64
    if c > d:
        n += 128
    if c == d:
        n += 256
    if c <= d:
        n += 512
    if c >= d:
        n += 1024
    if c != d:
        n += 2048
    x = a < b
    y = c >= d
    return n + int(x) + int(y)


@micropython.viper
def arith(a: int, b: int, c: uint) -> int:
    x = a + b
    x = x - a
    x = x * b
    x = x & 0xFF
    x = x | a
    x = x ^ b
    x = x << 3
    x = x >> 1
    y = c >> 2
    y = y << uint(1)
    x = -x
    x = ~x
    x = x // 3
    x = x % 7
    return x + int(y)


@micropython.viper
def loop(n: int) -> int:
    s = 0
    i = 0
    while i < n:
        s += i
        i += 1
        if s > 1000:
            break
    return s


@micropython.viper
def mixed(o, p: ptr32) -> object:
    x = int(o)
    p[0] = x
    q = ptr8(p)
    q[1] = 0
    return o.attr + object(x)


@micropython.native
def native_fn(a, b=2, *args, c, **kw):
    try:
        return a + b + c
    except ValueError as e:
        return e
    finally:
        kw.clear()


@micropython.native
def gen(n):
    for i in range(n):
        yield i
    yield from range(3)
