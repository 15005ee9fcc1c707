# Sourced by the peer scripts: the shared Python environment in Benchmarks/.venv (ignored by git),
# created on first use, with the packages a script needs installed when they are missing.
# Usage (with $bench set to the Benchmarks folder):
#   . "$here/venv.sh"; peer_venv "import faiss, numpy" faiss-cpu numpy; "$peer_python" script.py
# An empty check always runs pip, which leaves satisfied requirements alone. PEER_VENV names another
# environment beside it (a peer that pins its own versions of shared packages).
peer_venv() {
    local check="$1"
    shift
    local venv="$bench/${PEER_VENV:-.venv}"
    [ -x "$venv/bin/python" ] || python3 -m venv "$venv"
    if [ -z "$check" ] || ! "$venv/bin/python" -c "$check" 2>/dev/null; then
        "$venv/bin/pip" install --quiet "$@"
    fi
    peer_python="$venv/bin/python"
}
