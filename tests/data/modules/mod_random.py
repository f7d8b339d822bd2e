# random: seeded sequences must match the unix port exactly (Yasmarang generator).
# .exp made with: cd tests/data/modules && micropython mod_random.py > mod_random.exp 2>&1
import random

random.seed(42)
print([random.getrandbits(32) for _ in range(5)])
print([random.getrandbits(n) for n in (0, 1, 7, 8, 16, 31, 32)])
random.seed(1)
print([random.randint(1, 6) for _ in range(20)])
print([random.randrange(10) for _ in range(10)])
print([random.randrange(-5, 100, 7) for _ in range(10)])
print([random.randrange(100, -5, -3) for _ in range(10)])
print([random.randrange(3, 9) for _ in range(10)])
print([random.random() for _ in range(4)])
print([random.uniform(-2, 2.5) for _ in range(4)])
print([random.choice('abcdef') for _ in range(10)])
print([random.choice([1, 2, 3]) for _ in range(10)])
print(random.choice((None,)))
print(random.randint(-2**40, 2**40))
print(random.randint(-5, -5))

# seeds: the low 32 bits of any int, negatives included
for s in (0, 1, -1, 2**32 + 7, 2**70 + 5, -2**40, True):
    random.seed(s)
    print(s, random.getrandbits(32), random.random())

# same seed, same sequence
random.seed(123)
a = [random.random() for _ in range(3)]
random.seed(123)
b = [random.random() for _ in range(3)]
print(a == b)

# unseeded: only ranges can be checked
random.seed()
random.seed(None)
print(0 <= random.getrandbits(8) < 256, 0.0 <= random.random() < 1.0)

import urandom
print(urandom.randint(3, 3))


def err(f, *a):
    try:
        print(f(*a))
    except Exception as e:
        print(type(e).__name__, e.args)


err(random.getrandbits, 33)
err(random.getrandbits, -1)
err(random.getrandbits, 2**64)
err(random.getrandbits, 1.5)
err(random.getrandbits, '3')
err(random.randint, 5, 1)
err(random.randint, 1)
err(random.randint, 1, 2, 3)
err(random.randrange, 0)
err(random.randrange, -3)
err(random.randrange, 5, 5)
err(random.randrange, 1, 10, 0)
err(random.randrange, 10, 1, 1)
err(random.randrange, 1, 2, 3, 4)
err(random.randrange)
err(random.choice, [])
err(random.choice, '')
err(random.choice, 5)
err(random.uniform, 'a', 1)
err(random.seed, 1.5)
err(random.seed, 1, 2)
err(random.random, 1)
print([n for n in sorted(dir(random)) if n not in ("__class__", "__dict__")])
