# inline RV32 error case: reg_unknown_c
@micropython.asm_rv32
def f(a0):
    c_and(a0, t0)
