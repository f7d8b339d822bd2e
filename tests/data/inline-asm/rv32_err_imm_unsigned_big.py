# inline RV32 error case: imm_unsigned_big
@micropython.asm_rv32
def f(a0):
    c_slli(a0, 32)
