# inline Xtensa error case: unknown_2args
@micropython.asm_xtensa
def f(a2):
    foo(1, 2)
