# viper values used as objects: mpy-cross 1.28 stops on an assertion; mpyts boxes them (the
# output, run in the unix port, prints what the same code without viper types prints)
import micropython
@micropython.viper
def f(x: int, p: ptr8):
    try:
        with x:
            pass
    except Exception:
        print('with', "E")
    try:
        for i in x:
            pass
    except TypeError:
        print('iter', "E")
    try:
        a, b = x
    except TypeError:
        print('unpack', "E")
    try:
        x(1)
    except TypeError:
        print('call', "E")
    print('attr', x.to_bytes(2, 'little'))
    print('slice', [1, 2, 3, 4][x:x + 2], [1, 2, 3][:x])
    print('dict', {x: x + 1})
@micropython.viper
def g(b: bool):
    print('bool attr', b.__class__.__name__)
f(1, b'ab')
g(True)
