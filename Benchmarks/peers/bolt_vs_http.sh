#!/usr/bin/env bash
# Small-query round trips over Bolt (the Neo4j Python driver) and over the HTTP transaction API, same run.
# Starts `ignitabull serve --in-memory` ($IGNITABULL_BIN, else .build/release/ignitabull, else
# .build/debug/ignitabull; this script does not build).
#
# usage: Benchmarks/peers/bolt_vs_http.sh [rounds]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bench="$(dirname "$here")"
root="$(dirname "$bench")"
. "$here/venv.sh"
peer_venv "import neo4j" "neo4j>=6,<7"
bin="${IGNITABULL_BIN:-}"
if [ -z "$bin" ]; then
    bin="$root/.build/release/ignitabull"
    [ -x "$bin" ] || bin="$root/.build/debug/ignitabull"
fi
[ -x "$bin" ] || { echo "no binary at $bin: build it first" >&2; exit 2; }
echo "binary: $bin" >&2
free_port() { "$peer_python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
http="$(free_port)"
bolt="$(free_port)"
"$bin" serve --in-memory --no-auth --host 127.0.0.1 --port "$http" --bolt-port "$bolt" --log-level warning >/dev/null 2>&1 &
pid=$!
trap 'kill -TERM $pid 2>/dev/null; wait $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
    curl -sf "http://127.0.0.1:$http/health" >/dev/null 2>&1 && break
    sleep 0.1
done
"$peer_python" "$here/bolt_vs_http.py" "127.0.0.1:$bolt" "http://127.0.0.1:$http" "${1:-2000}"
