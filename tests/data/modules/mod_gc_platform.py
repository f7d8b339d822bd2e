# gc and platform: the deterministic parts.
# .exp made with: cd tests/data/modules && micropython mod_gc_platform.py > mod_gc_platform.exp 2>&1
import gc
import platform

print(gc.collect() >= 0 or True)
print(gc.isenabled())
print(gc.disable(), gc.isenabled())
print(gc.enable(), gc.isenabled())
print(gc.threshold())
print(gc.threshold(1000), gc.threshold())
print(gc.threshold(4096), gc.threshold())
print(gc.threshold(-5), gc.threshold())
print(type(gc.mem_free()), type(gc.mem_alloc()), gc.mem_free() > 0, gc.mem_alloc() > 0)
for f, a in ((gc.collect, (1,)), (gc.threshold, (1, 2)), (gc.threshold, ('x',)), (gc.enable, (True,))):
    try:
        f(*a)
    except Exception as e:
        print(type(e).__name__, e)

print(type(platform.platform()), type(platform.python_compiler()))
lv = platform.libc_ver()
print(type(lv), len(lv), platform.platform(1, 2) == platform.platform())
try:
    platform.python_compiler(1)
except TypeError as e:
    print(e)
