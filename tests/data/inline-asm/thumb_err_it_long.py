# inline Thumb error case: it_long
@micropython.asm_thumb
def f(r0):
    itttt(eq)
