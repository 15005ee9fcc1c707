"""Peer ALS for `ignitabull eval`: the `implicit` library's AlternatingLeastSquares (CPU, conjugate
gradient) on the same splits as recommend_eval.py, with the settings the engine's automatic
selection tries plus implicit's defaults. Our confidence is c = 1 + α·count; implicit's is
alpha·value for the observed entries, so it is given alpha = 1 + α. Prints NDCG@10 with a 95%
bootstrap interval over the evaluated users (2,000 resamples).

usage: recommend_als.py [--online-retail FILE.csv.gz] [--movielens DIR]
"""
import argparse, time
import numpy as np
from threadpoolctl import threadpool_limits
from implicit.cpu.als import AlternatingLeastSquares
from recommend_eval import online_retail, movielens, matrix

SETTINGS = [  # (factors, regularization, our α, iterations)
    (64, 1.0, 40, 15), (64, 0.1, 10, 15), (128, 0.05, 2, 15),
    (100, 0.01, 0, 15),  # implicit's defaults (alpha = 1)
]


def ndcg_per_user(scores_fn, train, test, n_items):
    disc = 1 / np.log2(np.arange(2, 12))
    out = []
    for u in sorted(test):
        s = np.asarray(scores_fn(u), dtype=np.float64).ravel().copy()
        s[list(train[u])] = -np.inf
        order = np.lexsort((np.arange(n_items), -s))[:10]
        rel = test[u]
        hits = np.array([i in rel for i in order])
        out.append((hits * disc).sum() / disc[: min(len(rel), 10)].sum())
    return np.array(out)


def interval(v, samples=2000, seed=7):
    rng = np.random.default_rng(seed)
    means = np.sort([v[rng.integers(0, len(v), len(v))].mean() for _ in range(samples)])
    return means[int((samples - 1) * 0.025)], means[int((samples - 1) * 0.975)]


def run(dataset, n_users, n_items, train, test):
    x = matrix(n_users, n_items, train).astype(np.float32)
    for f, reg, alpha, it in SETTINGS:
        t0 = time.perf_counter()
        m = AlternatingLeastSquares(factors=f, regularization=reg, alpha=1.0 + alpha, iterations=it,
                                    random_state=42, calculate_training_loss=False)
        m.fit(x, show_progress=False)
        fit = time.perf_counter() - t0
        uf, itf = np.asarray(m.user_factors), np.asarray(m.item_factors)
        v = ndcg_per_user(lambda u: itf @ uf[u], train, test, n_items)
        lo, hi = interval(v)
        print(f"peer {dataset:14s} implicit ALS (f={f}, λ={reg}, α={alpha}, {it} it) NDCG@10 {v.mean():.4f} "
              f"[{lo:.4f}, {hi:.4f}] users {len(v)} fit {fit:.2f} s")


if __name__ == "__main__":
    a = argparse.ArgumentParser()
    a.add_argument("--online-retail")
    a.add_argument("--movielens")
    args = a.parse_args()
    with threadpool_limits(1, "blas"):
        if args.online_retail:
            run("online-retail", *online_retail(args.online_retail))
        if args.movielens:
            run("ml-100k", *movielens(args.movielens))
