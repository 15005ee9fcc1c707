#!/usr/bin/env bash
# The HTTP API against its own document: schemathesis runs every check it has (server errors, status
# codes, content types, response schemas, acceptance of valid and rejection of invalid requests,
# stateful links) against a live release `serve --demo` for a fixed time. Exit status 0 only with no
# failure of any check. schemathesis goes into Benchmarks/.venv; its settings are in schemathesis.toml
# beside this script (one documented exception: a schema-valid string that is not valid Cypher gets 400).
#
# usage: Benchmarks/peers/api_conformance.sh [--data DIR] [--max-time 300] [--seed 1]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bench="$(dirname "$here")"
root="$(dirname "$bench")"
data="${TMPDIR:-/tmp}/ignitabull-load-data"
seconds=300
seed=1
while [ $# -gt 0 ]; do
    case "$1" in
        --data) data="$2"; shift 2 ;;
        --max-time) seconds="$2"; shift 2 ;;
        --seed) seed="$2"; shift 2 ;;
        *) echo "unknown argument $1" >&2; exit 2 ;;
    esac
done
. "$here/venv.sh"
peer_venv "import schemathesis" schemathesis
. "$here/serve_demo.sh"
start_demo_server "$data"
wait_for_model
echo "schemathesis $("$bench/.venv/bin/schemathesis" --version | awk '{print $NF}') against $base for $seconds s, every check" >&2
status=0
"$bench/.venv/bin/schemathesis" --config-file "$here/schemathesis.toml" run "$base/openapi.json" --checks all \
    --max-time "$seconds" --seed "$seed" --request-timeout 60 \
    --report ndjson --report-ndjson-path "$work/schemathesis.ndjson" >"$work/schemathesis.out" 2>&1 || status=1
# The failures (each with its curl reproduction), then the summary.
sed -n '/=* FAILURES =*/,/=* \(WARNINGS\|SUMMARY\) =*/p' "$work/schemathesis.out" | head -n 300
sed -n '/=* SUMMARY =*/,$p' "$work/schemathesis.out"
kill -0 $server || { echo "the server died"; status=1; }
echo "/health afterwards: $(curl -s -o /dev/null -w '%{http_code}' "$base/health")"
exit $status
