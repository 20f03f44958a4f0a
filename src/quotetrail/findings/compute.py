"""The ``findings`` table: each finding a number, the rows it rests on, and a sentence.

Every sentence is written from the tables, never typed in: change the corpus and
the findings change with it.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from statistics import median

import pandas as pd

from quotetrail.findings.statements import (
    article_label,
    confirmation_findings,
    headline_findings,
    statement_findings,
)
from quotetrail.ingest.rejections import counts, files_and_rows
from quotetrail.schemas import SCHEMAS


def _evidence(quote_ids=(), doc_ids=(), event_ids=()) -> dict:
    return {"quote_ids": sorted(set(quote_ids)), "doc_ids": sorted(set(doc_ids)),
            "event_ids": sorted(set(event_ids))}


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else plural or word + 's'}"


def _short(text: str, n: int = 12) -> str:
    words = text.split()
    return " ".join(words[:n]) + (" …" if len(words) > n else "")


def _finding(name: str, value, statement: str, **evidence) -> dict:
    return {"finding": name, "value": None if value is None else float(value),
            "evidence": _evidence(**evidence), "statement": statement}


MAX_LISTED = 10  # rejected files named in the sentence; the table has them all


def _rejected_sentence(rejected: pd.DataFrame) -> str:
    """How many files or rows were given up at each stage, and the first few with why."""
    stages = rejected["stage"].value_counts().sort_index() if "stage" in rejected else {}
    counts = ", ".join(f"{n} at {stage}" for stage, n in stages.items())
    listed = []
    for rec in rejected.head(MAX_LISTED).to_dict("records"):
        row = rec.get("row")
        where = rec["source_path"] + (f" row {int(row)}" if pd.notna(row) else "")
        listed.append(f"{where} ({rec['reason']})")
    more = len(rejected) - len(listed)
    return (f"Rejected{f' ({counts})' if counts else ''}: " + "; ".join(listed)
            + (f"; and {more} more (see the rejected table)." if more else "."))


def corpus_findings(documents: pd.DataFrame, rejected: pd.DataFrame) -> list[dict]:
    docs = documents["doc_id"].tolist()
    out = [_finding(
        "articles_read", len(docs),
        f"{_plural(len(docs), 'article')} read from the corpus"
        + (f"; {files_and_rows(*counts(rejected))} rejected." if len(rejected) else
           "; no file was rejected."),
        doc_ids=docs)]
    if len(rejected):
        out.append(_finding("files_rejected", len(rejected), _rejected_sentence(rejected),
                            doc_ids=rejected["doc_id"].dropna()))
    is_date = documents["published"].map(lambda v: isinstance(v, date)).astype(bool)
    dated = documents.loc[is_date]
    if len(dated):
        days = sorted(set(dated["published"]))
        span = str(days[0]) if len(days) == 1 else f"{days[0]} to {days[-1]}"
        text = (f"{len(dated)} of {_plural(len(docs), 'article')} state a publication date "
                f"({span}); {len(docs) - len(dated)} give none.")
    else:
        text = f"None of the {_plural(len(docs), 'article')} states its publication date."
    out.append(_finding("articles_dated", len(dated), text, doc_ids=dated["doc_id"]))
    if "published_how" in documents:
        inferred = documents.loc[(documents["published_how"] == "inferred").astype(bool)]
        if len(inferred):
            bounded = inferred[inferred["published_min"].notna()
                               & inferred["published_max"].notna()]
            text = (f"For {_plural(len(inferred), 'undated article')} a publication window is "
                    "inferred from the events and office-holders they mention")
            if len(bounded):
                width = bounded.apply(lambda r: (r["published_max"] - r["published_min"]).days,
                                      axis=1)
                best = bounded.loc[width.idxmin()]
                text += f"; the narrowest: {article_label(best.to_dict())}."
            else:
                text += "; each is open on one side."
            out.append(_finding("articles_dated_by_window", len(inferred), text,
                                doc_ids=inferred["doc_id"]))
    return out


def quote_findings(quotes: pd.DataFrame, speakers: pd.DataFrame) -> list[dict]:
    if quotes.empty:
        return [_finding("quotations_found", 0, "No quotation was found in the corpus.")]
    kinds = Counter(quotes["kind"])
    by_kind = ", ".join(f"{n} {k}" for k, n in sorted(kinds.items()))
    n_docs = quotes["doc_id"].nunique()
    out = [_finding("quotations_found", len(quotes),
                    f"{_plural(len(quotes), 'quotation')} found in "
                    f"{_plural(n_docs, 'article')} ({by_kind}).",
                    quote_ids=quotes["quote_id"], doc_ids=quotes["doc_id"])]
    attributed = quotes[quotes["speaker"].notna()]
    if len(attributed):
        top = attributed["speaker"].value_counts().sort_index().sort_values(
            ascending=False, kind="stable")
        name, n = top.index[0], int(top.iloc[0])
        theirs = attributed[attributed["speaker"] == name]
        out.append(_finding(
            "most_quoted_speaker", n,
            f"{name} is the most quoted speaker: {_plural(n, 'quotation')} in "
            f"{_plural(theirs['doc_id'].nunique(), 'article')} "
            f"({n / len(quotes):.0%} of all quotations); "
            f"{_plural(len(speakers), 'speaker')} in all.",
            quote_ids=theirs["quote_id"], doc_ids=theirs["doc_id"]))
    unattributed = quotes[quotes["speaker"].isna()]
    out.append(_finding(
        "unattributed_quotations", len(unattributed),
        f"{_plural(len(unattributed), 'quotation')} could not be attributed to a speaker."
        if len(unattributed) else "Every quotation was attributed to a speaker.",
        quote_ids=unattributed["quote_id"], doc_ids=unattributed["doc_id"]))
    return out


def travel_findings(quotes: pd.DataFrame, variants: pd.DataFrame, links: pd.DataFrame,
                    documents: pd.DataFrame | None = None) -> list[dict]:
    if variants.empty:
        return []
    docs_per = variants.groupby("statement_id")["doc_id"].nunique()
    shared = docs_per[docs_per > 1]
    labels = ({} if documents is None or "title" not in documents else
              {d["doc_id"]: article_label(d) for d in documents.to_dict("records")})
    out = []
    if shared.empty:
        out.append(_finding("statements_in_several_articles", 0,
                            "No statement is printed by more than one article."))
    else:
        top = shared.sort_index().sort_values(ascending=False, kind="stable").index[0]
        members = variants[variants["statement_id"] == top]
        canonical = members[members["is_canonical"]].iloc[0]
        q = quotes.set_index("quote_id").loc[canonical["quote_id"]]
        who = f" ({q['speaker']})" if isinstance(q["speaker"], str) else ""
        out.append(_finding(
            "statements_in_several_articles", len(shared),
            f"{_plural(len(shared), 'statement')} are printed by more than one article; the "
            f"most widely carried, “{_short(q['text'])}”{who}, is in "
            f"{_plural(int(shared[top]), 'article')}: "
            f"{'; '.join(labels.get(d, d) for d in sorted(set(members['doc_id'])))}.",
            quote_ids=members["quote_id"], doc_ids=members["doc_id"]))
        copies = variants[variants["statement_id"].isin(shared.index)
                          & ~variants["is_canonical"]]
        altered = copies[copies["relation"] != "exact"]
        rel = ", ".join(f"{n} {r}" for r, n in sorted(Counter(altered["relation"]).items()))
        out.append(_finding(
            "altered_printings", len(altered),
            f"{len(altered)} of {_plural(len(copies), 'other printing')} of these statements "
            f"differ from the canonical form" + (f" ({rel})." if rel else "."),
            quote_ids=altered["quote_id"], doc_ids=altered["doc_id"]))
        reframed = variants[variants["relation"] == "reframing"]
        if len(reframed):
            out.append(_finding(
                "reframed_printings", len(reframed),
                f"{_plural(len(reframed), 'printing')} change what the statement says: "
                + "; ".join(f"{r.quote_id} ({r.changed})" for r in reframed.head(5).itertuples())
                + ("; …" if len(reframed) > 5 else "."),
                quote_ids=reframed["quote_id"], doc_ids=reframed["doc_id"]))
    if len(links):
        counts = Counter(links["relation"])
        parts = ", ".join(f"{counts.get(r, 0)} {r}" for r in
                          ("copy", "rewrite", "same-source", "independent"))
        derivative = links[links["relation"].isin(["copy", "rewrite"])]
        out.append(_finding(
            "related_article_pairs", len(links),
            f"{_plural(len(links), 'pair')} of articles share statements or wording ({parts}); "
            f"in {len(derivative)} of them one article is copied or rewritten from the other, "
            f"so it is not independent confirmation.",
            doc_ids=list(links["source_doc"]) + list(links["derived_doc"])))
    return out


def timing_findings(variants: pd.DataFrame, events: pd.DataFrame) -> list[dict]:
    """The lag between saying and printing, from statement dates only (a date the attribution
    gives, bounded by the first printing), never from any date that shares a sentence.
    Dated references are the articles' own: a date inside a quotation is the speaker's."""
    known = variants.dropna(subset=["lag_min_days", "lag_max_days"]) if len(variants) \
        else variants
    if len(known):
        lo, hi = median(known["lag_min_days"].astype(int)), median(
            known["lag_max_days"].astype(int))
        span = _plural(int(lo), "day") if lo == hi else f"{int(lo)} to {_plural(int(hi), 'day')}"
        text = (f"For {_plural(len(known), 'printing')} both the saying and the printing are "
                f"dated; the median lag between them is {span}.")
        value = float(lo)
    else:
        text = ("No printing has both a known date of saying and a known publication date, "
                "so the lag between saying and reporting cannot be measured.")
        value = None
    out = [_finding("said_to_reported_days", value, text,
                    quote_ids=known["quote_id"] if len(known) else [],
                    doc_ids=known["doc_id"] if len(known) else [])]
    events = events[~events["in_quote"].astype(bool)]
    resolved = events[events["date_min"].notna() & (events["kind"] != "publication")]
    unresolved = events[events["anchor"] == "unresolved"]
    if len(resolved):
        lo, hi = min(resolved["date_min"]), max(resolved["date_max"])
        out.append(_finding(
            "dated_references", len(resolved),
            f"{_plural(len(resolved), 'dated reference')} in the texts span {lo.year}–{hi.year}"
            + (f"; {_plural(len(unresolved), 'relative one')} (such as "
               f"“{unresolved.iloc[0]['expression']}”) cannot be placed because the article's "
               "date is unknown or open-ended." if len(unresolved) else "."),
            event_ids=list(resolved["event_id"]) + list(unresolved["event_id"])))
    return out


def compute_findings(documents, rejected, quotes, speakers, variants, links,
                     events, statements=None, windows=None) -> pd.DataFrame:
    """All findings, in reading order: the statements that travelled first, when
    ``statements`` is given (and ``windows``, to name undated articles by their window)."""

    told = ([] if statements is None else
            statement_findings(statements, variants, documents, links, windows)
            + headline_findings(statements, variants, documents)
            + confirmation_findings(statements, variants, documents))
    rows = (told + corpus_findings(documents, rejected) + quote_findings(quotes, speakers)
            + travel_findings(quotes, variants, links, documents)
            + timing_findings(variants, events))
    return pd.DataFrame(rows, columns=list(SCHEMAS["findings"].columns))
