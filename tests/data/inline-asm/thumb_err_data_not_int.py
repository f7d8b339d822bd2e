# inline Thumb error case: data_not_int
@micropython.asm_thumb
def f(r0):
    data(4, 1, x)
