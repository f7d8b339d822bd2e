# inline RV32 error case: offset_neg_not_int
@micropython.asm_rv32
def f(a0):
    lw(a0, -x(a1))
