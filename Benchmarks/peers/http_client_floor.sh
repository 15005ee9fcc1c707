#!/usr/bin/env bash
# Where a small statement's round trip goes: `RETURN 1` over the HTTP transaction API through Python's
# http.client and through a raw socket, interleaved (see http_client_floor.py). Serves an empty temporary data
# directory. The binary is $IGNITABULL_BIN, else .build/release/ignitabull, else .build/debug/ignitabull (this
# script does not build).
#
# usage: Benchmarks/peers/http_client_floor.sh [ROUNDS]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bench="$(dirname "$here")"
root="$(dirname "$bench")"
. "$here/venv.sh"
peer_venv "import json"
. "$here/serve.sh"
peer_binary release
echo "binary: $bin" >&2
peer_workdir
peer_serve --data "$work/graph" --create
"$peer_python" "$here/http_client_floor.py" "http://127.0.0.1:$http" "${1:-6}"
