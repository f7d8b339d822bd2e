# Differential program (own): long deterministic text output (tables, wrapping, number formatting).
rows = []
for i in range(1, 41):
    rows.append("%3d | %-10s | %8.3f | %6x | %s" % (i, "n" * (i % 9), i ** 1.5, i * 977, str(i * i)[::-1]))
print("\n".join(rows))
text = " ".join("word%d" % (i * 37 % 101) for i in range(120))
line = ""
for w in text.split():
    if len(line) + len(w) + 1 > 60:
        print(line)
        line = w
    else:
        line = (line + " " + w) if line else w
print(line)
for base in (2, 8, 10, 16):
    print(base, [format(n, {2: "b", 8: "o", 10: "d", 16: "x"}[base]) for n in (0, 1, 7, 255, 1024, 65535)])
for w in (1, 5, 12):
    print("{:>{w}}|{:<{w}}|{:^{w}}".format("ab", "cd", "ef", w=w))
acc = []
for i in range(30):
    acc.append(("%.2f" % (i / 7)).rjust(8, "_"))
print("".join(acc))
print("{:08.3f} {:+08d} {:<+8d}| {:x<6} {:=+8d}".format(-3.14159, 42, 42, "p", -17))
