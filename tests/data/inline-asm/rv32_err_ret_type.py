# inline RV32 error case: ret_type
@micropython.asm_rv32
def f(a0) -> ptr8:
    c_nop()
