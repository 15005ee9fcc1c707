#!/usr/bin/env bash
# The hostile-input probe against a live release server (`serve --demo`): schemathesis generates requests
# for every operation of the server's own /openapi.json (check: no 5xx), then the seeded Cypher fuzzer
# posts mutated queries and JSON bodies to /db/neo4j/cypher (no 5xx but 503 with Retry-After, no dropped
# connection). Reports the cases, the answers by status, the server's memory before and after, and whether
# /health still answers. schemathesis goes into Benchmarks/.venv.
#
# usage: Benchmarks/peers/probe.sh [--data DIR] [--max-examples 200] [--cypher-requests 5000] [--seed 1]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bench="$(dirname "$here")"
root="$(dirname "$bench")"
data="${TMPDIR:-/tmp}/ignitabull-load-data"
examples=200
requests=5000
seed=1
while [ $# -gt 0 ]; do
    case "$1" in
        --data) data="$2"; shift 2 ;;
        --max-examples) examples="$2"; shift 2 ;;
        --cypher-requests) requests="$2"; shift 2 ;;
        --seed) seed="$2"; shift 2 ;;
        *) echo "unknown argument $1" >&2; exit 2 ;;
    esac
done
. "$here/venv.sh"
peer_venv "import schemathesis" schemathesis
. "$here/serve_demo.sh"
start_demo_server "$data"
echo "server on $base, RSS $(rss_mb) MB" >&2
# Schemathesis's "no 5xx" check must read the served state, not the model-building 503.
wait_for_model
echo "recommender: $recommender_status" >&2
status=0
"$bench/.venv/bin/schemathesis" run "$base/openapi.json" --checks not_a_server_error -n "$examples" --seed "$seed" \
    --request-timeout 60 --report ndjson --report-ndjson-path "$work/schemathesis.ndjson" >"$work/schemathesis.out" 2>&1 || status=1
tail -n 25 "$work/schemathesis.out"
python3 - "$work/schemathesis.ndjson" <<'PY' || true
import json, sys, collections
cases, statuses = 0, collections.Counter()
for line in open(sys.argv[1]):
    e = json.loads(line)
    for key in ("ScenarioFinished",):
        if key in e:
            rec = e[key].get("recorder", {})
            for inter in rec.get("interactions", {}).values():
                cases += 1
                r = inter.get("response") or {}
                statuses[r.get("status_code", "none")] += 1
                if isinstance(r.get("status_code"), int) and r["status_code"] >= 500:
                    q = inter.get("request") or {}
                    body = r.get("body") or ""
                    print(f"  {r['status_code']}: {q.get('method')} {q.get('uri')} body={str(q.get('body'))[:300]!r}"
                          f" -> {str(body)[:300]!r}")
print(f"schemathesis: {cases} requests, by status {dict(sorted(statuses.items(), key=lambda kv: str(kv[0])))}")
PY
echo "after schemathesis: RSS $(rss_mb) MB" >&2
"$bench/.venv/bin/python" "$here/cypher_http_fuzz.py" "$base" --requests "$requests" --seed "$seed" || status=1
sleep 3  # a heavy query's freed memory is handed back a second after it ends
echo "after the Cypher fuzzer (3 s later): RSS $(rss_mb) MB; /health: $(curl -s -o /dev/null -w '%{http_code}' "$base/health")"
kill -0 $server || { echo "the server died"; status=1; }
# How much of the growth is memory the allocator holds free rather than live data: ask glibc to give back
# what it can (gdb from Debian; skipped without it) and read the resident size again.
if command -v gdb >/dev/null && kill -0 $server 2>/dev/null; then
    gdb -p "$server" -batch -ex 'call (int)malloc_trim(0)' >/dev/null 2>&1 || true
    echo "after malloc_trim(0) in the server: RSS $(rss_mb) MB"
fi
exit $status
