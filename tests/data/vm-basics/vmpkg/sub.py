# helper module for vm_import.py
def sub():
    return "sub function"
