# Differential program (own): sorting: stability, key, reverse.
data = [("b", 2), ("a", 2), ("c", 1), ("a", 1), ("b", 1), ("c", 2), ("d", 0), ("a", 3)]
print(sorted(data))
print(sorted(data, key=lambda p: p[1]))
print(sorted(data, key=lambda p: p[1], reverse=True))
print(sorted(data, key=lambda p: p[0], reverse=True))
lst = list(data)
lst.sort(key=lambda p: p[1])
lst.sort(key=lambda p: p[0])
print(lst)
nums = [(i * 7919) % 101 - 50 for i in range(60)]
print(sorted(nums))
print(sorted(nums, key=abs))
print(sorted(nums, key=abs, reverse=True)[:20])
print(sorted(nums, reverse=True)[:10])
words = ["banana", "Apple", "cherry", "apple", "Banana", "date", "Cherry", "fig", "kiwi", "Fig"]
print(sorted(words), sorted(words, key=str.lower), sorted(words, key=len), sorted(words, key=lambda w: (len(w), w)))
print(sorted("hello world"), sorted(set("mississippi")), sorted({3: 1, 1: 2, 2: 3}), sorted((3.5, -1, 2, 0.0)))
equal = [[0, i] for i in range(30)]
equal.sort(key=lambda x: x[0])
print([e[1] for e in equal])
equal.sort(key=lambda x: x[0], reverse=True)
print([e[1] for e in equal])
r = list(range(20))
r.reverse()
print(r, list(reversed(r))[:5])
print(min(data), max(data), min(data, key=lambda p: p[1]), max(data, key=lambda p: (p[1], p[0])))
print(min([], default="empty"), max([1], default=0), min(3, 1, 2), max("abc", "abd", key=lambda s: s[-1]))
class K:
    def __init__(self, v):
        self.v = v
    def __lt__(self, o):
        return self.v < o.v
    def __repr__(self):
        return "K%d" % self.v
print(sorted([K(3), K(1), K(2)]), min(K(5), K(4)))
try:
    sorted([1, "x", 2])
except TypeError as e:
    print("TypeError:", e)
try:
    [K(1), 3].sort()
except (TypeError, AttributeError) as e:
    print(type(e).__name__, e)
big = [(i * 1103515245 + 12345) % 2 ** 31 for i in range(500)]
sb = sorted(big)
print(sb[:5], sb[-5:], all(sb[i] <= sb[i + 1] for i in range(len(sb) - 1)), sum(big) % 1000003)
