"""The report: report.md with the machine, versions, settings and tables, and matplotlib PNG plots beside it.
Every figure comes from the run's results.json; answers that differ from ours are counted next to the timing."""
import json
import os
import platform
import sys

from . import check, plots
from .timing import failures, percentile

TARGETS = (0.90, 0.95, 0.99)


def machine():
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    mem = next((int(l.split()[1]) // 1024 // 1024 for l in open("/proc/meminfo") if l.startswith("MemTotal")), 0)
    return (f"{cpu}, {os.cpu_count()} cores, {mem} GiB RAM, {platform.platform()}, Python {platform.python_version()}, "
            f"load average at the end {' '.join(open('/proc/loadavg').read().split()[:3])}")


def fmt(x, digits=1):
    if x is None:
        return "–"
    if x >= 100:
        return f"{x:,.0f}"
    return f"{x:.{digits}f}" if x >= 1 else f"{x:.3f}"


def graph_tables(run):
    out, headline = [], []
    for set_name in run["plan"]["graph_sets"]:
        rows = [g for g in run["graph"] if g.get("dataset") == set_name]
        if not rows:
            continue
        c = run["datasets"].get(set_name, {})
        out.append(f"\n### Graph: {set_name} ({c.get('customers', 0):,} customers, {c.get('products', 0):,} products, "
                   f"{c.get('purchased', 0):,} PURCHASED, {c.get('fbw', 0):,} FREQUENTLY_BOUGHT_WITH)\n")
        out.append("| system | client path | bulk load | memory after load | data on disk |\n|---|---|---|---|---|")
        for g in rows:
            if g.get("errors") and "load_s" not in g:
                out.append(f"| {g['system']} | not run: {'; '.join(g['errors'])[:300]} | | | |")
                continue
            out.append(f"| {g.get('name', g['system'])} | {g.get('client', '')} | {fmt(g.get('load_s'))} s "
                       f"({g.get('detail', '')}) | {fmt(g.get('memory_mb'))} MB | {fmt(g.get('disk_mb'))} MB |")
        ours = next((g for g in rows if g["system"] == "ours"), {})
        workloads = list(ours.get("workloads", {}))
        out.append("\nOne query at a time; p50 / p99 in ms over the queries run (n); answers compared with ours "
                   "(same top-10 within tie order).\n")
        out.append("| workload | system | n | p50 ms | p99 ms | answers equal to ours |\n|---|---|---|---|---|---|")
        for w in workloads:
            ref = ours["workloads"].get(w, {}).get("answers", {})
            peers = []
            our_p50 = percentile(ours["workloads"].get(w, {}).get("latencies_ms", []), 0.5)
            for g in rows:
                r = g.get("workloads", {}).get(w)
                if r is None:
                    continue
                if "error" in r:
                    out.append(f"| {w} | {g.get('name', g['system'])} | 0 | – | – | error: {r['error'][:200]} |")
                    continue
                lat = r["latencies_ms"]
                failed, message = failures(r["answers"])
                if g["system"] == "ours":
                    verdict = "(reference)"
                else:
                    ok, n, first = check.compare(ref, r["answers"])
                    verdict = f"{ok}/{n}" + ("" if ok == n else f" **differ** (first: {first})")
                    if w != "floor" and lat:
                        peers.append((percentile(lat, 0.5), g.get("name", g["system"]), ok, n))
                if failed:
                    verdict += f"; **{failed} of {failed + len(lat)} failed**: {message[:160]}"
                out.append(f"| {w} | {g.get('name', g['system'])} | {len(lat)} | {fmt(percentile(lat, 0.5), 2)} | "
                           f"{fmt(percentile(lat, 0.99), 2)} | {verdict} |")
            our_failed, our_message = failures(ours["workloads"].get(w, {}).get("answers", {}))
            if peers and our_p50:
                row = graph_headline(f"{w}, {set_name} (p50 latency)", our_p50, peers)
                if our_failed:
                    row = row[:4] + (f"ours failed {our_failed} queries ({our_message[:80]}); p50 over the rest. " + row[4],)
                headline.append(row)
            elif peers and our_failed:
                headline.append((f"{w}, {set_name} (p50 latency)", None, min(peers)[1], "",
                                 f"**ours answered none**: {our_message[:120]}"))
        conc = [(g["system"], g["concurrency"]["copurchase"]) for g in rows if g.get("concurrency", {}).get("copurchase")]
        if conc:
            out.append("\nThroughput of the co-purchase query at 1, 2 and 8 concurrent clients (queries/s):\n")
            out.append("| system | 1 | 2 | 8 |\n|---|---|---|---|")
            for s, c in conc:
                out.append(f"| {s} | " + " | ".join(fmt(c[n]["qps"]) + (" (errors)" if c[n]["errors"] else "")
                                                  for n in ("1", "2", "8")) + " |")
            ours_c = dict(conc).get("ours")
            if ours_c:
                # Throughput counts for peers whose single-client answers matched ours.
                stand_in = {g["system"] for g in rows if g.get("name") == "neo4j-path"}
                matched = {s for s in dict(conc) if s != "ours" and s not in stand_in
                           and answers_match(ours, rows, s, "copurchase")}
                best = max(((c["8"]["qps"], s) for s, c in conc if s in matched), default=None)
                fastest = max((c["8"]["qps"], s) for s, c in conc if s != "ours" and s not in stand_in)
                note = "" if not best or fastest[1] == best[1] else \
                    f"{fastest[1]} does {fmt(fastest[0])} q/s with answers that differ from ours"
                if best:
                    headline.append((f"copurchase at 8 clients, {set_name} (q/s)", ours_c["8"]["qps"] / best[0], best[1],
                                     "yes (single-client check)", note))
        wl = [(g["system"], g["write_load"]) for g in rows if g.get("write_load")]
        if wl:
            out.append("\nSteady write load (one writer, a PURCHASED relationship per transaction) with one reader "
                       "running the co-purchase query alongside:\n")
            out.append("| system | writes/s | reads done | read p50 ms | read p99 ms | errors |\n|---|---|---|---|---|---|")
            for s, w in wl:
                if "error" in w:
                    out.append(f"| {s} | – | – | – | – | {w['error'][:200]} |")
                    continue
                lat = w["read_latencies_ms"]
                out.append(f"| {s} | {fmt(w['writes_per_s'])} | {len(lat)} | {fmt(percentile(lat, 0.5), 2)} | "
                           f"{fmt(percentile(lat, 0.99), 2)} | {'; '.join(w['errors'])[:200]} |")
    return out, headline


def mismatches(run):
    """For each peer and workload whose answers differ from ours: the first differing parameter, both answers."""
    out = []
    for set_name in run["plan"]["graph_sets"]:
        rows = [g for g in run["graph"] if g.get("dataset") == set_name]
        ours = next((g for g in rows if g["system"] == "ours"), None)
        if not ours:
            continue
        for w, mine in ours.get("workloads", {}).items():
            for g in rows:
                theirs = g.get("workloads", {}).get(w, {}).get("answers")
                if g is ours or not theirs:
                    continue
                ok, n, first = check.compare(mine.get("answers", {}), theirs)
                if first is not None:
                    show = lambda rows: ", ".join(f"{r[0]} {float(r[1]):.6g}" for r in rows[:4])  # noqa: E731
                    out.append(f"- {set_name}, {w}, {g.get('name', g['system'])} ({ok}/{n} equal); first differing "
                               f"`{first}`: ours [{show(mine['answers'][first])}, …] ({len(mine['answers'][first])} rows), "
                               f"{g.get('name', g['system'])} [{show(theirs[first])}, …] ({len(theirs[first])} rows)")
    return out


def answers_match(ours, rows, system, workload):
    g = next(g for g in rows if g["system"] == system)
    ok, n, _ = check.compare(ours["workloads"].get(workload, {}).get("answers", {}),
                             g.get("workloads", {}).get(workload, {}).get("answers", {}))
    return n > 0 and ok == n


def graph_headline(name, our_p50, peers):
    """Against the fastest peer whose answers all equal ours; a faster peer with other answers is named."""
    peers = [p for p in peers if p[1] != "neo4j-path"]  # the Neo4j path's stand-in is ours, over Bolt
    if not peers:
        return (name, None, "no peer ran", "", "")
    matched = [p for p in peers if p[2] == p[3] and p[3]]
    fastest = min(peers)
    note = ""
    if not matched:
        return (name, None, "none with the same answers", "", f"fastest: {fastest[1]} {fmt(fastest[0], 2)} ms, "
                f"answers equal to ours {fastest[2]}/{fastest[3]}")
    best = min(matched)
    if fastest[1] != best[1]:
        note = f"{fastest[1]} is faster ({fmt(fastest[0], 2)} ms) but its answers differ ({fastest[2]}/{fastest[3]} equal)"
    return (name, best[0] / our_p50, best[1], f"{best[2]}/{best[3]}", note)


def best_at(points, filt, target):
    ok = [p for p in points if p["filter"] == filt and p["recall"] >= target]
    return max(ok, key=lambda p: p["qps"]) if ok else None


def vector_tables(run):
    out, headline = [], []
    for set_name in run["plan"]["vector_sets"]:
        rows = [v for v in run["vector"] if v.get("set") == set_name]
        if not rows:
            continue
        first = rows[0]
        out.append(f"\n### Vectors: {set_name} ({first.get('n', 0):,} × {first.get('dim')}, {first.get('queries')} queries, "
                   "top 10, cosine)\n")
        out.append("| system | client path | load | index build | memory | settings |\n|---|---|---|---|---|---|")
        for v in rows:
            if "build_s" not in v:
                out.append(f"| {v['system']} | not run: {'; '.join(v.get('errors', []))[:300]} | | | | |")
                continue
            out.append(f"| {v['system']} | {v.get('client')} | {fmt(v.get('load_s'))} s | {fmt(v.get('build_s'), 2)} s | "
                       f"{fmt(v.get('memory_mb'))} MB | {v.get('detail', '')} |")
        out.append("\nBest queries/s (one client, one query at a time) among the settings reaching each recall@10 "
                   "target; the recall is measured against an exact float64 search over the same (filtered) vectors. "
                   "`–`: no setting of the sweep reaches it.\n")
        out.append("| filter | target | " + " | ".join(v["system"] for v in rows) + " | ours / best peer |")
        out.append("|---|---|" + "---|" * len(rows) + "---|")
        for filt in (None, "1%", "10%"):
            for target in TARGETS:
                cells, peers, ours, bolt = [], [], None, None
                for v in rows:
                    b = best_at(v.get("points", []), filt, target)
                    cells.append(f"{fmt(b['qps'])} ({b['setting']}, {b['recall']:.3f})" if b else "–")
                    if b and v["system"] == "ours":
                        ours = b["qps"]
                    elif b and v["system"] == "ours-bolt":
                        bolt = b["qps"]
                    elif b:
                        peers.append((b["qps"], v["system"]))
                ratio = "–"
                if ours and peers:
                    top = max(peers)
                    pg = max((p for p in peers if p[1].startswith("pgvector")), default=None)
                    ratio = f"{ours / top[0]:.2f}× ({top[1]})"
                    note = f"vs pgvector's best ({pg[1]}): {ours / pg[0]:.2f}×" if pg and pg != top else ""
                    if bolt and pg:
                        note += ("; " if note else "") + f"over Bolt vs pgvector's best: {bolt / pg[0]:.2f}×"
                    headline.append((f"vector {set_name}, filter {filt or 'none'}, recall ≥ {target} (q/s)",
                                     ours / top[0], top[1], "recall measured", note))
                elif peers:
                    ratio = "ours does not reach it"
                    headline.append((f"vector {set_name}, filter {filt or 'none'}, recall ≥ {target} (q/s)",
                                     None, max(peers)[1], "recall measured", "ours does not reach this recall"))
                out.append(f"| {filt or 'none'} | {target} | " + " | ".join(cells) + f" | {ratio} |")
        conc = [(v["system"], v.get("concurrency_setting"), v["concurrency"]) for v in rows if v.get("concurrency")]
        if conc:
            out.append("\nThroughput at 1, 2 and 8 concurrent clients, at each system's fastest setting reaching "
                       "recall 0.95 (queries/s):\n")
            out.append("| system | setting | 1 | 2 | 8 |\n|---|---|---|---|---|")
            for s, setting, c in conc:
                out.append(f"| {s} | {setting} | " + " | ".join(fmt(c[n]["qps"]) for n in ("1", "2", "8")) + " |")
        errs = [(v["system"], e) for v in rows for e in v.get("errors", []) if "build_s" in v]
        for s, e in errs:
            out.append(f"\n- {s}: {e[:300]}")
    return out, headline


def versions(run):
    seen = {}
    for r in run["graph"] + run["vector"]:
        if r.get("version"):
            seen.setdefault(r.get("name", r["system"]).split("-")[0], r["version"])
    return [f"- {k}: {v}" for k, v in seen.items()]


def write(run, out_dir):
    graphs, h1 = graph_tables(run)
    vecs, h2 = vector_tables(run)
    figures = plots.draw(run, out_dir)
    head = h1 + h2
    lines = [
        f"# Ignitabull Engine against its peers: {run['mode']} run of {run['started']}",
        "",
        f"Command: `{run['command']}`; wall time {run.get('wall_s', 0) / 60:.1f} min"
        + (" (resumed: results already in the work directory were reused, so the wall time is not the whole "
           "run's)" if run.get("reused") else "") + ".  ",
        f"Machine: {machine()}.",
        "",
        "Everything below was measured in this run; nothing is copied from elsewhere. Each system ran in a process "
        "of its own, one after another, on the same machine (shared with other work: expect ±20% between runs).",
        "",
        "## Versions", "", *versions(run), "",
        "## Headline: ours against the best peer, per workload", "",
        "Ratio > 1: ours is faster (graph: the best peer's p50 / ours; throughput and vectors: ours / the best peer's "
        "q/s). Graph workloads: the best peer is the fastest whose answers all equal ours; a faster peer with other "
        "answers is named in the note. Vectors: the fastest peer at the recall target, whichever its client path "
        "(FAISS runs in-process, ours through HTTP; the note gives pgvector, a server reached through a client like "
        "ours). **Where the ratio is below 1, that peer wins.**", "",
        "| workload | ours / best peer | best peer | its answers equal to ours | note |", "|---|---|---|---|---|",
    ]
    for name, ratio, peer, answers, note in head:
        if ratio is None:
            lines.append(f"| {name} | – | {peer} | {answers} | {note} |")
            continue
        verdict = f"**{peer} wins**" if ratio < 1 else "ours faster"
        lines.append(f"| {name} | {ratio:.2f}× ({verdict}) | {peer} | {answers} | {note} |")
    lines += ["", "## Plots", ""] + [f"![{t}]({f})  \n{t}\n" if f else f"- {t}" for f, t in figures]
    lines += ["", "## Graph workloads", *graphs, "", "### Answers that differ from ours", ""]
    lines += mismatches(run) or ["None: every peer's answers equal ours on every parameter both answered."]
    lines += ["", "## Vector search", *vecs, ""]
    lines += notes(run)
    open(os.path.join(out_dir, "report.md"), "w").write("\n".join(lines) + "\n")


def notes(run):
    p = run["plan"]
    lines = ["## Settings and how to read this", "",
             f"- Graph sets: {', '.join(p['graph_sets'])}; {p['samples']} sampled customers/products per workload "
             f"(fixed seed), each workload stopped after {p['budget_s']} s of queries (n in the tables), 3 warm-up "
             f"queries; concurrency {p['concurrency_s']} s per level; write load {p['write_s']} s.",
             f"- Vector sets: {', '.join(p['vector_sets'])}, {p['vector_queries']} queries each, 20 warm-up queries "
             "per setting; filters keep ids with id % 100 = 7 (1%) or id % 10 = 7 (10%).",
             "- Ours is measured through its server (HTTP, JSON): the `floor` workload (a constant row) shows what "
             "the client path alone costs on each system; FAISS, Kuzu and LadybugDB run inside the Python process "
             "and pay no round trip.",
             "- Memory: resident size of the server (PostgreSQL: postmaster and backends; FalkorDB: redis-server) "
             "after loading, or the growth of the harness's own process for the embedded engines. Disk: the data "
             "directory (FalkorDB: its RDB snapshot after SAVE).",
             "- The Neo4j column (`neo4j-path`) runs the harness's Neo4j code (official driver over Bolt); without "
             "`--neo4j-url` it points at a second `ignitabull serve`, so its numbers are ours over Bolt, not Neo4j's.",
             "", "### Not run", ""]
    names = {g.get("name") for g in run["graph"]}
    if "neo4j-path" in names:
        lines.append("- Neo4j: no `--neo4j-url` (it cannot be installed here); its code path ran against our Bolt "
                     "endpoint instead (`neo4j-path`).")
    elif "neo4j" not in names:
        lines.append("- Neo4j: no `--neo4j-url` (it cannot be installed here).")
    lines.append("- Ours in-process: this harness reaches us through the server only; the Swift benchmarks "
                 "(`Benchmarks/`, see README) time the in-process path.")
    for r in run["graph"] + run["vector"]:
        if r.get("errors") and "load_s" not in r and "build_s" not in r:
            lines.append(f"- {r['system']} on {r.get('dataset') or r.get('set')}: {'; '.join(r['errors'])[:300]}")
    lines.append("")
    return lines


def slim(run):
    """The run as saved beside the report: each vector setting's latencies reduced to p50 and p99 (the plots and
    tables use only the recall and queries/s); graph latencies and answers are kept whole."""
    for v in run["vector"]:
        for p in v.get("points", []):
            lat = p.pop("latencies_ms", None)
            if lat:
                p["p50_ms"], p["p99_ms"] = percentile(lat, 0.5), percentile(lat, 0.99)
    return run


if __name__ == "__main__":
    # python -m compare_lib.report REPORT_DIR: redraw report.md and the plots from REPORT_DIR/results.json.
    out_dir = sys.argv[1]
    path = os.path.join(out_dir, "results.json")
    saved = json.load(open(path))
    write(saved, out_dir)
    json.dump(slim(saved), open(path, "w"))
