#!/usr/bin/env bash
# Load test of the HTTP server with wrk (Debian package `wrk`) on 127.0.0.1: a release build serving
# the demo data (Online Retail, mined, products embedded), 64 connections for 30 s per route:
#   GET /hello (the Hummingbird hello-world baseline, with a random ignored ?id= so wrk's Lua cost is the same), GET products/{id}/similar,
#   GET customers/{id}/recommendations, GET products/{id}/frequently-bought-with.
# Each route request picks a random id among ALL the products with a vector (3,665 in the demo data) or
# all the customers with purchases (4,338). Reports req/s, p50, p99, errors and req/s as a fraction of
# hello-world's, measured in the same run, and how many answers came from the server's response cache
# (from /metrics), and the server process's CPU time per request (steadier than req/s when other work
# shares the cores). `--response-cache-mb 0` turns that cache off, to measure every answer computed.
# Targets: >= 80% of hello-world req/s, p99 <= 15 ms, 0 errors.
#
# usage: Benchmarks/peers/server_load.sh [--data DIR] [--duration 30s] [--connections 64] [--threads 2]
#                                        [--response-cache-mb N]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bench="$(dirname "$here")"
root="$(dirname "$bench")"
data="${TMPDIR:-/tmp}/ignitabull-load-data"
duration=30s
connections=64
threads=2
cache_args=()
while [ $# -gt 0 ]; do
    case "$1" in
        --data) data="$2"; shift 2 ;;
        --duration) duration="$2"; shift 2 ;;
        --connections) connections="$2"; shift 2 ;;
        --threads) threads="$2"; shift 2 ;;
        --response-cache-mb) cache_args=(--response-cache-mb "$2"); shift 2 ;;
        *) echo "unknown argument $1" >&2; exit 2 ;;
    esac
done

if ! command -v wrk >/dev/null; then
    echo "installing wrk" >&2
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq wrk >/dev/null
fi

(cd "$root" && swift build -c release --product ignitabull >&2)
exe="$root/.build/release/ignitabull"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
base="http://127.0.0.1:$port"
work="$(mktemp -d)"
log="$work/server.log"
(cd "$root" && exec "$exe" serve --demo --data "$data" --host 127.0.0.1 --port "$port" ${cache_args[@]+"${cache_args[@]}"}) >"$log" 2>&1 &
server=$!
trap 'kill -TERM $server 2>/dev/null; wait $server 2>/dev/null || true; rm -rf "$work"' EXIT
echo "server pid $server on $base (data $data; first run imports, mines and embeds: a few minutes)" >&2
for _ in $(seq 1 3000); do
    curl -sf "$base/health" >/dev/null 2>&1 && break
    kill -0 $server 2>/dev/null || { cat "$log" >&2; echo "server exited" >&2; exit 1; }
    sleep 0.2
done
curl -sf "$base/health" >/dev/null || { cat "$log" >&2; exit 1; }

cypher() {
    curl -sf -H 'Content-Type: application/json' -d "{\"query\": \"$1\"}" "$base/db/neo4j/cypher"
}
ids() {  # the JSON rows of a one-column query, as one percent-encoded id per line
    python3 -c 'import json,sys,urllib.parse; print("\n".join(urllib.parse.quote(str(r[0]), safe="") for r in json.load(sys.stdin)["rows"]))'
}
cypher "MATCH (p:Product) WHERE p.embedding IS NOT NULL RETURN p.id" | ids >"$work/products"
cypher "MATCH (c:Customer)-[:PURCHASED]->(:Product) RETURN DISTINCT c.id" | ids >"$work/customers"
[ -s "$work/products" ] || cypher "MATCH (p:Product) RETURN p.id" | ids >"$work/products"
echo "$(wc -l <"$work/products") product ids, $(wc -l <"$work/customers") customer ids" >&2
similar_ok=1
curl -sf "$base/db/neo4j/products/$(head -1 "$work/products")/similar?k=10" >/dev/null || similar_ok=0

