#!/usr/bin/env bash
# Runs py2neo 2021.2.4 (PyPI) against the server over HTTP: reads, writes, a committed and a
# rolled-back transaction. Starts `ignitabull serve --in-memory` on a free port unless a URI is given.
#
# usage: Benchmarks/peers/py2neo_check.sh [http://host:port]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bench="$(dirname "$here")"
root="$(dirname "$bench")"
. "$here/venv.sh"
peer_venv "import py2neo" py2neo==2021.2.4

uri="${1:-}"
if [ -z "$uri" ]; then
    (cd "$root" && swift build --product ignitabull >&2)
    port="$("$peer_python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
    "$root/.build/debug/ignitabull" serve --in-memory --no-auth --host 127.0.0.1 --port "$port" --log-level warning >&2 &
    server=$!
    trap 'kill -TERM $server 2>/dev/null; wait $server 2>/dev/null || true' EXIT
    uri="http://127.0.0.1:$port"
    for _ in $(seq 1 100); do
        curl -sf "$uri/health" >/dev/null 2>&1 && break
        sleep 0.1
    done
fi
"$peer_python" "$here/py2neo_check.py" "$uri"
