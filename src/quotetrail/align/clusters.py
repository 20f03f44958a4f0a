"""Clustering the same quotation across articles, and how each copy differs from the first.

Candidates share a three-word shingle; a pair joins when the texts are the same
after folding case and punctuation, nearly the same (rapidfuzz ratio), or one
is a trimmed form of the other (partial ratio). Each cluster's origin is its
earliest published form (ties: the fullest), and every member is described
against it: exact, near, truncated or paraphrase, with a word-level diff.
"""

from __future__ import annotations

import difflib
from datetime import date

import pandas as pd
from rapidfuzz import fuzz

from quotetrail.align.shingles import FOLD, candidate_pairs, normalize, shingles, words
from quotetrail.schemas import SCHEMAS

NEAR_THRESHOLD = 0.9  # rapidfuzz ratio / 100 above which two forms are near-verbatim
TRUNCATION_THRESHOLD = 0.95  # partial ratio / 100 for one form lying inside the other
MIN_TRUNCATION_WORDS = 3  # a shorter form must have this many words to count as a trim


def similarity(a: str, b: str) -> tuple[float, float]:
    """(ratio, partial ratio) of two normalised texts, both 0–1."""
    ratio = fuzz.ratio(a, b) / 100
    short, long_ = sorted((a, b), key=len)
    partial = fuzz.partial_ratio(short, long_) / 100 if short else 0.0
    return ratio, partial


def relation(origin_text: str, form_text: str, near: float, trunc: float) -> tuple[str, float]:
    """How ``form_text`` relates to the ``origin_text``, and its similarity (0–1).

    Exact means the same words and punctuation (typography folded); a difference of
    punctuation only, such as a trailing comma, is near.
    """
    origin, form = normalize(origin_text), normalize(form_text)
    if form == origin:
        raw_a, raw_b = (" ".join(t.translate(FOLD).split()) for t in (origin_text, form_text))
        return ("exact", 1.0) if raw_a == raw_b else ("near", fuzz.ratio(raw_a, raw_b) / 100)
    ratio, partial = similarity(origin, form)
    if ratio >= near:
        return "near", ratio
    if partial >= trunc and len(form.split()) >= MIN_TRUNCATION_WORDS:
        return ("truncated" if len(form) < len(origin) else "near"), partial
    return "paraphrase", max(ratio, partial)


def word_diff(origin: str, form: str) -> str:
    """Word-level changes from ``origin`` to ``form``: "-removed +added", parts joined by " | "."""
    a, b = origin.split(), form.split()
    parts = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op in ("replace", "delete"):
            parts.append("-" + " ".join(a[i1:i2]))
        if op in ("replace", "insert"):
            parts.append("+" + " ".join(b[j1:j2]))
    return " | ".join(parts)


def _find(parent: dict, x):
    while parent[x] != x:
        parent[x] = parent[parent[x]]
        x = parent[x]
    return x


def cluster_quotes(
    quotes: pd.DataFrame,
    documents: pd.DataFrame,
    near_threshold: float = NEAR_THRESHOLD,
    truncation_threshold: float = TRUNCATION_THRESHOLD,
) -> pd.DataFrame:
    """The ``quote_variants`` table: every quotation with its cluster and relation."""
    columns = list(SCHEMAS["quote_variants"].columns)
    if quotes.empty:
        return pd.DataFrame(columns=columns)
    norm = {q: normalize(t) for q, t in zip(quotes["quote_id"], quotes["text"], strict=True)}
    keys = ((q, shingles(words(t), 3)) for q, t in zip(quotes["quote_id"], quotes["text"],
                                                         strict=True))
    parent = {q: q for q in norm}
    for a, b in candidate_pairs(keys):
        ratio, partial = similarity(norm[a], norm[b])
        short = min(len(norm[a].split()), len(norm[b].split()))
        if norm[a] == norm[b] or ratio >= near_threshold or (
            partial >= truncation_threshold and short >= MIN_TRUNCATION_WORDS
        ):
            parent[_find(parent, b)] = _find(parent, a)

    published = dict(zip(documents["doc_id"], documents["published"], strict=True))
    order = quotes.assign(
        _date=[published.get(d) if isinstance(published.get(d), date) else date.max
               for d in quotes["doc_id"]],
        _len=-quotes["text"].str.len(),
    ).sort_values(["_date", "_len", "doc_id", "start"])
    members: dict[str, list] = {}
    for row in order.itertuples():
        members.setdefault(_find(parent, row.quote_id), []).append(row)

    rows = []
    for n, group in enumerate(sorted(members.values(), key=lambda g: (g[0].doc_id, g[0].start))):
        origin = group[0]
        for row in group:
            rel, sim = relation(origin.text, row.text, near_threshold, truncation_threshold)
            rows.append({
                "cluster_id": f"c{n + 1:04d}",
                "quote_id": row.quote_id,
                "doc_id": row.doc_id,
                "is_origin": row.quote_id == origin.quote_id,
                "relation": rel,
                "similarity": round(sim, 4),
                "diff": word_diff(origin.text, row.text),
            })
    return pd.DataFrame(rows, columns=columns).sort_values(
        ["cluster_id", "quote_id"], ignore_index=True)
