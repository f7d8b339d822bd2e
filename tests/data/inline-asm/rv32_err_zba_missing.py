# inline RV32 error case: zba_missing
@micropython.asm_rv32
def f(a0):
    sh1add(a0, a0, a0)
