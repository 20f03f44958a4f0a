"""Train the content model of ``learned.py`` on PolNeAR's train split: ``make train``.

    python -m quotetrail.quotes.train --polnear ../shared/eval/polnear-train

Each article is parsed and read by the rules alone. Every candidate the rules left
open is labelled by the annotators' reported speech. A candidate is right when it
shares ``learned.OVERLAP`` of its words with a content marked without quotation marks,
and its subject lies in that content's source, when the content has one. A logistic
regression is fitted on the labels. The threshold is the one that gives the best
reported-speech F1 over articles the model was not fitted on (fixed folds), so a rerun
gives the same ``content_model.json``. PolNeAR's dev split is never read here.
"""

from __future__ import annotations

import argparse
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from tqdm.auto import tqdm

from quotetrail.quotes import load_model, parse_all, quotes_in, speech_marks
from quotetrail.quotes.learned import (
    MODEL_FILE,
    OVERLAP,
    Candidate,
    ContentModel,
    features,
    layout,
    open_candidates,
    picked,
    word_ids,
)
from quotetrail.text.marks import Spans

FOLDS = 5
SEED = 0
L2 = 1 / 0.3  # the penalty on the weights (1/C); 0.3 was best of 0.1, 0.3 and 1 on train
THRESHOLDS = tuple(round(0.2 + 0.05 * k, 2) for k in range(9))  # 0.2 … 0.6
MARKS = ("“", "”", '"', "«", "»", "''")  # a content holding one is a quotation, not a report


@dataclass(frozen=True)
class Gold:
    """One annotated attribution: its content's, source's and cue's character parts."""

    parts: tuple[tuple[int, int], ...]
    source: tuple[tuple[int, int], ...]
    cue: tuple[tuple[int, int], ...]
    marked: bool  # the content holds a quotation mark


def _offsets(field: str) -> tuple[tuple[int, int], ...]:
    return tuple((int(a), int(b)) for a, b in (p.split() for p in field.split(";")))


def read_attributions(path: Path, text: str) -> list[Gold]:
    """The attributions of one brat ``.ann`` file of PolNeAR."""
    # a span's text may run over a line break, continuing on a line of its own: only
    # lines that open with an id and a tab are annotations
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines()
             if re.match(r"[TE]\d+\t", ln)]
    spans = {}
    for line in lines:
        if line.startswith("T"):
            tid, middle, _ = line.split("\t", 2)
            label, offsets = middle.split(" ", 1)
            spans[tid] = (label, _offsets(offsets))
    out = []
    for line in lines:
        if not line.startswith("E"):
            continue
        roles = dict(part.split(":") for part in line.split("\t")[1].split())
        if "Content" not in roles or spans[roles["Content"]][0] != "Content":
            continue
        parts = spans[roles["Content"]][1]
        content = "".join(text[s:e] for s, e in parts)
        source = spans[roles["Source"]][1] if "Source" in roles else ()
        cue = spans[roles["Cue"]][1] if roles.get("Cue") in spans else ()
        out.append(Gold(parts, source, cue, any(m in content for m in MARKS)))
    return out


def annotator_files(folder: Path) -> tuple[Path, dict[str, list[Path]]]:
    """The split's text folder and each article's annotation files (first annotator first)."""
    base = next(p for p in sorted(Path(folder).glob("data/*")) if (p / "text").is_dir())
    files: dict[str, list[Path]] = defaultdict(list)
    for path in sorted((base / "attributions").glob("*.ann")):
        files[path.stem.rsplit("_", 1)[0]].append(path)
    return base / "text", {a: f for a, f in files.items() if (base / "text" / f"{a}.txt").is_file()}


def read_polnear(folder: Path) -> tuple[dict[str, str], dict[str, list[Gold]]]:
    """Each article's text and its first annotator's attributions."""
    text_dir, files = annotator_files(folder)
    texts, gold = {}, {}
    for article, paths in sorted(files.items()):
        texts[article] = (text_dir / f"{article}.txt").read_text(encoding="utf-8")
        gold[article] = read_attributions(paths[0], texts[article])
    return texts, gold


