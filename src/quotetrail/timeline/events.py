"""The ``events`` table: time expressions in each article, TIMEX3-style, with their offsets.

Relative expressions ("on Tuesday", "last year") are resolved against the article's
publication date, or against its window of possible dates when only that is known
(the window the corpus settled on, ``doc_windows``, when it is given); without either
they are kept, unresolved. An expression in the sentence that carries a quotation's
attribution is a statement date, unless it modifies another event ("the July election");
durations, sets and references such as "now" keep
their TIMEX3 value and no dates.

Every expression the tagger finds is a row. One inside a quotation is the speaker's date,
never when they spoke: it is kept with ``in_quote`` set, and numbered after the article's
own expressions, so that adding it leaves the ids of those (which findings cite) as they
were. ``dates`` says what an expression dates where that is known.
"""

from __future__ import annotations

import warnings

import pandas as pd

from quotetrail.schemas import SCHEMAS, failure_reason, rejection
from quotetrail.text.dates import as_date
from quotetrail.text.sentences import sentence_at, sentence_bounds
from quotetrail.text.timex import dates_another_event, find_timexes


def events_for(doc: dict, doc_quotes: pd.DataFrame, window: tuple | None = None) -> list[dict]:
    """Event rows of one article; ``window`` is its settled publication window, if known."""
    text, doc_id = doc["text"], doc["doc_id"]
    lo, hi = as_date(doc["published_min"]), as_date(doc["published_max"])
    if window is not None:
        lo, hi = as_date(window[0]) or lo, as_date(window[1]) or hi
    bounds = sentence_bounds(text)
    # sentences holding each quotation and its speaker mention
    said_in: dict[int, str] = {}
    for q in doc_quotes.itertuples():
        for offset in (q.start, q.speaker_start):
            if pd.notna(offset):
                said_in.setdefault(sentence_at(bounds, int(offset)), q.quote_id)
    quoted = list(zip(doc_quotes["start"], doc_quotes["end"], strict=True))

    rows = []
    published = as_date(doc["published"])
    if published is not None:
        rows.append({"expression": published.isoformat(), "start": None, "end": None,
                     "date_min": published, "date_max": published, "granularity": "day",
                     "anchor": "explicit", "kind": "publication", "quote_id": None,
                     "type": "DATE", "value": published.isoformat(), "in_quote": False,
                     "dates": "publication"})
    elif lo is not None or hi is not None:  # an inferred window (see published_evidence)
        rows.append({"expression": f"published {lo or '?'} to {hi or '?'} (inferred)",
                     "start": None, "end": None, "date_min": lo, "date_max": hi,
                     "granularity": "day", "anchor": "event", "kind": "publication",
                     "quote_id": None, "type": "DATE", "value": None, "in_quote": False,
                     "dates": "publication"})
    quoted_rows: list[dict] = []  # expressions inside quotations, numbered last
    for m in find_timexes(text, lo, hi):
        in_quote = any(s <= m.start < e for s, e in quoted)
        dated = m.type in ("DATE", "TIME") and m.granularity != "ref"
        another = dated and dates_another_event(text, m.start, m.end)
        quote_id = (said_in.get(sentence_at(bounds, m.start))
                    if dated and not another and not in_quote else None)
        anchor = ("explicit" if not m.relative
                  else "publication date" if (m.date_min is not None or m.value) else
                  "unresolved")
        (quoted_rows if in_quote else rows).append({
            "expression": m.text, "start": m.start, "end": m.end,
            "date_min": m.date_min, "date_max": m.date_max,
            "granularity": m.granularity, "anchor": anchor,
            "kind": "statement" if quote_id else "event", "quote_id": quote_id,
            "type": m.type, "value": m.value, "in_quote": in_quote,
            "dates": "statement" if quote_id else "event" if another else None})
    rows += quoted_rows
    for n, row in enumerate(rows):
        row["event_id"] = f"{doc_id}:e{n + 1:03d}"
        row["doc_id"] = doc_id
    return rows


def extract_events(documents: pd.DataFrame, quotes: pd.DataFrame,
                   failures: list[dict] | None = None,
                   windows: pd.DataFrame | None = None) -> pd.DataFrame:
    """Dated expressions of every article, statements linked to their quotations. An
    article whose dates cannot be read is skipped with a ``rejected`` record in
    ``failures`` (when given) and a warning."""
    rows = []
    by_doc = quotes_by_doc(quotes)
    settled = {} if windows is None else {
        d: (lo, hi) for d, lo, hi in zip(windows["doc_id"], windows["published_min"],
                                         windows["published_max"], strict=True)}
    for doc in documents.to_dict("records"):
        found, failure = article_events(doc, by_doc.get(doc["doc_id"], quotes.iloc[0:0]),
                                        settled.get(doc["doc_id"]))
        rows.extend(found)
        if failure is not None and failures is not None:
            failures.append(failure)
    return events_frame(rows)


def quotes_by_doc(quotes: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Each article's quotations."""
    return dict(tuple(quotes.groupby("doc_id"))) if not quotes.empty else {}


def article_events(doc: dict, doc_quotes: pd.DataFrame, window: tuple | None = None
                   ) -> tuple[list[dict], dict | None]:
    """``events_for`` one article, or no rows and the ``rejected`` record of its failure
    (with a warning): one article's bug must not stop the study."""
    try:
        return events_for(doc, doc_quotes, window), None
    except Exception as err:
        reason = failure_reason(err)
        warnings.warn(f"timeline: {doc['doc_id']} skipped: {reason}", stacklevel=2)
        return [], rejection(doc.get("source_path", doc["doc_id"]), reason, stage="timeline",
                             doc_id=doc["doc_id"])


def events_frame(rows: list[dict]) -> pd.DataFrame:
    """The ``events`` table of these rows."""
    df = pd.DataFrame(rows, columns=list(SCHEMAS["events"].columns))
    for col in ("start", "end"):
        df[col] = df[col].astype("Int64")
    df["in_quote"] = df["in_quote"].astype(bool)
    return df
