"""Does the default model choice generalise? A data set that is not in ../shared, met as a stranger
would: Weka's `supermarket.arff` (4,627 baskets of a New Zealand supermarket over 217 departments,
shipped in Debian's `weka` package as an example) written as plain neo4j-admin CSV files, imported
with `ignitabull import` (no flags), scored with `ignitabull score -o recs.jsonl` (no other flags).

Each basket is one customer. The data carries no times, so one department per basket with at least
two (drawn with a fixed seed) is held out of the CSV files. The held-out departments are the test:
NDCG@10 and HR@10 of the engine's default output, against popularity, EASE at the λ values the
engine's grid holds (each scored on the test, so the best of them is an upper bound no selection
could beat by choice of λ) and the `implicit` library's ALS at the engine's ALS settings, all on the
same train rows. 95% bootstrap intervals over the evaluated customers.

usage: recommend_generalise.py ARFF IGNITABULL WORKDIR
"""
import json, os, subprocess, sys, time
import numpy as np


def read_arff(path):
    names, rows, data = [], [], False
    for line in open(path, encoding="latin-1"):
        line = line.strip()
        if not line or line.startswith("%"):
            continue
        low = line.lower()
        if low.startswith("@attribute"):
            rest = line[len("@attribute"):].strip()
            name = rest[1:rest.index("'", 1)] if rest.startswith("'") else rest.split()[0]
            kind = rest[rest.index("{"):] if "{" in rest else ""
            names.append((name, kind.replace(" ", "") == "{t}"))
        elif low.startswith("@data"):
            data = True
        elif data:
            fields = line.split(",")
            rows.append([i for i, v in enumerate(fields) if v == "t" and names[i][1]])
    departments = [n for n, binary in names]
    return departments, [r for r in rows if r]


def interval(v, samples=2000, seed=7):
    rng = np.random.default_rng(seed)
    means = np.sort([v[rng.integers(0, len(v), len(v))].mean() for _ in range(samples)])
    return means[int((samples - 1) * 0.025)], means[int((samples - 1) * 0.975)]


DISC = 1 / np.log2(np.arange(2, 12))


def metrics(ranked, held):
    """Per customer NDCG@10 and HR@10 of a ranked list against one held-out item."""
    top = list(ranked)[:10]
    if held in top:
        return DISC[top.index(held)], 1.0
    return 0.0, 0.0


def rank_scores(scores, owned):
    s = np.asarray(scores, dtype=np.float64).copy()
    s[list(owned)] = -np.inf
    return list(np.lexsort((np.arange(len(s)), -s))[:10])


def main():
    arff, exe, work = sys.argv[1:4]
    departments, baskets = read_arff(arff)
    rng = np.random.default_rng(1)
    train, test = [], {}
    for b, items in enumerate(baskets):
        items = sorted(set(items))
        if len(items) >= 2:
            held = items[rng.integers(0, len(items))]
            test[b] = held
            items = [i for i in items if i != held]
        train.append(items)
    n_items = len(departments)
    os.makedirs(work, exist_ok=True)
    with open(os.path.join(work, "customers.csv"), "w") as f:
        f.write("id:ID(Customer)\n")
        for b in range(len(baskets)):
            f.write(f"b{b}\n")
    with open(os.path.join(work, "products.csv"), "w") as f:
        f.write("id:ID(Product),description\n")
        for i, name in enumerate(departments):
            f.write(f"d{i},\"{name}\"\n")
    with open(os.path.join(work, "purchased.csv"), "w") as f:
        f.write(":START_ID(Customer),:END_ID(Product)\n")
        for b, items in enumerate(train):
            for i in items:
                f.write(f"b{b},d{i}\n")
    print(f"supermarket.arff: {len(baskets)} baskets, {n_items} departments, "
          f"{sum(map(len, train))} train rows, {len(test)} held-out departments")

    def run(*args):
        t = time.time()
        subprocess.run([exe, *args], cwd=work, check=True, stdout=subprocess.DEVNULL, stderr=sys.stderr)
        return time.time() - t

    run("import", "--nodes", "Customer=customers.csv", "--nodes", "Product=products.csv",
        "--relationships", "PURCHASED=purchased.csv")
    seconds = run("score", "-o", "recs.jsonl")
    served, cold, unknown = {}, 0, 0
    for line in open(os.path.join(work, "recs.jsonl")):
        r = json.loads(line)
        b = int(r["customer"][1:])
        served[b] = [int(x["product"][1:]) for x in r["items"]]
        cold += bool(r.get("coldStart"))
        unknown += r.get("knownCustomer") is False
    print(f"ignitabull score: {len(served)} customers in {seconds:.1f} s (model selection included), "
          f"{cold} cold start, {unknown} unknown")

    users = sorted(test)
    X = np.zeros((len(baskets), n_items), dtype=np.float32)
    for b, items in enumerate(train):
        X[b, items] = 1
    results = []

    def report(name, per_user):
        nd = np.array([p[0] for p in per_user])
        hr = np.array([p[1] for p in per_user])
        lo, hi = interval(nd)
        results.append((name, nd))
        print(f"{name:<44} NDCG@10 {nd.mean():.4f} [{lo:.4f}, {hi:.4f}]  HR@10 {hr.mean():.4f}")

    report("ignitabull default (score, auto)", [metrics(served.get(b, []), test[b]) for b in users])
    popularity = X.sum(axis=0)
    report("popularity", [metrics(rank_scores(popularity, train[b]), test[b]) for b in users])
    G = X.T @ X
    for lam in (50.0, 200.0, 800.0):
        P = np.linalg.inv(G + lam * np.eye(n_items))
        B = -P / np.diag(P)
        np.fill_diagonal(B, 0)
        report(f"EASE (λ={lam:g})", [metrics(rank_scores(X[b] @ B, train[b]), test[b]) for b in users])
    try:
        from threadpoolctl import threadpool_limits
        from implicit.cpu.als import AlternatingLeastSquares
        import scipy.sparse as sp
        C = sp.csr_matrix(X)
        for factors, reg, alpha in ((64, 1.0, 40), (64, 0.1, 10), (128, 0.05, 2)):
            with threadpool_limits(1):
                m = AlternatingLeastSquares(factors=factors, regularization=reg, alpha=1 + alpha,
                                            iterations=15, random_state=7)
                m.fit(C, show_progress=False)
            uf, itf = np.asarray(m.user_factors), np.asarray(m.item_factors)
            report(f"implicit ALS (f={factors}, λ={reg:g}, α={alpha})",
                   [metrics(rank_scores(itf @ uf[b], train[b]), test[b]) for b in users])
    except ImportError as e:
        print(f"implicit ALS: skipped ({e})")
    ours = results[0][1]
    best = max(results[1:], key=lambda r: r[1].mean())
    d = ours - best[1]
    lo, hi = interval(d)
    print(f"default − best peer ({best[0]}): {d.mean():+.4f} [{lo:+.4f}, {hi:+.4f}] (paired, 95%)")


if __name__ == "__main__":
    main()
