# inline RV32 error case: imm_zero_4spn
@micropython.asm_rv32
def f(a0):
    c_addi4spn(a0, 0)
