"""Peer for RecommendBenchmarks: personalised top-10 per customer on Online Retail with
numpy/scipy, the usual Python way: a sparse item-kNN matrix (cosine over distinct buyers, top 100
per item), each customer's history weighted by recency rank (0.25 + 0.75 * 2^(-r/20), most recent
purchase first), scores = h @ W, owned products masked, top 10 by argpartition.

usage: recommend_latency.py ONLINE_RETAIL.csv.gz
"""
import os, sys, time
import numpy as np
import scipy.sparse as sp

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from compare_lib.data import online_retail_lines  # noqa: E402


def load(path):
    users, items, last = {}, {}, {}
    for cust, code, _qty, t in online_retail_lines(path):
        u = users.setdefault(cust, len(users))
        i = items.setdefault(code, len(items))
        key = (u, i)
        if last.get(key, -1) < t:
            last[key] = t
    return len(users), len(items), last


def main():
    path = sys.argv[1]
    t0 = time.perf_counter()
    n_users, n_items, last = load(path)
    print(f"peer: loaded {n_users} customers, {n_items} products, {len(last)} pairs in {time.perf_counter() - t0:.2f} s")

    t0 = time.perf_counter()
    rows = np.fromiter((u for u, _ in last), dtype=np.int32, count=len(last))
    cols = np.fromiter((i for _, i in last), dtype=np.int32, count=len(last))
    X = sp.csr_matrix((np.ones(len(last), dtype=np.float32), (rows, cols)), shape=(n_users, n_items))
    G = (X.T @ X).tocsr()
    G.setdiag(0)
    G.eliminate_zeros()
    norms = np.sqrt(np.asarray(X.sum(axis=0)).ravel()).astype(np.float32)
    G = G.tocoo()
    vals = G.data / (norms[G.row] * norms[G.col])
    C = sp.csr_matrix((vals, (G.row, G.col)), shape=(n_items, n_items))
    keep_r, keep_c, keep_v = [], [], []
    for j in range(n_items):
        a, b = C.indptr[j], C.indptr[j + 1]
        if b == a:
            continue
        v = C.data[a:b]
        idx = C.indices[a:b]
        if b - a > 100:
            top = np.argpartition(-v, 100)[:100]
            v, idx = v[top], idx[top]
        keep_r.append(np.full(len(idx), j, dtype=np.int32))
        keep_c.append(idx)
        keep_v.append(v)
    W = sp.csr_matrix((np.concatenate(keep_v), (np.concatenate(keep_r), np.concatenate(keep_c))), shape=(n_items, n_items))
    print(f"peer: item-kNN matrix (top 100 per item) built in {time.perf_counter() - t0:.2f} s")

    history = [[] for _ in range(n_users)]
    for (u, i), t in last.items():
        history[u].append((t, i))
    decay = 0.25 + 0.75 * np.exp2(-np.arange(100000) / 20.0)
    hist_items, hist_weights = [], []
    for h in history:
        h.sort(key=lambda x: (-x[0], x[1]))
        its = np.array([i for _, i in h], dtype=np.int32)
        hist_items.append(its)
        hist_weights.append(decay[: len(its)].astype(np.float32))

    def recommend(u, k=10):
        its, w = hist_items[u], hist_weights[u]
        h = sp.csr_matrix((w, (np.zeros(len(its), dtype=np.int32), its)), shape=(1, n_items))
        s = (h @ W).toarray().ravel()
        s[its] = -np.inf
        top = np.argpartition(-s, k)[:k]
        return top[np.argsort(-s[top], kind="stable")]

    for u in range(min(200, n_users)):
        recommend(u)
    times = []
    for u in range(n_users):
        t0 = time.perf_counter()
        recommend(u)
        times.append(time.perf_counter() - t0)
    times = np.sort(np.array(times))
    p = lambda q: times[min(len(times) - 1, int(round((len(times) - 1) * q)))] * 1000
    print(f"peer: top-10 item-knn over {n_users} customers: p50 {p(0.5):.3f} ms, p90 {p(0.9):.3f} ms, p99 {p(0.99):.3f} ms")
    t0 = time.perf_counter()
    for u in range(n_users):
        recommend(u)
    print(f"peer: batch top-10 for all {n_users} customers, 1 thread: {(time.perf_counter() - t0) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
