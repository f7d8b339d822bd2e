# inline Xtensa error case: reg_a16
@micropython.asm_xtensa
def f(a2):
    mov(a16, a2)
