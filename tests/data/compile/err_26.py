@micropython.asm_thumb
def f(): pass
