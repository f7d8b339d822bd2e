# inline Thumb error case: label_not_id
@micropython.asm_thumb
def f(r0):
    b(1)
