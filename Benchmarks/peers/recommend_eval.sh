#!/usr/bin/env bash
# `ignitabull eval` (release) against the same protocol in numpy/scipy (float64), on Online Retail
# and ml-100k, in one run: the baseline figures should agree, and the EASE fit times give a ratio.
#
# usage: Benchmarks/peers/recommend_eval.sh
# numpy and scipy come from the shared venv in Benchmarks/.venv (peers/venv.sh).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bench="$(dirname "$here")"
root="$(dirname "$bench")"
retail="$root/../shared/datasets/online-retail/online_retail.csv.gz"
movielens="$root/../shared/datasets/movielens/ml-100k"

. "$here/venv.sh"
peer_venv "import numpy, scipy" numpy scipy
python="$peer_python"
(cd "$root" && swift build -c release --product ignitabull >&2)
export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1

ours="$(mktemp)"
peer="$(mktemp)"
trap 'rm -f "$ours" "$peer"' EXIT
"$root/.build/release/ignitabull" eval --online-retail "$retail" --movielens "$movielens" | tee "$ours"
"$python" "$here/recommend_eval.py" --online-retail "$retail" --movielens "$movielens" | tee "$peer"

echo
echo "== EASE fit time (Gram + inverse + B), ours / peer"
python3 - "$ours" "$peer" <<'PY'
import re, sys
ours = {}
for line in open(sys.argv[1]):
    m = re.match(r"(online-retail|ml-100k)\s+EASE \S+\s+(\S+\s+){7}(\S+)\s+(\S+)", line)
    if m: ours[m.group(1)] = float(m.group(3))
for line in open(sys.argv[2]):
    m = re.match(r"peer (\S+)\s+EASE.*fit (\S+) s", line)
    if m and m.group(1) in ours:
        print(f"{m.group(1):14s} ours {ours[m.group(1)]:.2f} s  peer {float(m.group(2)):.2f} s  ratio {ours[m.group(1)] / float(m.group(2)):.2f}")
PY
