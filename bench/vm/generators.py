# Generators, yield from and generator expressions.
def count(n):
    i = 0
    while i < n:
        yield i
        i += 1


def evens(n):
    for x in count(n):
        if x % 2 == 0:
            yield x


def chained(n):
    yield from evens(n)
    yield from (x * 3 for x in range(n // 2))


print(sum(chained(200000)))
