# inline Thumb error case: wide_on_v6
@micropython.asm_thumb
def f(r0):
    label(a)
    beq_w(a)
