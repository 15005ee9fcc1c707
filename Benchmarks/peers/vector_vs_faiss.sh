#!/usr/bin/env bash
# Runs FAISS IndexIVFFlat and our IVFFlatIndex on GloVe-50 (390k base, 10k queries, lists 1000,
# one thread) in one go and prints both curves and the ratios.
# Usage: Benchmarks/peers/vector_vs_faiss.sh [PROBES_CSV]   (from anywhere)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bench="$(dirname "$here")"
data="$(cd "$bench/../../shared/datasets/glove-6b-50d" && pwd)"
probes="${1:-8,16,24,32,48,64}"
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1

. "$here/venv.sh"
peer_venv "import faiss, numpy" faiss-cpu numpy
(cd "$bench" && swift build -c release --product VectorBenchmarks >/dev/null)

out="$(mktemp)"
trap 'rm -f "$out"' EXIT
"$peer_python" "$here/faiss_ivfflat.py" "$data" "$probes" 1000 | tee -a "$out"
"$bench/.build/release/VectorBenchmarks" "$data" "$probes" | tee -a "$out"

"$peer_python" - "$out" <<'PY'
import sys
rows = {}
for line in open(sys.argv[1]):
    p = line.split()
    if len(p) >= 10 and p[0] == "RESULT" and p[2] in ("single", "batch", "exact"):
        rows[(p[1], p[2], int(p[4]))] = (float(p[6]), float(p[8]), float(p[10]))
print("\nQPS by wall clock and by thread CPU time (the machine is shared; CPU time is the steadier figure)")
print("mode    probes  faiss_recall  ours_recall  faiss_qps  ours_qps  ratio | faiss_cpu_qps ours_cpu_qps cpu_ratio")
for (who, mode, probes), (r, q, c) in sorted(rows.items(), key=lambda kv: (kv[0][1], kv[0][2])):
    if who != "ours" or ("faiss", mode, probes) not in rows:
        continue
    fr, fq, fc = rows[("faiss", mode, probes)]
    print(f"{mode:7} {probes:6}  {fr:12.4f} {r:12.4f} {fq:10.1f} {q:9.1f} {q / fq:5.2f}x | {fc:13.1f} {c:12.1f} {c / fc:8.2f}x")
for mode in ("single", "batch"):
    for idx, label in ((1, "wall"), (2, "cpu")):
        ours = [v[idx] for (w, m, _), v in rows.items() if w == "ours" and m == mode and v[0] >= 0.95]
        theirs = [v[idx] for (w, m, _), v in rows.items() if w == "faiss" and m == mode and v[0] >= 0.95]
        if ours and theirs:
            print(f"{mode} ({label}): best QPS at recall@10 >= 0.95: ours {max(ours):.1f}, faiss {max(theirs):.1f}, "
                  f"ratio {max(ours) / max(theirs):.2f}x")
PY
