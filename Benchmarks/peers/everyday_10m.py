"""Times two everyday statements over Neo4j's HTTP transaction API (POST /db/neo4j/tx/commit), one keep-alive
connection, the way Neo4j tools send them: Neo4j Browser's default query and a range filter on a property.

usage: everyday_10m.py HTTP_BASE_URL LABEL [--index] [--warmup 3] [--runs 20] [--server-pid PID]

For each statement: the first run on the fresh server (cold), then WARMUP untimed runs and RUNS timed ones;
a statement whose cold run takes more than 3 s gets 1 warm-up and 5 timed runs instead (the row says so).
A refused statement (an error in the answer) is run 3 more times to time the refusal, and reported with
its code. A time is from sending the request to the last byte of the answer; rows are counted afterwards.
With --index, the range index is created first (and its creation timed); without it, an index left by an
earlier --index run (product_price) is dropped first, so the row measures the plan without the index.
Afterwards the range statement's EXPLAIN plan (POST /db/neo4j/cypher) gives its first operator line.
Prints one Markdown table row per statement. Timings taken while the machine does other work (a Swift build
or test run) are worthless on a small machine: each series starts once no Swift build runs and the other
processes use under 0.15 cores (polled every 30 s; between series the server's own background work, such as
the recommender's first model build after a start, counts as other work too). A series during which the other
processes used more (from /proc: the machine's busy time minus the server's and this script's) is discarded
and repeated, up to 10 times; the row says so and gives that figure. A cold run on a busy machine is marked,
as it cannot be repeated without restarting the server.
"""
import argparse
import http.client
import json
import os
import subprocess
import sys
import time
from urllib.parse import urlparse

BROWSER = "MATCH p=()-->() RETURN p LIMIT 25"
RANGE = "MATCH (p:Product) WHERE p.unitPrice > 100 RETURN p"
CREATE_INDEX = "CREATE INDEX product_price IF NOT EXISTS FOR (p:Product) ON (p.unitPrice)"
DROP_INDEX = "DROP INDEX product_price IF EXISTS"
SLOW_SECONDS = 3.0
MAX_ATTEMPTS = 10
QUIET_CORES = 0.15  # CPU used by other processes, in cores, below which the machine counts as quiet

parser = argparse.ArgumentParser()
parser.add_argument("base")
parser.add_argument("label")
parser.add_argument("--index", action="store_true")
parser.add_argument("--warmup", type=int, default=3)
parser.add_argument("--runs", type=int, default=20)
parser.add_argument("--server-pid", type=int, default=0)
args = parser.parse_args()
url = urlparse(args.base)
conn = http.client.HTTPConnection(url.hostname, url.port, timeout=600)


def build_running():
    return subprocess.run(["pgrep", "-x", "swift-(build|frontend|test|run)"], capture_output=True).returncode == 0


HZ = os.sysconf("SC_CLK_TCK")


def cpu_jiffies(pids):
    """Busy jiffies of the whole machine, and of the processes pids and their waited-for children."""
    with open("/proc/stat") as f:
        fields = [int(x) for x in f.readline().split()[1:]]
    machine = fields[0] + fields[1] + fields[2]  # user, nice, system: not interrupts (loopback traffic), not steal
    own = 0
    for pid in pids:
        if pid:
            with open(f"/proc/{pid}/stat") as f:
                stat = f.read().rsplit(")", 1)[1].split()
            # utime and stime, plus cutime and cstime: the pgrep children this script waited for
            own += sum(int(x) for x in stat[11:15])
    return machine, own


class OtherLoad:
    """Cores' worth of CPU that other processes used since it was made: other than this script and, while
    statements run, the server (between them, the server's own background work counts too)."""

    def __init__(self, server_busy=True):
        self.pids = (os.getpid(), args.server_pid) if server_busy and args.server_pid else (os.getpid(),)
        self.start = time.monotonic()
        self.machine, self.own = cpu_jiffies(self.pids)

    def cores(self):
        """0 when the others' time is within two clock ticks (a short window cannot tell more)."""
        machine, own = cpu_jiffies(self.pids)
        elapsed = max(time.monotonic() - self.start, 1e-3)
        other = max((machine - self.machine) - (own - self.own), 0)
        return 0.0 if other <= 2 else other / HZ / elapsed


def post(path, payload):
    """Returns (seconds, status, parsed body)."""
    body = json.dumps(payload)
    for attempt in (1, 2):
        try:
            start = time.perf_counter()
            conn.request("POST", path, body, {"Content-Type": "application/json", "Accept": "application/json"})
            response = conn.getresponse()
            raw = response.read()
            seconds = time.perf_counter() - start
            break
        except (BrokenPipeError, ConnectionResetError, http.client.RemoteDisconnected):
            conn.close()  # an idle connection the server closed: once more on a new one
            if attempt == 2:
                raise
    try:
        return seconds, response.status, json.loads(raw)
    except ValueError:
        message = raw[:200].decode(errors="replace")
        return seconds, response.status, {"errors": [{"code": f"HTTP {response.status}", "message": message}]}


