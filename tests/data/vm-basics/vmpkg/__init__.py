# helper package for vm_import.py (no .exp: not run on its own)
from .sub import sub


def late():
    return "late"
