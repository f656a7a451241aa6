import sys

class Miss(Exception):
    pass

def check(i):
    if i % 3 == 0:
        raise Miss(i)
    return i

def run(n):
    caught = 0
    total = 0
    for i in range(n):
        try:
            total += check(i)
        except Miss as e:
            caught += 1
            total += e.args[0] & 1
        try:
            raise KeyError(i)
        except KeyError:
            caught += 1
    return caught, total

n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
print("raise_catch", n, run(n))
