"""Same remark across outlets: the study's statements scored on labelled pairs of printings.

``labels/printing_pairs.csv`` holds pairs of printings (a quotation or a reported clause)
in two outlets' articles of one event, labelled by reading (offsets and a note, never
the words; how: ``labels/README.md``): the same remark verbatim, trimmed, paraphrased
or reframed, or different (another remark of the same speaker, another speaker). The
``tune`` split (basil-dev's first eight events) shaped the rules; ``check`` (the other
seven events and the SemEval-2022 same-story pairs) did not.

Each event's articles go through the study's own quotation extraction and alignment,
as one corpus; a labelled printing is the extracted quotation that covers most of its
span. A pair is *joined* when both printings land in one statement. A positive pair
whose printing the extractor did not find counts as not joined.

Beside it, from the same run and on the same quotations: last round's alignment (the
revision ``BASELINE_REV``, run from a temporary checkout), embedding cosine of the two
labelled spans with its threshold chosen on ``tune``, and the same cosine of the two
extracted quotations that stand for them ("printings"): the labelled spans are cut by a
reader, the study's by its extractor, so only the last compares identity like for like.
"""

from __future__ import annotations

import csv
import os
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

import numpy as np
import pandas as pd

from benchmarks.coverage import Article, articles

LABELS = Path(__file__).with_name("labels") / "printing_pairs.csv"
POSITIVE = ("verbatim", "trimmed", "paraphrase", "reframing")
NEGATIVE = ("different-remark", "different-speaker")
BASELINE_REV = "fb1c0da"  # the last round's statements code
RUNNER = Path(__file__).with_name("_align_runner.py")
MIN_COVER = 0.5  # a quotation stands for a labelled span when it covers this share of it


def read_labels(path: Path = LABELS) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    for r in rows:
        for k in ("start_a", "end_a", "start_b", "end_b"):
            r[k] = int(r[k])
    return rows


def documents_of(members: list[Article]) -> pd.DataFrame:
    """The event's articles as a ``documents`` table whose text is the labelled body text
    (no clutter removed, so the labels' offsets hold)."""
    from quotetrail.ingest.metadata import cited_sources, parse_date

    rows = []
    for a in members:
        day = parse_date(a.published) if a.published else None
        rows.append({"doc_id": a.key, "source_path": a.key, "title": a.title,
                     "outlet": a.outlet or None, "published": day, "published_min": day,
                     "published_max": day, "text": a.text,
                     "cited_sources": cited_sources(a.text, a.outlet or None)})
    return pd.DataFrame(rows)


def extract(events: dict[str, list[Article]], nlp) -> dict[str, tuple[pd.DataFrame, pd.DataFrame]]:
    """(documents, quotes) of each event, extracted as the study does."""
    from quotetrail.quotes import extract_quotes

    out = {}
    for event, members in sorted(events.items()):
        docs = documents_of(members)
        quotes, _ = extract_quotes(docs, nlp)
        out[event] = (docs, quotes)
    return out


def statement_of(quotes: pd.DataFrame, variants: pd.DataFrame, key: str, start: int,
                 end: int) -> set[str]:
    """Statements of the quotations that stand for the labelled span ``key[start:end]``."""
    here = quotes[quotes["doc_id"] == key]
    ids = set()
    for q in here.itertuples():
        cover = min(end, q.end) - max(start, q.start)
        if cover > 0 and cover >= MIN_COVER * min(end - start, q.end - q.start):
            ids.add(q.quote_id)
    return set(variants.loc[variants["quote_id"].isin(ids), "statement_id"])


def joined(labels: list[dict], tables: dict, variants_of: dict[str, pd.DataFrame]
           ) -> list[bool | None]:
    """For each pair: joined, kept apart, or None when a printing was not extracted."""
    event_of = {}
    for event, (docs, _) in tables.items():
        for d in docs["doc_id"]:
            event_of[d] = event
    out = []
    for r in labels:
        event = event_of[r["key_a"]]
        quotes = tables[event][1]
        a = statement_of(quotes, variants_of[event], r["key_a"], r["start_a"], r["end_a"])
        b = statement_of(quotes, variants_of[event], r["key_b"], r["start_b"], r["end_b"])
        out.append(bool(a & b) if a and b else None)
    return out


def ours(tables: dict) -> dict[str, pd.DataFrame]:
    from quotetrail.align import align

    return {event: align(docs, quotes)[1] for event, (docs, quotes) in tables.items()}


def baseline(tables: dict, rev: str = BASELINE_REV) -> dict[str, pd.DataFrame] | None:
    """Last round's alignment on the same quotations, from a checkout of ``rev``."""
    repo = Path(__file__).resolve().parents[1]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        try:
            archive = subprocess.run(["git", "-C", str(repo), "archive", rev, "src"],
                                     check=True, capture_output=True).stdout
        except (subprocess.CalledProcessError, FileNotFoundError):
            print(f"  (baseline {rev} not available: no git history)")
            return None
        subprocess.run(["tar", "-x", "-C", str(work)], input=archive, check=True)
        for n, (docs, quotes) in enumerate(tables.values()):
            docs.to_parquet(work / f"{n}-documents.parquet")
            quotes.to_parquet(work / f"{n}-quotes.parquet")
        subprocess.run([sys.executable, str(RUNNER), str(work), str(len(tables))], check=True,
                       env={**os.environ, "PYTHONPATH": str(work / "src")})
        return {event: pd.read_parquet(work / f"{n}-variants.parquet")
                for n, event in enumerate(tables)}


