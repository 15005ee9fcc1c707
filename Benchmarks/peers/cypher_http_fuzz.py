"""Seeded mutation fuzzer for Cypher over HTTP: POSTs mutated queries (and now and then a mutated JSON body)
to a live server's /db/neo4j/cypher from several threads and counts the answers by status. A 5xx other than
a 503 with Retry-After (admission control), a dropped connection or a client timeout is a finding.

usage: cypher_http_fuzz.py BASE_URL [--requests 5000] [--threads 4] [--seed 1]
"""
import argparse
import collections
import http.client
import json
import random
import threading
import time
import urllib.parse

CORPUS = [
    "MATCH (p:Product) RETURN p.id, p.description LIMIT 5",
    "MATCH (c:Customer)-[:PURCHASED]->(p:Product) WHERE p.unitPrice > 2.5 RETURN c.id, count(p) AS n ORDER BY n DESC LIMIT 3",
    "MATCH (p:Product {id: $id}) RETURN p",
    "UNWIND range(1, 10) AS i WITH i, i * i AS sq WHERE sq % 2 = 0 RETURN collect(sq) AS squares",
    "CREATE (a:Fuzz {x: 1})-[:R {w: 2.5}]->(b:Fuzz {y: 'z'}) RETURN a, b",
    "MERGE (n:Fuzz {id: $n}) ON CREATE SET n.created = 1 ON MATCH SET n.seen = coalesce(n.seen, 0) + 1 RETURN n",
    "MATCH (n:Fuzz) DETACH DELETE n",
    "RETURN reduce(s = '', x IN ['a', 'b', 'c'] | s + x) AS s, [x IN range(0, 5) WHERE x > 2 | x ^ 2] AS l",
    "WITH {a: 1, b: [1, 2, {c: null}]} AS m RETURN m.b[2].c, keys(m), size(m.b), m['a']",
    "MATCH (a:Product)-[:FREQUENTLY_BOUGHT_WITH]->(b) RETURN a.id, b.id LIMIT 10",
    "RETURN 'abc' =~ 'a.c' AS r, 'x' STARTS WITH '' AS s, toUpper('é') AS u, substring('hello', 1, 3) AS sub",
    "MATCH (n) WHERE n:Product OR n:Customer RETURN labels(n), count(*)",
    "OPTIONAL MATCH (n:Missing) RETURN n, CASE WHEN n IS NULL THEN 'none' ELSE n.name END AS v",
    "RETURN date('2024-02-29') + duration('P1Y') AS d, datetime({year: 2020, month: 1, day: 1, timezone: 'Europe/Paris'}) AS t",
    "CALL db.labels() YIELD label RETURN label",
    "SHOW INDEXES",
    "CALL db.index.vector.queryNodes('product_embedding', 5, [0.1, 0.2]) YIELD node, score RETURN node.id, score",
    "MATCH (p:Product) WITH p LIMIT 1 CALL rec.similarProducts(p.id, 5) YIELD product RETURN product",
    "EXPLAIN MATCH (a:Customer)-[:PURCHASED]->(b) RETURN count(*)",
    "RETURN 9223372036854775807 + 1, -9223372036854775808, 1.0 / 0, 0x7FFF, 1e308 * 10, 'a\\u0041\\n'",
    "RETURN all(x IN [1, 2] WHERE x > 0), any(x IN [] WHERE true), none(x IN [null] WHERE x), single(x IN [1] WHERE x = 1)",
    "MATCH p = (a:Customer)-[:PURCHASED*1..2]-(b) RETURN length(p) LIMIT 5",
    "RETURN size(reduce(s = 'x', i IN range(1, 34) | s + s))",
    "RETURN 'aaaaaaaaaaaaaaaaaaaa!' =~ '(a+)+$'",
    "CREATE VECTOR INDEX `../fuzz` FOR (n:Fuzz) ON n.e OPTIONS {indexConfig: {`vector.dimensions`: 2}}",
    "CREATE (n:`\u0000`) RETURN n",
]
DICTIONARY = [
    "MATCH ", "RETURN ", "WITH ", "WHERE ", "UNWIND ", "CREATE ", "MERGE ", "DELETE ", "SET ", "REMOVE ", "OPTIONAL ",
    "ORDER BY ", "SKIP ", "LIMIT ", "UNION ", "CALL ", "YIELD ", "EXISTS ", "CASE ", "WHEN ", "THEN ", "ELSE ", "END",
    " AND ", " OR ", " NOT ", " IN ", " IS NULL", " =~ ", "(", ")", "[", "]", "{", "}", "-[", "]->", "<-", "-->", "*",
    "*1..", "..", ":", ",", ".", "|", "$id", "'", '"', "`", "\\", "0", "-1", "9223372036854775807", "1e309", "null",
    "range(1, 100000)", "reduce(", "size(", "collect(", "count(*)", "DISTINCT ", "//", "/*", "\n", "\u0000", "é",
    "😀", ":Product", ":Customer", "-[:PURCHASED]->", "DETACH ", "INDEX ", "DROP ",
]


