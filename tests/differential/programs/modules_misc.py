# Differential program (own): json, struct, re, binascii, collections, heapq, math, random (seeded), array.
import json, struct, re, binascii, heapq, math, random, array
from collections import OrderedDict, deque, namedtuple
obj = {"a": [1, 2.5, True, None, "s\n\"q\""], "b": {"nested": []}, "c": "é"}
txt = json.dumps(obj)
print(txt, json.loads(txt) == obj)
print(json.dumps([1, "two", [3.0]]), json.dumps("x\ty"), json.dumps({}), json.dumps(-0.5))
print(json.loads('{"k": [1, 2, {"z": false}], "u": "\\u00e9\\n"}'), json.loads(" 42 "), json.loads("[]"))
for bad in ("{", "[1,]", "nul"):
    try:
        json.loads(bad)
    except ValueError as e:
        print("ValueError", e)
print(struct.pack("<hHiI", -2, 65535, -100000, 4000000000), struct.pack(">bBq", -1, 255, -(2 ** 40)))
print(struct.unpack("<hHiI", struct.pack("<hHiI", -2, 65535, -100000, 4000000000)), struct.calcsize("<hHiIqQbB"))
print(struct.pack("<f", 1.5), struct.unpack("<d", struct.pack("<d", -2.25)), struct.pack("3s", b"abcdef"), struct.calcsize("<3sxh"))
print(struct.unpack_from("<H", b"\x00\x01\x02", 1), struct.pack("<2h", 1, 2))
try:
    struct.pack("<h", 1, 2)
except Exception as e:
    print(type(e).__name__, e)
m = re.match(r"(\w+)-(\d+)", "item-42 rest")
print(m.group(0), m.group(1), m.group(2), m.groups(), m.start(2) if hasattr(m, "start") else "", m.end(0) if hasattr(m, "end") else "")
print(re.search(r"\d+", "abc 123 def 45").group(0), re.match(r"\d", "x") is None)
print(re.sub(r"[aeiou]", "_", "programming language"), re.sub(r"(\d)", r"<\1>", "a1b22"), re.split(r"[,;]\s*", "a, b;c,  d"))
print(re.compile(r"^([a-z]+)@([a-z]+)\.com$").match("user@host.com").groups(), re.sub("x*", "-", "abc") if False else "")
print(binascii.hexlify(b"\x00\xffab"), binascii.unhexlify(b"00ff6162"), binascii.b2a_base64(b"hello world!"), binascii.a2b_base64(b"aGk="))
print(binascii.crc32(b"The quick brown fox"), binascii.hexlify(b"abc", "-") if False else "")
od = OrderedDict()
for k in "zyxw":
    od[k] = ord(k)
od.pop("y")
od["y"] = 0
print(list(od.items()), od)
dq = deque((), 5)
for i in range(8):
    dq.append(i)
print(list(dq), dq.popleft(), dq.pop(), len(dq))
dq.appendleft(100)
print(list(dq))
P = namedtuple("P", ["x", "y"])
p = P(1, y=2)
print(p, p.x + p.y, p[0], p._replace(x=9), p._asdict() if hasattr(p, "_asdict") else "", tuple(p), P._fields)
h = []
for v in [5, 1, 8, 3, 9, 2, 7]:
    heapq.heappush(h, v)
print(h, [heapq.heappop(h) for _ in range(4)], h)
h2 = [9, 8, 7, 6, 5, 4, 3]
heapq.heapify(h2)
print(h2, heapq.heappushpop(h2, 1) if hasattr(heapq, "heappushpop") else "", heapq.heapreplace(h2, 10) if hasattr(heapq, "heapreplace") else "")
print(math.sqrt(2), math.pi, math.e, math.floor(-2.5), math.ceil(2.1), math.trunc(-2.7), math.fabs(-3))
print(math.sin(1), math.cos(1), math.tan(0.5), math.atan2(1, -1), math.exp(2), math.log(10), math.log(8, 2), math.log10(1000))
print(math.pow(2, 0.5), math.fmod(7, -3), math.modf(3.75), math.frexp(40), math.ldexp(0.625, 6), math.copysign(2, -0.0))
print(math.isnan(float("nan")), math.isinf(1e400), math.isfinite(3), math.degrees(math.pi), math.radians(180), math.hypot(3, 4) if hasattr(math, "hypot") else "")
print(math.gcd(48, 180) if hasattr(math, "gcd") else "", math.factorial(20) if hasattr(math, "factorial") else "")
try:
    math.sqrt(-1)
except ValueError as e:
    print("ValueError:", e)
random.seed(12345)
print([random.getrandbits(16) for _ in range(8)])
print([random.randrange(100) for _ in range(8)], [random.randint(-5, 5) for _ in range(8)])
print([round(random.random(), 6) for _ in range(4)], random.choice("abcdef"), round(random.uniform(1, 2), 6))
random.seed(12345)
print(random.getrandbits(16))
a = array.array("i", [1, 2, 3])
a.append(-4)
a.extend([5, 6])
print(a, len(a), a[1:3], sum(a), array.array("B", b"xyz"), array.array("f", [0.5, 1.25]), array.array("d", [2.5]))
print(array.array("b", [-1, 127]).tobytes() if hasattr(array.array, "tobytes") else bytes(array.array("b", [-1, 127])))
try:
    array.array("B", [256])
except OverflowError as e:
    print("OverflowError:", e)
