# inline Thumb error case: reglist_high_v6
@micropython.asm_thumb
def f(r0):
    push({r8})
