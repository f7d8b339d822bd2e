# Differential program (own): float repr/str and formatting.
vals = [0.0, -0.0, 1.0, 0.1, 0.2 + 0.1, 1 / 3, 2 / 3, 1e16, 1e-5, 1.5e300, -2.5e-300, 123456789.0, 1234567890123.0,
        3.14159, 2.71828, 100.0, 1e22, 5e-324, 0.5, 0.25, 1.125, 9.999999, 12345.6789]
for v in vals:
    print(repr(v), str(v), "%g" % v, "%e" % v, "%.3f" % v, "%10.4g|" % v, "{:.2e}".format(v), "{:g}".format(v))
for v in (float("inf"), float("-inf"), float("nan")):
    print(v, repr(v), "%f" % v, "{:e}".format(v), "{:>8}".format(v))
for spec in (".0f", ".1f", ".5f", "10.2f", "<10.2f", "^12.3f", "+.2f", " .2f", "010.3f", ".3%", "e", ".0e", "G", ".12g", ",.2f"):
    print(spec, format(1234.5678, spec), format(-0.00123, spec))
for x in (0.5, 1.5, 2.5, 3.5, -0.5, -1.5, 2.675, 0.125, 0.375):
    print(x, round(x), round(x, 1), round(x, 2), "%.0f" % x, "%.1f" % x)
print(round(1234.5678, -2), round(15, -1), round(25, -1), round(-35, -1))
print(float("1.5"), float("  -2e3 "), float("inf"), float(".5"), float("5."), float(7))
for bad in ("", "abc", "1.2.3"):
    try:
        float(bad)
    except ValueError as e:
        print("ValueError:", e)
print(1.0 == 1, 0.1 + 0.2 == 0.3, 1e308 * 10, -1e308 * 10)
print(int(2.9), int(-2.9), int(1e15), float(2 ** 53), float(2 ** 53 + 1))
print(divmod(7.5, 2), divmod(-7.5, 2), 7.5 % -2, -7.5 // 2)
print(abs(-3.25), pow(2.0, 10), pow(2, -1), 2 ** 0.5, (-8) ** (1 / 3) if False else "skip")
print(f"{3.14159:.2f} {2.5:08.3f} {-1.0:+} {1e10:,.0f} {0.000012345:.3g}")
print(str(1e15), str(1e16), str(123456789012.0), repr(0.1 * 3))
print(1.0.is_integer() if hasattr(1.0, "is_integer") else "no is_integer")
print(sum([0.1] * 10), max(1.5, 2), min(-0.0, 0.0))
print("%5.1f%%" % 99.44, "%-8.2e|" % 12345.678, "%+g" % 0.0001, "%G" % 1e-10)
