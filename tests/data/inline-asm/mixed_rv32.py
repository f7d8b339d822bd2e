# An asm_rv32 function among bytecode/native code (also compiled with -X emit=native).
import micropython


@micropython.asm_rv32
def add3(a0, a1, a2):
    add(a0, a0, a1)
    add(a0, a0, a2)


@micropython.viper
def v(x: int) -> int:
    return x * 2


def f(a):
    try:
        return add3(a, 1, 2) + v(a)
    except Exception as e:
        return e


print(f(3))
