# Differential program (own): iterator protocol, builtins consuming iterables, lazy map/filter/zip.
class Countdown:
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        return self
    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n
print(list(Countdown(5)), sum(Countdown(10)), max(Countdown(7)), sorted(Countdown(4)), tuple(Countdown(3)))
class Seq:
    def __getitem__(self, i):
        if i >= 6:
            raise IndexError
        return i * i
print(list(Seq()), 16 in Seq(), list(iter(Seq())))
it = iter([1, 2, 3, 4, 5])
print(next(it), list(zip(it, it)), next(it, "exhausted"))
m = map(lambda x: x * 2, range(5))
print(next(m), list(m), list(m))
fl = filter(lambda s: len(s) > 2, ["ab", "abc", "", "abcd"])
print(list(fl))
e = enumerate(["a", "b", "c"], start=-1)
print(next(e), list(e))
print(list(zip()), list(zip([1, 2], [])), list(zip("abc", range(10), "xy")))
print(all(x < 5 for x in range(5)), any(x > 3 for x in range(3)), sum((x for x in range(100)), 0))
print(list(map(str, Countdown(3))), "".join(reversed("stressed")), dict(zip("abc", range(3))))
r = range(3, 30, 4)
print(r, len(r), r[2], r[-1], r[1:4], 7 in r, 8 in r, r.index(11) if hasattr(r, "index") else "", list(r[::-1]))
print(list(range(0)), list(range(-3)), list(range(5, 0, -2)), range(5) == range(5), bool(range(0)))
def gen_with_state():
    seen = []
    for v in Countdown(4):
        seen.append(v)
        yield list(seen)
print(list(gen_with_state()))
it2 = iter(lambda: 3, 3) if False else iter([7])
print(list(it2))
class Both:
    def __init__(self):
        self.items = [3, 1, 2]
    def __iter__(self):
        yield from self.items
    def __len__(self):
        return len(self.items)
b = Both()
print(list(b), len(b), sorted(b), list(enumerate(b)), set(b) == {1, 2, 3}, [x for x in b if x > 1])
try:
    next(5)
except TypeError as e:
    print("TypeError:", e)
try:
    for _ in 5:
        pass
except TypeError as e:
    print("TypeError:", e)
