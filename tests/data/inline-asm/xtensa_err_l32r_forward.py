# inline Xtensa error case: l32r_forward
@micropython.asm_xtensa
def f(a2):
    l32r(a2, c)
    align(4)
    label(c)
    data(4, 1)
