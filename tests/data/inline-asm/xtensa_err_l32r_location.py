# inline Xtensa error case: l32r_location
@micropython.asm_xtensa
def f(a2):
    j(s)
    align(4)
    label(c)
    data(4, 1)
    label(s)
    nop_n()
    l32r(a2, c)
