#!/usr/bin/env bash
# Runs the official Neo4j Python driver (`neo4j` from PyPI) against the Bolt server through bolt:// and
# neo4j:// URLs. Starts `ignitabull serve --in-memory` on free ports unless HOST:PORT is given.
# The binary is $IGNITABULL_BIN, else .build/debug/ignitabull (build it first; this script does not build).
#
# usage: Benchmarks/peers/bolt_driver_check.sh [host:port]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bench="$(dirname "$here")"
root="$(dirname "$bench")"
. "$here/venv.sh"
peer_venv "import neo4j, pytz" "neo4j>=6,<7" pytz

address="${1:-}"
pid=""
if [ -z "$address" ]; then
    bin="${IGNITABULL_BIN:-$root/.build/debug/ignitabull}"
    [ -x "$bin" ] || { echo "no binary at $bin: build it first (swift build --product ignitabull)" >&2; exit 2; }
    free_port() { "$peer_python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
    http="$(free_port)"
    bolt="$(free_port)"
    "$bin" serve --in-memory --no-auth --host 127.0.0.1 --port "$http" --bolt-port "$bolt" --log-level warning >&2 &
    pid=$!
    trap 'kill -TERM $pid 2>/dev/null; wait $pid 2>/dev/null || true' EXIT
    address="127.0.0.1:$bolt"
    for _ in $(seq 1 100); do
        curl -sf "http://127.0.0.1:$http/health" >/dev/null 2>&1 && break
        sleep 0.1
    done
fi
"$peer_python" "$here/bolt_driver_check.py" "$address" $pid
