# inline RV32 error case: label_expected
@micropython.asm_rv32
def f(a0):
    beq(a0, a1, 5)
