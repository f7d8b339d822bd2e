# inline RV32 error case: reg_unknown_lui
@micropython.asm_rv32
def f(a0):
    c_lui(sp, 1)
