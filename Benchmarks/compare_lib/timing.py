"""Timing helpers: one query at a time under a count and a time budget, and N concurrent clients."""
import os
import subprocess
import threading
import time


def run_sequential(run, params, budget_s, warmup=3):
    """Runs `run(p)` for each parameter, one at a time, until all are done or `budget_s` has passed.
    Returns ({param: answer}, [latency ms of the answered ones]); a query that raises is kept as
    {"error": message} and the run goes on. The warm-up runs are on the first parameters, untimed."""
    for p in params[:warmup]:
        try:
            run(p)
        except Exception:  # noqa: BLE001 - the timed run records it
            pass
    answers, latencies = {}, []
    deadline = time.perf_counter() + budget_s
    for p in params:
        key = p if isinstance(p, (str, int)) else len(answers)
        t = time.perf_counter()
        try:
            answers[key] = run(p)
            latencies.append((time.perf_counter() - t) * 1000)
        except Exception as e:  # noqa: BLE001 - reported next to the timing
            answers[key] = {"error": f"{type(e).__name__}: {e}"[:300]}
        if time.perf_counter() > deadline:
            break
    return answers, latencies


def failures(answers):
    """(how many answers are errors, the first message)."""
    errors = [a["error"] for a in answers.values() if isinstance(a, dict)]
    return len(errors), (errors[0] if errors else None)


def run_concurrent(make_runner, params, clients, budget_s):
    """`clients` threads, each with its own runner from `make_runner()` (its own connection), taking
    parameters round-robin until `budget_s` passes. Returns queries per second over the wall time."""
    runners = [make_runner() for _ in range(clients)]
    done = [0] * clients
    errors = []
    stop = time.perf_counter() + budget_s

    def work(i):
        run, j = runners[i], i
        try:
            while time.perf_counter() < stop:
                run(params[j % len(params)])
                j += clients
                done[i] += 1
        except Exception as e:  # noqa: BLE001 - reported in the results
            errors.append(f"{type(e).__name__}: {e}")

    threads = [threading.Thread(target=work, args=(i,)) for i in range(clients)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - start
    return {"qps": sum(done) / wall, "queries": sum(done), "errors": errors[:3]}


def percentile(values, p):
    if not values:
        return None
    s = sorted(values)
    return s[min(len(s) - 1, int(p * len(s)))]


def rss_mb(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS"):
                    return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def tree_rss_mb(pid):
    """Resident memory of a process and its children (PostgreSQL's backends)."""
    import psutil
    try:
        proc = psutil.Process(pid)
        return sum(p.memory_info().rss for p in [proc] + proc.children(recursive=True)) / 2**20
    except psutil.Error:
        return None


def dir_mb(path):
    if not path or not os.path.exists(path):
        return None
    out = subprocess.run(["du", "-sk", path], capture_output=True, text=True).stdout.split()
    return int(out[0]) / 1024 if out else None
