"""Rewrite or independent report: article links on graded text reuse and on independent
coverage of one event.

- Clough and Stevenson's short answers, each against the source text of its task: a
  near copy (``cut``), a light or a heavy revision, or written independently on the same
  topic (``non``). Reuse found = a ``copy`` or ``rewrite`` link. The rules were chosen on
  tasks a–c (``tune``) and are checked on d–e (``check``).
- basil-dev: every pair of outlets reporting one event is independent coverage; a
  ``copy`` or ``rewrite`` link between them is a false alarm (the quotations, extracted as
  the study does, are left out of each article's own wording).

Beside it, from the same run: the shared five-word runs alone (last round's first test,
``reuse_score`` ≥ ``REWRITE_THRESHOLD``).
"""

from __future__ import annotations

import csv
from collections import defaultdict
from datetime import date
from itertools import combinations
from pathlib import Path

import pandas as pd

from benchmarks.coverage import basil
from quotetrail.align.encoder import shared_encoder
from quotetrail.align.links import REWRITE_THRESHOLD, link_documents
from quotetrail.schemas import SCHEMAS

REUSE = ("copy", "rewrite")


def _documents(rows: list[dict]) -> pd.DataFrame:
    for r in rows:
        r.setdefault("outlet", None)
        r.setdefault("cited_sources", [])
        r.setdefault("published_min", r["published"])
        r.setdefault("published_max", r["published"])
    return pd.DataFrame(rows)


def _links(documents: pd.DataFrame, quotes: pd.DataFrame | None = None) -> pd.DataFrame:
    quotes = quotes if quotes is not None else pd.DataFrame(
        columns=["doc_id", "kind", "start", "end"])
    variants = pd.DataFrame(columns=list(SCHEMAS["quote_variants"].columns))
    return link_documents(documents, quotes, variants, encode=shared_encoder().encode)


def clough_stevenson(eval_dir: Path) -> list[tuple[str, str, bool, bool]]:
    """(split, category, reuse found, five-word runs alone found) per answer."""
    root = Path(eval_dir) / "clough-stevenson-short-answers" / "data"
    out = []
    with (root / "file_information.csv").open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            def read(name):
                return (root / name).read_text(encoding="utf-8", errors="replace")
            docs = _documents([
                {"doc_id": "source", "published": date(2000, 1, 1),
                 "text": read(f"orig_task{row['Task']}.txt")},
                {"doc_id": "answer", "published": date(2000, 1, 2), "text": read(row["File"])}])
            links = _links(docs)
            found = bool(links["relation"].isin(REUSE).any())
            runs = bool((links["reuse_score"] >= REWRITE_THRESHOLD).any())
            out.append(("tune" if row["Task"] in "abc" else "check", row["Category"], found, runs))
    return out


def basil_false_alarms(eval_dir: Path) -> tuple[int, int, int]:
    """(pairs of outlets, rewrite/copy links, five-word-run links) on basil-dev."""
    from benchmarks.identity import extract
    from quotetrail.quotes import load_model

    events = defaultdict(list)
    for a in basil(eval_dir):
        events[a.event].append(a)
    pairs = alarms = runs = 0
    for docs, quotes in extract(events, load_model()).values():
        links = _links(docs, quotes)
        pairs += len(list(combinations(docs["doc_id"], 2)))
        alarms += int(links["relation"].isin(REUSE).sum())
        runs += int((links["reuse_score"] >= REWRITE_THRESHOLD).sum())
    return pairs, alarms, runs


def run(eval_dir: Path) -> None:
    rows = clough_stevenson(eval_dir)
    print(f"  {'split':<6} {'category':<9} {'n':>3} {'reuse found':>12} {'runs alone':>11}")
    for split in ("tune", "check"):
        for cat in ("cut", "light", "heavy", "non"):
            sel = [r for r in rows if r[0] == split and r[1] == cat]
            if sel:
                print(f"  {split:<6} {cat:<9} {len(sel):>3} "
                      f"{sum(r[2] for r in sel) / len(sel):>12.2f} "
                      f"{sum(r[3] for r in sel) / len(sel):>11.2f}")
    pairs, alarms, runs = basil_false_alarms(eval_dir)
    print(f"  basil-dev: {pairs} pairs of outlets on one event, all independent: "
          f"{alarms} rewrite/copy links ({alarms / pairs:.1%}); five-word runs alone: "
          f"{runs} ({runs / pairs:.1%})")
