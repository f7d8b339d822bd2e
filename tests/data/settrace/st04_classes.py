# settrace: class bodies, inheritance, super(), properties, static/class methods, dunder methods
import sys
events = []
def tracer(frame, event, arg):
    events.append("%s %s %d" % (event, frame.f_code.co_name, frame.f_lineno))
    return tracer
sys.settrace(tracer)
class Base:
    kind = "base"
    def __init__(self, v):
        self.v = v
    def describe(self):
        return "%s(%d)" % (self.kind, self.v)
class Child(Base):
    kind = "child"
    def __init__(self, v, w):
        super().__init__(v)
        self.w = w
    @property
    def total(self):
        return self.v + self.w
    @staticmethod
    def helper(x):
        return x * 3
    @classmethod
    def make(cls):
        return cls(1, 2)
    def __add__(self, other):
        return Child(self.v + other.v, self.w + other.w)
    def __len__(self):
        return 2
c = Child.make()
d = c + Child(3, 4)
r = (d.describe(), d.total, Child.helper(2), len(d))
sys.settrace(None)
print(r)
for e in events:
    print(e)
