"""The check runner shared by the peer check scripts: one line per check, a closing summary, exit status 1
when any check failed."""
import sys

failures = []


def check(name, fn):
    try:
        detail = fn()
        print(f"ok   {name}" + (f": {detail}" if detail else ""))
    except Exception as e:  # noqa: BLE001 - report every failure and go on
        failures.append(name)
        print(f"FAIL {name}: {type(e).__name__}: {e}")


def expect(cond, what):
    if not cond:
        raise AssertionError(what)


def finish():
    print(f"{'all checks passed' if not failures else str(len(failures)) + ' failed: ' + ', '.join(failures)}")
    sys.exit(1 if failures else 0)
