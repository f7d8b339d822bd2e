# inline Thumb error case: int_expected
@micropython.asm_thumb
def f(r0):
    cmp(r0, 'a')
