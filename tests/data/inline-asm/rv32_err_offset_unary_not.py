# inline RV32 error case: offset_unary_not
@micropython.asm_rv32
def f(a0):
    lw(a0, ~4(a1))
