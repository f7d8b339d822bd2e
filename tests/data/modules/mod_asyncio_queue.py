# asyncio.TaskQueue: the pairing heap's order (push with explicit keys, pop, remove in random
# interleavings; ties keep upstream's order) and Task's low-level attributes.
# .exp made with: cd tests/data/modules && micropython mod_asyncio_queue.py > mod_asyncio_queue.exp 2>&1
import asyncio
import random
async def f(): pass
random.seed(5)
for trial in range(40):
    q = asyncio.TaskQueue()
    ts = [asyncio.Task(f()) for _ in range(random.randint(1, 25))]
    inq = []
    out = []
    for step in range(60):
        r = random.random()
        if r < 0.5:
            cand = [t for t in ts if t not in inq]
            if cand:
                t = cand[random.randint(0, len(cand) - 1)]
                q.push(t, random.randint(0, 6))
                inq.append(t)
        elif r < 0.75 and inq:
            t = q.pop()
            inq.remove(t)
            out.append((ts.index(t), t.ph_key))
        elif inq:
            t = inq[random.randint(0, len(inq) - 1)]
            q.remove(t)
            inq.remove(t)
            out.append(('r', ts.index(t)))
    while q.peek():
        t = q.pop()
        out.append((ts.index(t), t.ph_key))
    print(trial, out)
t = asyncio.Task(f())
print(t, t.state, t.data, t.ph_key, t.done())
t.data = "d"
t.state = None
print(t.data, t.state, t.done(), t.cancel())
q = asyncio.TaskQueue()
print(q.peek())
try:
    q.pop()
except IndexError as e:
    print("IndexError:", e)
g = asyncio.sleep_ms(5)
print(type(g).__name__, g is asyncio.sleep(0), iter(g) is g)
try:
    asyncio.sleep_ms(1.5)
except TypeError as e:
    print("TypeError:", e)
try:
    asyncio.sleep_ms(0x3FFFFFFFFFFFFFFF)
except OverflowError as e:
    print("OverflowError:", e)
import _asyncio

print(_asyncio.Task is asyncio.Task, _asyncio.TaskQueue is asyncio.TaskQueue)
