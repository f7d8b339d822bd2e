# inline Thumb error case: reg_expected
@micropython.asm_thumb
def f(r0):
    mov(x, r1)
