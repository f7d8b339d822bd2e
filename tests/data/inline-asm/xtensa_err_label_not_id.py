# inline Xtensa error case: label_not_id
@micropython.asm_xtensa
def f(a2):
    beqz(a2, 5)
