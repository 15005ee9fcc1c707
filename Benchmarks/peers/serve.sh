# Sourced by the Bolt peer scripts (after venv.sh, with $root set): starts `ignitabull serve` on free ports.
#   peer_binary debug|release   sets $bin: $IGNITABULL_BIN, else the preferred build, else the other one
#   peer_serve ARGS...          starts `$bin serve ARGS` on 127.0.0.1, sets $pid, $http and $bolt, waits for
#                               /health; peer_stop stops it (the EXIT trap does too)
#   peer_workdir                sets $work to a new temporary directory, removed with the server on EXIT
peer_binary() {
    bin="${IGNITABULL_BIN:-}"
    if [ -z "$bin" ]; then
        local first=debug second=release
        [ "$1" = release ] && first=release second=debug
        bin="$root/.build/$first/ignitabull"
        [ -x "$bin" ] || bin="$root/.build/$second/ignitabull"
    fi
    [ -x "$bin" ] || { echo "no binary at $bin: build it first (swift build --product ignitabull)" >&2; exit 2; }
}

peer_free_port() { "$peer_python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

pid=""
peer_stop() {
    [ -n "$pid" ] || return 0
    kill -TERM "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null || true
    pid=""
}
trap peer_stop EXIT

peer_serve() {
    http="$(peer_free_port)"
    bolt="$(peer_free_port)"
    "$bin" serve "$@" --no-auth --host 127.0.0.1 --port "$http" --bolt-port "$bolt" --log-level warning >/dev/null 2>&1 &
    pid=$!
    for _ in $(seq 1 600); do
        curl -sf "http://127.0.0.1:$http/health" >/dev/null 2>&1 && return 0
        sleep 0.1
    done
    echo "the server did not start" >&2
    exit 1
}

peer_workdir() {
    work="$(mktemp -d)"
    trap 'peer_stop; rm -rf "$work"' EXIT
}
