# inline Thumb error case: reglist_dict
@micropython.asm_thumb
def f(r0):
    push({r0: r1})
