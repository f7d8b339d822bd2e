# settrace: generators driven by for, next, send, throw, close and yield from
import sys
def tracer(frame, event, arg):
    print(event, frame.f_code.co_name, frame.f_lineno)
    return tracer
def inner(n):
    for i in range(n):
        got = yield i
        if got is not None:
            print("inner got", got)
    return "inner done"
def outer():
    r = yield from inner(2)
    print("outer saw", r)
    yield "last"
def catcher():
    try:
        yield 1
    except KeyError as e:
        yield "caught %s" % e
    finally:
        print("catcher finally")
sys.settrace(tracer)
print(list(outer()))
g = inner(3)
print(next(g))
print(g.send("hello"))
g.close()
c = catcher()
print(next(c))
print(c.throw(KeyError("k")))
c.close()
gen = (x * x for x in range(2))
print(sum(gen))
sys.settrace(None)
print("end")
