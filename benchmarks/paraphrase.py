"""The pairwise content model on MRPC's training pairs, 10-fold cross-validated.

Beside it, from the same run and the same folds: token Jaccard and plain embedding
cosine, each with its threshold tuned on the training folds. Scores are reported on
all pairs and on the pairs where both sentences carry a quotation mark. The MRPC test
split is held out for the project's own evaluation and is not read here.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from quotetrail.align.train import cross_validate, folds, pair_features, read_mrpc

MARKS = ('"', "“", "”", "``", "''")


def _scores(pred: np.ndarray, y: np.ndarray) -> tuple[float, float, float, float]:
    tp = int((pred & (y == 1)).sum())
    fp = int((pred & (y == 0)).sum())
    fn = int((~pred & (y == 1)).sum())
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return float((pred == (y == 1)).mean()), p, r, f


def _tuned_threshold(score: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Out-of-fold predictions of one score, its threshold chosen on the other folds."""
    fold = folds(len(y))
    out = np.zeros(len(y), dtype=bool)
    grid = np.unique(np.round(score, 3))
    for f in range(fold.max() + 1):
        train = fold != f
        accuracy = [((score[train] >= t) == (y[train] == 1)).mean() for t in grid]
        out[~train] = score[~train] >= grid[int(np.argmax(accuracy))]
    return out


def run(eval_dir: Path) -> None:
    a, b, y = read_mrpc(Path(eval_dir) / "mrpc-train")
    x = pair_features(a, b)
    methods = {
        "pairwise model (this project)": cross_validate(x, y) >= 0.5,
        "embedding cosine, tuned threshold": _tuned_threshold(x[:, 0], y),
        "token Jaccard, tuned threshold": _tuned_threshold(x[:, 1], y),
    }
    quoted = np.array([any(m in s for m in MARKS) and any(m in t for m in MARKS)
                       for s, t in zip(a, b, strict=True)])
    print(f"MRPC train, {len(y)} pairs ({int(y.sum())} paraphrases), 10-fold CV; "
          f"{int(quoted.sum())} pairs with quotation marks on both sides")
    print(f"{'method':36} {'acc':>6} {'P':>6} {'R':>6} {'F1':>6}   quoted: {'acc':>6} {'F1':>6}")
    for name, pred in methods.items():
        acc, p, r, f = _scores(pred, y)
        qacc, _, _, qf = _scores(pred[quoted], y[quoted])
        print(f"{name:36} {acc:6.3f} {p:6.3f} {r:6.3f} {f:6.3f}           {qacc:6.3f} {qf:6.3f}")
