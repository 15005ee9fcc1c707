"""Peak server memory while the Neo4j Python driver streams a large result over Bolt.

usage: bolt_stream_memory.py HOST:PORT SERVER_PID QUERY [EXPECTED_ROWS]

Resets the server's peak resident set (writing 5 to /proc/PID/clear_refs), reads every record of QUERY
with the driver's default fetch size (1,000), and prints the rows, the time, the time to the first record,
and the server's resident memory before and at its peak (VmHWM) during the read.
"""
import sys
import time

from neo4j import GraphDatabase, Query

address, pid, query = sys.argv[1], sys.argv[2], sys.argv[3]
expected = int(sys.argv[4]) if len(sys.argv) > 4 else None


def memory_mb():
    fields = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if ":" in line:
                k, v = line.split(":", 1)
                fields[k] = v
    return int(fields["VmRSS"].split()[0]) // 1024, int(fields["VmHWM"].split()[0]) // 1024


with GraphDatabase.driver(f"bolt://{address}", auth=("neo4j", "x")) as driver:
    driver.verify_connectivity()
    with open(f"/proc/{pid}/clear_refs", "w") as f:
        f.write("5")
    before, _ = memory_mb()
    start = time.perf_counter()
    first = None
    n = 0
    with driver.session(fetch_size=1000) as s:
        for _ in s.run(Query(query, timeout=600)):  # tx_timeout: a debug build needs more than the 30 s default
            if first is None:
                first = time.perf_counter() - start
            n += 1
    took = time.perf_counter() - start
    _, peak = memory_mb()
if expected is not None and n != expected:
    print(f"FAIL expected {expected} rows, got {n}")
    sys.exit(1)
print(f"{n:,} rows in {took:.1f} s ({n / took:,.0f} rows/s), first record after {first:.2f} s; "
      f"server RSS {before} MB before, peak {peak} MB (+{peak - before} MB)  [{query}]")
