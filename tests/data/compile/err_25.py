@micropython.native
def f(): pass
