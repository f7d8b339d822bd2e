# Differential program (own): dict views, dict() constructors, equality, copying.
d = {"one": 1, "two": 2, "three": 3}
k, v, it = d.keys(), d.values(), d.items()
print(k, v, it, len(k), "two" in k, 2 in v, ("one", 1) in it)
d["four"] = 4
print(list(k), list(v), list(it))
print(dict([("a", 1), ("b", 2)]), dict(a=1, b=2), dict({"x": 1}, y=2), dict(zip(range(3), "abc")))
c = d.copy()
c["one"] = 100
print(d["one"], c["one"], c == d, dict(c) == c)
print(sorted(k), sorted(v), sorted(it, key=lambda p: p[1]))
del d["two"]
print(d, list(k), len(v))
print({1: "a"}.items() if True else "", list({}.keys()), {}.get("x", []))
nested = {"a": {"b": {"c": [1, 2, {"d": None}]}}}
print(nested["a"]["b"]["c"][2], nested)
counts = {}
for ch in "the rain in spain stays mainly in the plain":
    counts[ch] = counts.get(ch, 0) + 1
print(counts)
print(sorted(counts.items(), key=lambda p: (-p[1], p[0]))[:6])
inv = {}
for key, val in counts.items():
    inv.setdefault(val, []).append(key)
print(inv)
try:
    {}.popitem()
except KeyError as e:
    print("KeyError:", e)
try:
    d[[1]] = 2
except TypeError as e:
    print("TypeError:", e)
