# inline RV32 error case: int_expected
@micropython.asm_rv32
def f(a0):
    addi(a0, a0, x)
