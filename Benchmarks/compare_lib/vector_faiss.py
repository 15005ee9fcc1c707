"""FAISS in-process through its Python API, one query per call, one thread: IndexIVFFlat and
IndexIVFScalarQuantizer 8-bit (lists as ours and pgvector: rows / 1000; nprobe swept) and IndexHNSWFlat (M 16,
efConstruction 64; efSearch swept), inner product on normalised vectors (= cosine). Filters go through an
IDSelectorBatch in the search parameters."""
import os
import time

import faiss
import numpy as np

from . import timing
from .vectors import K

faiss.omp_set_num_threads(1)


class Vectors:
    client = "Python API (in-process)"

    def __init__(self, kind, work):
        self.kind, self.name = kind, f"faiss-{kind}"
        self.version = f"faiss-cpu {faiss.__version__}"
        self.base_rss = timing.rss_mb(os.getpid())

    def load(self, base, ids):
        b = np.ascontiguousarray(base, dtype=np.float32).copy()
        faiss.normalize_L2(b)
        self.ids = np.asarray(ids, dtype=np.int64)
        d, self.lists = b.shape[1], max(1, len(b) // 1000)
        t = time.perf_counter()
        if self.kind == "hnsw":
            self.index = faiss.IndexHNSWFlat(d, 16, faiss.METRIC_INNER_PRODUCT)
            self.index.hnsw.efConstruction = 64
        else:
            self.quantizer = faiss.IndexFlatIP(d)
            if self.kind == "sq8":
                self.index = faiss.IndexIVFScalarQuantizer(self.quantizer, d, self.lists, faiss.ScalarQuantizer.QT_8bit,
                                                           faiss.METRIC_INNER_PRODUCT)
            else:
                self.index = faiss.IndexIVFFlat(self.quantizer, d, self.lists, faiss.METRIC_INNER_PRODUCT)
            self.index.train(b)
        self.index.add(b)
        build = time.perf_counter() - t
        self.selectors = {"1%": self._selector(100), "10%": self._selector(10)}
        return {"load_s": 0.0, "build_s": build, "detail": "" if self.kind == "hnsw" else f"lists {self.lists}"}

    def _selector(self, modulus):
        rows = np.nonzero(self.ids % modulus == 7)[0].astype(np.int64)
        return faiss.IDSelectorBatch(rows)

    def settings(self, filt):
        if self.kind == "hnsw":
            return [f"efSearch {e}" for e in (10, 20, 40, 80, 160, 320)]
        return [f"nprobe {p}" for p in sorted({1, 2, 4, 8, 16, 32, self.lists}) if p <= self.lists]

    def searcher(self, setting, filt):
        value = int(setting.split()[1])
        sel = self.selectors[filt] if filt else None
        if self.kind == "hnsw":
            params = faiss.SearchParametersHNSW(efSearch=value, sel=sel) if sel else faiss.SearchParametersHNSW(efSearch=value)
        else:
            params = faiss.SearchParametersIVF(nprobe=value, sel=sel) if sel else faiss.SearchParametersIVF(nprobe=value)

        def run(q):
            v = np.ascontiguousarray(q, dtype=np.float32).reshape(1, -1).copy()
            faiss.normalize_L2(v)
            _, found = self.index.search(v, K, params=params)
            return [int(self.ids[j]) for j in found[0] if j >= 0]
        return run

    def memory_mb(self):
        return timing.rss_mb(os.getpid()) - self.base_rss

    def close(self):
        self.index = None
