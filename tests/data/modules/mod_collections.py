# collections: deque (fixed-size ring, flags, errors), OrderedDict (order, equality), namedtuple.
# .exp made with: cd tests/data/modules && micropython mod_collections.py > mod_collections.exp 2>&1
from collections import OrderedDict as O, deque, namedtuple

print(O(a=1) != O(a=1), O([(1, 2), (3, 4)]) == O([(3, 4), (1, 2)]), O([(1, 2), (3, 4)]) == O([(1, 2), (3, 4)]))
od = O()
od["z"] = 1
od["a"] = 2
od["m"] = 3
del od["a"]
od["a"] = 4
print(od, list(od), list(od.items()), od.popitem(), od)
d = deque([1, 2, 3], 5)
print(d, type(d), list(d), len(d), bool(d), d[0], d[-1], bool(deque((), 2)))


def e(f, *a):
    try:
        print(f(*a))
    except Exception as ex:
        print(type(ex).__name__, ex.args)


e(lambda: d[5])
def delit():
    del d[0]
e(delit)
e(deque, [], -1)
e(deque, [], "x")
e(deque, [], 2, 1, 1)
e(deque, [])
e(lambda: deque([], maxlen=2))
d = deque((), 3)
for i in range(5):
    d.append(i)
print(list(d))
for i in range(5):
    d.appendleft(i)
print(list(d), d.pop(), d.popleft(), list(d))
d = deque((), 0)
d.append(1)
print(list(d), len(d))
it = iter(deque([1, 2], 3))
print(type(it), list(it))
d = deque([1, 2, 3], 3)
d[1] = 9
print(list(d))
d.extend(range(10, 13))
print(list(d))
d = deque((), 2, True)
d.append(1)
d.append(2)
e(d.append, 3)
e(d.appendleft, 0)
print(d.popleft(), d.pop())
e(d.pop)
e(d.popleft)
d = deque(range(4), 4)
it = iter(d)
print(next(it), d.popleft(), next(it), list(it))

P = namedtuple("P", "x y")
p = P(1, y=2)
print(p, P, type(p), isinstance(p, tuple), p[0], p.x, p == (1, 2), len(p), p + (3,), p[:1], hash(p) == hash((1, 2)))
Q = namedtuple("Q", ["a", "b"])
print(Q(1, 2), namedtuple("R", ("a",))(1), namedtuple("E", "")(), namedtuple("S", " a  b\tc ")(1, 2, 3))
for a, k in [((1,), {}), ((1, 2, 3), {}), ((1,), {"z": 2}), ((1,), {"x": 2}), ((), {"x": 1, "y": 2})]:
    try:
        print(P(*a, **k))
    except Exception as ex:
        print(type(ex).__name__, ex)
try:
    p.x = 3
except Exception as ex:
    print(type(ex).__name__, ex)
try:
    p.zz
except Exception as ex:
    print(type(ex).__name__, ex)
e(namedtuple, "Z", 5)
x, y = p
print(x, y, sorted([P(2, 1), P(1, 2)]))
import ucollections
print(ucollections.deque is deque)

# a dict and an OrderedDict are never equal (only an exact dict is compared by dict's ==)
from collections import OrderedDict

d, od = {1: 2, 3: 4}, OrderedDict([(1, 2), (3, 4)])
print(d == od, od == d, d != od, od == OrderedDict([(1, 2), (3, 4)]), od == OrderedDict([(3, 4), (1, 2)]))


class D(dict):
    pass


print(D(d) == d, d == D(d), D(d) == od, od == D(d))
print(P(1, 2) == (1, 2), (1, 2) == P(1, 2))
