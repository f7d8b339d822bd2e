# array: typecodes (first character only, 'O'/'P'), construction, + / += / extend, comparisons,
# containment, slices, subclassing, errors.
# .exp made with: cd tests/data/modules && micropython mod_array.py > mod_array.exp 2>&1
import array


def t(f, *a):
    try:
        print(f(*a))
    except Exception as e:
        print(type(e).__name__, e)


t(array.array, "ii", [1])
for c in ["X", "", "O", "P", "q", "Q", "f", "d", "l", "L"]:
    t(array.array, c, [1])
a = array.array("B", [1, 2])
print(a + b"xy", a + array.array("h", [1]), a == array.array("b", [1, 2]), a < b"\x01\x03", a == 5, a == b"\x01\x02")
t(lambda: a == array.array("f", [1]))
t(lambda: array.array("h") < array.array("h"))
t(lambda: a + 5)
t(lambda: a + "s")
print(b"\x01" in a, [] in a)
t(lambda: 1 in a)
t(lambda: 1.5 in a)
a += b"\x03"
print(a)
a += [4]
print(a)
a.extend(array.array("B", [5]))
a.extend(range(6, 8))
print(a, len(a), a[0], a[-1], a[1:3], list(a))
t(a.append, "x")
t(a.__getitem__ if hasattr(a, "__getitem__") else (lambda i: a[i]), 100)
print(array.array("i", b"\x01\x00\x00\x00\x02"), array.array("i", bytearray(8)), array.array("h", array.array("b", [1, 2])))
t(array.array, "i", 5)
t(array.array, "b", [1], 2)
t(array.array)
print(array.array("b", (x for x in range(3))))
a = array.array("i", range(5))
a[1:3] = array.array("i", [9, 9, 9])
print(a)
a[0] = 2**40 + 7
print(a, array.array("B", [300, -1]), array.array("h", [70000]))
o = [1]
ao = array.array("O", [o, "x", None])
print(ao, ao[0] is o, ao == array.array("O", [o, "x", None]), ao == array.array("O", [[1], "x", None]))
for x, y in (("b", "O"), ("P", "P"), ("P", "b"), ("O", "O"), ("i", "I"), ("q", "Q")):
    try:
        print(x, y, array.array(x) == array.array(y))
    except NotImplementedError:
        print(x, y, "NotImplementedError")


class X(array.array):
    pass


x = X("b", [0x61, 0x62, 0x63])
print(bytes(x) == b"abc", x == b"abc", x == array.array("b", [0x61, 0x62, 0x63]), type(x).__name__, len(x))
print(array.array("f", [1.5, 2.25]), array.array("d", [0.1]))
for tc in "BHILQ":
    p = array.array(tc, [1, 1])
    q = array.array(tc, [1, 2])
    print(tc, p < q, p <= p, p > q, q >= p)
import uarray
print(uarray.array("b", [1]))

# == with other buffer types: bytes compare only with bytes, bytearray/memoryview by typecode
b, ba, a, ai = b"12", bytearray(b"12"), array.array("b", [49, 50]), array.array("i", [49, 50])
print(b == a, a == b, b != a, ba == a, a == ba, memoryview(b) == a, a == memoryview(b), ai == b)
for x, y in ((ba, ai), (ai, ba), (memoryview(b), ai)):
    try:
        print(x == y)
    except NotImplementedError:
        print("NotImplementedError")


class A(array.array):
    pass


print(A("b", [49, 50]) == b, A("b", [49, 50]) == a, b == A("b", [49, 50]))
