# inline RV32 error case: imm_zero_lui
@micropython.asm_rv32
def f(a0):
    c_lui(a0, 0)
