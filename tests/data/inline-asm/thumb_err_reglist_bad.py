# inline Thumb error case: reglist_bad
@micropython.asm_thumb
def f(r0):
    push(r0)
