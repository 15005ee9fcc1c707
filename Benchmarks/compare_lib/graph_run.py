"""One system's graph run, in a process of its own (so that embedded engines' memory is theirs alone):
load, measure memory and disk, time each workload one query at a time, then at 1, 2 and 8 clients, then a
steady write load with reads alongside. Writes a JSON file for the report.

usage: python -m compare_lib.graph_run SYSTEM DATASET_DIR SETTINGS_JSON OUT_JSON
"""
import json
import os
import random
import sys
import threading
import time
import traceback

from . import queries, timing


def make(system, settings):
    work = settings["work"]
    if system == "ours":
        from . import ours
        return ours.Graph(settings["binary"], work)
    if system == "postgres":
        from . import postgres
        return postgres.Graph(work)
    if system in ("kuzu", "ladybug"):
        from . import embedded_graph
        return embedded_graph.Graph(system, work)
    if system == "falkordb":
        from . import falkordb_peer
        return falkordb_peer.Graph(work)
    if system == "neo4j":
        from . import neo4j_peer
        return neo4j_peer.Graph(settings["neo4j_url"], stand_in=settings.get("neo4j_stand_in"))
    raise SystemExit(f"unknown system {system}")


def write_load(g, samples, seconds):
    """One writer adding PURCHASED relationships (one per transaction) while one reader runs the co-purchase
    query: writes per second and the reader's latencies."""
    write = g.writer()
    run = g.runner()
    rng = random.Random(7)
    customers, products = samples["customers"], samples["write_products"]
    stop = threading.Event()
    counts, errors = [0], []

    def writer():
        try:
            while not stop.is_set():
                write(rng.choice(customers), rng.choice(products))
                counts[0] += 1
        except Exception as e:  # noqa: BLE001 - reported
            errors.append(f"{type(e).__name__}: {e}")

    t = threading.Thread(target=writer)
    start = time.perf_counter()
    t.start()
    _, latencies = timing.run_sequential(lambda p: run("copurchase", p), customers * 50, seconds, warmup=0)
    stop.set()
    t.join()
    wall = time.perf_counter() - start
    return {"writes_per_s": counts[0] / wall, "read_latencies_ms": latencies, "errors": errors[:3]}


def main():
    system, ds, settings_path, out_path = sys.argv[1:5]
    settings = json.load(open(settings_path))
    samples = settings["samples"]
    res = {"system": system, "dataset": os.path.basename(ds), "workloads": {}, "concurrency": {}, "errors": []}
    g = None
    try:
        g = make(system, settings)
        res.update(name=g.name, version=g.version, client=g.client)
        res.update(g.load(ds))
        res["memory_mb"], res["disk_mb"] = g.memory_mb(), g.disk_mb()
        run = g.runner()
        for w in settings["workloads"]:
            try:
                answers, lat = timing.run_sequential(lambda p: run(w, p), samples[queries.PARAM[w]],
                                                     settings["budget_s"])
                res["workloads"][w] = {"answers": answers, "latencies_ms": lat}
            except Exception as e:  # noqa: BLE001 - reported next to the timing
                res["workloads"][w] = {"error": f"{type(e).__name__}: {e}"}
        for w in settings.get("concurrency_workloads", []):
            res["concurrency"][w] = {}
            for n in (1, 2, 8):
                def make_runner():
                    r = g.runner()
                    return lambda p: r(w, p)
                res["concurrency"][w][str(n)] = timing.run_concurrent(
                    make_runner, samples[queries.PARAM[w]], n, settings["concurrency_s"])
        if settings.get("write_s"):
            try:
                res["write_load"] = write_load(g, samples, settings["write_s"])
            except Exception as e:  # noqa: BLE001
                res["write_load"] = {"error": f"{type(e).__name__}: {e}"}
    except Exception as e:  # noqa: BLE001 - the report shows "not run: reason"
        res["errors"].append(f"{type(e).__name__}: {e}")
        traceback.print_exc()
    finally:
        if g is not None:
            try:
                g.close()
            except Exception as e:  # noqa: BLE001
                res["errors"].append(f"close: {type(e).__name__}: {e}")
    json.dump(res, open(out_path, "w"))


if __name__ == "__main__":
    main()
