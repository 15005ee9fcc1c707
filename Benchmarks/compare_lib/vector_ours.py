"""Our vector search through the user's path: vectors loaded over HTTP (`UNWIND … CREATE … CALL
db.create.setNodeVectorProperty`), `CREATE VECTOR INDEX` with defaults, then `db.index.vector.queryNodes` with
its options (default calibration, `{recall: r}`, `{probes: p}`) and, for filters, `MATCH … SEARCH … WHERE`,
without and then with a range index on the filtered property."""
import time

from . import timing
from .ours import Http, Server, version
from .vectors import K

FILTERS = {"1%": "n.bucket = 7", "10%": "n.b10 = 7"}


class Vectors:
    name = "ours"
    client = "HTTP (Neo4j transaction API), Cypher"

    def __init__(self, binary, work, bolt=False):
        self.version = version(binary)
        self.server = Server(binary, ["--in-memory"], bolt=bolt)
        self.http = Http(self.server.port)

    def load(self, base, ids):
        t = time.perf_counter()
        for start in range(0, len(base), 1000):
            rows = [{"id": int(i), "v": [float(x) for x in v]}
                    for i, v in zip(ids[start:start + 1000], base[start:start + 1000])]
            self.http.cypher("UNWIND $rows AS r CREATE (n:Item {id: r.id, bucket: r.id % 100, b10: r.id % 10}) "
                             "WITH n, r CALL db.create.setNodeVectorProperty(n, 'embedding', r.v)", {"rows": rows})
        load = time.perf_counter() - t
        t = time.perf_counter()
        self.http.cypher("CREATE VECTOR INDEX emb FOR (n:Item) ON (n.embedding)")
        build = time.perf_counter() - t
        options = self.http.cypher("SHOW INDEXES YIELD name, options WHERE name = 'emb' RETURN options")[0][0]
        search = options.get("search", {})
        self.mode = search.get("mode")
        return {"load_s": load, "build_s": build,
                "detail": f"index mode {self.mode}, calibrated probes {search.get('probes')}"}

    def settings(self, filt):
        if filt:
            # The second setting adds a range index on the filter's property (created at its first use, so the
            # first setting runs without it), as a Neo4j user would for a selective filter; SEARCH then scores the
            # nodes the index names.
            return ["SEARCH in-index filter", "SEARCH in-index filter, range index"]
        out = ["default"]
        if self.mode == "IVF":
            out += [f"recall {r}" for r in (0.9, 0.95, 0.99, 0.995)] + [f"probes {p}" for p in (5, 10, 20, 40)]
        return out

    def searcher(self, setting, filt):
        statement = self.statement(setting, filt)
        h = Http(self.server.port)
        return lambda q: [r[0] for r in h.cypher(statement, {"q": [float(x) for x in q]})]

    def statement(self, setting, filt):
        if filt:
            if setting.endswith("range index"):
                prop = FILTERS[filt].split()[0].split(".")[1]
                self.http.cypher(f"CREATE INDEX item_{prop} IF NOT EXISTS FOR (n:Item) ON (n.{prop})")
            return (f"MATCH (n:Item) SEARCH n IN (VECTOR INDEX emb FOR $q WHERE {FILTERS[filt]} LIMIT {K}) "
                    "SCORE AS score RETURN n.id")
        options = "" if setting == "default" else ", {%s: %s}" % tuple(setting.split())
        return f"CALL db.index.vector.queryNodes('emb', {K}, $q{options}) YIELD node RETURN node.id"

    def memory_mb(self):
        return timing.rss_mb(self.server.proc.pid)

    def close(self):
        self.server.stop()


class BoltVectors(Vectors):
    """The same server, index and statements, queried over Bolt through the official `neo4j` Python driver (one
    session per client, auto-commit `session.run`), as a Neo4j user's application would."""
    name = "ours-bolt"
    client = "Bolt (official neo4j driver), Cypher"

    def __init__(self, binary, work):
        super().__init__(binary, work, bolt=True)
        import neo4j
        self.driver = neo4j.GraphDatabase.driver(self.server.bolt_url, auth=None)

    def searcher(self, setting, filt):
        statement = self.statement(setting, filt)
        session = self.driver.session()
        return lambda q: [r[0] for r in session.run(statement, q=[float(x) for x in q])]

    def close(self):
        self.driver.close()
        super().close()
