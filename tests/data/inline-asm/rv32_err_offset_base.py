# inline RV32 error case: offset_base
@micropython.asm_rv32
def f(a0):
    lw(a0, 4(5))
