#!/usr/bin/env bash
# The co-purchase recommendation written in Cypher, timed per customer on the synthetic 1M-purchase graph,
# for us (CypherCompare) and for Kuzu (pip kuzu in Benchmarks/.venv) on the same 200 customers, one thread each.
# Usage: Benchmarks/peers/cypher_vs_kuzu.sh [CUSTOMERS]   (from anywhere; default 200)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bench="$(dirname "$here")"
root="$(dirname "$bench")"
count="${1:-200}"
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1

. "$here/venv.sh"
peer_venv "import kuzu" "kuzu==0.11.3"

(cd "$root" && swift build -c release --product ignitabull >/dev/null)
(cd "$bench" && swift build -c release --product CypherCompare >/dev/null)

work="$bench/.build/peer-cypher"
mkdir -p "$work"
if [ ! -f "$work/csv/rels_PURCHASED.csv" ]; then
  "$root/.build/release/ignitabull" generate --in-memory --csv "$work/csv" >/dev/null
fi
# The same customers for both: a fixed-seed sample of the generated ids.
python3 - "$work/csv/nodes_Customer.csv" "$count" > "$work/ids.txt" <<'PY'
import csv, random, sys
rows = list(csv.reader(open(sys.argv[1])))[1:]
for row in random.Random(2024).sample(rows, int(sys.argv[2])):
    print(row[2])
PY

out="$work/results.txt"
"$peer_python" "$here/cypher_kuzu.py" "$work/csv" "$work/kuzu-db" "$work/ids.txt" > "$out"
"$bench/.build/release/CypherCompare" synthetic "$work/ids.txt" >> "$out"
grep -E "^RESULT|^kuzu load" "$out"

python3 - "$out" <<'PY'
import sys
tops, res = {}, {}
for line in open(sys.argv[1]):
    p = line.split()
    if p[0] == "TOP":
        tops.setdefault(p[2], {})[p[1]] = p[3].split(",") if len(p) > 3 else []
    elif p[0] == "RESULT":
        res[p[1]] = dict(zip(p[2::2], map(float, p[3::2])))
same = sum(1 for t in tops.values() if len(t) == 2 and set(t["ours"]) == set(t["kuzu"]))
print(f"same top-10 set for {same} of {len(tops)} customers (ties at the 10th place can differ)")
o, k = res["ours"], res["kuzu"]
print(f"p50: ours {o['p50_ms']:.2f} ms, kuzu {k['p50_ms']:.2f} ms, ratio {k['p50_ms'] / o['p50_ms']:.1f}x")
print(f"p99: ours {o['p99_ms']:.2f} ms, kuzu {k['p99_ms']:.2f} ms")
PY
