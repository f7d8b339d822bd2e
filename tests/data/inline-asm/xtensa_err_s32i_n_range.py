# inline Xtensa error case: s32i_n_range
@micropython.asm_xtensa
def f(a2):
    s32i_n(a2, a3, 64)
