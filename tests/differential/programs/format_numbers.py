# Differential program (own): format specs applied to ints, big ints and floats.
ints = [0, 5, -5, 255, -255, 65535, 10 ** 20, -(10 ** 20), 2 ** 64 + 1]
specs = ["d", "5d", "<6d", "^7d", "+d", "x", "X", "#x", "o", "#o", "b", "#b", ",", "010d", "_", "08x", "=10d", " d", "c" if False else "n"]
for n in ints:
    print(n, [format(n, s) for s in specs])
floats = [0.0, 1.0, -1.5, 3.14159265, 1234567.891, 1e-7, 6.02e23, -0.000123]
fspecs = ["", "f", ".2f", "10.3f", "e", ".2E", "g", ".3g", "10g", "%", ".1%", "+.3f", "012.4f", "<12g|", "^12.2e"]
for f in floats:
    print(f, [format(f, s) for s in fspecs])
print("%d %i %u" % (3.7, -2.2, 7) if True else "", "%x %o" % (255, 8), "%e" % 10 ** 20, "%d" % 10 ** 25)
print("%.2f %10.1e %-10g|" % (2 ** 60, 2 ** 70, 10 ** 16))
print(str(2 ** 60 * 1.0), int(2.0 ** 60), float(10 ** 20), int(float(10 ** 20)))
for bad in (lambda: format(1.5, "d"), lambda: format("s", "d"), lambda: "%d" % [1], lambda: format(5, "z")):
    try:
        print(bad())
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
