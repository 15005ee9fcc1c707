"""Peer for `ignitabull eval`: the same offline protocol in numpy/scipy (float64), so the
figures and the EASE fit time can be compared in one run.

usage: recommend_eval.py [--online-retail FILE.csv.gz] [--movielens DIR]
"""
import argparse, os, sys, time
import numpy as np
import scipy.sparse as sp

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from compare_lib.data import online_retail_lines  # noqa: E402

CUT = 1320796800  # 2011-11-09 00:00, local time read as UTC


def online_retail(path):
    users, items, events = {}, {}, []
    for cust, code, _qty, t in online_retail_lines(path):
        u = users.setdefault(cust, len(users))
        i = items.setdefault(code, len(items))  # first appearance, as the graph's node ids
        events.append((u, i, t))
    train, later = {}, {}
    for u, i, t in events:
        if t < CUT:
            train.setdefault(u, set()).add(i)
        else:
            later.setdefault(u, set()).add(i)
    test = {u: later[u] - train[u] for u in later if u in train and later[u] - train[u]}
    return len(users), len(items), train, test


def movielens(path):
    rows = np.loadtxt(path + "/u.data", dtype=np.int64)
    uid = {u: k for k, u in enumerate(np.unique(rows[:, 0]))}
    iid = {i: k for k, i in enumerate(np.unique(rows[:, 1]))}
    per = {}
    for u, i, r, t in rows:
        if r >= 4:
            per.setdefault(uid[u], []).append((t, iid[i]))
    train, test = {}, {}
    for u, lst in per.items():
        lst.sort(reverse=True)  # latest first, ties by larger item
        if len(lst) >= 2:
            test[u] = {lst[0][1]}
            lst = lst[1:]
        train[u] = {i for _, i in lst}
    return len(uid), len(iid), train, test


def matrix(n_users, n_items, train):
    rows = [u for u, s in train.items() for _ in s]
    cols = [i for s in train.values() for i in s]
    return sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n_users, n_items))


def evaluate(name, scores_fn, x, train, test, n_items):
    t0 = time.perf_counter()
    hr = nd = rc = 0.0
    seen = set()
    disc = 1 / np.log2(np.arange(2, 22))
    users = sorted(test)
    for u in users:
        s = np.asarray(scores_fn(u), dtype=np.float64).ravel().copy()
        s[list(train[u])] = -np.inf
        order = np.lexsort((np.arange(n_items), -s))[:20]
        rel = test[u]
        hits = np.array([i in rel for i in order])
        hr += hits[:10].any()
        nd += (hits[:10] * disc[:10]).sum() / disc[: min(len(rel), 10)].sum()
        rc += hits.sum() / len(rel)
        seen.update(order[:10].tolist())
    n = len(users)
    return name, hr / n, nd / n, rc / n, len(seen) / n_items, n, time.perf_counter() - t0


def run(dataset, n_users, n_items, train, test, lam):
    x = matrix(n_users, n_items, train)
    out = []
    pop = np.asarray(x.sum(axis=0)).ravel()
    out.append(evaluate("popularity", lambda u: pop, x, train, test, n_items) + (0.0,))
    t0 = time.perf_counter()
    g = (x.T @ x).toarray()
    norms = np.sqrt(np.diag(g))
    with np.errstate(divide="ignore", invalid="ignore"):
        cos = np.nan_to_num(g / np.outer(norms, norms))
    np.fill_diagonal(cos, 0)
    w = np.zeros_like(cos)
    for j in range(n_items):
        row = cos[j]
        keep = np.lexsort((np.arange(n_items), -row))[:100]
        keep = keep[row[keep] > 0]
        w[j, keep] = row[keep]
    knn_fit = time.perf_counter() - t0
    out.append(evaluate("item-kNN", lambda u: x[u] @ w, x, train, test, n_items) + (knn_fit,))
    t0 = time.perf_counter()
    p = np.linalg.inv(g + lam * np.eye(n_items))
    b = -p / np.diag(p)
    np.fill_diagonal(b, 0)
    ease_fit = time.perf_counter() - t0
    out.append(evaluate(f"EASE (λ={lam})", lambda u: x[u] @ b, x, train, test, n_items) + (ease_fit,))
    for name, hr, nd, rc, cov, n, rank_s, fit_s in out:
        print(f"peer {dataset:14s} {name:14s} HR@10 {hr:.4f} NDCG@10 {nd:.4f} Recall@20 {rc:.4f} "
              f"cov@10 {cov:.4f} users {n} fit {fit_s:.2f} s rank {rank_s:.2f} s")


if __name__ == "__main__":
    a = argparse.ArgumentParser()
    a.add_argument("--online-retail")
    a.add_argument("--movielens")
    args = a.parse_args()
    if args.online_retail:
        run("online-retail", *online_retail(args.online_retail), 200)
    if args.movielens:
        run("ml-100k", *movielens(args.movielens), 50)
