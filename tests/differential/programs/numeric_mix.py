# Differential program (own): mixed int/float/bool/complex arithmetic and comparisons.
vals = [0, 1, -1, 7, -7, 2.5, -2.5, True, False, 10 ** 12]
for a in vals:
    row = []
    for b in vals:
        try:
            row.append("%s" % (a // b if b else "x"))
        except Exception as e:
            row.append(type(e).__name__)
    print(a, row)
for a in (7, -7, 7.0, -7.0):
    for b in (2, -2, 2.0, -2.0):
        print(a, b, a / b, a // b, a % b, divmod(a, b), a ** 2, -a)
print(1 == 1.0, 1 == True, 0 == False, 1 < 1.5 < 2, 2 ** 10, 2 ** -2, (-2) ** 3, 0 ** 0, 10 ** 0.5)
print(True + True, True * 3.5, -True, abs(False), int(3.999), round(7 / 3, 4), 7 // 2.0, 17 % 5.5)
c = 3 + 4j
print(c, c.real, c.imag, abs(c), c.conjugate(), c * 1j, c / 2, c + 1, c - c, c == 3 + 4j, 1j ** 2)
print(complex("1+2j") if True else "", complex(2), complex(0, -1), -c, repr(1j), repr(-0j) if False else "")
print(max(1, 2.5, True), min(-1, -1.0), sum([1, 2.5, True]), 3 * "ab" == "ababab", 0.1 * 3, 1e300 * 1e10)
print(int("777", 8), int("z", 36), hex(-255), oct(-8), bin(-5), int("-0b101", 0), 0x10 + 0o10 + 0b10)
print(7 & 3, 7 | 8, 7 ^ 2, ~7, -7 >> 1, 1 << 40, 255 >> 4, -1 & 0xFF)
x = 0
for i in range(1, 200):
    x = (x * 6364136223846793005 + 1442695040888963407) % 2 ** 64
    if i % 20 == 0:
        print(i, x, x >> 33, x % 1000, x & 0xFFFF)
