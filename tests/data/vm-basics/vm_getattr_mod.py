# helper module for vm_import.py (no .exp: not run on its own)
__all__ = ["visible", "lazy"]
visible = 1
hidden = 2


def __getattr__(name):
    if name == "lazy":
        return "made lazily"
    raise AttributeError(name)
