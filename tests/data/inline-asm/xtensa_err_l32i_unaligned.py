# inline Xtensa error case: l32i_unaligned
@micropython.asm_xtensa
def f(a2):
    l32i(a2, a3, 6)
