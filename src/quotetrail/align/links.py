"""Which articles are rewrites of others rather than independent confirmation.

Two articles are related when they carry the same quotation or share their own
wording. The reporter's wording is compared outside quotations (quotes are the
speaker's words, and independent outlets quote them alike): the share of the
later article's five-word runs found in the earlier one is its ``reuse_score``.
"""

from __future__ import annotations

from datetime import date
from itertools import combinations

import pandas as pd

from quotetrail.align.shingles import candidate_pairs, shingles, words
from quotetrail.schemas import SCHEMAS

COPY_THRESHOLD = 0.5  # reuse above which the later article is a copy
REWRITE_THRESHOLD = 0.05  # reuse above which it is a rewrite of the earlier one
SHINGLE = 5


def own_words(text: str, spans: list[tuple[int, int]]) -> list[list[str]]:
    """The article's words outside quotations, as separate runs (shingles never cross a quote)."""
    runs, pos = [], 0
    for start, end in sorted(spans):
        runs.append(words(text[pos:start]))
        pos = max(pos, end)
    runs.append(words(text[pos:]))
    return [r for r in runs if r]


def _own_shingles(text: str, spans) -> set:
    out: set = set()
    for run in own_words(text, spans):
        if len(run) >= SHINGLE:
            out |= shingles(run, SHINGLE)
    return out


def _order(a: dict, b: dict, origins: dict[str, int]) -> tuple[dict, dict, str]:
    """(earlier, later, why): by publication date, else by who holds the quotes' first forms."""
    da, db = a["published"], b["published"]
    if isinstance(da, date) and isinstance(db, date) and da != db:
        first, second = (a, b) if da < db else (b, a)
        return first, second, f"published {first['published']} before {second['published']}"
    oa, ob = origins.get(a["doc_id"], 0), origins.get(b["doc_id"], 0)
    if oa != ob:
        first, second = (a, b) if oa > ob else (b, a)
        return first, second, "dates unknown; it holds more of the quotations' fuller forms"
    return a, b, "dates unknown; ordered by document id"


def link_documents(
    documents: pd.DataFrame,
    quotes: pd.DataFrame,
    variants: pd.DataFrame,
    copy_threshold: float = COPY_THRESHOLD,
    rewrite_threshold: float = REWRITE_THRESHOLD,
) -> pd.DataFrame:
    """The ``doc_links`` table: one row per related pair, earlier article first."""
    columns = list(SCHEMAS["doc_links"].columns)
    docs = {r["doc_id"]: r for r in documents.to_dict("records")}
    spans = {d: [] for d in docs}
    marked = quotes[quotes["kind"] != "indirect"]
    for d, s, e in zip(marked["doc_id"], marked["start"], marked["end"], strict=True):
        spans[d].append((int(s), int(e)))  # reported speech is the reporter's own wording
    own = {d: _own_shingles(docs[d]["text"], spans[d]) for d in docs}

    clusters_of: dict[str, set[str]] = {d: set() for d in docs}
    for c, d in zip(variants["cluster_id"], variants["doc_id"], strict=True):
        clusters_of[d].add(c)
    origins: dict[str, int] = {}
    for d in variants.loc[variants["is_origin"], "doc_id"]:
        origins[d] = origins.get(d, 0) + 1

    pairs = set(candidate_pairs((d, own[d]) for d in sorted(docs)))
    for members in variants.groupby("cluster_id")["doc_id"].unique():
        pairs.update(combinations(sorted(set(members)), 2))

    rows = []
    for a, b in sorted(pairs):
        first, second, order_why = _order(docs[a], docs[b], origins)
        src, der = first["doc_id"], second["doc_id"]
        shared = len(clusters_of[src] & clusters_of[der])
        common = own[src] & own[der]
        reuse = len(common) / len(own[der]) if own[der] else 0.0
        theirs = {s.lower() for s in second["cited_sources"]}
        cited = sorted({s for s in first["cited_sources"] if s.lower() in theirs})
        if reuse >= copy_threshold:
            rel = "copy"
        elif reuse >= rewrite_threshold:
            rel = "rewrite"
        elif shared and cited:
            rel = "same-source"
        elif shared:
            rel = "independent"
        else:
            continue
        evidence = [f"{shared} shared quotation(s)",
                    f"{len(common)} of {len(own[der])} five-word runs of {der}'s own wording "
                    f"also in {src}"]
        if cited:
            evidence.append("both cite " + ", ".join(cited))
        evidence.append(order_why)
        rows.append({"source_doc": src, "derived_doc": der, "shared_quotes": shared,
                     "reuse_score": round(reuse, 4), "relation": rel,
                     "evidence": "; ".join(evidence)})
    return pd.DataFrame(rows, columns=columns)