def standing_for(quotes: pd.DataFrame, key: str, start: int, end: int) -> str | None:
    """The text of the extracted quotation that covers most of ``key[start:end]``."""
    here = quotes[(quotes["doc_id"] == key) & (quotes["start"] < end) & (quotes["end"] > start)]
    if here.empty:
        return None
    cover = here["end"].clip(upper=end) - here["start"].clip(lower=start)
    return str(here.loc[cover.idxmax(), "text"])


def printing_cosines(labels: list[dict], tables: dict) -> np.ndarray:
    """Cosine of the two extracted quotations standing for each pair's spans (-1 when one
    was not extracted: never joined)."""
    from quotetrail.align.encoder import shared_encoder

    quotes = pd.concat([q for _, q in tables.values()], ignore_index=True)
    sides = [(standing_for(quotes, r["key_a"], r["start_a"], r["end_a"]),
              standing_for(quotes, r["key_b"], r["start_b"], r["end_b"])) for r in labels]
    enc = shared_encoder()
    out = np.full(len(labels), -1.0)
    both = [i for i, (a, b) in enumerate(sides) if a and b]
    if both:
        va = enc.encode([sides[i][0] for i in both])
        vb = enc.encode([sides[i][1] for i in both])
        out[both] = (va * vb).sum(1)
    return out


def cosine_scores(labels: list[dict], texts: dict[str, str]) -> np.ndarray:
    from quotetrail.align.encoder import shared_encoder

    enc = shared_encoder()
    a = enc.encode([texts[r["key_a"]][r["start_a"]:r["end_a"]] for r in labels])
    b = enc.encode([texts[r["key_b"]][r["start_b"]:r["end_b"]] for r in labels])
    return (a * b).sum(1)


def best_threshold(score: np.ndarray, y: np.ndarray) -> float:
    grid = np.unique(np.round(score, 3))
    accuracy = [((score >= t) == y).mean() for t in grid]
    return float(grid[int(np.argmax(accuracy))])


def table(labels: list[dict], predictions: dict[str, list[bool | None]]) -> None:
    names = list(predictions)
    print(f"  {'split':<6} {'relation':<18} {'n':>4} {'found':>6} " +
          " ".join(f"{n:>14}" for n in names))
    for split in ("tune", "check"):
        groups = defaultdict(list)
        for i, r in enumerate(labels):
            if r["split"] == split:
                groups[r["relation"]].append(i)
                groups["same (all)" if r["relation"] in POSITIVE else "different (all)"].append(i)
                groups["all"].append(i)
        for rel in (*POSITIVE, "same (all)", *NEGATIVE, "different (all)", "all"):
            idx = groups.get(rel, [])
            if not idx:
                continue
            found = sum(predictions[names[0]][i] is not None for i in idx)
            cells = []
            for n in names:
                right = sum(bool(predictions[n][i]) == (labels[i]["relation"] in POSITIVE)
                            for i in idx)
                cells.append(f"{right / len(idx):>14.3f}")
            print(f"  {split:<6} {rel:<18} {len(idx):>4} {found:>6} " + " ".join(cells))


def run(eval_dir: Path) -> None:
    from quotetrail.quotes import load_model

    labels = read_labels()
    found = articles(eval_dir)
    keys = {r[k] for r in labels for k in ("key_a", "key_b")}
    events: dict[str, list[Article]] = defaultdict(list)
    for a in found.values():
        if a.event in {found[k].event for k in keys}:
            events[a.event].append(a)
    tables = extract(events, load_model())
    predictions = {"quotetrail": joined(labels, tables, ours(tables))}
    old = baseline(tables)
    if old is not None:
        predictions["last round"] = joined(labels, tables, old)
    texts = {a.key: a.text for a in found.values()}
    cos = cosine_scores(labels, texts)
    y = np.array([r["relation"] in POSITIVE for r in labels])
    tune = np.array([r["split"] == "tune" for r in labels])
    t = best_threshold(cos[tune], y[tune])
    predictions[f"cosine≥{t:.2f}"] = [bool(c >= t) for c in cos]
    cos = printing_cosines(labels, tables)
    t = best_threshold(cos[tune], y[tune])
    predictions[f"printings≥{t:.2f}"] = [bool(c >= t) for c in cos]
    print(f"  {len(labels)} labelled pairs; 'found': pairs whose two printings the extractor "
          "found (a pair not found counts as not joined); accuracy per relation "
          "(joined for the same remark, apart for different)")
    table(labels, predictions)


if __name__ == "__main__":
    run(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("../shared/eval"))
