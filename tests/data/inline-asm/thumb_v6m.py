# Thumb-1 only forms (armv6m): long backward/forward branches within range, labels reused per function.
import micropython


@micropython.asm_thumb
def f(r0):
    label(a)
    add(r0, 1)
    cmp(r0, 10)
    blt(a)
    b(c)
    label(b)
    add(r0, 2)
    label(c)
    bge(b)
    bl(b)
    mov(r0, 0)


@micropython.asm_thumb
def g(r0, r1, r2):
    label(a)
    add(r0, r1, r2)
    beq(a)


def h(x):
    return x + 1
