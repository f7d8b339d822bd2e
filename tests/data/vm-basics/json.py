# helper for vm_import.py: json is an extensible builtin, so this file replaces it on sys.path
print("json from the filesystem")
from ujson import *

extra = True
