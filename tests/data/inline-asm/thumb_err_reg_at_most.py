# inline Thumb error case: reg_at_most
@micropython.asm_thumb
def f(r0):
    add(r8, 1)
