# slice.indices(length): bounds for both step signs, clamping, conversion errors and a zero step.
# .exp made with: cd tests/data/vm-basics && micropython vm_slice_indices.py > vm_slice_indices.exp 2>&1
class A:
    def __getitem__(self, i): return i
print(A()[::-1].indices(10), A()[-3:-1].indices(4), A()[-100:100:-3].indices(7))
s = A()[1:2]
print(s.indices(True))
for bad in (None, 1.5, "x"):
    try: print(s.indices(bad))
    except TypeError as e: print(e)
try: print(A()["a":2].indices(3))
except TypeError as e: print(e)
try: print(A()[::0].indices(3))
except ValueError as e: print(e)
try: print(s.indices())
except TypeError as e: print(e)
