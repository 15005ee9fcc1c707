"""`Benchmarks/compare`'s driver: prepares the data, runs every system in a process of its own, then writes the
report. See docs/benchmarks.md.

usage: python -m compare_lib.main --binary BIN --shared DATASETS --out REPORT_DIR --work WORK [--quick]
                                  [--neo4j-url URL]
"""
import argparse
import json
import os
import subprocess
import sys
import time

from . import data, report
from .ours import Server

GRAPH_SYSTEMS = ["ours", "postgres", "kuzu", "ladybug", "falkordb"]
VECTOR_SYSTEMS = ["ours", "ours-bolt", "pgvector-hnsw", "pgvector-ivfflat", "faiss-ivfflat", "faiss-sq8", "faiss-hnsw"]

PLANS = {
    "quick": {"graph_sets": ["synthetic-100000", "online-retail"], "samples": 60, "budget_s": 6,
              "concurrency_s": 4, "write_s": 5, "vector_sets": ["retail", "glove100k"], "vector_queries": 200,
              "vector_concurrency_s": 3},
    "full": {"graph_sets": ["synthetic-100000", "online-retail", "synthetic-1000000", "synthetic-10000000"],
             "samples": 200, "budget_s": 25, "concurrency_s": 8, "write_s": 15,
             "vector_sets": ["retail", "glove400k"], "vector_queries": 1000, "vector_concurrency_s": 8},
}


def log(msg):
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)


def run_child(module, args, timeout, reuse=False):
    if reuse and os.path.exists(args[-1]):
        log(f"    reusing {os.path.basename(args[-1])}")
        return json.load(open(args[-1]))
    try:
        subprocess.run([sys.executable, "-m", f"compare_lib.{module}", *args], timeout=timeout,
                       stdout=subprocess.DEVNULL, stderr=open(args[-1] + ".log", "w"), check=False)
    except subprocess.TimeoutExpired:
        return {"errors": [f"timed out after {timeout} s"]}
    try:
        return json.load(open(args[-1]))
    except (OSError, ValueError) as e:
        tail = open(args[-1] + ".log").read()[-400:]
        return {"errors": [f"no result ({e}): {tail}"]}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    ap.add_argument("--shared", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--neo4j-url")
    ap.add_argument("--only", help="graph or vector: run one half")
    ap.add_argument("--reuse", action="store_true",
                    help="resume: take each system's result from the work directory when it is there")
    a = ap.parse_args()
    mode = "quick" if a.quick else "full"
    plan = dict(PLANS[mode])
    plan.update(json.loads(os.environ.get("COMPARE_PLAN", "{}")))  # e.g. smaller sets while developing
    started = time.time()
    os.makedirs(a.out, exist_ok=True)
    results = os.path.join(a.work, "results")
    os.makedirs(results, exist_ok=True)
    os.makedirs(os.path.join(a.work, "scratch"), exist_ok=True)
    run = {"mode": mode, "plan": plan, "reused": a.reuse, "started": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
           "command": os.environ.get("COMPARE_COMMAND") or " ".join(["python -m compare_lib.main"] + sys.argv[1:]), "graph": [], "vector": [], "datasets": {}}

    stand_in = None
    neo4j_url = a.neo4j_url
    if not neo4j_url and a.quick:
        # No Neo4j here: the harness's Neo4j path runs against a second server's Bolt port instead.
        stand_in = Server(a.binary, ["--in-memory"], bolt=True)
        neo4j_url = stand_in.bolt_url
        log(f"Neo4j path: no --neo4j-url, standing in with ignitabull serve at {neo4j_url}")
    graph_systems = GRAPH_SYSTEMS + (["neo4j"] if neo4j_url else [])

    try:
        if a.only != "vector":
            for set_name in plan["graph_sets"]:
                log(f"graph set {set_name}: preparing")
                ds = data.prepare(set_name, os.path.join(a.work, "data"), a.binary, a.shared)
                counts = data.counts(ds)
                run["datasets"][set_name] = counts
                samples = data.sample_params(ds, plan["samples"])
                samples["write_products"] = [r[0] for r in data.read_plain(ds, "products")][:2000]
                largest = set_name == plan["graph_sets"][-1] if mode == "quick" else set_name == "synthetic-1000000"
                workloads = (["floor", "copurchase"] + (["fbw", "personal"] if counts["fbw"] else [])
                             + ["lookup", "recent", "buyers", "count"])
                settings = {"work": os.path.join(a.work, "scratch"), "binary": a.binary, "samples": samples,
                            "workloads": workloads, "budget_s": plan["budget_s"],
                            "concurrency_workloads": ["copurchase"] if largest else [],
                            "concurrency_s": plan["concurrency_s"], "write_s": plan["write_s"] if largest else 0,
                            "neo4j_url": neo4j_url, "neo4j_stand_in": "ignitabull serve --in-memory" if stand_in else None}
                path = os.path.join(results, f"graph-{set_name}.settings.json")
                json.dump(settings, open(path, "w"))
                for system in graph_systems:
                    log(f"  {system}")
                    out = run_child("graph_run", [system, ds, path, os.path.join(results, f"graph-{set_name}-{system}.json")],
                                    timeout=3600, reuse=a.reuse)
                    out.setdefault("system", system)
                    out["dataset"] = set_name
                    run["graph"].append(out)
                    json.dump(run, open(os.path.join(a.out, "results.json"), "w"))
        if a.only != "graph":
            for set_name in plan["vector_sets"]:
                settings = {"shared": a.shared, "queries": plan["vector_queries"], "filters": ["1%", "10%"],
                            "concurrency_s": plan["vector_concurrency_s"], "work": os.path.join(a.work, "scratch"),
                            "binary": a.binary}
                path = os.path.join(results, f"vector-{set_name}.settings.json")
                json.dump(settings, open(path, "w"))
                for system in VECTOR_SYSTEMS:
                    log(f"vector set {set_name}: {system}")
                    out = run_child("vector_run", [system, set_name, path, os.path.join(results, f"vector-{set_name}-{system}.json")],
                                    timeout=3600, reuse=a.reuse)
                    out.setdefault("system", system)
                    out["set"] = set_name
                    run["vector"].append(out)
                    json.dump(run, open(os.path.join(a.out, "results.json"), "w"))
    finally:
        if stand_in:
            stand_in.stop()
    run["wall_s"] = time.time() - started
    log("writing the report")
    for f in os.listdir(a.out):
        if f.endswith(".png"):
            os.remove(os.path.join(a.out, f))  # no plot of an earlier run stays beside this report
    report.write(run, a.out)
    json.dump(report.slim(run), open(os.path.join(a.out, "results.json"), "w"))
    log(f"done in {run['wall_s'] / 60:.1f} min: {os.path.join(a.out, 'report.md')}")


if __name__ == "__main__":
    main()
