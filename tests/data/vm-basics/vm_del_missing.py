# Deleting a name that is not bound: DELETE_NAME/DELETE_GLOBAL are dict deletes upstream (KeyError), while a
# missing local is NameError-like (UnboundLocalError prints as NameError in MicroPython).
# .exp made with: cd tests/data/vm-basics && micropython vm_del_missing.py > vm_del_missing.exp 2>&1
x = 1
del x
try:
    del x
except Exception as e:
    print(type(e).__name__, e)


def f():
    global y
    del y


try:
    f()
except Exception as e:
    print(type(e).__name__, e)


def g():
    z = 1
    del z
    try:
        del z
    except Exception as e:
        print(type(e).__name__, e)


g()


class C:
    w = 1
    del w
    try:
        del w
    except Exception as e:
        print(type(e).__name__, e)
