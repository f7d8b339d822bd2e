# viper machine words (64-bit, as the unix x64 port): wrapping arithmetic, uint, shifts, division
# (upstream's word algorithm, which wraps for large negative dividends), comparisons, casts, typed
# returns, and the port's in-place -x/~x on locals held in registers (the first three).
# .exp made with: cd tests/data/vm && micropython viper_words.py > viper_words.exp 2>&1
import micropython


@micropython.viper
def add(a: int, b: int) -> int:
    return a + b


@micropython.viper
def mul(a: int, b: int) -> int:
    return a * b


@micropython.viper
def sub_u(a: uint, b: uint) -> uint:
    return a - b


@micropython.viper
def shifts(a: int, n: int):
    print(a << n, a >> n, uint(a) >> n)


@micropython.viper
def divmod_(a: int, b: int):
    print(a // b, a % b)


@micropython.viper
def cmp(a: int, b: int, c: uint, d: uint):
    print(a < b, a > b, a == b, a <= b, a >= b, a != b, c < d, c > d)


@micropython.viper
def bits(a: int, b: int) -> int:
    return (a & b) | (a ^ b) << 4


@micropython.viper
def casts(x) -> int:
    return int(x)


@micropython.viper
def to_uint(x: int) -> uint:
    return uint(x)


@micropython.viper
def to_bool(x: int) -> bool:
    return bool(x)


@micropython.viper
def neg(x: int) -> int:
    return -x + ~x


@micropython.viper
def ret_none_int() -> int:
    return None


@micropython.viper
def ret_none_bool() -> bool:
    return None


@micropython.viper
def ret_obj(x: int) -> int:
    return x


@micropython.viper
def loop(n: int) -> int:
    s = 0
    i = 0
    while i < n:
        s += i * i
        i += 1
    return s


@micropython.viper
def inplace(x: int) -> int:
    x += 3
    x -= 1
    x *= 7
    x <<= 2
    x >>= 1
    x |= 1
    x ^= 0xF0
    x &= 0xFFFF
    return x


@micropython.viper
def in_place(a: int, b: int, c: int) -> int:
    x = -a
    y = ~c
    return x + a + y + c


@micropython.viper
def in_place_mem(a: int, b: int, c: int, d: int) -> int:
    x = -d
    return x + d


print(in_place(1, 2, 3), in_place_mem(1, 2, 3, 4))
divmod_(-0x8000000000000000, 12345678912345)
divmod_(-0x8000000000000000, 7)
divmod_(0x7FFFFFFFFFFFFFFF, -2)
print(add(1, 2), add(0x7FFFFFFFFFFFFFFF, 1), add(-1, -0x7FFFFFFFFFFFFFFF))
print(mul(0x100000000, 0x100000000), mul(-3, 7), mul(123456789, 987654321))
print(sub_u(0, 1), sub_u(5, 3))
shifts(-8, 1)
shifts(1, 63)
shifts(1, 64)
shifts(-1, 65)
for a, b in ((7, 2), (-7, 2), (7, -2), (-7, -2), (0, 5)):
    divmod_(a, b)
cmp(1, 2, 1, 2)
cmp(-1, 1, -1, 1)
cmp(3, 3, 3, 3)
print(bits(0b1100, 0b1010))
print(casts(5), casts(-5), casts(True), casts(2**64 + 3), casts(-(2**70) - 1))
print(to_uint(-1), to_uint(12))
print(to_bool(0), to_bool(2), to_bool(-1))
print(neg(5), neg(-0x8000000000000000))
print(ret_none_int(), ret_none_bool())
print(ret_obj(-3), type(ret_obj(4)))
print(loop(10), loop(100000))
print(inplace(5))
try:
    casts(1.5)
except TypeError as e:
    print("TypeError", e)
try:
    casts("x")
except TypeError as e:
    print("TypeError", e)
