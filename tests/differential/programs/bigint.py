# Differential program (own): big integers.
a = 2 ** 200 + 12345
b = 3 ** 100 - 7
print(a, b)
print(a + b, a - b, b - a, a * b)
print(a // b, a % b, -a // b, -a % b, a // -b, a % -b)
print(divmod(a, b), divmod(-a, 12345), divmod(a, -98765))
print(a >> 10, a >> 199, a >> 300, -a >> 10, -a >> 300, 1 << 150, -1 << 70)
print(a & b, a | b, a ^ b, ~a, -a & 0xFFFFFFFF, a & -b, (-a) | 0xFF, (-a) ^ (-b))
print(pow(a, 3, 10 ** 9 + 7), pow(b, 65537, 2 ** 127 - 1), pow(3, 1000, 1000003), pow(7, 0, 5))
print(hex(a), oct(b), bin(2 ** 70 + 5), hex(-a))
print(int("123456789012345678901234567890"), int("-ffffffffffffffffffff", 16), int("1" * 70, 2))
print(int("zz" * 10, 36), int("0x" + "f" * 30, 0), int("0o777", 0), int("0b1010", 0))
f = 1
for i in range(1, 60):
    f *= i
print(f, len(str(f)), str(f)[:20], f % 1000000007)
print(2 ** 64 - 1, -(2 ** 63), 2 ** 63, (2 ** 64) // 3, 10 ** 30 // 10 ** 15)
print(abs(-a), -(-a) == a, a > b, a < -b, a == a + 0, hash(5) == 5)
print(a.to_bytes(32, "big").hex() if hasattr(bytes, "hex") else "", int.from_bytes(b"\x01" * 20, "little"))
print((2 ** 100).bit_length() if hasattr(int, "bit_length") else "nobl")
x = 1
for i in range(100):
    x = x * 31 + i
print(x, x % 97, x // 10 ** 100)
print(str(10 ** 100), str(-10 ** 50 + 1), repr(10 ** 25))
print(float(2 ** 100), float(-(3 ** 60)), int(1e20), int(-1.5e25))
print(2 ** 100 / 2 ** 50, (2 ** 100 + 1) / 3, 10 ** 40 == 1e40)
print(sum(range(10 ** 6, 10 ** 6 + 1000)) * 10 ** 20)
print(max(a, b, 2 ** 201), min([b, a, -a]), sorted([a, -b, 0, b, 5]))
for n in (0, 1, -1, 2 ** 31, -(2 ** 31), 2 ** 32, 2 ** 62, 2 ** 63 - 1, -(2 ** 63) - 1):
    print(n, n * n, n * -3, n // 7, n % 7, n >> 1, n << 1)
try:
    1 << -1
except ValueError as e:
    print("ValueError:", e)
try:
    pow(2, -1, 5)
except ValueError as e:
    print("ValueError:", e)
try:
    a // 0
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
