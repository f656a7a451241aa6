import sys

def leave_by_return(i, log):
    try:
        return i * 2
    finally:
        log[0] += 1

def leave_by_raise(i, log):
    try:
        if i & 1:
            raise ValueError(i)
        return i
    finally:
        log[1] += 1

def run(n):
    log = [0, 0]
    total = 0
    for i in range(n):
        total += leave_by_return(i, log)
        try:
            total += leave_by_raise(i, log)
        except ValueError:
            total -= 1
    return total, log

n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
print("try_finally", n, run(n))
