"""Reported speech against its source: does a news-interview host's turn reword what the
guest just said? (paraphrases-in-news-interviews, Wegmann et al. 2024.)

An item is a paraphrase when most annotators say so (``Vote`` = [yes, total]). Three
scores, from the same run:

- the study's decision (``identity`` in ``align.statements``): the host's turn taken as a
  report of the guest's words by the same named speaker, on the same kind of occasion
  (an interview) or with none named; its bars are the shipped ones, chosen on the
  basil-dev tuning pairs, none on this data;
- the pairwise content model's best probability over the sentences and clauses of both
  turns (``ContentScorer``, one of the evidence the decision weighs);
- the embedding cosine of the two turns (the baseline).

The last two get a threshold chosen on the train split (for accuracy: on F1, with about
half the items paraphrases, calling every item one wins); all are scored on test.
"""

from __future__ import annotations

import ast
import csv
from pathlib import Path

import numpy as np

from quotetrail.align.encoder import shared_encoder
from quotetrail.align.occasions import Occasion
from quotetrail.align.pairs import load_model
from quotetrail.align.shingles import words
from quotetrail.align.statements import ContentScorer, Printing, Statement, identity


def read(eval_dir: Path, split: str) -> tuple[list[str], list[str], np.ndarray]:
    path = Path(eval_dir) / "paraphrases-in-news-interviews" / f"ANON_{split}_TOKEN-annotations.tsv"
    guests, hosts, labels = [], [], []
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            yes, total = ast.literal_eval(row["Vote"])
            guests.append(" ".join(ast.literal_eval(row["Guest Tokens"])))
            hosts.append(" ".join(ast.literal_eval(row["Host Tokens"])))
            labels.append(yes * 2 > total)
    return guests, hosts, np.array(labels)


def _printing(row: int, text: str, kind: str) -> Printing:
    return Printing(row=row, quote_id=str(row), doc_id="", kind=kind, text=text, start=0,
                    end=len(text), speaker=None, cue_start=None, printed=None, said_min=None,
                    said_max=None, stated=None, attribution=(0, 0), occasion=None,
                    tokens=words(text))


def _scorer(guests: list[str], hosts: list[str]) -> tuple[ContentScorer, np.ndarray]:
    """The study's content scorer over the items' turns (guests are rows 0..n-1, hosts
    n..2n-1), and the turns' vectors."""
    enc = shared_encoder()
    vectors = enc.encode(guests + hosts)
    return ContentScorer(load_model(), dict(enumerate(vectors)), enc.encode), vectors


def scores(guests: list[str], hosts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """(content model's best piece probability, whole-turn cosine) of each item."""
    scorer, vectors = _scorer(guests, hosts)
    n = len(guests)
    prob = np.array([scorer(_printing(n + i, h, "indirect"), _printing(i, g, "direct"))
                     for i, (g, h) in enumerate(zip(guests, hosts, strict=True))])
    cos = (vectors[:n] * vectors[n:]).sum(1)
    return prob, cos


def decisions(guests: list[str], hosts: list[str], interview: bool) -> np.ndarray:
    """The study's own decision on each item: does the host's turn, a report of what the
    same named speaker said (in an interview, when ``interview``), join the guest's?"""
    scorer, _ = _scorer(guests, hosts)
    n = len(guests)
    said = Occasion("interview", "an interview", 0, 0) if interview else None
    out = []
    for i, (g, h) in enumerate(zip(guests, hosts, strict=True)):
        guest, host = _printing(i, g, "direct"), _printing(n + i, h, "indirect")
        for p in (guest, host):
            p.speaker, p.occasion = "Guest Speaker", said
        out.append(identity(host, Statement([(guest, 1.0)], guest), scorer) > 0)
    return np.array(out)


def _threshold(score: np.ndarray, y: np.ndarray) -> float:
    grid = np.unique(np.round(score, 3))
    accuracy = [_f1(score >= t, y)[0] for t in grid]
    return float(grid[int(np.argmax(accuracy))])


def _f1(pred: np.ndarray, y: np.ndarray) -> tuple[float, float, float, float]:
    tp, fp, fn = int((pred & y).sum()), int((pred & ~y).sum()), int((~pred & y).sum())
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return float((pred == y).mean()), p, r, (2 * p * r / (p + r) if p + r else 0.0)


def run(eval_dir: Path) -> None:
    train = read(eval_dir, "TRAIN")
    test = read(eval_dir, "TEST")
    s_train, s_test = scores(*train[:2]), scores(*test[:2])
    print(f"  {len(train[2])} train items ({train[2].mean():.0%} paraphrase), {len(test[2])} "
          f"test items ({test[2].mean():.0%}); thresholds chosen for accuracy on train")
    print(f"  {'method':<42} {'threshold':>9} {'accuracy':>9} {'P':>6} {'R':>6} {'F1':>6}")
    for name, interview in (("quotetrail decision, interview", True),
                            ("quotetrail decision, no occasion", False)):
        for split, (g, h, y) in (("train", train), ("test", test)):
            acc, p, r, f = _f1(decisions(g, h, interview), y)
            print(f"  {name + ' (' + split + ')':<42} {'bars':>9} {acc:>9.3f} {p:>6.3f} "
                  f"{r:>6.3f} {f:>6.3f}")
    for name, k in (("quotetrail content (best piece)", 0), ("embedding cosine (baseline)", 1)):
        t = _threshold(s_train[k], train[2])
        acc, p, r, f = _f1(s_test[k] >= t, test[2])
        print(f"  {name:<42} {t:>9.3f} {acc:>9.3f} {p:>6.3f} {r:>6.3f} {f:>6.3f}")
