# inline RV32 error case: offset_form
@micropython.asm_rv32
def f(a0):
    lw(a0, a1)
