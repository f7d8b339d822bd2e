# inline RV32 error case: reg_expected
@micropython.asm_rv32
def f(a0):
    add(a0, 1, a1)
