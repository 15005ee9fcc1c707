"""Kuzu and LadybugDB (Kuzu's successor, same Python API): in-process, loaded with COPY from the plain CSV
tables, queried with Cypher through a Connection per client. Their spelling of the anti-pattern is
`NOT EXISTS { MATCH … }`. Memory is the growth of this process's resident size across the load."""
import importlib
import os
import shutil
import time

from . import queries, timing

SCHEMA = (
    "CREATE NODE TABLE Customer(id STRING, PRIMARY KEY (id))",
    "CREATE NODE TABLE Product(id STRING, PRIMARY KEY (id))",
    "CREATE REL TABLE PURCHASED(FROM Customer TO Product, quantity INT64, timestamp INT64)",
    "CREATE REL TABLE FREQUENTLY_BOUGHT_WITH(FROM Product TO Product, support DOUBLE)",
)
TABLES = (("Customer", "customers"), ("Product", "products"), ("PURCHASED", "purchased"),
          ("FREQUENTLY_BOUGHT_WITH", "fbw"))


class Graph:
    client = "Python API (in-process), Cypher"

    def __init__(self, module, work):
        self.name = {"kuzu": "kuzu", "ladybug": "ladybugdb"}[module]
        self.lib = importlib.import_module(module)
        self.version = f"{module} {getattr(self.lib, '__version__', '?')}"
        self.dir = os.path.join(work, f"{self.name}-db")
        remove(self.dir)
        self.base_rss = timing.rss_mb(os.getpid())
        self.db = None

    def load(self, ds):
        t = time.perf_counter()
        self.db = self.lib.Database(self.dir)
        c = self.lib.Connection(self.db)
        for statement in SCHEMA:
            c.execute(statement)
        for table, csv in TABLES:
            path = os.path.join(ds, "plain", f"{csv}.csv")
            if os.path.getsize(path):
                c.execute(f"COPY {table} FROM '{path}' (header=false)")
        c.execute("CHECKPOINT")
        return {"load_s": time.perf_counter() - t, "detail": "COPY from CSV, checkpoint"}

    def runner(self):
        c = self.lib.Connection(self.db)
        texts = {w: queries.cypher_for(w, subquery_anti_pattern=True) for w in queries.CYPHER}
        prepared = {}

        def run(workload, p):
            if workload not in prepared:
                prepared[workload] = c.prepare(texts[workload])
            result = c.execute(prepared[workload], {"id": p})
            rows = []
            while result.has_next():
                rows.append(list(result.get_next()))
            return rows
        return run

    def writer(self):
        c = self.lib.Connection(self.db)
        return lambda cust, p: c.execute(queries.CYPHER_WRITE.strip(), {"c": cust, "p": p})

    def memory_mb(self):
        return timing.rss_mb(os.getpid()) - self.base_rss

    def disk_mb(self):
        return sum(timing.dir_mb(p) or 0 for p in (self.dir, self.dir + ".wal") if os.path.exists(p))

    def close(self):
        self.db = None
        remove(self.dir)


def remove(path):
    """A database is a directory in some versions, a file and its .wal in others."""
    shutil.rmtree(path, ignore_errors=True)
    for p in (path, path + ".wal", path + ".shadow"):
        if os.path.isfile(p):
            os.remove(p)
