#!/usr/bin/env bash
# The cost of authentication under wrk (issue 20): the same release binary serves two copies of the demo data
# side by side, one with `--no-auth` and one with authentication on (the default), and wrk measures
#   GET /hello                                         (the cheapest route: authentication is most visible)
#   GET /db/neo4j/customers/{id}/recommendations?k=10  (answers from the response cache after the first)
# without credentials on the first server, and with an API key (Authorization: Bearer) and with HTTP basic auth
# (a reader user) on the second. Every case runs in SLICES slices interleaved with the others (the machine's
# speed drifts over minutes), and is reported as req/s, p50, p99 and the share of the unauthenticated rate.
# The servers do not run at the same time as any wrk but their own: each waits idle while the other is measured.
#
# usage: Benchmarks/peers/auth_overhead.sh [--data DIR] [--slices 4] [--slice-seconds 5] [--connections 64]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$(dirname "$here")")"
data="${TMPDIR:-/tmp}/ignitabull-load-data"
slices=4
seconds=5
connections=64
while [ $# -gt 0 ]; do
    case "$1" in
        --data) data="$2"; shift 2 ;;
        --slices) slices="$2"; shift 2 ;;
        --slice-seconds) seconds="$2"; shift 2 ;;
        --connections) connections="$2"; shift 2 ;;
        *) echo "unknown argument $1" >&2; exit 2 ;;
    esac
done
command -v wrk >/dev/null || { echo "wrk is missing (apt-get install wrk)" >&2; exit 1; }
(cd "$root" && swift build -c release --product ignitabull >&2)
exe="$root/.build/release/ignitabull"
work="$(mktemp -d)"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# The demo data, made once (as server_load.sh makes it), then one copy per server.
if [ ! -f "$data/graph.sqlite" ]; then
    port="$(free_port)"
    "$exe" serve --demo --no-auth --data "$data" --host 127.0.0.1 --port "$port" --bolt-port 0 >"$work/demo.log" 2>&1 &
    pid=$!
    until curl -sf "http://127.0.0.1:$port/health" >/dev/null 2>&1; do kill -0 $pid || { cat "$work/demo.log"; exit 1; }; sleep 1; done
    kill -TERM $pid; wait $pid || true
fi
cp -r "$data" "$work/open"
cp -r "$data" "$work/auth"
rm -rf "$work/auth/system" "$work/open/SERVING" "$work/auth/SERVING"

key="$("$exe" key create --data "$work/auth" --database neo4j --role reader --label wrk | grep -o 'ign_[A-Za-z0-9_-]*' | head -1)"
[ -n "$key" ] || { echo "no key was printed" >&2; exit 1; }
echo "wrk-password-$$" >"$work/password"
"$exe" user create wrk --role reader --password-file "$work/password" --data "$work/auth" >/dev/null
open_port="$(free_port)"
auth_port="$(free_port)"
"$exe" serve --no-auth --data "$work/open" --host 127.0.0.1 --port "$open_port" --bolt-port 0 >"$work/open.log" 2>&1 &
open_pid=$!
"$exe" serve --data "$work/auth" --host 127.0.0.1 --port "$auth_port" --bolt-port 0 >"$work/auth.log" 2>&1 &
auth_pid=$!
trap 'kill -TERM $open_pid $auth_pid 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"' EXIT
for p in "$open_port" "$auth_port"; do
    for _ in $(seq 1 600); do curl -sf "http://127.0.0.1:$p/health" >/dev/null 2>&1 && break; sleep 0.5; done
done
basic="$(printf 'wrk:%s' "$(cat "$work/password")" | base64 -w0)"
# Both servers' first model builds, before anything is counted.
for p in "$open_port" "$auth_port"; do
    for _ in $(seq 1 600); do
        code="$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $key" "http://127.0.0.1:$p/db/neo4j/recommender")"
        [ "$code" = 200 ] && break
        [ "$code" = 401 ] && { echo "the API key was refused on port $p" >&2; exit 1; }
        sleep 1
    done
done
[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$auth_port/hello")" = 401 ] || { echo "the auth server answered without credentials" >&2; exit 1; }
code="$(curl -s -o "$work/basic.out" -w '%{http_code}' -H "Authorization: Basic $basic" "http://127.0.0.1:$auth_port/hello")"
[ "$code" = 200 ] || { echo "basic auth failed: HTTP $code $(cat "$work/basic.out")" >&2; tail -5 "$work/auth.log" >&2; exit 1; }