def read_by_rules(doc_id: str, text: str, doc) -> tuple[list[dict], list[Candidate]]:
    """One article's rows read by the rules alone, and the candidates they leave open."""
    rows = quotes_in(doc_id, text, doc, learned=False)
    cues = {r["cue_start"] for r in rows if r["cue_start"] is not None}
    return rows, open_candidates(doc, cues, [(r["start"], r["end"]) for r in rows])


def examples(doc_id: str, text: str, doc, gold: list[Gold], read=None):
    """(features, labels, contents, reports) of one article: each open candidate's
    feature names and label, its word set; and the word sets of the reported speech
    the rules found and of the gold reports, for choosing the threshold. ``read`` is
    ``read_by_rules``' answer for the article, when the caller already has it."""
    rows, cands = read or read_by_rules(doc_id, text, doc)
    quoted = Spans((s.start, s.end) for s in speech_marks(text))
    where = layout(doc)
    starts = [t.idx for t in doc]

    def words(parts) -> set[int]:
        return set().union(*(word_ids(doc, s, e, starts) for s, e in parts))

    golds = [(g, words(g.parts)) for g in gold if not g.marked]
    golds = [(g, w) for g, w in golds if w]
    feats, labels, contents = [], [], []
    for c in cands:
        mine = {t.i for t in c.tokens if not t.is_punct}
        best, best_g = 0.0, None
        for g, w in golds:
            ov = len(mine & w) / len(mine | w)
            if ov > best:
                best, best_g = ov, g
        right = best >= OVERLAP
        if right and best_g.source:
            s = c.subject
            right = s is not None and any(a < s.idx + len(s) and s.idx < b
                                          for a, b in best_g.source)
        feats.append(features(c, quoted, where))
        labels.append(int(right))
        contents.append((c.cue.i, mine))
    grouped: dict = {}
    for r in rows:  # the parts of one report share its cue, as the benchmark scores them
        if r["kind"] in ("indirect", "block"):
            key = r["cue_start"] if r["cue_start"] is not None else r["quote_id"]
            grouped.setdefault(key, set()).update(words([(r["start"], r["end"])]))
    return feats, labels, contents, [w for w in grouped.values() if w], [w for _, w in golds]


def feature_matrix(feats: list[list[str]], names: list[str]):
    """The candidates' feature names as a sparse 0/1 matrix over ``names`` (names not
    there are left out)."""
    from scipy.sparse import csr_matrix

    index = {n: k for k, n in enumerate(names)}
    rows = [[index[n] for n in f if n in index] for f in feats]
    ptr = np.cumsum([0] + [len(r) for r in rows])
    cols = [c for r in rows for c in r]
    return csr_matrix((np.ones(len(cols)), cols, ptr), shape=(len(feats), len(names)))


def solve(x, labels, l2: float = L2) -> np.ndarray:
    """Logistic regression weights for the columns of ``x``, then the bias (not
    penalised), by L-BFGS from zero: deterministic."""
    from scipy.optimize import minimize

    y = np.asarray(labels, dtype=float)

    def loss(beta):
        w, b = beta[:-1], beta[-1]
        z = x @ w + b
        p = 1.0 / (1.0 + np.exp(-z))
        value = np.sum(np.logaddexp(0, z) - y * z) + 0.5 * l2 * w @ w
        g = p - y
        return value, np.append(x.T @ g + l2 * w, g.sum())

    return minimize(loss, np.zeros(x.shape[1] + 1), jac=True, method="L-BFGS-B",
                    options={"maxiter": 2000, "gtol": 1e-6}).x


def fit(feats: list[list[str]], labels: list[int], l2: float = L2):
    """A logistic regression over feature names: weights by name and the bias."""
    names = sorted({n for f in feats for n in f})
    beta = solve(feature_matrix(feats, names), labels, l2)
    return {n: float(w) for n, w in zip(names, beta[:-1], strict=True)}, float(beta[-1])


def _matched(preds: list[set[int]], golds: list[set[int]]) -> int:
    """Gold reports matched one to one by predictions sharing ``OVERLAP`` of their words,
    best overlap first (the benchmark's rule)."""
    pairs = sorted(((len(p & g) / len(p | g), i, j) for i, g in enumerate(golds)
                    for j, p in enumerate(preds) if p & g), reverse=True)
    used_g, used_p, hits = set(), set(), 0
    for ov, i, j in pairs:
        if ov >= OVERLAP and i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            hits += 1
    return hits


