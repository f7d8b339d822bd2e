# An asm_xtensa function among bytecode/native code (also compiled with -X emit=native).
import micropython


@micropython.asm_xtensa
def add3(a2, a3, a4):
    add(a2, a2, a3)
    add(a2, a2, a4)
    movi(a5, 0x12345678)


@micropython.viper
def v(x: int) -> int:
    return x * 2 + 0x12345


def f(a):
    try:
        return add3(a, 1, 2) + v(a)
    except Exception as e:
        return e


print(f(3))
