# Sourced by probe.sh and soak.sh: starts a release `ignitabull serve --demo` on a free port of 127.0.0.1
# (the binary in $IGNITABULL_BIN, or a release build), waits for /health, and sets $base, $server and $work.
# The first run on a data directory imports, mines and embeds the demo data: a few minutes.
start_demo_server() {  # $1 = data directory
    exe="${IGNITABULL_BIN:-}"
    if [ -z "$exe" ]; then
        (cd "$root" && swift build -c release --product ignitabull >&2)
        exe="$root/.build/release/ignitabull"
    fi
    port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
    base="http://127.0.0.1:$port"
    work="$(mktemp -d)"
    (cd "$root" && exec "$exe" serve --demo --no-auth --data "$1" --host 127.0.0.1 --port "$port" --bolt-port 0) >"$work/server.log" 2>&1 &
    server=$!
    trap 'kill -TERM $server 2>/dev/null; wait $server 2>/dev/null || true; rm -rf "$work"' EXIT
    for _ in $(seq 1 3000); do
        curl -sf "$base/health" >/dev/null 2>&1 && return 0
        kill -0 $server 2>/dev/null || { cat "$work/server.log" >&2; echo "server exited" >&2; exit 1; }
        sleep 0.2
    done
    echo "server did not answer /health" >&2
    exit 1
}

rss_mb() { awk '/^VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$server/status"; }

# GET /db/neo4j/recommender answers 503 with Retry-After while the recommender's first model build runs
# (intended: the model is not there yet). Waits (up to 10 minutes) for the build, so that what follows
# reads the served state, not the start-up one; sets $recommender_status to the route's last answer.
wait_for_model() {
    for _ in $(seq 1 600); do
        recommender_status="$(curl -s -o /dev/null -w '%{http_code}' "$base/db/neo4j/recommender")"
        [ "$recommender_status" = 503 ] || return 0
        sleep 1
    done
}
