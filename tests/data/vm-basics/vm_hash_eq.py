# hash() of user classes, ==/!= dispatch with user instances on either side, hashability of views,
# slices and complex nan equality.
# .exp made with: cd tests/data/vm-basics && micropython vm_hash_eq.py > vm_hash_eq.exp 2>&1


def t(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)


class OnlyEq:
    def __eq__(self, other):
        return True


class HashNone:
    def __hash__(self):
        return None


class HashBool:
    def __hash__(self):
        return True


class HashBig:
    def __hash__(self):
        return 2**70 + 5


t(lambda: hash(OnlyEq()))
t(lambda: hash(HashNone()))
t(lambda: hash(HashBool()))
t(lambda: hash(HashBig()) == hash(HashBig()))
t(lambda: type(hash({}.values())))
t(lambda: hash({}.keys()))
t(lambda: hash({}.items()))
t(lambda: hash(slice(1, 2)))


def store_slice():
    {}[:] = {}


t(store_slice)


class E:
    def __repr__(self):
        return "E"

    def __eq__(self, other):
        print("E eq", other)
        return 123


class F:
    def __repr__(self):
        return "F"

    def __ne__(self, other):
        print("F ne", other)
        return -456


for val in (None, 0, "a", 1.5):
    print(E() == val, val == E(), E() != val, val != E())
    print(F() == val, val == F(), F() != val, val != F())
print(E() != F(), F() != E())

nan = float("nan") * 1j
print(nan == nan, nan != nan, 1j == 1j)


class Obj:
    pass


o = Obj()
print(o == o, o != o, o == Obj())
