#!/usr/bin/env bash
# The mirror's delivery rate, to a second `ignitabull serve` standing in for Neo4j (same HTTP transaction API):
#  1. initial sync: a generated graph (default 5,000 customers, 2,000 products, 100,000 purchases) copied
#     by `mirror sync`;
#  2. catch-up: 100 transactions written to the source while no mirror runs (node creates, property sets,
#     relationship creates and deletes), then delivered from the cursor by `mirror sync`;
#  3. lag under a steady 1,000 mutations per second (scripts/mirror-lag, `serve --mirror-to`).
# Each phase reports mutations delivered per second (the sync commands' times include opening the data
# directory); the target's counts are checked against the source's.
#
# usage: Benchmarks/peers/mirror_throughput.sh [--purchases N] [--lag-seconds 10]   (release build; IGNITABULL_BIN)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$(dirname "$here")")"
purchases=100000
lag_seconds=10
while [ $# -gt 0 ]; do
    case "$1" in
        --purchases) purchases="$2"; shift 2 ;;
        --lag-seconds) lag_seconds="$2"; shift 2 ;;
        *) echo "unknown argument $1" >&2; exit 2 ;;
    esac
done
bin="${IGNITABULL_BIN:-}"
if [ -z "$bin" ]; then
    (cd "$root" && swift build -c release --product ignitabull >&2)
    bin="$root/.build/release/ignitabull"
fi
work="$(mktemp -d)"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
"$bin" serve --data "$work/target" --create --no-auth --host 127.0.0.1 --port "$port" --bolt-port 0 --log-level error >/dev/null 2>&1 &
target=$!
trap 'kill $target 2>/dev/null; wait $target 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.2; done
url="http://127.0.0.1:$port"

seconds() { python3 -c "import time; print(time.monotonic())"; }
rate() { python3 -c "import sys; n, t = float(sys.argv[1]), float(sys.argv[2]); print(f'{n:,.0f} mutations in {t:.2f} s: {n / t:,.0f} per second')" "$1" "$2"; }
delivered() { sed -n 's/.*cursor [0-9]* of [0-9]*, \([0-9,]*\) mutations in.*/\1/p' | tr -d ,; }

"$bin" generate --data "$work/source" --create --customers 5000 --products 2000 --purchases "$purchases" --sample 0 >/dev/null 2>&1
t0=$(seconds)
out="$("$bin" mirror sync --data "$work/source" --to "$url" 2>/dev/null)"
t1=$(seconds)
echo "initial sync: $(rate "$(echo "$out" | delivered)" "$(python3 -c "print($t1 - $t0)")")"

for i in $(seq 1 100); do
    case $((i % 4)) in
        0) q="UNWIND range(1, 500) AS n CREATE (:Item {batch: $i, n: n, v: rand()})" ;;
        1) q="MATCH (p:Product) WHERE p.id ENDS WITH '$((i % 10))' SET p.price = coalesce(p.price, 1.0) * 1.01, p.touched = $i" ;;
        2) q="MATCH (c:Customer) WHERE c.id ENDS WITH '$((i % 10))$((i % 7))' WITH c LIMIT 50 MATCH (p:Product) WHERE p.id ENDS WITH '$((i % 9))1' WITH c, p LIMIT 500 CREATE (c)-[:VIEWED {at: $i}]->(p)" ;;
        3) q="MATCH ()-[r:VIEWED]->() WITH r LIMIT 200 DELETE r" ;;
    esac
    "$bin" query --data "$work/source" --quiet "$q" >/dev/null
done
t0=$(seconds)
out="$("$bin" mirror sync --data "$work/source" --to "$url" 2>/dev/null)"
t1=$(seconds)
echo "catch-up from the cursor (100 transactions): $(rate "$(echo "$out" | delivered)" "$(python3 -c "print($t1 - $t0)")")"

kill $target; wait $target 2>/dev/null || true
# The target also holds the mirror's fence node (label IgnitabullMirror), which is not data.
counts='MATCH (n) WHERE NOT n:IgnitabullMirror WITH count(n) AS nodes MATCH ()-[r]->() RETURN nodes, count(r) AS relationships'
source_counts="$("$bin" query --data "$work/source" --quiet --format tsv "$counts" | tail -n 1)"
target_counts="$("$bin" query --data "$work/target" --quiet --format tsv "$counts" | tail -n 1)"
echo "source nodes/relationships: $source_counts; target: $target_counts"
[ "$source_counts" = "$target_counts" ] || { echo "the target differs from the source"; exit 1; }

echo "lag under 1,000 mutations per second ($lag_seconds s, serve --mirror-to):"
(cd "$root" && scripts/mirror-lag --bin "$bin" "$lag_seconds")
