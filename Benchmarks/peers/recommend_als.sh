#!/usr/bin/env bash
# The `implicit` library's ALS on `ignitabull eval`'s splits (Online Retail time cut, ml-100k
# leave-last-out), with the settings the engine's automatic selection tries; compare with the ALS
# and "auto, as served" rows of `ignitabull eval`.
#
# usage: Benchmarks/peers/recommend_als.sh
# implicit, numpy, scipy and threadpoolctl come from the shared venv in Benchmarks/.venv (peers/venv.sh).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bench="$(dirname "$here")"
root="$(dirname "$bench")"
retail="$root/../shared/datasets/online-retail/online_retail.csv.gz"
movielens="$root/../shared/datasets/movielens/ml-100k"

. "$here/venv.sh"
peer_venv "import implicit, numpy, scipy, threadpoolctl" implicit numpy scipy threadpoolctl
export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1
cd "$here" && "$peer_python" recommend_als.py --online-retail "$retail" --movielens "$movielens"
