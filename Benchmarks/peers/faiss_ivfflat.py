"""FAISS IndexIVFFlat on GloVe-50 with the same split, lists and probes as VectorBenchmarks.

Inner product on L2-normalised vectors (= cosine), one OpenMP thread. Timings are best of 3, as wall-clock QPS and as thread-CPU-time QPS
(steadier on a shared machine). Prints RESULT lines in
the same format as the Swift benchmark. Usage: faiss_ivfflat.py DATASET_DIR PROBES_CSV [LISTS]
FAISS_INDEX=sq8 runs IndexIVFScalarQuantizer with 8-bit codes (QT_8bit) instead, reported as `faiss_sq8`:
the like-for-like peer for our 8-bit first pass (it has no float32 re-rank).
"""
import os
import sys
import time

import faiss
import numpy as np

data_dir = sys.argv[1]
probes_list = [int(p) for p in sys.argv[2].split(",")]
lists = int(sys.argv[3]) if len(sys.argv) > 3 else 1000
faiss.omp_set_num_threads(1)
repeats = 3  # the machine is shared: best of 3 timings, as in VectorBenchmarks

allv = np.fromfile(f"{data_dir}/vectors.400000x50.f32", dtype=np.float32).reshape(400000, 50)
qids = np.fromfile(f"{data_dir}/bench/query_ids.10000.i32", dtype=np.int32)
gt = np.fromfile(f"{data_dir}/bench/gt_ids.10000x100.i32", dtype=np.int32).reshape(-1, 100)
mask = np.ones(400000, dtype=bool)
mask[qids] = False
base_ids = np.nonzero(mask)[0].astype(np.int64)
base = np.ascontiguousarray(allv[mask])
queries = np.ascontiguousarray(allv[qids])
faiss.normalize_L2(base)
faiss.normalize_L2(queries)
nq = len(queries)


def rss():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * 4096


def recall(ids):
    found = base_ids[ids[:, :10]]
    return float(np.mean([len(set(found[i]) & set(gt[i, :10])) / 10 for i in range(nq)]))


rss0 = rss()
t0 = time.perf_counter()
quantizer = faiss.IndexFlatIP(50)
kind = os.environ.get("FAISS_INDEX", "flat")
who = "faiss" if kind == "flat" else "faiss_sq8"
if kind == "sq8":
    index = faiss.IndexIVFScalarQuantizer(
        quantizer, 50, lists, faiss.ScalarQuantizer.QT_8bit, faiss.METRIC_INNER_PRODUCT)
else:
    index = faiss.IndexIVFFlat(quantizer, 50, lists, faiss.METRIC_INNER_PRODUCT)
index.train(base)
t1 = time.perf_counter()
index.add(base)
t2 = time.perf_counter()
print(f"RESULT {who} build train_s {t1 - t0:.3f} add_s {t2 - t1:.3f} total_s {t2 - t0:.3f}")
print(f"RESULT {who} memory rss_delta_bytes {rss() - rss0} raw_bytes {base.nbytes}")

for probes in probes_list:
    index.nprobe = probes
    out = np.empty((nq, 10), dtype=np.int64)
    dt = ct = float("inf")
    for _ in range(repeats):
        t, c = time.perf_counter(), time.thread_time()
        for i in range(nq):
            _, I = index.search(queries[i:i + 1], 10)
            out[i] = I[0]
        dt, ct = min(dt, time.perf_counter() - t), min(ct, time.thread_time() - c)
    print(f"RESULT {who} single probes {probes} recall {recall(out):.4f} qps {nq / dt:.1f} cpu_qps {nq / ct:.1f}")
for probes in probes_list:
    index.nprobe = probes
    dt = ct = float("inf")
    for _ in range(repeats):
        t, c = time.perf_counter(), time.thread_time()
        _, I = index.search(queries, 10)
        dt, ct = min(dt, time.perf_counter() - t), min(ct, time.thread_time() - c)
    print(f"RESULT {who} batch probes {probes} recall {recall(I):.4f} qps {nq / dt:.1f} cpu_qps {nq / ct:.1f}")
if kind != "flat":
    sys.exit(0)
flat = faiss.IndexFlatIP(50)
flat.add(base)
sample = 1000
out = np.empty((sample, 10), dtype=np.int64)
t, c = time.perf_counter(), time.thread_time()
for i in range(sample):
    _, I = flat.search(queries[i:i + 1], 10)
    out[i] = I[0]
dt, ct = time.perf_counter() - t, time.thread_time() - c
found = base_ids[out]
r = float(np.mean([len(set(found[i]) & set(gt[i, :10])) / 10 for i in range(sample)]))
print(f"RESULT faiss exact probes 0 recall {r:.4f} qps {sample / dt:.1f} cpu_qps {sample / ct:.1f}")
