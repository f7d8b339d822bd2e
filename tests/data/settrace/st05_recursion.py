# settrace: mutual recursion, frame.f_back chains and depth, recursion error under a tracer
import sys
def tracer(frame, event, arg):
    if event == "call":
        depth = 0
        f = frame
        while f is not None:
            depth += 1
            f = f.f_back
        print("call", frame.f_code.co_name, "depth", depth, "back line", frame.f_back.f_lineno)
    elif event == "return":
        print("return", frame.f_code.co_name, frame.f_lineno)
    return tracer
def is_even(n):
    if n == 0:
        return True
    return is_odd(n - 1)
def is_odd(n):
    if n == 0:
        return False
    return is_even(n - 1)
def hanoi(n, a, b, c, moves):
    if n:
        hanoi(n - 1, a, c, b, moves)
        moves.append((a, c))
        hanoi(n - 1, b, a, c, moves)
    return len(moves)
sys.settrace(tracer)
print(is_even(3))
print(hanoi(2, "A", "B", "C", []))
sys.settrace(None)
