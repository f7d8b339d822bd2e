# micropython.heap_lock(): what works without the heap (slices, classmethod calls, yield from a user
# iterator, exceptions with up to 24 args, re-raising a preallocated exception) and what fails (growing
# lists and bytearrays, too many exception args).
# .exp made with: cd tests/data/vm-basics && micropython vm_heap_lock.py > vm_heap_lock.exp 2>&1
import micropython


def locked(label, f):
    # nothing is allocated between lock and unlock but what f does
    r = e = None
    micropython.heap_lock()
    try:
        r = f()
    except Exception as x:
        e = x
    micropython.heap_unlock()
    if e is None:
        print(label, r)
    else:
        print(label, type(e).__name__, len(e.args))


b = bytearray(range(6))
m = memoryview(b)
def store_slices():
    b[3:5] = b"xy"
    m[0:1] = b"z"


locked("slice stores", store_slices)
print(b)
locked("bytearray grow", lambda: b.extend(b"123"))
locked("bytearray append", lambda: b.append(1))
l = [1, 2]
l2 = [1, 2, 3, 4, 5, 6]


def list_grow():
    l[0:2] = l2


locked("list grow by slice", list_grow)


l3 = [9, 8]


def list_slice_store():
    l[0:2] = l3


locked("list same-size slice", list_slice_store)
print(l)
locked("int.from_bytes", lambda: int.from_bytes(b"12", "little"))


def name_error():
    undefined_name


locked("NameError", name_error)
locked("ValueError(1)", lambda: ValueError(1))
locked("24 args", lambda: Exception(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))
locked("25 args", lambda: Exception(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))


class It:
    def __init__(self):
        self.n = 0

    def __iter__(self):
        return self

    def __next__(self):
        self.n += 1
        return self.n


def gen(g):
    yield from g


g = gen(It())
locked("yield from user iterator", lambda: next(g) + next(g))
pre = StopIteration()


def reraise():
    pre.__traceback__ = None
    try:
        raise pre
    except StopIteration:
        return "caught"


locked("re-raise preallocated", reraise)


def bad_traceback_store():
    pre.__traceback__ = 1


try:
    bad_traceback_store()
except AttributeError as e:
    print("AttributeError")