curl -sf -H 'Content-Type: application/json' \
    -d '{"query": "MATCH (c:Customer)-[:PURCHASED]->(:Product) RETURN DISTINCT c.id"}' "http://127.0.0.1:$open_port/db/neo4j/cypher" |
    python3 -c 'import json,sys,urllib.parse; print("\n".join(urllib.parse.quote(str(r[0]), safe="") for r in json.load(sys.stdin)["rows"]))' >"$work/customers"
lua() {  # $1 = path prefix before the id, $2 = after it, $3 = header line or empty
    local f="$work/$(echo "$1$2$3" | md5sum | cut -c1-8).lua"
    {
        echo "local ids = {"; sed 's/.*/"&",/' "$work/customers"; echo "}"
        echo "math.randomseed(42)"
        [ -n "$3" ] && echo "wrk.headers[\"Authorization\"] = \"$3\""
        echo "request = function() return wrk.format(\"GET\", \"$1\" .. ids[math.random(#ids)] .. \"$2\") end"
    } >"$f"
    echo "$f"
}
cases=(
    "hello|open|$open_port|/hello?id=||"
    "hello|bearer|$auth_port|/hello?id=||Bearer $key"
    "hello|basic|$auth_port|/hello?id=||Basic $basic"
    "recommendations|open|$open_port|/db/neo4j/customers/|/recommendations?k=10|"
    "recommendations|bearer|$auth_port|/db/neo4j/customers/|/recommendations?k=10|Bearer $key"
    "recommendations|basic|$auth_port|/db/neo4j/customers/|/recommendations?k=10|Basic $basic"
)
echo "warm-up: ${seconds} s of each case, not counted" >&2
for c in "${cases[@]}"; do
    IFS='|' read -r route mode port pre post header <<<"$c"
    wrk -t2 -c"$connections" -d"${seconds}s" -s "$(lua "$pre" "$post" "$header")" "http://127.0.0.1:$port/" >/dev/null 2>&1
done
for i in $(seq 1 "$slices"); do
    for c in "${cases[@]}"; do
        IFS='|' read -r route mode port pre post header <<<"$c"
        out="$(wrk -t2 -c"$connections" -d"${seconds}s" --latency -s "$(lua "$pre" "$post" "$header")" "http://127.0.0.1:$port/" 2>&1)"
        echo "$out" | grep -q "Non-2xx" && { echo "$route $mode: non-2xx answers" >&2; echo "$out" >&2; exit 1; }
        rps="$(echo "$out" | awk '/Requests\/sec/{print $2}')"
        p50="$(echo "$out" | awk '$1=="50%"{print $2}')"
        p99="$(echo "$out" | awk '$1=="99%"{print $2}')"
        echo "$route $mode $rps $p50 $p99" >>"$work/results"
    done
done
python3 - "$work/results" "$slices" "$seconds" <<'EOF'
import collections, statistics, sys
def ms(t):
    return float(t[:-2]) if t.endswith("ms") else float(t[:-2]) / 1000 if t.endswith("us") else float(t[:-1]) * 1000
rows = collections.defaultdict(list)
for line in open(sys.argv[1]):
    route, mode, rps, p50, p99 = line.split()
    rows[(route, mode)].append((float(rps), ms(p50), ms(p99)))
print(f"{sys.argv[2]} interleaved slices of {sys.argv[3]} s per case; req/s is the median slice, p99 the worst slice")
print("| route | credentials | req/s | vs no auth | p50 ms | p99 ms |")
print("|---|---|---|---|---|---|")
for route in ("hello", "recommendations"):
    base = statistics.median(r[0] for r in rows[(route, "open")])
    for mode in ("open", "bearer", "basic"):
        r = rows[(route, mode)]
        rps = statistics.median(x[0] for x in r)
        label = {"open": "none (--no-auth)", "bearer": "API key (Bearer)", "basic": "basic auth (reader user)"}[mode]
        print(f"| {route} | {label} | {rps:,.0f} | {100 * rps / base:.0f}% | {statistics.median(x[1] for x in r):.2f} | {max(x[2] for x in r):.2f} |")
EOF
