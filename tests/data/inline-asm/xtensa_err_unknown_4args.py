# inline Xtensa error case: unknown_4args
@micropython.asm_xtensa
def f(a2):
    foo(a2, a3, a4, a5)