def tx(statement):
    """Returns (milliseconds, rows or None, error or None)."""
    seconds, status, out = post("/db/neo4j/tx/commit", {"statements": [{"statement": statement}]})
    errors = out.get("errors") or []
    if errors or status >= 400:
        e = errors[0] if errors else {"code": f"HTTP {status}", "message": ""}
        return seconds * 1000, None, f"{e.get('code')}: {e.get('message', '')[:160]}"
    return seconds * 1000, len(out["results"][0]["data"]), None


def quantile(sorted_values, q):
    """Linear interpolation between closest ranks (numpy's default)."""
    pos = (len(sorted_values) - 1) * q
    low = int(pos)
    high = min(low + 1, len(sorted_values) - 1)
    return sorted_values[low] + (sorted_values[high] - sorted_values[low]) * (pos - low)


def wait_for_quiet():
    """Waits (polling every 30 s) until no Swift build runs and the other processes and the server's background
    work (the recommender's first model build) use under QUIET_CORES."""
    waited = False
    while True:
        load = OtherLoad(server_busy=False)
        time.sleep(2)
        busy = load.cores()
        if not build_running() and busy < QUIET_CORES:
            break
        if not waited:
            print(f"{time.strftime('%T')} the machine is busy (a Swift build, or {busy:.2f} cores used by other "
                  "processes): waiting", file=sys.stderr)
        waited = True
        time.sleep(30)
    if waited:
        conn.close()  # the server closes idle connections (serve --idle-timeout); the next request reconnects
    return waited


def measure(statement):
    wait_for_quiet()
    load = OtherLoad()
    cold, rows, error = tx(statement)
    cold_busy = load.cores()
    cold_noisy = build_running() or cold_busy >= QUIET_CORES
    if error:
        wait_for_quiet()
        load = OtherLoad()
        times = sorted(tx(statement)[0] for _ in range(3))
        busy = load.cores()
        note = f"refused; 3 more runs time the refusal; other processes {busy:.2f} cores"
        if cold_noisy:
            note += f"; NOISY cold run (other processes used {cold_busy:.2f} cores)"
        return {"rows": None, "cold": cold, "times": times, "error": error, "note": note,
                "noisy": build_running() or busy >= QUIET_CORES}
    warmup, runs, note = args.warmup, args.runs, f"{args.warmup} warm-up, {args.runs} timed"
    if cold > SLOW_SECONDS * 1000:
        warmup, runs, note = 1, 5, f"cold run over {SLOW_SECONDS:.0f} s: 1 warm-up, 5 timed"
    if cold_noisy:
        note += f"; NOISY cold run (other processes used {cold_busy:.2f} cores)"
    for attempt in range(1, MAX_ATTEMPTS + 1):
        wait_for_quiet()
        for _ in range(warmup):
            tx(statement)
        load = OtherLoad()
        times, counts = [], set()
        for _ in range(runs):
            ms, n, err = tx(statement)
            if err:
                return {"rows": rows, "cold": cold, "times": [ms], "error": err, "note": "refused on a later run",
                        "noisy": False}
            times.append(ms)
            counts.add(n)
            if build_running():
                break
        busy = load.cores()
        noisy = len(times) < runs or busy >= QUIET_CORES
        if not noisy:
            break
        print(f"{time.strftime('%T')} other processes used {busy:.2f} cores during the timed runs (or a Swift build "
              "started): series discarded", file=sys.stderr)
    if attempt > 1:
        note += f"; series {attempt} (the earlier ones discarded: the machine was busy)"
    note += f"; other processes {busy:.2f} cores"
    if counts != {rows}:
        note += f"; row counts differ between runs: {sorted(counts | {rows})}"
    return {"rows": rows, "cold": cold, "times": sorted(times), "error": None, "note": note, "noisy": noisy}


def plan_line(statement):
    _, status, out = post("/db/neo4j/cypher", {"query": "EXPLAIN " + statement, "parameters": {}})
    plan = out.get("plan") or []
    if status >= 400 or not plan:
        return f"(no plan: HTTP {status} {json.dumps(out)[:120]})"
    # The first line naming an operator that produces the Product rows (a scan or a seek).
    for line in plan:
        if "Scan" in line or "Seek" in line:
            return line.strip()
    return plan[0].strip()


index_note = "no index"
if args.index:
    ms, _, error = tx(CREATE_INDEX)
    index_note = f"range index (CREATE INDEX: {ms:,.0f} ms)" if not error else f"CREATE INDEX refused: {error}"
else:
    ms, _, error = tx(DROP_INDEX)
    if error and "product_price" in error:
        index_note = f"no index (DROP INDEX refused: {error})"

results = [(BROWSER, measure(BROWSER)), (RANGE, measure(RANGE))]
plan = plan_line(RANGE)

print(f"| binary | index | statement | rows | cold ms | p50 ms | p99 ms | min ms | runs |")
print("|---|---|---|---|---|---|---|---|---|")
for statement, r in results:
    t = r["times"]
    runs = r["note"] + (" — NOISY: the machine was busy" if r["noisy"] else "")
    if r["error"]:
        rows = f"refused ({r['error']})"
    else:
        rows = f"{r['rows']:,}"
    print(f"| {args.label} | {index_note} | `{statement}` | {rows} | {r['cold']:,.1f} | {quantile(t, 0.5):,.1f} | "
          f"{quantile(t, 0.99):,.1f} | {t[0]:,.1f} | {runs} |")
print(f"\nEXPLAIN `{RANGE}`: {plan}")
