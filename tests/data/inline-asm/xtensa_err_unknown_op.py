# inline Xtensa error case: unknown_op
@micropython.asm_xtensa
def f(a2):
    foo(a2)
