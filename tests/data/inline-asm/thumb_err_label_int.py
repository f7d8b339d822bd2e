# inline Thumb error case: label_int
@micropython.asm_thumb
def f(r0):
    label(1)
