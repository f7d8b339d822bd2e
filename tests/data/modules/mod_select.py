# select.poll over files, descriptors, io.IOBase objects (ioctl-polled) and buffers.
# .exp made with: cd tests/data/modules && micropython mod_select.py > mod_select.exp 2>&1 < /dev/null
import io
import select

print(select.POLLIN, select.POLLOUT, select.POLLERR, select.POLLHUP)
p = select.poll()
print(p, type(p))
f = open("mod_select.py")
p.register(f)
print([(type(o).__name__, ev) for o, ev in p.poll(0)], len(p.poll()))
p.register(f, select.POLLIN)
print([ev for o, ev in p.poll(10)])
p.unregister(f)
p.unregister(f)
try:
    p.modify(f, 1)
except OSError as e:
    print("modify", e)
print(p.poll(0))
p.register(f, 0)
print(p.poll(0))
p.modify(f, select.POLLOUT)
print([ev for o, ev in p.poll(0)], [ev for o, ev in p.ipoll(0)], [ev for o, ev in p.ipoll(0, 1)], p.poll(0))
p.unregister(f)


class C(io.IOBase):
    def __init__(self, state):
        self.state = state

    def ioctl(self, req, arg):
        if req == 10:
            return -1
        print("ioctl", req, arg)
        return self.state


c = C(select.POLLIN)
p.register(c)
print([ev for o, ev in p.poll(0)])
p.modify(c, select.POLLOUT)
print([(type(o).__name__, ev) for o, ev in p.poll(0)])
c.state = select.POLLHUP
print([ev for o, ev in p.poll(0)])
c.state = -5
try:
    p.poll(0)
except OSError as e:
    print("poll", e)
p.unregister(c)
p.register(io.BytesIO(b"x"))
try:
    p.poll(0)
except OSError as e:
    print("bytesio", e)
for args in ((1,), ("x",)):
    try:
        select.poll(*args)
    except TypeError as e:
        print(e)
try:
    p.poll("x")
except TypeError as e:
    print(e)
f.close()
import uselect
print(uselect.POLLIN)
