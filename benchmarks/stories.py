"""Same story across outlets: AllSides roundups (left, center and right reports of one story).

Every report (headline and lead paragraphs) is one article; the gold story is its
roundup's id. Articles are clustered by joining mutual nearest neighbours above a
cosine threshold and taking connected components, once with the study's sentence
model (the mean of the article's sentence vectors) and once with TF-IDF vectors (the
baseline). Each threshold is chosen on the stories with an even id and scored on
those with an odd id, so neither method is scored on what tuned it.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from itertools import combinations
from pathlib import Path

import numpy as np

from quotetrail.align.encoder import Encoder
from quotetrail.align.neighbours import embedding_neighbours
from quotetrail.align.shingles import words
from quotetrail.text.sentences import sentence_bounds

K = 5
GRID = [round(0.10 + 0.025 * i, 3) for i in range(35)]


def read(eval_dir: Path) -> list[tuple[int, str]]:
    out = []
    for path in sorted((Path(eval_dir) / "allsides-roundups").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            story = json.loads(line)
            for side in sorted(story.get("news") or {}):
                report = story["news"][side]
                body = " ".join(report.get("newBody") or [])
                text = f"{report.get('newsTitle') or ''}. {body}".strip()
                if len(text) > 40:
                    out.append((int(story["id"]), text))
    return out


def clusters(vectors: np.ndarray, threshold: float, near) -> list[int]:
    parent = list(range(len(vectors)))

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    mutual = {(i, j) for i, row in enumerate(near) for j, _ in row}
    for i, row in enumerate(near):
        for j, score in row:
            if score >= threshold and (j, i) in mutual:  # mutual neighbours only: no chains
                parent[find(j)] = find(i)
    return [find(i) for i in range(len(vectors))]


def scores(gold: list[int], pred: list[int]) -> tuple[float, float, float, float]:
    """Pairwise precision, recall, F1, and B-cubed F1."""
    same_gold = {p for g in _groups(gold) for p in combinations(g, 2)}
    same_pred = {p for g in _groups(pred) for p in combinations(g, 2)}
    tp = len(same_gold & same_pred)
    p = tp / len(same_pred) if same_pred else 0.0
    r = tp / len(same_gold) if same_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    bp = br = 0.0
    for i in range(len(gold)):
        mine = {j for j in range(len(gold)) if pred[j] == pred[i]}
        truth = {j for j in range(len(gold)) if gold[j] == gold[i]}
        bp += len(mine & truth) / len(mine)
        br += len(mine & truth) / len(truth)
    bp, br = bp / len(gold), br / len(gold)
    return p, r, f, 2 * bp * br / (bp + br) if bp + br else 0.0


def _groups(labels: list[int]) -> list[list[int]]:
    out: dict[int, list[int]] = {}
    for i, label in enumerate(labels):
        out.setdefault(label, []).append(i)
    return list(out.values())


def tfidf(texts: list[str]) -> np.ndarray:
    docs = [Counter(words(t)) for t in texts]
    df = Counter(w for d in docs for w in d)
    vocab = {w: i for i, w in enumerate(sorted(df))}
    out = np.zeros((len(texts), len(vocab)), dtype=np.float32)
    for row, d in enumerate(docs):
        for w, n in d.items():
            out[row, vocab[w]] = (1 + math.log(n)) * math.log(len(texts) / df[w])
    return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-12)


def embed(texts: list[str], encoder: Encoder) -> np.ndarray:
    pieces = [[t[s:e] for s, e in sentence_bounds(t)] or [t] for t in texts]
    flat = encoder.encode([p for ps in pieces for p in ps])
    out, k = [], 0
    for ps in pieces:
        v = flat[k:k + len(ps)].mean(0)
        out.append(v / max(float(np.linalg.norm(v)), 1e-12))
        k += len(ps)
    return np.array(out, dtype=np.float32)


def _split(vectors, labels, use):
    idx = [i for i, g in enumerate(labels) if use(g)]
    return vectors[idx], [labels[i] for i in idx]


def _exact_neighbours(vectors: np.ndarray) -> list[list[tuple[int, float]]]:
    sim = vectors @ vectors.T
    np.fill_diagonal(sim, -1)
    top = np.argsort(-sim, axis=1)[:, :K]
    return [[(int(j), float(sim[i, j])) for j in top[i]] for i in range(len(vectors))]


def run(eval_dir: Path) -> None:
    reports = read(eval_dir)
    labels = [g for g, _ in reports]
    texts = [t for _, t in reports]
    methods = {"sentence model (this project)": embed(texts, Encoder()),
               "TF-IDF cosine (baseline)": tfidf(texts)}
    print(f"{len(texts)} reports of {len(set(labels))} stories; threshold tuned on even "
          f"story ids, scored on odd ones")
    print(f"{'method':32} {'thr':>5} {'pair P':>7} {'pair R':>7} {'pair F1':>7} {'B3 F1':>6}")
    for name, vectors in methods.items():
        tune_v, tune_l = _split(vectors, labels, lambda g: g % 2 == 0)
        test_v, test_l = _split(vectors, labels, lambda g: g % 2 == 1)
        near = (embedding_neighbours(tune_v, K) if vectors.shape[1] < 1000
                else _exact_neighbours(tune_v))
        best = max(GRID, key=lambda t: scores(tune_l, clusters(tune_v, t, near))[3])
        near = (embedding_neighbours(test_v, K) if vectors.shape[1] < 1000
                else _exact_neighbours(test_v))
        p, r, f, b3 = scores(test_l, clusters(test_v, best, near))
        print(f"{name:32} {best:5.3f} {p:7.3f} {r:7.3f} {f:7.3f} {b3:6.3f}")
