#!/usr/bin/env bash
# Neo4j Browser's default query and a range filter at 10M purchases (issue 15), over Neo4j's HTTP transaction
# API (POST /db/neo4j/tx/commit):
#   MATCH p=()-->() RETURN p LIMIT 25
#   MATCH (p:Product) WHERE p.unitPrice > 100 RETURN p        (with --index: on a range index)
# The graph is the synthetic one at 10M purchases (`ignitabull generate`, seed 42: 500,000 customers, 200,000
# products, 10,000,000 PURCHASED, 17,867,125 relationships of 11 types), whose products carry `price`
# (log-uniform, 1 to 500). The generated neo4j-admin CSV files are written once into CSV_DIR with that column
# renamed `unitPrice` (the Online Retail importer's name, which the issue's statement uses), then imported
# into DATA_DIR by the binary under test, so that each binary reads a data directory it wrote itself from the
# same files. The server runs with its defaults (no authentication on loopback, no Bolt where the binary has
# those options). Times are in Python (http.client, one keep-alive connection): see everyday_10m.py.
#
# The binary is $IGNITABULL_BIN, else .build/release/ignitabull (this script does not build). The script waits
# while a Swift build runs on the machine (polling every 30 s) before it starts the server, and each series of
# runs waits for a quiet machine (everyday_10m.py). A statement the server refuses (its work budget or time
# limit) is reported as refused, with the time the refusal took: the server's limits are left at their defaults.
#
# usage: IGNITABULL_BIN=... Benchmarks/peers/everyday_10m.sh --data DATA_DIR [--csv CSV_DIR] [--index]
#            [--label NAME] [--warmup 3] [--runs 20]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$(dirname "$here")")"
data=""
csv=""
index=""
label=""
warmup=3
runs=20
while [ $# -gt 0 ]; do
    case "$1" in
        --data) data="$2"; shift 2 ;;
        --csv) csv="$2"; shift 2 ;;
        --index) index="--index"; shift ;;
        --label) label="$2"; shift 2 ;;
        --warmup) warmup="$2"; shift 2 ;;
        --runs) runs="$2"; shift 2 ;;
        *) echo "unknown argument $1" >&2; exit 2 ;;
    esac
done
[ -n "$data" ] || { echo "usage: $0 --data DATA_DIR [--csv CSV_DIR] [--index] [--label NAME]" >&2; exit 2; }
csv="${csv:-$data-csv}"
bin="${IGNITABULL_BIN:-$root/.build/release/ignitabull}"
[ -x "$bin" ] || { echo "no binary at $bin: build it first (swift build -c release --product ignitabull)" >&2; exit 2; }
label="${label:-$(basename "$bin")}"

if [ ! -f "$csv/nodes_Product.csv" ]; then
    mkdir -p "$csv"
    echo "writing the 10M-purchase graph's CSV files into $csv" >&2
    "$bin" generate --in-memory --csv "$csv" --sample 0 --seed 42 \
        --customers 500000 --products 200000 --purchases 10000000 >/dev/null
    sed -i '1s/,price:double$/,unitPrice:double/' "$csv/nodes_Product.csv"
fi
head -1 "$csv/nodes_Product.csv" | grep -q ',unitPrice:double$' \
    || { echo "$csv/nodes_Product.csv has no unitPrice:double column" >&2; exit 1; }

if [ ! -f "$data/graph.sqlite" ]; then
    files=()
    for f in "$csv"/nodes_*.csv; do files+=(--nodes "$f"); done
    for f in "$csv"/rels_*.csv; do files+=(--relationships "$f"); done
    echo "importing $csv into $data with $bin" >&2
    start=$(date +%s)
    create=()
    grep -q -- '--create' <<<"$("$bin" import --help)" && create=(--create)
    "$bin" import --data "$data" "${create[@]}" "${files[@]}" --sample 0 --no-stats >/dev/null
    echo "imported in $(( $(date +%s) - start )) s" >&2
fi

while pgrep -x swift-build >/dev/null || pgrep -x swift-frontend >/dev/null; do
    echo "$(date +%T) a Swift build is running: waiting 30 s" >&2
    sleep 30
done

# Options the binary has: older builds have neither authentication nor Bolt.
help="$("$bin" serve --help)"
extra=()
grep -q -- '--no-auth' <<<"$help" && extra+=(--no-auth)
grep -q -- '--bolt-port' <<<"$help" && extra+=(--bolt-port 0)
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
log="$(mktemp)"
start=$(date +%s)
"$bin" serve --data "$data" --host 127.0.0.1 --port "$port" --log-level warning "${extra[@]}" >"$log" 2>&1 &
server=$!
trap 'kill -TERM $server 2>/dev/null; wait $server 2>/dev/null || true; rm -f "$log"' EXIT
until curl -sf "http://127.0.0.1:$port/health" >/dev/null 2>&1; do
    kill -0 $server 2>/dev/null || { cat "$log" >&2; echo "the server exited" >&2; exit 1; }
    [ $(( $(date +%s) - start )) -lt 1200 ] || { echo "the server did not answer /health in 20 minutes" >&2; exit 1; }
    sleep 0.5
done
echo "binary: $bin ($("$bin" --version | head -1)); data: $data; served after $(( $(date +%s) - start )) s;" \
     "resident $(awk '/^VmRSS/ {printf "%.0f MB", $2 / 1024}' "/proc/$server/status")"
python3 "$here/everyday_10m.py" "http://127.0.0.1:$port" "$label" $index --warmup "$warmup" --runs "$runs" \
    --server-pid "$server"
