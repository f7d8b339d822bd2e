# inline RV32 error case: params_names
@micropython.asm_rv32
def f(a1):
    c_nop()
