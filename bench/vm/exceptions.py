# Raising and catching exceptions, try/finally, with.
class Ctx:
    def __init__(self):
        self.n = 0

    def __enter__(self):
        self.n += 1
        return self

    def __exit__(self, *a):
        return False


def risky(i):
    if i % 3 == 0:
        raise ValueError(i)
    return i


def run(n):
    ok = bad = 0
    ctx = Ctx()
    for i in range(n):
        with ctx:
            try:
                ok += risky(i)
            except ValueError:
                bad += 1
            finally:
                ok += 1
    return ok, bad, ctx.n


print(run(60000))
