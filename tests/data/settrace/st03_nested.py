# settrace: closures, nested functions, lambdas, decorators, *args/**kwargs and defaults
import sys
def tracer(frame, event, arg):
    if event != "line":
        print(event, frame.f_code.co_name, frame.f_lineno)
    return tracer
def deco(fn):
    def wrapper(*args, **kw):
        print("calling", fn.__name__)
        return fn(*args, **kw)
    return wrapper
@deco
def add(a, b=10, *rest, scale=1, **extra):
    return (a + b + sum(rest)) * scale
def counter():
    n = 0
    def bump(k=1):
        nonlocal n
        n += k
        return n
    return bump
sys.settrace(tracer)
print(add(1))
print(add(1, 2, 3, 4, scale=2, tag="x"))
b = counter()
b()
print(b(5))
f = lambda x: (lambda y: x + y)
print(f(1)(2))
print(sorted([3, 1, 2], key=lambda v: -v))
sys.settrace(None)
