# inline Thumb error case: align_args
@micropython.asm_thumb
def f(r0):
    align(x)
