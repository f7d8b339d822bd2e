# A synthetic "systems programming" mix in the spirit of Dhrystone/pystone: records linked through
# pointers, global counters, enum-like ints, small procedures, string comparisons and fixed-size
# arrays (written for mpyts; not the classic pystone source).
RED, GREEN, BLUE, WHITE, BLACK = range(5)


class Rec:
    def __init__(self, link=None, kind=0, colour=RED, num=0, text=""):
        self.link = link
        self.kind = kind
        self.colour = colour
        self.num = num
        self.text = text

    def clone(self):
        return Rec(self.link, self.kind, self.colour, self.num, self.text)


glob_rec = None
glob_int = 0
glob_bool = False
glob_ch1 = "A"
glob_ch2 = "A"
table1 = [0] * 51
table2 = [[0] * 51 for _ in range(51)]


def shade(c):
    if c == RED:
        return GREEN
    if c == GREEN:
        return BLUE
    if c == BLUE:
        return WHITE
    return RED


def proc_a(r):
    nxt = r.link
    nxt.num = r.num
    r.link = glob_rec.link
    r.num = 5
    nxt.num = r.num
    nxt.link = r.link
    if nxt.kind == 0:
        nxt.num = 6
        nxt.colour = shade(r.colour)
        nxt.link = glob_rec.link
        nxt.num = proc_g(nxt.num, 10)
    else:
        r.text = nxt.text
    return r


def proc_b(v):
    x = v + 10
    while True:
        if glob_ch1 == "A":
            x -= 1
            v = x - glob_int
            return v


def proc_c(r):
    global glob_int
    if glob_rec is not None:
        r.link = glob_rec.link
    glob_int = proc_g(10, glob_int)
    return r


def proc_d():
    global glob_bool
    glob_bool = (glob_ch1 == "A") or glob_bool


def proc_e():
    global glob_ch1, glob_bool
    glob_ch1 = "A"
    glob_bool = False


def proc_f(a, b):
    return a + b + 2


def proc_g(a, b):
    return a + b


def fill_tables(t1, t2, a, b):
    global glob_int
    loc = a + 5
    t1[loc] = b
    t1[loc + 1] = t1[loc]
    t1[loc + 30] = loc
    for i in range(loc, loc + 2):
        t2[loc][i] = loc
    t2[loc][loc - 1] += 1
    t2[loc + 20][loc] = t1[loc]
    glob_int = 5


def cmp_chars(c1, c2):
    if c1 != c2:
        return RED
    return GREEN


def cmp_strings(s1, s2):
    i = 1
    while i <= 1:
        if cmp_chars(s1[i], s2[i + 1]) == RED:
            i += 1
    if s1 > s2:
        return True
    return False


def run(loops):
    global glob_rec, glob_ch2
    glob_rec = Rec()
    glob_rec.link = Rec()
    glob_rec.kind = 0
    glob_rec.colour = BLUE
    glob_rec.num = 40
    glob_rec.text = "SOME STRING, FIRST"
    s1 = "SOME STRING, 1'ST"
    check = 0
    for i in range(loops):
        proc_e()
        proc_d()
        a = 2
        b = 3
        s2 = "SOME STRING, 2'ND"
        colour = BLUE
        flag = not cmp_strings(s1, s2)
        while a < b:
            c = 5 * a - b
            c = proc_g(a, b) + c
            a += 1
        fill_tables(table1, table2, a, c)
        proc_c(glob_rec.clone())
        ch = "A"
        while ch <= glob_ch2:
            if colour == cmp_chars(ch, "C"):
                colour = shade(colour)
            ch = chr(ord(ch) + 1)
        b = proc_b(a * b)
        proc_a(glob_rec.clone())
        check += a + b + c + glob_int + (1 if flag else 0) + colour
    return check, table1[8], table2[8][7]


glob_ch2 = "B"
print(run(12000))
