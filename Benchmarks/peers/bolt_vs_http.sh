#!/usr/bin/env bash
# Small-query round trips over Bolt (the Neo4j Python driver) and over the HTTP transaction API, same run:
# `RETURN 1`, a lookup by unique key and a top-10 `rec.forCustomer`, on a generated graph
# (`ignitabull generate`: CUSTOMERS customers, 5,000 products, PURCHASES purchases) served from a temporary
# data directory. The binary is $IGNITABULL_BIN, else .build/release/ignitabull, else
# .build/debug/ignitabull (this script does not build).
#
# usage: Benchmarks/peers/bolt_vs_http.sh [ROUNDS] [CUSTOMERS] [PURCHASES]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bench="$(dirname "$here")"
root="$(dirname "$bench")"
. "$here/venv.sh"
peer_venv "import neo4j" "neo4j>=6,<7"
. "$here/serve.sh"
rounds="${1:-2000}"
customers="${2:-20000}"
purchases="${3:-200000}"
peer_binary release
echo "binary: $bin" >&2
work="$(mktemp -d)"
trap 'peer_stop; rm -rf "$work"' EXIT
"$bin" generate --data "$work/graph" --create --customers "$customers" --products 5000 --purchases "$purchases" >/dev/null
peer_serve --data "$work/graph"
"$peer_python" "$here/bolt_vs_http.py" "127.0.0.1:$bolt" "http://127.0.0.1:$http" "$rounds" "$customers"
