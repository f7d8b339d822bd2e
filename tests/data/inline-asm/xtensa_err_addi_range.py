# inline Xtensa error case: addi_range
@micropython.asm_xtensa
def f(a2):
    addi(a2, a3, 200)
