"""Do two sentences say the same thing? A pairwise content model.

The score combines the sentence model (cosine of the two vectors) with what embeddings
are known to blur: numbers, names and negation that one side has and the other not,
and plain lexical overlap. A logistic regression over these features is trained on
the MRPC training pairs (``python -m quotetrail.align.train``, ``make train``); its
weights live in ``pair_model.json`` beside this file, with how they were made.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz

from quotetrail.align.shingles import normalize, words

MODEL_FILE = Path(__file__).with_name("pair_model.json")
NEGATIONS = frozenset({"not", "no", "never", "none", "nobody", "nothing", "neither", "nor",
                       "without", "cannot", "n't", "nowhere"})
STOPWORDS = frozenset(
    "a an the of to in on at for by with from and or but as is are was were be been being it "
    "its this that these those he she they we you i his her their our your my him them us "
    "has have had do does did will would shall should can could may might must said says "
    "say told also than then there here which who whom whose what when where while about "
    "into over after before up out so if".split())
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)*")

FEATURES = (
    "cosine", "jaccard", "ratio", "token_set",
    "content_p", "content_r", "bigram", "length_gap", "number_miss", "name_miss",
    "negation_miss",
)


def _negations(tokens: list[str]) -> int:
    return sum(t in NEGATIONS or t.endswith("n't") for t in tokens)


def _numbers(text: str) -> set[str]:
    return {n.replace(",", "") for n in _NUMBER.findall(text)}


def _names(text: str) -> set[str]:
    return {m.lower() for m in _NAME.findall(text)}


def _miss(a: set, b: set) -> float:
    """Share of the items either side has that the other lacks (0 when neither has any)."""
    union = a | b
    return len(a ^ b) / len(union) if union else 0.0


@lru_cache(maxsize=1 << 16)  # grouping weighs the same forms against many printings
def _side(text: str) -> tuple:
    """What ``features`` reads of one text, worked out once per text."""
    w = words(text)
    s = frozenset(w)
    return (w, s, s - STOPWORDS, frozenset(zip(w, w[1:], strict=False)), normalize(text),
            _numbers(text), _names(text), _negations(w) > 0)


def features(a: str, b: str, va: np.ndarray, vb: np.ndarray) -> list[float]:
    """The feature vector of one pair, in the order of ``FEATURES``."""
    wa, sa, ca, ba, na, num_a, names_a, neg_a = _side(a)
    wb, sb, cb, bb, nb, num_b, names_b, neg_b = _side(b)
    return [
        float(va @ vb),
        len(sa & sb) / len(sa | sb) if sa | sb else 0.0,
        fuzz.ratio(na, nb) / 100,
        fuzz.token_set_ratio(na, nb) / 100,
        len(ca & cb) / len(cb) if cb else 0.0,
        len(ca & cb) / len(ca) if ca else 0.0,
        len(ba & bb) / len(ba | bb) if ba | bb else 0.0,
        abs(np.log((len(wa) + 1) / (len(wb) + 1))),
        _miss(num_a, num_b),
        _miss(names_a, names_b),
        float(neg_a != neg_b),
    ]


@dataclass(frozen=True)
class PairModel:
    """Standardise, then a logistic regression; ``threshold`` is where a pair counts as one."""

    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray
    bias: float
    threshold: float

    def probability(self, x: np.ndarray) -> np.ndarray:
        z = ((np.atleast_2d(x) - self.mean) / self.scale) @ self.weights + self.bias
        return 1.0 / (1.0 + np.exp(-z))

    def to_json(self, how: dict) -> str:
        return json.dumps({
            "features": list(FEATURES), "mean": self.mean.round(6).tolist(),
            "scale": self.scale.round(6).tolist(), "weights": self.weights.round(6).tolist(),
            "bias": round(self.bias, 6), "threshold": round(self.threshold, 4), "how": how,
        }, indent=1) + "\n"


def fit(x: np.ndarray, y: np.ndarray, l2: float = 1.0, iterations: int = 50) -> PairModel:
    """Logistic regression by Newton's method (deterministic, no solver to pick)."""
    mean, scale = x.mean(0), x.std(0)
    scale[scale == 0] = 1.0
    z = np.hstack([(x - mean) / scale, np.ones((len(x), 1))])
    beta = np.zeros(z.shape[1])
    penalty = np.eye(z.shape[1]) * l2
    penalty[-1, -1] = 0.0
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-z @ beta))
        grad = z.T @ (p - y) + penalty @ beta
        hess = (z * (p * (1 - p))[:, None]).T @ z + penalty
        step = np.linalg.solve(hess, grad)
        beta -= step
        if np.abs(step).max() < 1e-8:
            break
    return PairModel(mean, scale, beta[:-1], float(beta[-1]), 0.5)


@lru_cache(maxsize=1)
def load_model(path: Path = MODEL_FILE) -> PairModel:
    spec = json.loads(path.read_text())
    if spec["features"] != list(FEATURES):
        raise ValueError(f"{path} was trained on other features; rebuild it with `make train`")
    return PairModel(np.array(spec["mean"]), np.array(spec["scale"]), np.array(spec["weights"]),
                     float(spec["bias"]), float(spec["threshold"]))
