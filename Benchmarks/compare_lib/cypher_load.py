"""Bulk load through a Cypher client, for the servers that have no file import reachable from here (FalkorDB,
a Neo4j at a URL): `UNWIND $rows` batches of CREATE, after the id indexes."""
import os

from .data import read_plain

BATCH = 5000


def load(run, ds, index_statements):
    """`run(statement, parameters)` executes one statement and commits it."""
    for s in index_statements:
        run(s, {})
    for label, table in (("Customer", "customers"), ("Product", "products")):
        ids = [r[0] for r in read_plain(ds, table)]
        for i in range(0, len(ids), BATCH):
            run(f"UNWIND $rows AS id CREATE (:{label} {{id: id}})", {"rows": ids[i:i + BATCH]})
    rels = (
        ("purchased", "Customer", "Product", "PURCHASED", "{quantity: r[2], timestamp: r[3]}",
         lambda r: [r[0], r[1], int(r[2]), int(r[3])]),
        ("fbw", "Product", "Product", "FREQUENTLY_BOUGHT_WITH", "{support: r[2]}",
         lambda r: [r[0], r[1], float(r[2])]),
    )
    for table, a, b, rel, props, conv in rels:
        if not os.path.getsize(os.path.join(ds, "plain", f"{table}.csv")):
            continue
        rows = [conv(r) for r in read_plain(ds, table)]
        for i in range(0, len(rows), BATCH):
            run(f"UNWIND $rows AS r MATCH (x:{a} {{id: r[0]}}), (y:{b} {{id: r[1]}}) CREATE (x)-[:{rel} {props}]->(y)",
                {"rows": rows[i:i + BATCH]})
