"""Candidate neighbours without comparing all pairs: an HNSW index and a capped word-run index.

Embeddings find restatements in other words; shared word runs find trimmed forms,
whose vectors can drift from the full form's. Both give each item a short list of
neighbours, so the work grows with the corpus, not with its square. The index is
built on one thread so that a rerun returns the same neighbours, and searched on all.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

import numpy as np

K = 16  # neighbours asked of the embedding index per item
HNSW_LINKS = 32  # graph degree of the HNSW index (faiss default for this size)
SEARCH_DEPTH = 64  # efSearch: how wide each query looks
MAX_BUCKET = 50  # a word run shared by more items than this is a stock phrase, not evidence
RUN = 4  # words per run


def embedding_neighbours(vectors: np.ndarray, k: int = K) -> list[list[tuple[int, float]]]:
    """For each row, up to ``k`` other rows by cosine (unit vectors), best first."""
    n = len(vectors)
    if n < 2:
        return [[] for _ in range(n)]
    import faiss

    threads = faiss.omp_get_max_threads()
    faiss.omp_set_num_threads(1)  # graph construction order fixes the graph: one thread
    try:
        index = faiss.IndexHNSWFlat(vectors.shape[1], HNSW_LINKS, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efSearch = max(SEARCH_DEPTH, k + 1)
        index.add(np.ascontiguousarray(vectors, dtype=np.float32))
    finally:
        faiss.omp_set_num_threads(threads)
    # each query walks the fixed graph alone: searching on every thread gives the same
    # neighbours as one
    scores, ids = index.search(np.ascontiguousarray(vectors, dtype=np.float32), min(k + 1, n))
    out = []
    for i in range(n):
        row = [(int(j), float(s)) for j, s in zip(ids[i], scores[i], strict=True)
               if j >= 0 and j != i]
        out.append(sorted(row, key=lambda t: (-round(t[1], 5), t[0]))[:k])
    return out


def run_neighbours(tokens: Sequence[Sequence[str]], run: int = RUN,
                   max_bucket: int = MAX_BUCKET) -> list[set[int]]:
    """For each item, the items sharing a ``run``-word run with it (stock runs left out)."""
    index: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i, toks in enumerate(tokens):
        for key in {tuple(toks[j:j + run]) for j in range(len(toks) - run + 1)}:
            index[key].append(i)
    out: list[set[int]] = [set() for _ in tokens]
    for members in index.values():
        if 1 < len(members) <= max_bucket:
            for i in members:
                out[i].update(members)
    for i, s in enumerate(out):
        s.discard(i)
    return out
