#!/usr/bin/env bash
# Runs the official Neo4j Python driver (`neo4j` from PyPI) against the Bolt server through bolt:// and
# neo4j:// URLs. Starts `ignitabull serve --in-memory` on free ports unless HOST:PORT is given.
# The binary is $IGNITABULL_BIN, else .build/debug/ignitabull (build it first; this script does not build).
#
# With BOLT_CODEC=rust the driver decodes and encodes PackStream with Neo4j's Rust extension
# (`neo4j-rust-ext` from PyPI, in its own venv Benchmarks/.venv-neo4j-rust) instead of its Python codec:
# a second implementation of the format, written by Neo4j, against the same server.
#
# usage: Benchmarks/peers/bolt_driver_check.sh [host:port]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bench="$(dirname "$here")"
root="$(dirname "$bench")"
. "$here/venv.sh"
if [ "${BOLT_CODEC:-python}" = rust ]; then
    PEER_VENV=.venv-neo4j-rust peer_venv "import neo4j._rust, pytz" "neo4j>=6,<7" pytz neo4j-rust-ext
else
    peer_venv "import neo4j, pytz" "neo4j>=6,<7" pytz
fi
. "$here/serve.sh"

address="${1:-}"
if [ -z "$address" ]; then
    peer_binary debug
    peer_serve --in-memory
    address="127.0.0.1:$bolt"
fi
"$peer_python" "$here/bolt_driver_check.py" "$address" $pid
