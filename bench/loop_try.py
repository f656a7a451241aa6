import sys

def run(n):
    total = 0
    for i in range(n):
        try:
            total += i & 7
            total += i >> 4
        except ValueError:
            total = -1
    return total

n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000_000
print("loop_try", n, run(n))
