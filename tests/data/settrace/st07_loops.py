# settrace: line events in while/for/else loops, comprehensions, nested loops and multi-line statements
import sys
log = []
def tracer(frame, event, arg):
    if frame.f_code.co_name in ("loops", "<listcomp>"):
        log.append("%s:%d" % (event[0], frame.f_lineno))
    return tracer
def loops(data):
    total = 0
    for row in data:
        for v in row:
            if v < 0:
                break
            total += v
        else:
            total += 100
    n = 3
    while n:
        n -= 1
    else:
        total += 1
    squares = [v * v
               for v in data[0]
               if v > 0]
    result = (total,
              squares)
    return result
sys.settrace(tracer)
print(loops([[1, 2], [3, -1, 5]]))
sys.settrace(None)
print(" ".join(log))
