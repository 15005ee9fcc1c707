#!/usr/bin/env bash
# The soak: wrk against a live release server (`serve --demo`) for DURATION with a mix of routes (similar
# products, recommendations, frequently-bought-with, a Cypher lookup, /health), sampling the server's RSS
# every 10 s. Reports requests, errors (non-2xx and socket errors), and RSS at the start, the end and its
# peak: memory must stay flat.
#
# usage: Benchmarks/peers/soak.sh [--data DIR] [--duration 600] [--connections 32] [--threads 2]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bench="$(dirname "$here")"
root="$(dirname "$bench")"
data="${TMPDIR:-/tmp}/ignitabull-load-data"
duration=600
connections=32
threads=2
while [ $# -gt 0 ]; do
    case "$1" in
        --data) data="$2"; shift 2 ;;
        --duration) duration="$2"; shift 2 ;;
        --connections) connections="$2"; shift 2 ;;
        --threads) threads="$2"; shift 2 ;;
        *) echo "unknown argument $1" >&2; exit 2 ;;
    esac
done
. "$here/serve_demo.sh"
start_demo_server "$data"
cypher() { curl -sf -H 'Content-Type: application/json' -d "{\"query\": \"$1\"}" "$base/db/neo4j/cypher"; }
products=$(cypher "MATCH (p:Product) RETURN p.id LIMIT 2000" | python3 -c 'import json,sys; print(",".join(json.dumps(str(r[0])) for r in json.load(sys.stdin)["rows"]))')
customers=$(cypher "MATCH (c:Customer)-[:PURCHASED]->() RETURN DISTINCT c.id LIMIT 2000" | python3 -c 'import json,sys; print(",".join(json.dumps(str(r[0])) for r in json.load(sys.stdin)["rows"]))')
cat >"$work/mix.lua" <<LUA
local products = {$products}
local customers = {$customers}
math.randomseed(7)
local function enc(s) return (s:gsub("[^%w]", function(c) return string.format("%%%02X", string.byte(c)) end)) end
request = function()
  local r = math.random(10)
  local p = products[math.random(#products)]
  if r <= 3 then return wrk.format("GET", "/db/neo4j/products/" .. enc(p) .. "/similar?k=10") end
  if r <= 5 then return wrk.format("GET", "/db/neo4j/customers/" .. enc(customers[math.random(#customers)]) .. "/recommendations?k=10") end
  if r <= 7 then return wrk.format("GET", "/db/neo4j/products/" .. enc(p) .. "/frequently-bought-with?k=10") end
  if r <= 9 then
    return wrk.format("POST", "/db/neo4j/cypher", {["Content-Type"] = "application/json"},
      '{"query": "MATCH (p:Product {id: \$id})<-[:PURCHASED]-(c) RETURN count(c)", "parameters": {"id": "' .. p .. '"}}')
  end
  return wrk.format("GET", "/health")
end
LUA
echo "server on $base; RSS at start $(rss_mb) MB; soaking ${duration}s with $connections connections" >&2
( while kill -0 $server 2>/dev/null; do echo "$(date +%s) $(rss_mb)"; sleep 10; done ) >"$work/rss" &
sampler=$!
wrk -t"$threads" -c"$connections" -d"${duration}s" --timeout 30s --latency -s "$work/mix.lua" "$base" >"$work/wrk.out" 2>&1 || true
kill $sampler 2>/dev/null || true
cat "$work/wrk.out"
awk 'NR == 1 {first = $2} {if ($2 > peak) peak = $2; last = $2; n++; if (n == 7) minute = $2} END {
    printf "RSS: %d MB at the start, %d MB after a minute, %d MB at the end, peak %d MB (%d samples)\n", first, minute, last, peak, n }' "$work/rss"
echo "/health after the soak: $(curl -s -o /dev/null -w '%{http_code}' "$base/health")"
