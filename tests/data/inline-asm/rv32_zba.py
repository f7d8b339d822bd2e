# The Zba instructions of @micropython.asm_rv32 (-march-flags=zba; without it they are invalid).
@micropython.asm_rv32
def f(a0, a1, a2):
    sh1add(a0, a1, a2)
    sh2add(t0, t1, t2)
    sh3add(x31, x30, x29)
