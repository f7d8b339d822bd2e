# re: re1.5 syntax and semantics (bytes-level matching, literal braces, escapes), match/search with
# pos/endpos, sub with group references and callables, split, errors and their messages.
# .exp made with: cd tests/data/modules && micropython mod_re.py > mod_re.exp 2>&1
import re


def t(f, *a):
    try:
        r = f(*a)
        if r is not None and type(r).__name__ == "match":
            r = [r.group(i) for i in range(int(str(r)[11:-1]))]
        print(a, r)
    except Exception as e:
        print(a, type(e).__name__, e.args)


for p in ["a\\", "(a", "a)", "*a", "a**", "[a", "[]a]", "(?:a)", "(?P<n>a)", "a{2}", "[a-]", "[\\d-z]", "a|*", "", "()",
          "|", "a??", "a+?b", "[" + "a" * 130 + "]", "(" * 40 + ")" * 40, "x" * 200 + "|y", "(" + "a" * 120 + ")*"]:
    try:
        re.compile(p)
        print(repr(p[:20]), "ok")
    except Exception as e:
        print(repr(p[:20]), type(e).__name__, e)
m = re.match
s = re.search
t(m, "a{2}", "a{2}")
t(m, "a{2}", "aa")
t(m, "\\n", "n")
t(m, "\\.", ".x")
t(m, "[]a]+", "]a]b")
t(m, "[a-]+", "a-a-b")
t(m, "[\\d-z]+", "5-zq")
t(m, "[^a-c]+", "xyzabc")
t(m, "\\d+\\s*\\w+", "123  abc_9!")
t(m, "\\D\\S\\W", "a b")
t(m, "[\\s\\d]+", " 1 2x")
t(m, "(a|b)*c", "ababc")
t(m, "(a*)(b*)", "aabbb")
t(m, "(a)|(b)", "b")
t(m, "a+?", "aaa")
t(m, "a*?b", "aaab")
t(m, "a??a", "a")
t(m, "(?:ab)+", "ababx")
t(m, ".", "\u00e9")
t(m, "..", "\u00e9")
t(m, "^a", "a")
t(s, "^b", "ab")
t(s, "b$", "ab")
t(s, "a$", "ab")
t(s, "", "abc")
t(s, "x*", "abc")
t(m, b"a(b)", b"abc")
t(m, "a(b)", b"abc")
t(m, b"a(b)", "abc")
t(s, "[0-9]+", "abc 123 def")
r = re.compile("([a-z]+)([0-9]*)")
print(r.match("abc123"), re.match("a", "a"))
t(r.match, "xx abc12", 3)
t(r.match, "xx abc12", 3, 5)
t(r.search, "xx abc12", -5, 100)
t(r.search, "xx abc12", 2, 1)
t(re.compile("^a").search, "ba", 1)
t(re.compile("b$").search, "bbb", 0, 2)
mo = r.match("abc123")
print(mo.group(0), mo.group(1), mo.group(2))
t(mo.group, 3)
t(mo.group, -1)
t(mo.group)
t(mo.group, "1")
print(re.sub("a", "b", "banana"), re.sub("a", "b", "banana", 2), re.sub("x", "y", "banana"))
print(re.sub("(a)(n)", "\\2\\1", "banana"), re.sub("(a)", "\\g<1>\\g<1>", "banana"), re.sub("(a)", "[\\0]", "ba"))
print(re.sub("a", "\\\\", "bab"), re.sub("a", "\\n", "bab"), re.sub("a", "x\\", "bab"))
print(re.sub("(b)|(c)", "[\\1\\2]", "abcd"), re.sub("a", lambda m: m.group(0).upper() * 2, "banana"))
print(re.sub(b"a", b"o", b"banana"), re.sub("a*", "-", "baaac"), re.sub("", "-", "abc"))
t(re.sub, "(a)", "\\2", "a")
t(re.sub, "a", 5, "a")
try:
    re.sub("a", lambda m: 5, "a")
except TypeError as e:
    print("callable", e)
t(re.sub, "a", "b")
r = re.compile("[,;] *")
print(r.split("a, b;c,  d"), r.split("a, b;c,  d", 1), r.split(""), r.split("abc"))
print(re.compile("x*").split("abc"), re.compile(b",").split(b"1,2,3"))
t(re.compile("(,)").split, "a,b")
t(re.compile("(,)").split, "ab")
t(m, 5, "a")
t(m, "a", 5)
t(m, "a")
t(re.compile, "a", 0, 1)
t(m, "(a*)*", "aaa")
t(m, ".*", "a" * 900)
t(m, ".*", "a" * 2000)
print(hasattr(re, "split"), hasattr(re, "DEBUG"), hasattr(mo, "groups"), hasattr(mo, "span"))
import ure
print(ure.match("a", "a").group(0))
