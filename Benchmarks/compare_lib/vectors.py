"""Vector sets, exact ground truth and recall, shared by `Benchmarks/compare` and the peer scripts.

Sets: `retail` (the 3,922 MiniLM product vectors, 384-d; queries are products spread over the catalogue),
`glove100k` (GloVe-50 rows below 102,600 that are not benchmark queries as the base, held-out rows as queries)
and `glove400k` (all of GloVe-50 but the 10,000 benchmark queries as the base).
"""
import os

import numpy as np

K = 10


def load_set(shared, name, n_queries):
    """(base vectors float32 [n, d], query vectors float32 [q, d], base ids int[n])."""
    if name == "retail":
        path = os.path.join(shared, "minilm-l6-v2/reference/online_retail_products.3922x384.f32")
        base = np.fromfile(path, dtype=np.float32).reshape(-1, 384)
        step = max(1, len(base) // n_queries)
        return base, base[::step][:n_queries].copy(), np.arange(len(base))
    d = os.path.join(shared, "glove-6b-50d")
    all_rows = np.fromfile(os.path.join(d, "vectors.400000x50.f32"), dtype=np.float32).reshape(-1, 50)
    qids = np.fromfile(os.path.join(d, "bench/query_ids.10000.i32"), dtype=np.int32)
    limit = {"glove100k": 102_600, "glove400k": len(all_rows)}.get(name)
    if limit is None:
        raise SystemExit(f"unknown vector set {name}")
    held = np.array(sorted(set(int(i) for i in qids if i < limit)))
    mask = np.ones(limit, dtype=bool)
    mask[held] = False
    ids = np.nonzero(mask)[0]
    return all_rows[ids], all_rows[held[:n_queries]], ids


def ground_truth(base, queries, ids, k=K):
    """The exact cosine top-k id sets (float64) of each query over the base."""
    b = base.astype(np.float64)
    b /= np.linalg.norm(b, axis=1, keepdims=True)
    q = queries.astype(np.float64)
    q /= np.linalg.norm(q, axis=1, keepdims=True)
    out = []
    for start in range(0, len(q), 256):
        s = q[start:start + 256] @ b.T
        top = np.argpartition(-s, k, axis=1)[:, :k]
        out += [set(int(ids[j]) for j in row) for row in top]
    return out


def recall(found, truth, k=K):
    return sum(len(set(f[:k]) & t) for f, t in zip(found, truth)) / (k * len(truth))


def vec_text(v):
    """pgvector's text form of a vector."""
    return "[" + ",".join(f"{x:.7g}" for x in v) + "]"
