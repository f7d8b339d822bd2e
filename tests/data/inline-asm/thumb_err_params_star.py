# inline Thumb error case: params_star
@micropython.asm_thumb
def f(*r0):
    nop()
