# inline Thumb error case: fpu_reg_range
@micropython.asm_thumb
def f(r0):
    vmov(s32, r0)
