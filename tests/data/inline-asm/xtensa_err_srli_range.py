# inline Xtensa error case: srli_range
@micropython.asm_xtensa
def f(a2):
    srli(a2, a3, 16)
