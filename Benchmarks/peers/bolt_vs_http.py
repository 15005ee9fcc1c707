"""Small-query round trips: the Neo4j Python driver over Bolt against Neo4j's HTTP transaction API, same run.

usage: bolt_vs_http.py BOLT_HOST:PORT HTTP_BASE_URL [ROUNDS]

Queries: `RETURN 1`, and a lookup by unique key (`MATCH (c:BenchCustomer {id: $id}) RETURN c.name`) over
1,000 nodes created first. HTTP uses one keep-alive connection (http.client) and
POST /db/neo4j/tx/commit; Bolt uses one session. Prints rate and p50/p99 latency per query and protocol.
"""
import http.client
import json
import random
import statistics
import sys
import time
from urllib.parse import urlparse

from neo4j import GraphDatabase

bolt_address, http_base = sys.argv[1], sys.argv[2]
rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 2000
url = urlparse(http_base)
conn = http.client.HTTPConnection(url.hostname, url.port)


def http_query(query, params):
    body = json.dumps({"statements": [{"statement": query, "parameters": params}]})
    conn.request("POST", "/db/neo4j/tx/commit", body, {"Content-Type": "application/json", "Accept": "application/json"})
    out = json.loads(conn.getresponse().read())
    if out.get("errors"):
        raise RuntimeError(out["errors"])
    return out["results"][0]["data"]


def measure(fn):
    fn(0)  # warm up
    lat = []
    start = time.perf_counter()
    for i in range(rounds):
        t = time.perf_counter()
        fn(i)
        lat.append(time.perf_counter() - t)
    total = time.perf_counter() - start
    lat.sort()
    return rounds / total, statistics.median(lat) * 1e3, lat[int(len(lat) * 0.99) - 1] * 1e3


driver = GraphDatabase.driver(f"bolt://{bolt_address}", auth=("neo4j", "x"))
with driver.session() as s:
    s.run("CREATE CONSTRAINT IF NOT EXISTS FOR (c:BenchCustomer) REQUIRE c.id IS UNIQUE").consume()
    s.run("UNWIND range(0, 999) AS i MERGE (c:BenchCustomer {id: 'c' + toString(i)}) SET c.name = 'n' + toString(i)").consume()
    ids = [f"c{random.randrange(1000)}" for _ in range(rounds + 1)]
    lookup = "MATCH (c:BenchCustomer {id: $id}) RETURN c.name AS name"
    cases = [
        ("RETURN 1", "bolt", lambda i: s.run("RETURN 1 AS x").single()),
        ("RETURN 1", "http", lambda i: http_query("RETURN 1 AS x", {})),
        ("lookup by unique key", "bolt", lambda i: s.run(lookup, id=ids[i]).single()),
        ("lookup by unique key", "http", lambda i: http_query(lookup, {"id": ids[i]})),
    ]
    print(f"{rounds} round trips each, one client, sequential")
    print(f"{'query':24} {'protocol':8} {'per s':>8} {'p50 ms':>8} {'p99 ms':>8}")
    for name, proto, fn in cases:
        rate, p50, p99 = measure(fn)
        print(f"{name:24} {proto:8} {rate:8.0f} {p50:8.3f} {p99:8.3f}")
driver.close()
