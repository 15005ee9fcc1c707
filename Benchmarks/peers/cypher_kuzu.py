"""Kuzu side of cypher_vs_kuzu.sh: loads the synthetic graph's customers, products and PURCHASED relationships
from the neo4j-admin CSV files that `ignitabull generate --csv` writes, then times the co-purchase query for the
given customer ids, one at a time, on one thread.

Usage: python cypher_kuzu.py CSV_DIR DB_DIR IDS_FILE
"""
import csv
import os
import shutil
import sys
import time

import kuzu

csv_dir, db_dir, ids_file = sys.argv[1:4]
ids = [line.strip() for line in open(ids_file) if line.strip()]

work = os.path.join(os.path.dirname(db_dir), "kuzu-csv")
os.makedirs(work, exist_ok=True)
internal = {}
for label in ("Customer", "Product"):
    with open(os.path.join(csv_dir, f"nodes_{label}.csv")) as f, open(os.path.join(work, f"{label}.csv"), "w") as out:
        reader = csv.reader(f)
        header = next(reader)
        key = header.index("id:string")
        for row in reader:
            internal[row[0]] = row[key]
            out.write(row[key] + "\n")
with open(os.path.join(csv_dir, "rels_PURCHASED.csv")) as f, open(os.path.join(work, "PURCHASED.csv"), "w") as out:
    reader = csv.reader(f)
    next(reader)
    for row in reader:
        out.write(f"{internal[row[0]]},{internal[row[1]]}\n")

shutil.rmtree(db_dir, ignore_errors=True)
if os.path.exists(db_dir):
    os.remove(db_dir)
db = kuzu.Database(db_dir)
conn = kuzu.Connection(db, num_threads=1)
conn.execute("CREATE NODE TABLE Customer(id STRING, PRIMARY KEY (id))")
conn.execute("CREATE NODE TABLE Product(id STRING, PRIMARY KEY (id))")
conn.execute("CREATE REL TABLE PURCHASED(FROM Customer TO Product)")
started = time.time()
conn.execute(f"COPY Customer FROM '{work}/Customer.csv' (header=false)")
conn.execute(f"COPY Product FROM '{work}/Product.csv' (header=false)")
conn.execute(f"COPY PURCHASED FROM '{work}/PURCHASED.csv' (header=false)")
print(f"kuzu load {time.time() - started:.1f} s", flush=True)

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
