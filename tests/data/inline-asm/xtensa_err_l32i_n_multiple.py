# inline Xtensa error case: l32i_n_multiple
@micropython.asm_xtensa
def f(a2):
    l32i_n(a2, a3, 6)
