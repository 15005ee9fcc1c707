#!/usr/bin/env bash
# What a single-statement write costs on a large graph: a `SET` on a node and on a relationship whose property
# pages are packed, and a `CREATE` of a purchase, each in its own auto-commit transaction over Neo4j's HTTP
# transaction API (write_costs.py). The data directory is one made by `ignitabull import` from the
# comparison's synthetic CSV files (Benchmarks/compare prepares them under Benchmarks/.build/compare/data); it is
# copied to a temporary directory first, so the original is left as it was. Unique constraints on
# Customer.id and Product.id are created when missing, as an application would have them.
#
# The binary is $IGNITABULL_BIN, else .build/release/ignitabull (this script does not build).
# usage: Benchmarks/peers/write_costs.sh DATA_DIR [ROUNDS]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bench="$(dirname "$here")"
root="$(dirname "$bench")"
[ -d "${1:-}" ] || { echo "usage: $0 DATA_DIR [ROUNDS]" >&2; exit 2; }
. "$here/venv.sh"
peer_venv "import json"
. "$here/serve.sh"
peer_binary release
echo "binary: $bin" >&2
peer_workdir
cp -r "$1" "$work/graph"
rm -f "$work/graph/LOCK"
peer_serve --data "$work/graph"
"$peer_python" "$here/write_costs.py" "http://127.0.0.1:$http" "${2:-3}"
