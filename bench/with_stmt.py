import sys

class Counter:
    def __init__(self):
        self.enters = 0
        self.exits = 0
        self.suppressed = 0

    def __enter__(self):
        self.enters += 1
        return self

    def __exit__(self, exc_type, exc, tb):
        self.exits += 1
        if exc_type is KeyError:
            self.suppressed += 1
            return True
        return False

def run(n):
    c = Counter()
    total = 0
    for i in range(n):
        with c as cm:
            total += cm.enters & 3
        with c:
            if i % 4 == 0:
                raise KeyError(i)
    return total, c.enters, c.exits, c.suppressed

n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
print("with_stmt", n, run(n))
