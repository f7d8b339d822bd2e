# inline RV32 error case: offset_neg_range
@micropython.asm_rv32
def f(a0):
    lw(a0, -2049(a1))
