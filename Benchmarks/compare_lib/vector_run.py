"""One vector system on one set, in a process of its own: load and build, then every setting of its sweep over
the queries one at a time (unfiltered, and with 1% and 10% filters), recall@10 against an exact float64 ground
truth over the same (filtered) base; then 1, 2 and 8 clients at its fastest setting reaching recall 0.95.

usage: python -m compare_lib.vector_run SYSTEM SET SETTINGS_JSON OUT_JSON
  SYSTEM: ours, ours-bolt, pgvector-hnsw, pgvector-ivfflat, faiss-ivfflat, faiss-sq8, faiss-hnsw
"""
import json
import sys
import time
import traceback

import numpy as np

from . import timing, vectors


def make(system, settings):
    if system == "ours":
        from . import vector_ours
        return vector_ours.Vectors(settings["binary"], settings["work"])
    if system == "ours-bolt":
        from . import vector_ours
        return vector_ours.BoltVectors(settings["binary"], settings["work"])
    kind = system.split("-", 1)[1]
    if system.startswith("pgvector"):
        from . import vector_pg
        return vector_pg.Vectors(kind, settings["work"])
    from . import vector_faiss
    return vector_faiss.Vectors(kind, settings["work"])


def main():
    system, set_name, settings_path, out_path = sys.argv[1:5]
    settings = json.load(open(settings_path))
    base, queries, ids = vectors.load_set(settings["shared"], set_name, settings["queries"])
    res = {"system": system, "set": set_name, "n": len(base), "dim": int(base.shape[1]), "queries": len(queries),
           "points": [], "concurrency": {}, "errors": []}
    v = None
    try:
        v = make(system, settings)
        res.update(name=v.name, version=v.version, client=v.client)
        res.update(v.load(base, ids))
        res["memory_mb"] = v.memory_mb()
        for filt in [None] + settings["filters"]:
            if filt:
                keep = ids % {"1%": 100, "10%": 10}[filt] == 7
                truth = vectors.ground_truth(base[keep], queries, ids[keep])
            else:
                truth = vectors.ground_truth(base, queries, ids)
            for setting in v.settings(filt):
                try:
                    run = v.searcher(setting, filt)
                    for q in queries[:20]:
                        run(q)
                    found, lat = [], []
                    for q in queries:
                        t = time.perf_counter()
                        found.append(run(q))
                        lat.append((time.perf_counter() - t) * 1000)
                    res["points"].append({"filter": filt, "setting": setting, "recall": vectors.recall(found, truth),
                                          "qps": len(lat) / (sum(lat) / 1000), "latencies_ms": lat,
                                          "rows": float(np.mean([len(f) for f in found]))})
                except Exception as e:  # noqa: BLE001 - reported
                    res["errors"].append(f"{filt} {setting}: {type(e).__name__}: {e}")
        good = [p for p in res["points"] if p["filter"] is None and p["recall"] >= 0.95]
        if good and settings.get("concurrency_s"):
            best = max(good, key=lambda p: p["qps"])
            res["concurrency_setting"] = best["setting"]
            qs = list(queries)
            for n in (1, 2, 8):
                res["concurrency"][str(n)] = timing.run_concurrent(
                    lambda: v.searcher(best["setting"], None), qs, n, settings["concurrency_s"])
    except Exception as e:  # noqa: BLE001
        res["errors"].append(f"{type(e).__name__}: {e}")
        traceback.print_exc()
    finally:
        if v is not None:
            v.close()
    json.dump(res, open(out_path, "w"))


if __name__ == "__main__":
    main()
