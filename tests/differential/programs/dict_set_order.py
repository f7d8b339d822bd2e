# Differential program (own): dict/set iteration order across inserts, deletes and resizes.
d = {}
for i in range(40):
    d["k%d" % i] = i
    if i % 7 == 3:
        print(i, list(d)[-5:], len(d))
for i in range(0, 40, 3):
    del d["k%d" % i]
print(list(d.items())[:10])
for i in range(100, 130):
    d["n%d" % i] = i * i
print(list(d.keys()))
print(list(d.values())[-8:])
d2 = dict.fromkeys("abcdefghij", 0)
for c in "aceg":
    d2.pop(c)
d2["a"] = 1
d2["z"] = 2
print(d2)
print(d2.popitem(), d2.popitem(), d2)
d3 = {1: "a", 2: "b"}
d3.update({3: "c", 1: "A"})
d3.update(x=5, y=6)
print(d3, d3.setdefault(2, "q"), d3.setdefault(9, "n"), d3)
print(sorted(d3, key=str), d3.get(7), d3.get(7, "dflt"))
ints = {}
for i in (17, 3, 99, 5, 1000, 2, 64, 31, 8):
    ints[i] = str(i)
print(list(ints))
del ints[99]
ints[99] = "again"
print(list(ints))
s = set()
for i in range(50):
    s.add(i * 7 % 23)
print(sorted(s), len(s))
s2 = {1, 2, 3}
s2 |= {10, 20}
s2 -= {2}
print(sorted(s2), sorted(s2 ^ {1, 99}), sorted(s2 & {1, 3, 10}), s2.issubset(range(100)))
small = {3, 1, 2}
print(small, {"only"}, set(), frozenset([5]))
fs = frozenset(range(5))
print(sorted(fs | {9}), type(fs | {9}).__name__, fs.isdisjoint({7}), {1, 2} < {1, 2, 3}, {1, 2} <= {1, 2})
dd = {(i, i + 1): i for i in range(6)}
print(dd, (2, 3) in dd, {True: 1, 1: 2, 1.0: 3})
comp = {k: v for k, v in zip("xyz", range(3))}
print(comp, {v: k for k, v in comp.items()})
print({**comp, "w": 9, **{"x": 100}})
try:
    for k in d2:
        d2["new"] = 1
except RuntimeError as e:
    print("RuntimeError:", e)
print(len(d2), "new" in d2)
x = {}
print(x == {}, {1: 2} == {1: 2.0}, {1: [1]} != {1: [2]})
keys = list(range(200))
big = {k: k for k in keys}
for k in keys[::2]:
    del big[k]
print(list(big)[:10], len(big), sum(big.values()))
