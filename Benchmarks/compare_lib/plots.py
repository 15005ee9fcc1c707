"""The report's PNG plots, drawn with matplotlib (Agg): recall against queries/s, latency distributions,
throughput against concurrent clients, and cost against graph size."""
import os

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from . import check  # noqa: E402
from .timing import percentile  # noqa: E402


def label(g):
    name = g.get("name", g["system"])
    return "neo4j-path (ours over Bolt)" if name == "neo4j-path" else name


def flagged(g, ours, workload):
    """The system's label, marked when its answers to this workload differ from ours."""
    if ours is None or g is ours:
        return label(g)
    ok, n, _ = check.compare(ours.get("workloads", {}).get(workload, {}).get("answers", {}),
                             g.get("workloads", {}).get(workload, {}).get("answers", {}))
    return label(g) + (f"\n≠ ours {n - ok}/{n}" if ok < n else "")


def _save(fig, out_dir, name):
    fig.tight_layout()
    fig.savefig(os.path.join(out_dir, name), dpi=110)
    plt.close(fig)
    return name


def recall_qps(run, out_dir):
    figures = []
    for set_name in run["plan"]["vector_sets"]:
        rows = [v for v in run["vector"] if v.get("set") == set_name and v.get("points")]
        if not rows:
            continue
        fig, axes = plt.subplots(1, 3, figsize=(15, 4.5))
        for ax, filt in zip(axes, (None, "1%", "10%")):
            for v in rows:
                pts = sorted((p["recall"], p["qps"]) for p in v["points"] if p["filter"] == filt)
                if pts:
                    ax.plot([p[0] for p in pts], [p[1] for p in pts], marker="o", ms=3,
                            lw=2.5 if v["system"] == "ours" else 1.2, label=v["system"])
            for t in (0.90, 0.95, 0.99):
                ax.axvline(t, color="grey", lw=0.5, ls=":")
            ax.set_yscale("log")
            ax.set_xlabel("recall@10")
            ax.set_ylabel("queries/s (one client)")
            ax.set_title(f"{set_name}: filter {filt or 'none'}")
            ax.grid(alpha=0.3)
        axes[0].legend(fontsize=8)
        figures.append((_save(fig, out_dir, f"recall-qps-{set_name}.png"),
                        f"Recall@10 against queries/s, {set_name}, unfiltered and with 1% and 10% filters"))
    return figures


def latency(run, out_dir):
    figures = []
    for set_name in run["plan"]["graph_sets"]:
        figures += latency_one(run, out_dir, set_name)
    return figures


def latency_one(run, out_dir, set_name):
    rows = [g for g in run["graph"] if g.get("dataset") == set_name and g.get("workloads")]
    ours = next((g for g in rows if g["system"] == "ours"), None)
    workloads = [w for w in ("floor", "copurchase", "fbw", "personal", "lookup", "recent", "buyers", "count")
                 if any(w in g["workloads"] and "latencies_ms" in g["workloads"][w] for g in rows)]
    if not workloads:
        return []
    fig, axes = plt.subplots(1, len(workloads), figsize=(4.8 * len(workloads), 5), squeeze=False)
    for ax, w in zip(axes[0], workloads):
        data = [(flagged(g, ours, w), g["workloads"][w]["latencies_ms"]) for g in rows
                if "latencies_ms" in g["workloads"].get(w, {})]
        ax.boxplot([d for _, d in data], whis=(1, 99), showfliers=False)
        ax.set_xticks(range(1, len(data) + 1), [s for s, _ in data], rotation=35, fontsize=7, ha="right")
        ax.set_yscale("log")
        ax.set_ylabel("ms per query (box: quartiles, whiskers: p1–p99)")
        ax.set_title(f"{w}, {set_name}")
        ax.grid(alpha=0.3, axis="y")
    return [(_save(fig, out_dir, f"latency-{set_name}.png"),
             f"Latency distributions of the graph workloads on {set_name}, one query at a time (≠ ours: answers "
             "that differ from ours)")]


def concurrency(run, out_dir):
    panels = []
    for g_set in run["plan"]["graph_sets"]:
        rows = [(label(g), g["concurrency"]["copurchase"]) for g in run["graph"]
                if g.get("dataset") == g_set and g.get("concurrency", {}).get("copurchase")]
        if rows:
            panels.append((f"co-purchase, {g_set}", rows))
    for v_set in run["plan"]["vector_sets"]:
        rows = [(v["system"], v["concurrency"]) for v in run["vector"] if v.get("set") == v_set and v.get("concurrency")]
        if rows:
            panels.append((f"vector top-10 at recall ≥ 0.95, {v_set}", rows))
    if not panels:
        return []
    fig, axes = plt.subplots(1, len(panels), figsize=(5 * len(panels), 4.5), squeeze=False)
    for ax, (title, rows) in zip(axes[0], panels):
        for s, c in rows:
            ax.plot([1, 2, 8], [c[n]["qps"] for n in ("1", "2", "8")], marker="o", lw=2.5 if s == "ours" else 1.2, label=s)
        ax.set_xscale("log", base=2)
        ax.set_xticks([1, 2, 8], ["1", "2", "8"])
        ax.set_yscale("log")
        ax.set_xlabel("concurrent clients")
        ax.set_ylabel("queries/s")
        ax.set_title(title, fontsize=10)
        ax.grid(alpha=0.3)
        ax.legend(fontsize=7)
    return [(_save(fig, out_dir, "concurrency.png"), "Throughput against concurrent clients (2-core machine)")]


def size_cost(run, out_dir):
    sizes = {s: run["datasets"][s]["purchased"] for s in run["plan"]["graph_sets"] if s in run["datasets"]}
    if len(sizes) < 2:
        return []
    systems = sorted({label(g) for g in run["graph"]}, key=lambda s: (s != "ours", s))
    metrics = [("co-purchase p50 ms", lambda g: percentile(g.get("workloads", {}).get("copurchase", {}).get("latencies_ms", []), 0.5)),
               ("bulk load s", lambda g: g.get("load_s")),
               ("memory after load MB", lambda g: g.get("memory_mb")),
               ("data on disk MB", lambda g: g.get("disk_mb"))]
    fig, axes = plt.subplots(1, 4, figsize=(18, 4.5))
    for ax, (title, get) in zip(axes, metrics):
        for s in systems:
            pts = sorted((sizes[g["dataset"]], get(g)) for g in run["graph"]
                         if label(g) == s and g.get("dataset") in sizes and get(g))
            if pts:
                ax.plot([p[0] for p in pts], [p[1] for p in pts], marker="o", lw=2.5 if s == "ours" else 1.2, label=s)
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xticks(list(sizes.values()), [f"{n / 1e6:g}M" if n >= 1e6 else f"{n / 1e3:.0f}k" +
                                             ("\n(retail)" if s == "online-retail" else "")
                                             for s, n in sizes.items()], fontsize=8)
        ax.minorticks_off()
        ax.set_xlabel("PURCHASED relationships")
        ax.set_title(title)
        ax.grid(alpha=0.3)
    axes[0].legend(fontsize=7)
    return [(_save(fig, out_dir, "cost-vs-size.png"), "Cost against graph size: co-purchase p50, bulk load, memory, disk")]


def draw(run, out_dir):
    figures = []
    for f in (recall_qps, latency, concurrency, size_cost):
        try:
            figures += f(run, out_dir)
        except Exception as e:  # noqa: BLE001 - a failed plot is named in the report, the rest still drawn
            figures.append(("", f"{f.__name__} failed: {type(e).__name__}: {e}"))
    return figures
