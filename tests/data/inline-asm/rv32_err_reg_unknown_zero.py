# inline RV32 error case: reg_unknown_zero
@micropython.asm_rv32
def f(a0):
    c_mv(zero, a0)
