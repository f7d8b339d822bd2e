# Differential program (own): list/tuple operations, slicing, unpacking, comprehensions.
l = list(range(20))
print(l[::3], l[-5:], l[5:2], l[::-4], l[100:], l[-100:3], l[3:-3:5])
l[2:5] = ["a", "b"]
print(l, len(l))
l[::2] = range(10)
print(l)
del l[::3]
print(l)
l2 = [3, 1, 2]
l2 += [4]
l2 *= 2
print(l2, l2.count(2), l2.index(4), l2.index(4, 4))
l2.insert(0, "first")
l2.insert(100, "last")
l2.insert(-1, "beforelast")
print(l2, l2.pop(0), l2.pop(-2), l2)
l2.remove(1)
print(l2, l2.copy() if hasattr(l2, "copy") else l2[:], l2 == l2[:], l2 is l2[:])
l2.clear()
print(l2, [] == [], [1, [2]] < [1, [3]], [1, 2] < [1, 2, 0], (1, 2) > (1,), [0] * 3, [[]] * 2)
a, *b, c = range(7)
print(a, b, c)
(x, y), z = (1, 2), [3]
print(x, y, z)
first, *_ = "hello"
print(first, _)
t = (1, "two", 3.0, None, (5,))
print(t, t[1:3], t * 2, t + (7,), len(t), t.index(3.0), t.count(None), 3.0 in t, hash((1, 2)) == hash((1, 2)))
print([x * y for x in range(4) for y in range(x)], [x for x in range(30) if x % 3 == 0 if x % 2])
print({x % 5 for x in range(20)}, {x: x ** 2 for x in range(6) if x != 3})
print(list(zip(*[(1, 2, 3), (4, 5, 6)])), list(map(lambda a, b: a * b, [1, 2, 3], [4, 5, 6])))
print([*range(3), *"ab"], (*[1], *(2,)), {*"aa", *"b"} == {"a", "b"}, {**{"a": 1}, "b": 2})
nested = [[1, [2, [3, [4]]]], 5]
def flat(x):
    return [z for y in x for z in (flat(y) if isinstance(y, list) else [y])]
print(flat(nested), nested[0][1][1][1][0])
m = [[0] * 4 for _ in range(3)]
m[1][2] = 9
print(m, [row[:] for row in m] == m, list(map(list, zip(*m))))
big = list(range(1000))
print(sum(big), big[-1], big[500:505], len(big[::7]), sum(x for x in big if x % 13 == 0))
try:
    l[100] = 1
except IndexError as e:
    print("IndexError:", e)
try:
    a, b = [1, 2, 3]
except ValueError as e:
    print("ValueError:", e)
try:
    a, b, c = [1]
except ValueError as e:
    print("ValueError:", e)
try:
    (1, 2)[0] = 5
except TypeError as e:
    print("TypeError:", e)
print(list("abc") + ["d"], tuple([1]) == (1,), type(()).__name__, (1,) * 0, list(range(5))[-1:-6:-2])
