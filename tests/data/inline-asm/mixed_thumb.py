# An asm_thumb function among bytecode/native code (also compiled with -X emit=native).
import micropython


@micropython.asm_thumb
def add3(r0, r1, r2):
    add(r0, r0, r1)
    add(r0, r0, r2)


@micropython.viper
def v(x: int) -> int:
    return x * 2


def f(a):
    try:
        return add3(a, 1, 2) + v(a)
    except Exception as e:
        return e


print(f(3))
