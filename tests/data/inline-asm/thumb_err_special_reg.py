# inline Thumb error case: special_reg
@micropython.asm_thumb
def f(r0):
    mrs(r0, XPSR)
