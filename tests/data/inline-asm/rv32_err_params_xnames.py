# inline RV32 error case: params_xnames
@micropython.asm_rv32
def f(x10, x11):
    add(a0, a0, a1)
