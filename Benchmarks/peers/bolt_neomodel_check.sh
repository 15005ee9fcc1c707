#!/usr/bin/env bash
# Runs neomodel (PyPI, an OGM on the official Neo4j Python driver; it pins its driver, so it has a venv of its
# own, Benchmarks/.venv-neomodel) against the Bolt server, then its `neomodel_install_labels` command.
# Starts `ignitabull serve --in-memory` on free ports unless HOST:PORT is given.
# The binary is $IGNITABULL_BIN, else .build/debug/ignitabull (build it first; this script does not build).
#
# usage: Benchmarks/peers/bolt_neomodel_check.sh [host:port]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bench="$(dirname "$here")"
root="$(dirname "$bench")"
. "$here/venv.sh"
PEER_VENV=.venv-neomodel peer_venv "import neomodel" "neomodel>=5"
. "$here/serve.sh"

address="${1:-}"
if [ -z "$address" ]; then
    peer_binary debug
    peer_serve --in-memory
    address="127.0.0.1:$bolt"
fi
"$peer_python" "$here/bolt_neomodel_check.py" "$address"
# neomodel's command-line installer, on the same models (the check's class definitions, in a module of
# their own).
models="$(mktemp -d)"
trap 'rm -rf "$models"; peer_stop' EXIT
{
    echo "from neomodel import FloatProperty, IntegerProperty, RelationshipFrom, RelationshipTo, StringProperty, StructuredNode, StructuredRel"
    sed -n '/^class Purchase/,/^get_config/p' "$here/bolt_neomodel_check.py" | sed '$d'
} > "$models/seed_models.py"
out="$("$(dirname "$peer_python")/neomodel_install_labels" "$models/seed_models.py" --db "bolt://neo4j:any-password@$address" 2>&1)"
echo "$out" | sed 's/^/    /'
echo "$out" | grep -q "Customer" || { echo "FAIL neomodel_install_labels"; exit 1; }
echo "ok   neomodel_install_labels"
