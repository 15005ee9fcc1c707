#!/usr/bin/env bash
# RecommendBenchmarks (release) against a numpy/scipy peer on Online Retail, in one run: personalised
# top-10 latency per customer (item-kNN, recency-weighted, over every customer) and batch scoring;
# prints both p50s and the ratio.
#
# usage: Benchmarks/peers/recommend_latency.sh
# Uses the system python3's numpy and scipy when present, else a venv in Benchmarks/.venv.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bench="$(dirname "$here")"
root="$(dirname "$bench")"
retail="$root/datasets/online-retail/online_retail.csv.gz"
[ -f "$retail" ] || retail="$root/../shared/datasets/online-retail/online_retail.csv.gz"

python=python3
if ! python3 -c "import numpy, scipy" 2>/dev/null; then
    venv="$bench/.venv"
    if [ ! -x "$venv/bin/python" ]; then python3 -m venv "$venv"; fi
    "$venv/bin/pip" install --quiet numpy scipy
    python="$venv/bin/python"
fi
(cd "$bench" && swift build -c release --product RecommendBenchmarks >&2)
export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1

ours="$(mktemp)"
peer="$(mktemp)"
trap 'rm -f "$ours" "$peer"' EXIT
"$bench/.build/release/RecommendBenchmarks" "$retail" --online-retail-only | tee "$ours"
"$python" "$here/recommend_latency.py" "$retail" | tee "$peer"

echo
echo "== top-10 item-knn p50 per customer on Online Retail, ours / peer"
python3 - "$ours" "$peer" <<'PY'
import re, sys
ours = peer = None
for line in open(sys.argv[1]):
    m = re.match(r"top-10 item-knn over .*?wall p50 (\S+) ms", line)
    if m and ours is None: ours = float(m.group(1))  # the first: cosine neighbours, as the peer
for line in open(sys.argv[2]):
    m = re.match(r"peer: top-10 item-knn .*?p50 (\S+) ms", line)
    if m: peer = float(m.group(1))
print(f"ours {ours:.3f} ms  peer {peer:.3f} ms  ratio {ours / peer:.3f}")
PY
