# inline Thumb error case: data_args
@micropython.asm_thumb
def f(r0):
    data(4)
