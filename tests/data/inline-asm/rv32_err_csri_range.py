# inline RV32 error case: csri_range
@micropython.asm_rv32
def f(a0):
    csrrwi(a0, 1, 32)
