import micropython
@micropython.viper
def add(a: int, b: int) -> int:
    return a + b
@micropython.viper
def many(a: int, b: uint, c: ptr8, d, e: bool) -> uint:
    x = a * 2
    y = b << 3
    z = b >> 1
    w = a >> 2
    c[0] = 5
    c[a] = 7
    q = c[1] + c[a]
    if e:
        x = x - 1
    while x < 10:
        x += 1
    return uint(x) + y + z
@micropython.viper
def ptrs(buf) -> int:
    p = ptr16(buf)
    p32 = ptr32(buf)
    p[0] = 1
    p[3] = 0x1234
    s = 0
    for i in range(4):
        s += p[i]
    p32[1] = s
    return s + p32[0]
@micropython.viper
def cmp(a: int, b: int) -> bool:
    return a < b and a != 0 or a >= b
@micropython.viper
def ucmp(a: uint, b: uint) -> bool:
    return a <= b
@micropython.viper
def obj(a, b):
    c = a + b
    d = [a, b, c]
    d.append(int(3))
    return d
@micropython.viper
def neg(a: int) -> int:
    return -a + ~a + (a & 3) + (a | 4) + (a ^ 5) + a // 3 + a % 5
@micropython.viper
def ret_none(a: int):
    if a:
        return
    return None
@micropython.viper
def glob(a: int) -> int:
    global G
    G = a
    return int(len([1, 2]))
@micropython.viper
def noargs() -> int:
    return 1
@micropython.viper
def four(a: int, b: int, c: int, d: int) -> int:
    return a + b + c + d
@micropython.viper
def tryit(a: int) -> int:
    try:
        a = a + 1
    except Exception:
        a = 0
    return a
@micropython.native
def nat(a, b=3, *c, d, **e):
    for x in c:
        yield x
    with open('x') as f:
        pass
    return a
class K:
    @micropython.viper
    def m(self, x: int) -> int:
        return x
    @micropython.native
    def n(self):
        return super().n()
