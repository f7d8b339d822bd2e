# inline Thumb error case: bcc_bad
@micropython.asm_thumb
def f(r0):
    label(a)
    bxx(a)
