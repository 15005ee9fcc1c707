"""Kuzu side of cypher_vs_kuzu.sh: loads the synthetic graph's customers, products, PURCHASED and
FREQUENTLY_BOUGHT_WITH relationships from the neo4j-admin CSV files that `ignitabull generate --csv` writes,
then times the co-purchase query for the given customer ids, one at a time, on one thread.

Usage: python cypher_kuzu.py CSV_DIR DB_DIR IDS_FILE
"""
import os
import sys
import time

import kuzu

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from compare_lib import data, embedded_graph  # noqa: E402

csv_dir, db_dir, ids_file = sys.argv[1:4]
ids = [line.strip() for line in open(ids_file) if line.strip()]

# The plain tables and the COPY load that Benchmarks/compare gives Kuzu (customers, products, PURCHASED and
# FREQUENTLY_BOUGHT_WITH), then a one-thread connection for the timing.
if not os.path.exists(os.path.join(csv_dir, "plain", "done")):
    data.write_plain(csv_dir)
os.makedirs(os.path.dirname(db_dir), exist_ok=True)
graph = embedded_graph.Graph("kuzu", os.path.dirname(db_dir))
graph.dir = db_dir
embedded_graph.remove(db_dir)
print(f"kuzu load {graph.load(csv_dir)['load_s']:.1f} s", flush=True)
conn = kuzu.Connection(graph.db, num_threads=1)

# Kuzu has no bare pattern predicates in WHERE; NOT EXISTS { MATCH ... } is its spelling of the same filter.
query = """
MATCH (c:Customer {id: $id})-[:PURCHASED]->(p:Product)<-[:PURCHASED]-(o:Customer)-[:PURCHASED]->(rec:Product)
WHERE NOT EXISTS { MATCH (c)-[:PURCHASED]->(rec) }
RETURN rec.id, count(*) AS score ORDER BY score DESC LIMIT 10
"""
for id in ids[:5]:
    conn.execute(query, {"id": id})
times = []
for id in ids:
    t = time.perf_counter()
    result = conn.execute(query, {"id": id})
    rows = []
    while result.has_next():
        rows.append(result.get_next())
    times.append((time.perf_counter() - t) * 1000)
    print("TOP kuzu " + id + " " + ",".join(str(r[0]) for r in rows))
times.sort()
pct = lambda p: times[min(len(times) - 1, int(p * len(times)))]
print(f"RESULT kuzu queries {len(times)} p50_ms {pct(0.5)} p90_ms {pct(0.9)} p99_ms {pct(0.99)}")
