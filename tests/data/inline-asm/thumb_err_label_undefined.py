# inline Thumb error case: label_undefined
@micropython.asm_thumb
def f(r0):
    b(nowhere)
