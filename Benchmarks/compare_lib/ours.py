"""Ignitabull Engine through its users' path: `ignitabull import` for the bulk load, then `ignitabull serve`
and Cypher over Neo4j's HTTP transaction API (POST /db/neo4j/tx/commit), one keep-alive connection per client."""
import http.client
import json
import os
import shutil
import socket
import subprocess
import time

from . import queries, timing
from .data import FILES


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


class Server:
    """`ignitabull serve` on free ports of 127.0.0.1 (HTTP, and Bolt when asked)."""

    def __init__(self, binary, data_args, bolt=False, extra=()):
        self.port, self.bolt_port = free_port(), (free_port() if bolt else 0)
        self.log = open(os.devnull, "w")
        self.proc = subprocess.Popen(
            [binary, "serve", *data_args, "--no-auth", "--host", "127.0.0.1", "--port", str(self.port),
             "--bolt-port", str(self.bolt_port), "--log-level", "warning", "--max-body-bytes", "268435456", *extra],
            stdout=self.log, stderr=subprocess.STDOUT)
        for _ in range(3000):
            try:
                c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
                c.request("GET", "/health")
                if c.getresponse().status == 200:
                    return
            except OSError:
                pass
            if self.proc.poll() is not None:
                raise RuntimeError(f"ignitabull serve exited with {self.proc.returncode}")
            time.sleep(0.1)
        raise RuntimeError("ignitabull serve did not answer /health")

    def wait_for_model(self, limit_s):
        """Seconds until GET /db/neo4j/recommender answers 200 (the first model is built), or a note."""
        start = time.perf_counter()
        c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        while time.perf_counter() - start < limit_s:
            c.request("GET", "/db/neo4j/recommender")
            r = c.getresponse()
            r.read()
            if r.status == 200:
                return f"{time.perf_counter() - start:.1f} s after start"
            time.sleep(0.5)
        return f"not within {limit_s} s"

    @property
    def bolt_url(self):
        return f"bolt://127.0.0.1:{self.bolt_port}"

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


class Http:
    """One keep-alive HTTP connection running Cypher statements."""

    def __init__(self, port):
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)

    def cypher(self, statement, parameters=None):
        body = json.dumps({"statements": [{"statement": statement, "parameters": parameters or {}}]})
        self.conn.request("POST", "/db/neo4j/tx/commit", body,
                          {"Content-Type": "application/json", "Accept": "application/json"})
        out = json.loads(self.conn.getresponse().read())
        if out.get("errors"):
            raise RuntimeError(out["errors"][0].get("message", out["errors"]))
        return [row["row"] for row in out["results"][0]["data"]]


def version(binary):
    return subprocess.run([binary, "--version"], capture_output=True, text=True).stdout.splitlines()[0]


class Graph:
    name = "ours"
    client = "HTTP (Neo4j transaction API), Cypher"

    def __init__(self, binary, work):
        self.binary, self.dir = binary, os.path.join(work, "ours-data")
        self.version = version(binary)
        self.server = None

    def load(self, ds):
        shutil.rmtree(self.dir, ignore_errors=True)
        args = [self.binary, "import", "--data", self.dir, "--create", "--no-constraints"]
        for f in FILES:
            args += ["--nodes" if f.startswith("nodes") else "--relationships", os.path.join(ds, f)]
        t = time.perf_counter()
        done = subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if done.returncode:
            raise RuntimeError(f"ignitabull import: {done.stderr.strip()[-300:]}")
        imported = time.perf_counter() - t
        self.server = Server(self.binary, ["--data", self.dir])
        t2 = time.perf_counter()
        http_ = Http(self.server.port)
        for label in ("Customer", "Product"):
            http_.cypher(f"CREATE CONSTRAINT {label.lower()}_id FOR (n:{label}) REQUIRE n.id IS UNIQUE")
        load = imported + time.perf_counter() - t2
        # `serve` builds its recommender model in the background on start; time the queries after it, as a
        # deployed server would be (and say how long it took).
        model = self.server.wait_for_model(600)
        return {"load_s": load, "detail": f"`ignitabull import` {imported:.1f} s (durable), then unique constraints "
                f"on id; recommender model ready {model}"}

    def runner(self):
        h = Http(self.server.port)
        texts = {w: queries.cypher_for(w) for w in queries.CYPHER}
        return lambda workload, p: h.cypher(texts[workload], {"id": p})

    def writer(self):
        h = Http(self.server.port)
        return lambda c, p: h.cypher(queries.CYPHER_WRITE, {"c": c, "p": p})

    def memory_mb(self):
        return timing.rss_mb(self.server.proc.pid)

    def disk_mb(self):
        return timing.dir_mb(self.dir)

    def close(self):
        if self.server:
            self.server.stop()
        shutil.rmtree(self.dir, ignore_errors=True)