def f1_at(threshold: float, articles: list, probabilities: list[np.ndarray]) -> float:
    """Reported-speech F1 of the rules plus the candidates ``learned.picked`` reads at
    ``threshold``, as in use."""
    n_pred = n_gold = hits = 0
    for (_, _, contents, rules, golds), probs in zip(articles, probabilities, strict=True):
        preds = rules + picked(((cue, p, words, words) for (cue, words), p in zip(
            contents, probs, strict=True)), threshold)
        n_pred, n_gold = n_pred + len(preds), n_gold + len(golds)
        hits += _matched(preds, golds)
    p, r = hits / n_pred if n_pred else 0.0, hits / n_gold if n_gold else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def best_threshold(articles: list, probabilities: list[np.ndarray]) -> tuple[float, dict]:
    """The threshold of best F1 (the lower one on a tie), and each threshold's F1."""
    scores = {t: f1_at(t, articles, probabilities) for t in THRESHOLDS}
    return max(THRESHOLDS, key=lambda t: (round(scores[t], 6), -t)), scores


def folds(n: int, k: int = FOLDS, seed: int = SEED) -> np.ndarray:
    """Fold number of each article: a fixed, seeded shuffle."""
    return np.random.default_rng(seed).permutation(n) % k


def fold_models(articles: list, threshold: float = 0.5, k: int = FOLDS) -> list[ContentModel]:
    """For each article, the model fitted on the folds it is not in (``examples``' output
    per article, in a fixed order): what scores it out of fold."""
    fold = folds(len(articles), k)
    models = {}
    for f in range(k):
        feats = [x for a, fa in zip(articles, fold, strict=True) if fa != f for x in a[0]]
        labels = [y for a, fa in zip(articles, fold, strict=True) if fa != f for y in a[1]]
        models[f] = ContentModel(*fit(feats, labels), threshold)
    return [models[f] for f in fold]


def cross_validate(articles: list, k: int = FOLDS) -> list[np.ndarray]:
    """Each article's candidates' probabilities from a model fitted on the other folds."""
    return [np.array([model.probability(x) for x in a[0]])
            for a, model in zip(articles, fold_models(articles, k=k), strict=True)]


def build(folder: Path, progress: bool = True) -> tuple[ContentModel, dict]:
    """The content model trained on the split in ``folder``, and how it was made."""
    texts, gold = read_polnear(folder)
    nlp = load_model()
    articles = []
    for (doc_id, text), doc in tqdm(zip(texts.items(), parse_all(nlp, list(texts.values())),
                                        strict=True), total=len(texts), desc="parse and read",
                                    disable=not progress):
        articles.append(examples(doc_id, text, doc, gold[doc_id]))
    oof = cross_validate(articles)
    threshold, scores = best_threshold(articles, oof)
    weights, bias = fit([x for a in articles for x in a[0]], [y for a in articles for y in a[1]])
    weights = {n: round(w, 4) for n, w in weights.items() if abs(w) >= 1e-3}
    rules_only = f1_at(2.0, articles, oof)
    how = {"data": f"{Path(folder).name}: {len(texts)} articles, the first annotator's file",
           "candidates": sum(len(a[1]) for a in articles),
           "right": sum(sum(a[1]) for a in articles),
           "l2": round(L2, 4), "folds": FOLDS, "seed": SEED,
           "reported_f1_rules_alone": round(rules_only, 4),
           "reported_f1_by_threshold_out_of_fold": {str(t): round(s, 4)
                                                   for t, s in scores.items()}}
    return ContentModel(weights, bias, threshold), how


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--polnear", type=Path, default=Path("../shared/eval/polnear-train"))
    parser.add_argument("--out", type=Path, default=MODEL_FILE)
    args = parser.parse_args(argv)
    model, how = build(args.polnear)
    args.out.write_text(model.to_json(how), encoding="utf-8")
    print(f"wrote {args.out}: {len(model.weights)} weights, threshold {model.threshold}; "
          f"reported-speech F1 out of fold {how['reported_f1_by_threshold_out_of_fold']}, "
          f"rules alone {how['reported_f1_rules_alone']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
