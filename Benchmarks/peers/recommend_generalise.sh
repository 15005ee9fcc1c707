#!/usr/bin/env bash
# The default model choice on a data set outside ../shared: Weka's supermarket.arff, taken from
# Debian's `weka` package (downloaded, not installed), as plain neo4j-admin CSV files without
# constraints, imported and scored with the release CLI's defaults. See recommend_generalise.py.
#
# usage: Benchmarks/peers/recommend_generalise.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bench="$(dirname "$here")"
root="$(dirname "$bench")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

(cd "$root" && swift build -c release --product ignitabull >&2)
(cd "$work" && apt-get download weka >/dev/null 2>&1) || { echo "cannot download Debian's weka package" >&2; exit 1; }
dpkg -x "$work"/weka_*.deb "$work/weka"
arff="$(find "$work/weka" -name 'supermarket.arff*' | head -n 1)"
case "$arff" in *.gz) gunzip -k "$arff"; arff="${arff%.gz}" ;; esac
[ -f "$arff" ] || { echo "supermarket.arff not found in the weka package" >&2; exit 1; }

. "$here/venv.sh"
peer_venv "import implicit, numpy, scipy, threadpoolctl" implicit numpy scipy threadpoolctl
export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1
"$peer_python" "$here/recommend_generalise.py" "$arff" "$root/.build/release/ignitabull" "$work/run"
