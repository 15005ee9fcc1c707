#!/usr/bin/env bash
# RecommendBenchmarks (release) against a numpy/scipy peer on Online Retail, in one run: personalised
# top-10 latency per customer (item-kNN, recency-weighted, over every customer) and batch scoring;
# prints both p50s and the ratio.
#
# usage: Benchmarks/peers/recommend_latency.sh
# numpy and scipy come from the shared venv in Benchmarks/.venv (peers/venv.sh).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bench="$(dirname "$here")"
root="$(dirname "$bench")"
retail="$root/datasets/online-retail/online_retail.csv.gz"
[ -f "$retail" ] || retail="$root/../shared/datasets/online-retail/online_retail.csv.gz"

. "$here/venv.sh"
peer_venv "import numpy, scipy" numpy scipy
python="$peer_python"
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
