# inline RV32 error case: imm_unsigned_neg
@micropython.asm_rv32
def f(a0):
    slli(a0, a1, -1)
