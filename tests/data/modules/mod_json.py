# json: dumps/dump in MicroPython's PRINT_JSON form, separators, the lenient loads/load parser, errors.
# .exp made with: cd tests/data/modules && micropython mod_json.py > mod_json.exp 2>&1
import json, collections, array
class A:
    def __repr__(self): return 'AREPR'
    def __str__(self): return 'ASTR'
for v in [b'ab"c', bytearray(b'x'), 1.5, 1e100, 1/3, float('inf'), float('nan'), -0.0, 2**70, A(), {b'k': 1}, {1: 2, 2.5: 3, None: 4, (1,2): 5}, 'a\x01\x7f\u00e9\u1234\U0001f600"\\/\n\t\r\b\f', (1, [2, (3,)]), collections.OrderedDict([(1, 2)]), array.array('i', [1, 2]), set([1]), range(3), 1+2j, True, None, {'a': {'b': []}}, [], {}, ()]:
    try:
        print(json.dumps(v))
    except Exception as e:
        print('ERR', type(e).__name__, e)
print(json.dumps([1, {'a': 2}], separators=(';', '=')))
for bad in [None, (1,), (1, 2, 3), 'ab', (1, 2), [b'a', 'b']]:
    try:
        print(json.dumps([1, {'a': 2}], separators=bad))
    except Exception as e:
        print('ERR', type(e).__name__, e)
try: json.dumps(1, (',', ':'))
except Exception as e: print('ERR', type(e).__name__, e)
try: json.dumps(1, foo=2)
except Exception as e: print('ERR', type(e).__name__, e)
try: json.dumps()
except Exception as e: print('ERR', type(e).__name__, e)
for s in [b'"\xff"', '"\\ud83d"', '"\\u00e9\\u0041\\uzzzz"', '1.5e', '1e5', '1.', '-', '1-2', '--1', '0x10', '1.2.3', '12345678901234567890123', '-0', '-0.0', '1E+2', '.5', '[1,,2]', '{"a" 1}', '{"a"}', '{1:2}', '[1 2 3]', '{"a":1,"b"}', '[]]', '[[]', ' [1] \x0b', '[1]\x00', 'nul', 'truex', '"abc', '"\\', '{[1]:2}', '{"a":[1]}', '[{"a":{}}]', '"\\"\\/\\b\\f\\n\\r\\t\\q"', '', '   ', '1 2', '"a" "b"', '[1,2,]', '{,}', '::1', '\t\n\r 5']:
    try:
        print(repr(s), repr(json.loads(s)))
    except Exception as e:
        print(repr(s), 'ERR', type(e).__name__, e)
for s in [5, None, [1], bytearray(b'[1]')]:
    try:
        print(repr(s), repr(json.loads(s)))
    except Exception as e:
        print(repr(s), 'ERR', type(e).__name__, e)
import io
print(json.load(io.StringIO('{"x": [1, 2.5, null]}')))
print(json.load(io.BytesIO(b'[true, false]')))
try: json.load(5)
except Exception as e: print('ERR', type(e).__name__, e)
try: json.load('abc')
except Exception as e: print('ERR', type(e).__name__, e)
s = io.StringIO('[1] [2]')
try: json.load(s)
except Exception as e: print('ERR', type(e).__name__, e)
import io
class W(io.IOBase):
    def __init__(self):
        self.parts = []
    def write(self, b):
        self.parts.append(type(b).__name__)
        self.parts.append(bytes(b))
        return len(b)
w = W()
json.dump({"a": [1, None]}, w, separators=(",", ":"))
print(w.parts)
s = io.StringIO()
json.dump([1, "x"], s)
json.dump({}, s)
print(s.getvalue())
b = io.BytesIO()
json.dump("\u20ac", b)
print(b.getvalue())
for args in ((1,), (1, 2), (1, s, 3)):
    try:
        json.dump(*args)
    except Exception as e:
        print('ERR', type(e).__name__, e)
class Rd(io.IOBase):
    def __init__(self, data):
        self.data = data
    def readinto(self, buf):
        if not self.data:
            return 0
        buf[0] = self.data[0]
        self.data = self.data[1:]
        return 1
print(json.load(Rd(b'{"k": [1, 2]}')))
print(json.loads('{"nested": {"deep": [[[]]]}, "n": -12.5e-3}'))
print(json.loads(json.dumps({"round": [1, 2.5, "trip", None, True]})))
class MyList(list):
    pass
class MyDict(dict):
    def __repr__(self):
        return "MYDICT"
print(json.dumps([MyList([1, 2]), MyDict(a=1), ValueError("bad", 2)]))
import ujson
print(ujson.dumps([1]))
import io, json
class W(io.IOBase):
    def __init__(self):
        self.parts = []
    def write(self, b):
        self.parts.append(bytes(b))
        return len(b)
for v in ['a"\x01\né', 123, -5, 2**70, 1.5, float('nan'), None, True, (1,), {1: 2}, {b'k': 0.5}]:
    w = W()
    json.dump(v, w)
    print(w.parts)
