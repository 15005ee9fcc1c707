#!/usr/bin/env bash
# Load test of the HTTP server with wrk (Debian package `wrk`) on 127.0.0.1: a release build serving
# the demo data (Online Retail, mined, products embedded), 64 connections, 30 s per route:
# GET products/{id}/similar, GET customers/{id}/recommendations, GET products/{id}/frequently-bought-with,
# each against the Hummingbird hello-world route GET /hello (with a random ignored ?id= so that wrk's
# Lua cost is the same) run in slices interleaved with it (see below).
# Each route request picks a random id among ALL the products with a vector (3,665 in the demo data)
# or all the customers with purchases (4,338). Reports req/s against hello-world's, p50, p99, errors,
# the share of answers served by the server's response cache (from /metrics), and the server
# process's CPU time per request (steadier than req/s when other work shares the cores).
# `--response-cache-mb 0` turns the cache off, to measure every answer computed.
# Targets (Benchmarks/Thresholds/server_load.json): >= 80% of hello-world req/s with the cache, >= 40%
# with it off; p99 <= 15 ms; 0 errors.
#
# usage: Benchmarks/peers/server_load.sh [--data DIR] [--duration 30s] [--slices 6] [--connections 64]
#                                        [--threads 2] [--response-cache-mb N]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bench="$(dirname "$here")"
root="$(dirname "$bench")"
data="${TMPDIR:-/tmp}/ignitabull-load-data"
duration=30s
connections=64
threads=2
slices=6
cache_args=()
while [ $# -gt 0 ]; do
    case "$1" in
        --data) data="$2"; shift 2 ;;
        --duration) duration="$2"; shift 2 ;;
        --connections) connections="$2"; shift 2 ;;
        --threads) threads="$2"; shift 2 ;;
        --slices) slices="$2"; shift 2 ;;
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
(cd "$root" && exec "$exe" serve --demo --no-auth --data "$data" --host 127.0.0.1 --port "$port" ${cache_args[@]+"${cache_args[@]}"}) >"$log" 2>&1 &
server=$!
trap 'kill -TERM $server 2>/dev/null; wait $server 2>/dev/null || true; rm -rf "$work"' EXIT
echo "server pid $server on $base (data $data; first run imports, mines and embeds: a few minutes)" >&2
for _ in $(seq 1 3000); do
    curl -sf "$base/health" >/dev/null 2>&1 && break
    kill -0 $server 2>/dev/null || { cat "$log" >&2; echo "server exited" >&2; exit 1; }
    sleep 0.2
done
curl -sf "$base/health" >/dev/null || { cat "$log" >&2; exit 1; }

# The recommender's first model build runs in the background (answers meanwhile are marked
# "model": "building"); wait for it so that every counted answer comes from the served model.
for _ in $(seq 1 600); do
    code="$(curl -s -o "$work/recommender.json" -w '%{http_code}' "$base/db/neo4j/recommender")"
    [ "$code" = 200 ] && break
    [ "$code" = 404 ] && break
    sleep 1
done
echo "served model: $(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d.get("chosen", d))' "$work/recommender.json" 2>/dev/null || echo unknown)" >&2

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

