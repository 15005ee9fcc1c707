"""Neo4j at a URL given with --neo4j-url, through the official `neo4j` Python driver over Bolt, Cypher; loaded
with UNWIND batches after unique constraints on id. The harness writes Customer and Product nodes into that
database and deletes them again at the end: point it at a scratch database. In --quick runs without a URL the
same code runs against a second `ignitabull serve`'s Bolt port standing in for Neo4j.
Memory and disk are not measured (the server is elsewhere)."""
import os
import time

import neo4j

from . import cypher_load, queries


class Graph:
    name = "neo4j"
    client = "neo4j Python driver (Bolt), Cypher"

    def __init__(self, url, auth=None, stand_in=None):
        self.driver = neo4j.GraphDatabase.driver(url, auth=auth)
        self.driver.verify_connectivity()
        info = self.driver.get_server_info()
        self.version = f"{info.agent} over Bolt {'.'.join(map(str, info.protocol_version))}, driver {neo4j.__version__}"
        if stand_in:
            self.name = "neo4j-path"
            self.version += f" (stand-in: {stand_in})"
        self.database = os.environ.get("NEO4J_DATABASE") or None

    def run(self, statement, parameters):
        with self.driver.session(database=self.database) as s:
            return [list(r.values()) for r in s.run(statement, parameters)]

    def load(self, ds):
        self.clear()
        t = time.perf_counter()
        cypher_load.load(self.run, ds, [
            "CREATE CONSTRAINT bench_customer_id IF NOT EXISTS FOR (n:Customer) REQUIRE n.id IS UNIQUE",
            "CREATE CONSTRAINT bench_product_id IF NOT EXISTS FOR (n:Product) REQUIRE n.id IS UNIQUE"])
        return {"load_s": time.perf_counter() - t, "detail": "UNWIND batches of 5,000 over Bolt"}

    def runner(self):
        s = self.driver.session(database=self.database)
        texts = {w: queries.cypher_for(w) for w in queries.CYPHER}
        return lambda workload, p: [list(r.values()) for r in s.run(texts[workload], {"id": p})]

    def writer(self):
        s = self.driver.session(database=self.database)
        return lambda c, p: s.run(queries.CYPHER_WRITE.strip(), {"c": c, "p": p}).consume()

    def memory_mb(self):
        return None

    def disk_mb(self):
        return None

    def clear(self):
        for label in ("Customer", "Product"):
            while self.run(f"MATCH (n:{label}) WITH n LIMIT 10000 DETACH DELETE n RETURN count(*)", {})[0][0]:
                pass

    def close(self):
        self.clear()
        self.driver.close()
