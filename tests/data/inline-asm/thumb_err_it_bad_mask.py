# inline Thumb error case: it_bad_mask
@micropython.asm_thumb
def f(r0):
    itx(eq)
