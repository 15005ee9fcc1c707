"""Small-query round trips: the Neo4j Python driver over Bolt against Neo4j's HTTP transaction API, same run.

usage: bolt_vs_http.py BOLT_HOST:PORT HTTP_BASE_URL [ROUNDS] [CUSTOMERS]

On a generated graph (customers `C0`...): `RETURN 1`, a lookup by unique key
(`MATCH (c:Customer {id: $id}) RETURN c.country, c.age`) and a top-10 recommendation
(`CALL rec.forCustomer($id, 10)`), each for the same random customers over both protocols, after the
recommender's model is ready (GET /db/neo4j/recommender answers 200). HTTP uses one keep-alive connection
(http.client) and POST /db/neo4j/tx/commit; Bolt uses one session. Prints rate and p50/p99 latency.
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
customers = int(sys.argv[4]) if len(sys.argv) > 4 else 20000
url = urlparse(http_base)
conn = http.client.HTTPConnection(url.hostname, url.port)


def http_query(query, params):
    body = json.dumps({"statements": [{"statement": query, "parameters": params}]})
    conn.request("POST", "/db/neo4j/tx/commit", body, {"Content-Type": "application/json", "Accept": "application/json"})
    out = json.loads(conn.getresponse().read())
    if out.get("errors"):
        raise RuntimeError(out["errors"])
    return out["results"][0]["data"]


def model_ready(timeout=600):
    start = time.time()
    while time.time() - start < timeout:
        conn.request("GET", "/db/neo4j/recommender")
        response = conn.getresponse()
        response.read()
        if response.status == 200:
            return time.time() - start
        time.sleep(1)
    raise RuntimeError("the recommender's model was not ready in time")


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


random.seed(7)
ids = [f"C{random.randrange(customers)}" for _ in range(rounds + 1)]
lookup = "MATCH (c:Customer {id: $id}) RETURN c.country AS country, c.age AS age"
recommend = "CALL rec.forCustomer($id, 10) YIELD product, score RETURN product.id AS product, score"
driver = GraphDatabase.driver(f"bolt://{bolt_address}", auth=("neo4j", "x"))
with driver.session() as s:
    s.run(recommend, id=ids[0]).consume()  # starts the model build
    waited = model_ready()
    print(f"recommender model ready after {waited:.0f} s")
    ten = s.run(recommend, id=ids[1]).data()
    over_http = http_query(recommend, {"id": ids[1]})
    if len(ten) != 10 or [r["product"] for r in ten] != [r["row"][0] for r in over_http]:
        raise RuntimeError(f"Bolt and HTTP disagree: {ten} {over_http}")

    def single(query, **params):
        def run(i):
            record = s.run(query, **{k: v(i) for k, v in params.items()}).single()
            if record is None:
                raise RuntimeError(f"no row for {query}")
        return run

    def ten_rows(fetch):
        def run(i):
            got = fetch(i)
            if len(got) != 10:
                raise RuntimeError(f"{len(got)} recommendations for {ids[i]}")
        return run

    cases = [
        ("RETURN 1", "bolt", single("RETURN 1 AS x")),
        ("RETURN 1", "http", lambda i: http_query("RETURN 1 AS x", {})),
        ("lookup by unique key", "bolt", single(lookup, id=lambda i: ids[i])),
        ("lookup by unique key", "http", lambda i: http_query(lookup, {"id": ids[i]})),
        ("rec.forCustomer top 10", "bolt", ten_rows(lambda i: s.run(recommend, id=ids[i]).data())),
        ("rec.forCustomer top 10", "http", ten_rows(lambda i: http_query(recommend, {"id": ids[i]}))),
    ]
    print(f"{rounds} round trips each, one client, sequential; {customers:,} customers")
    print(f"{'query':24} {'protocol':8} {'per s':>8} {'p50 ms':>8} {'p99 ms':>8}")
    for name, proto, fn in cases:
        rate, p50, p99 = measure(fn)
        print(f"{name:24} {proto:8} {rate:8.0f} {p50:8.3f} {p99:8.3f}")
driver.close()