script() {  # $1 = path template with {id}, $2 = id file
    local lua="$work/$(echo "$1" | tr -c 'a-z' '_').lua"
    {
        echo "local ids = {"
        sed 's/.*/"&",/' "$2"
        echo "}"
        echo "math.randomseed(42)"
        echo "request = function()"
        echo "  return wrk.format(\"GET\", \"${1%%\{id\}*}\" .. ids[math.random(#ids)] .. \"${1#*\{id\}}\")"
        echo "end"
    } >"$lua"
    echo "$lua"
}

run() {  # $1 = name, $2 = path or template, $3 = id file (optional)
    local args=(-t"$threads" -c"$connections" -d"$duration" --latency)
    [ -n "${3:-}" ] && args+=(-s "$(script "$2" "$3")")
    local url="$base${2//\{id\}/x}"
    echo "== $1: wrk ${args[*]} $url" >&2
    local before after cpu0 cpu1
    before="$(cache_counts)"
    cpu0="$(server_cpu)"
    wrk "${args[@]}" "$url" >"$work/$1.out" 2>&1
    cpu1="$(server_cpu)"
    after="$(cache_counts)"
    cat "$work/$1.out" >&2
    echo "$before $after $cpu0 $cpu1" >"$work/$1.cache"
}

server_cpu() {  # the server's user + system CPU time so far, in clock ticks
    awk '{print $14 + $15}' "/proc/$server/stat"
}

cache_counts() {  # "hits misses" from /metrics
    curl -sf "$base/metrics" | awk '/^ignitabull_response_cache_hits_total /{h=$2} /^ignitabull_response_cache_misses_total /{m=$2} END{print h+0, m+0}'
}

# The baseline goes through the same Lua request generator, so that wrk spends as much per request.
run hello "/hello?id={id}" "$work/products"
[ "$similar_ok" = 1 ] && run similar "/db/neo4j/products/{id}/similar?k=10" "$work/products"
run recommendations "/db/neo4j/customers/{id}/recommendations?k=10" "$work/customers"
run frequently-bought-with "/db/neo4j/products/{id}/frequently-bought-with?k=10" "$work/products"
[ "$similar_ok" = 1 ] || echo "similar: skipped (no vector index: the MiniLM model is missing; run ignitabull model fetch)" >&2

python3 - "$work" <<'PY'
import re, sys, os
work = sys.argv[1]
def ms(v, unit):
    return float(v) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]
rows = []
for name in ["hello", "similar", "recommendations", "frequently-bought-with"]:
    path = os.path.join(work, name + ".out")
    if not os.path.exists(path):
        continue
    text = open(path).read()
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    p50 = re.search(r"50%\s+([\d.]+)(us|ms|s)\b", text)
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)\b", text)
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
    sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    errors = (int(non2xx.group(1)) if non2xx else 0) + (sum(int(x) for x in sock.groups()) if sock else 0)
    h0, m0, h1, m1, c0, c1 = (int(x) for x in open(os.path.join(work, name + ".cache")).read().split())
    done = int(re.search(r"(\d+) requests in", text).group(1))
    cpu_us = (c1 - c0) / os.sysconf("SC_CLK_TCK") * 1e6 / max(done, 1)
    hits, misses = h1 - h0, m1 - m0
    cached = f"{hits / (hits + misses):.1%}" if hits + misses else "-"
    rows.append((name, rps, ms(*p50.groups()), ms(*p99.groups()), errors, cached, misses, cpu_us))
hello = rows[0][1]
print(f"{'route':<24}{'req/s':>10}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}{'vs hello':>10}{'cached':>8}{'computed':>10}{'server CPU/req':>16}  targets (>=80%, p99<=15ms, 0 errors)")
for name, rps, p50, p99, errors, cached, misses, cpu_us in rows:
    ok = name == "hello" or (rps >= 0.8 * hello and p99 <= 15 and errors == 0)
    computed = "-" if name == "hello" else str(misses)
    print(f"{name:<24}{rps:>10.0f}{p50:>9.2f}{p99:>9.2f}{errors:>8}{rps / hello:>9.0%}{cached:>8}{computed:>10}{cpu_us:>13.1f} us  {'' if name == 'hello' else ('met' if ok else 'MISSED')}")
PY
