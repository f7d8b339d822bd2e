# inline Thumb error case: it_bad_cc
@micropython.asm_thumb
def f(r0):
    it(xx)
