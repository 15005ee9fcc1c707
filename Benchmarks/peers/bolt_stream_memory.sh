#!/usr/bin/env bash
# The Bolt server's peak memory while the Neo4j Python driver reads a large result: ROWS rows of
# `UNWIND range(1, ROWS) AS i RETURN i` on an empty in-memory server, then every PURCHASED relationship of a
# generated graph (`ignitabull generate`, PURCHASES purchases) through MATCH. The binary is $IGNITABULL_BIN,
# else .build/release/ignitabull, else .build/debug/ignitabull (this script does not build).
#
# usage: Benchmarks/peers/bolt_stream_memory.sh [ROWS] [PURCHASES]   (ROWS 0: only the MATCH)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bench="$(dirname "$here")"
root="$(dirname "$bench")"
. "$here/venv.sh"
peer_venv "import neo4j" "neo4j>=6,<7"
. "$here/serve.sh"
rows="${1:-1000000}"
purchases="${2:-1000000}"
peer_binary release
echo "binary: $bin" >&2
work="$(mktemp -d)"
trap 'peer_stop; rm -rf "$work"' EXIT

if [ "$rows" -gt 0 ]; then
    peer_serve --in-memory
    "$peer_python" "$here/bolt_stream_memory.py" "127.0.0.1:$bolt" "$pid" "UNWIND range(1, $rows) AS i RETURN i" "$rows"
    peer_stop
fi
"$bin" generate --data "$work/graph" --create --purchases "$purchases" >/dev/null
peer_serve --data "$work/graph"
"$peer_python" "$here/bolt_stream_memory.py" "127.0.0.1:$bolt" "$pid" \
    "MATCH (c:Customer)-[p:PURCHASED]->(x:Product) RETURN c.id AS customer, x.id AS product, p.quantity AS quantity"
peer_stop
