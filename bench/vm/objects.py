# Classes, attribute access, method calls (in the spirit of pystone).
class Record:
    def __init__(self, a, b):
        self.a = a
        self.b = b
        self.next = None

    def total(self):
        return self.a + self.b


class Chain:
    def __init__(self):
        self.head = None
        self.size = 0

    def push(self, rec):
        rec.next = self.head
        self.head = rec
        self.size += 1

    def sum(self):
        s = 0
        r = self.head
        while r is not None:
            s += r.total()
            r = r.next
        return s


def run(n):
    c = Chain()
    acc = 0
    for i in range(n):
        c.push(Record(i, i % 7))
        if i % 50 == 0:
            acc += c.sum()
    return acc, c.size


print(run(3000))
