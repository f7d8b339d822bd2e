# inline Thumb error case: fpu_reg
@micropython.asm_thumb
def f(r0):
    vadd(s0, s1, r2)
