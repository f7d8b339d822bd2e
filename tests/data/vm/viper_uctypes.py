# viper pointers and uctypes share one address space: addresses from either side reach the same bytes.
# .exp made with: cd tests/data/vm && micropython viper_uctypes.py > viper_uctypes.exp 2>&1
import uctypes
@micropython.viper
def addr(b) -> ptr:
    return ptr(b)
@micropython.viper
def poke(p: ptr8, i: int, v: int):
    p[i] = v
@micropython.viper
def peek32(p: ptr32) -> uint:
    return uint(p[0])
b = bytearray(8)
print(addr(b) == uctypes.addressof(b))
poke(uctypes.addressof(b), 2, 0x41)
print(b)
v = uctypes.bytearray_at(addr(b), 4)
v[0] = 0x10
print(hex(peek32(b)), b)
s = uctypes.struct(addr(b), {"x": uctypes.UINT16 | 0})
s.x = 0xBEEF
print(b, hex(peek32(addr(b))))
