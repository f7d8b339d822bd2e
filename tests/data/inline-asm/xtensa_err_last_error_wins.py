# inline Xtensa error case: last_error_wins
@micropython.asm_xtensa
def f(a2):
    addi(x, y, 1000)