run() {  # $1 = output name, $2 = path template with {id}, $3 = id file, $4 = seconds
    local args=(-t"$threads" -c"$connections" -d"$4"s --latency -s "$(script "$2" "$3")")
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

# Each route's DURATION is cut into SLICES slices, each run right after an equally long slice of
# hello-world, and the route is compared with the hello-world slices interleaved with it: the
# machine's speed drifts by 10-20% over minutes (it is shared), and interleaving puts both sides in
# the same minutes. hello-world goes through the same Lua request generator, so that wrk spends as
# much per request. A first 10 s of hello-world warms the server's HTTP side (not the response cache)
# and is not counted: a fresh process is slower for its first seconds.
slice=$(( ${duration%s} / slices ))
[ "$slice" -ge 1 ] || { echo "--duration must be at least --slices seconds" >&2; exit 2; }
echo "== warm-up: 10 s of hello-world, not counted" >&2
wrk -t"$threads" -c"$connections" -d10s -s "$(script "/hello?id={id}" "$work/products")" "$base/hello" >/dev/null 2>&1
routes=()
[ "$similar_ok" = 1 ] && routes+=("similar|/db/neo4j/products/{id}/similar?k=10|$work/products")
routes+=("recommendations|/db/neo4j/customers/{id}/recommendations?k=10|$work/customers")
routes+=("frequently-bought-with|/db/neo4j/products/{id}/frequently-bought-with?k=10|$work/products")
for r in "${routes[@]}"; do
    IFS='|' read -r name template idfile <<<"$r"
    for i in $(seq 1 "$slices"); do
        run "$name.hello.$i" "/hello?id={id}" "$work/products" "$slice"
        run "$name.route.$i" "$template" "$idfile" "$slice"
    done
done
[ "$similar_ok" = 1 ] || echo "similar: skipped (no vector index: the MiniLM model is missing; run ignitabull model fetch)" >&2

python3 - "$work" "$slices" "${cache_args[1]:-64}" "$bench/Thresholds/server_load.json" <<'PY'
import json, re, sys, os, statistics
work, slices = sys.argv[1], int(sys.argv[2])
# The targets (Benchmarks/Thresholds/server_load.json): a share of hello-world's req/s with every answer
# computed (cache off) and with the cache, a p99 bound and no errors.
targets = json.load(open(sys.argv[4]))
share = targets["share_of_hello_cache_off"] if sys.argv[3] == "0" else targets["share_of_hello_with_cache"]
p99_bound, errors_allowed = targets["p99_ms"], targets["errors"]
def ms(v, unit):
    return float(v) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]
def totals(stem):
    """Requests, seconds, p50s, p99s, errors, cache hits, misses, CPU seconds over the slices."""
    t = dict(requests=0, seconds=0.0, p50=[], p99=[], errors=0, hits=0, misses=0, cpu=0.0)
    for i in range(1, slices + 1):
        text = open(os.path.join(work, f"{stem}.{i}.out")).read()
        done = re.search(r"(\d+) requests in ([\d.]+)(us|ms|s)\b", text)
        t["requests"] += int(done.group(1))
        t["seconds"] += ms(done.group(2), done.group(3)) / 1000
        t["p50"].append(ms(*re.search(r"50%\s+([\d.]+)(us|ms|s)\b", text).groups()))
        t["p99"].append(ms(*re.search(r"99%\s+([\d.]+)(us|ms|s)\b", text).groups()))
        non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
        sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
        t["errors"] += (int(non2xx.group(1)) if non2xx else 0) + (sum(int(x) for x in sock.groups()) if sock else 0)
        h0, m0, h1, m1, c0, c1 = (int(x) for x in open(os.path.join(work, f"{stem}.{i}.cache")).read().split())
        t["hits"] += h1 - h0
        t["misses"] += m1 - m0
        t["cpu"] += (c1 - c0) / os.sysconf("SC_CLK_TCK")
    return t
print(f"{slices} interleaved slices per route; p50 is the median of the slices' p50s, p99 the highest slice p99")
print(f"{'route':<24}{'req/s':>9}{'hello req/s':>13}{'vs hello':>10}{'p50 ms':>8}{'p99 ms':>8}{'errors':>8}{'cached':>8}{'computed':>10}"
      f"{'CPU/req':>10}{'hello CPU/req':>15}  targets (>={share:.0%}, p99<={p99_bound}ms, {errors_allowed} errors)")
names = [n for n in ["similar", "recommendations", "frequently-bought-with"] if os.path.exists(os.path.join(work, f"{n}.route.1.out"))]
for name in names:
    r, h = totals(f"{name}.route"), totals(f"{name}.hello")
    rps, hello = r["requests"] / r["seconds"], h["requests"] / h["seconds"]
    p50, p99 = statistics.median(r["p50"]), max(r["p99"])
    looked = r["hits"] + r["misses"]
    cached = f"{r['hits'] / looked:.1%}" if looked else "-"
    cpu, hcpu = r["cpu"] * 1e6 / max(r["requests"], 1), h["cpu"] * 1e6 / max(h["requests"], 1)
    ok = rps >= share * hello and p99 <= p99_bound and r["errors"] + h["errors"] <= errors_allowed
    print(f"{name:<24}{rps:>9.0f}{hello:>13.0f}{rps / hello:>9.0%}{p50:>8.2f}{p99:>8.2f}{r['errors']:>8}{cached:>8}{r['misses']:>10}"
          f"{cpu:>7.1f} us{hcpu:>12.1f} us  {'met' if ok else 'MISSED'}")
PY
