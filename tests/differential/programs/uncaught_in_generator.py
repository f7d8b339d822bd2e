# Differential program (own): an uncaught exception raised inside a generator consumed by a loop.
def producer():
    for i in range(12):
        if i == 9:
            raise ZeroDivisionError("producer gave up at %d" % i)
        yield i * 3
total = 0
for v in producer():
    total += v
    print(v, total)