def mutate(rng, corpus):
    b = bytearray(rng.choice(corpus).encode())
    for _ in range(rng.randint(1, 4)):
        op = rng.randrange(8)
        if op == 0 and b:
            b[rng.randrange(len(b))] ^= 1 << rng.randrange(8)
        elif op == 1 and b:
            k = rng.randrange(len(b))
            del b[k:k + rng.randint(1, 8)]
        elif op in (2, 3):
            k = rng.randint(0, len(b))
            b[k:k] = rng.choice(DICTIONARY).encode()
        elif op == 4 and b:
            k = rng.randrange(len(b))
            chunk = b[k:k + rng.randint(1, 32)]
            for _ in range(rng.randint(1, 8)):
                b[k:k] = chunk
        elif op == 5:
            other = rng.choice(corpus).encode()
            cut = rng.randint(0, len(b))
            b = b[:cut] + other[rng.randint(0, len(other)):]
        elif op == 6 and b:
            del b[len(b) - rng.randrange(len(b)):]
        else:
            b[rng.randint(0, len(b)):0] = bytes([rng.randrange(256)])
    return bytes(b[:4096])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("base")
    ap.add_argument("--requests", type=int, default=5000)
    ap.add_argument("--threads", type=int, default=4)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    url = urllib.parse.urlparse(args.base)
    counts = collections.Counter()
    findings = []
    slowest = [0.0, ""]
    lock = threading.Lock()
    next_index = [0]

    def worker(t):
        rng = random.Random(args.seed * 1000 + t)
        conn = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
        while True:
            with lock:
                if next_index[0] >= args.requests:
                    return
                next_index[0] += 1
            text = mutate(rng, CORPUS)
            if rng.random() < 0.1:  # a raw, possibly broken JSON body
                body = b'{"query": "' + text + b'", "parameters": {"id": "85123A", "n": 1}}'
            else:
                body = json.dumps({"query": text.decode("utf-8", "replace"), "parameters": {"id": "85123A", "n": 1}}).encode()
            t0 = time.monotonic()
            try:
                conn.request("POST", "/db/neo4j/cypher", body=body, headers={"Content-Type": "application/json"})
                r = conn.getresponse()
                r.read()
                status, retry = r.status, r.getheader("Retry-After")
                if r.getheader("Connection", "").lower() == "close":
                    conn.close()
                    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
            except Exception as e:  # noqa: BLE001 - any transport failure is a finding
                status, retry = f"transport {type(e).__name__}", None
                conn.close()
                conn = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
            took = time.monotonic() - t0
            with lock:
                counts[status] += 1
                if took > slowest[0]:
                    slowest[0], slowest[1] = took, text[:200].decode("utf-8", "replace")
                bad = not isinstance(status, int) or (status >= 500 and not (status == 503 and retry))
                if bad and len(findings) < 50:
                    findings.append(f"{status}: {text[:300]!r}")

    start = time.monotonic()
    threads = [threading.Thread(target=worker, args=(t,)) for t in range(args.threads)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    elapsed = time.monotonic() - start
    print(f"cypher over HTTP: {sum(counts.values())} requests in {elapsed:.0f} s, seed {args.seed}, "
          f"by status: {dict(sorted(counts.items(), key=lambda kv: str(kv[0])))}")
    print(f"slowest request {slowest[0]:.2f} s: {slowest[1]!r}")
    print(f"findings (5xx other than 503 with Retry-After, transport errors): {len(findings)}")
    for f in findings:
        print("  " + f)
    raise SystemExit(1 if findings else 0)


if __name__ == "__main__":
    main()
