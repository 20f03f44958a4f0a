"""The ``events`` table: dated expressions in each article, and when each quotation was said.

Relative expressions ("on Tuesday", "last year") are resolved against the article's
publication date, or its window of possible dates when only that is known; without
either they are kept, unresolved. A date in the sentence that carries a quotation's
attribution is that quotation's statement date.
"""

from __future__ import annotations

import warnings
from datetime import date

import pandas as pd

from quotetrail.schemas import SCHEMAS, failure_reason, rejection
from quotetrail.text.dates import find_dates
from quotetrail.text.sentences import sentence_at, sentence_bounds


def _as_date(value) -> date | None:
    return value if isinstance(value, date) else None


def events_for(doc: dict, doc_quotes: pd.DataFrame) -> list[dict]:
    """Event rows of one article."""
    text, doc_id = doc["text"], doc["doc_id"]
    lo, hi = _as_date(doc["published_min"]), _as_date(doc["published_max"])
    bounds = sentence_bounds(text)
    # sentences holding each quotation and its speaker mention
    said_in: dict[int, str] = {}
    for q in doc_quotes.itertuples():
        for offset in (q.start, q.speaker_start):
            if pd.notna(offset):
                said_in.setdefault(sentence_at(bounds, int(offset)), q.quote_id)
    quoted = list(zip(doc_quotes["start"], doc_quotes["end"], strict=True))

    rows = []
    published = _as_date(doc["published"])
    if published is not None:
        rows.append({"expression": published.isoformat(), "start": None, "end": None,
                     "date_min": published, "date_max": published, "granularity": "day",
                     "anchor": "explicit", "kind": "publication", "quote_id": None})
    elif lo is not None or hi is not None:  # an inferred window (see published_evidence)
        rows.append({"expression": f"published {lo or '?'} to {hi or '?'} (inferred)",
                     "start": None, "end": None, "date_min": lo, "date_max": hi,
                     "granularity": "day", "anchor": "event", "kind": "publication",
                     "quote_id": None})
    for m in find_dates(text, lo, hi):
        if any(s <= m.start < e for s, e in quoted):
            continue  # a date inside a quotation is the speaker's, not the article's
        quote_id = said_in.get(sentence_at(bounds, m.start))
        anchor = ("explicit" if not m.relative
                  else "publication date" if m.date_min is not None else "unresolved")
        rows.append({"expression": m.expression, "start": m.start, "end": m.end,
                     "date_min": m.date_min, "date_max": m.date_max,
                     "granularity": m.granularity, "anchor": anchor,
                     "kind": "statement" if quote_id else "event", "quote_id": quote_id})
    for n, row in enumerate(rows):
        row["event_id"] = f"{doc_id}:e{n + 1:03d}"
        row["doc_id"] = doc_id
    return rows


def extract_events(documents: pd.DataFrame, quotes: pd.DataFrame,
                   failures: list[dict] | None = None) -> pd.DataFrame:
    """Dated expressions of every article, statements linked to their quotations. An
    article whose dates cannot be read is skipped with a ``rejected`` record in
    ``failures`` (when given) and a warning."""
    rows = []
    by_doc = dict(tuple(quotes.groupby("doc_id"))) if not quotes.empty else {}
    empty_quotes = quotes.iloc[0:0]
    for doc in documents.to_dict("records"):
        try:
            rows.extend(events_for(doc, by_doc.get(doc["doc_id"], empty_quotes)))
        except Exception as err:  # one article's bug must not stop the study
            reason = failure_reason(err)
            warnings.warn(f"timeline: {doc['doc_id']} skipped: {reason}", stacklevel=2)
            if failures is not None:
                failures.append(rejection(doc.get("source_path", doc["doc_id"]), reason,
                                          stage="timeline",
                                          doc_id=doc["doc_id"]))
    df = pd.DataFrame(rows, columns=list(SCHEMAS["events"].columns))
    for col in ("start", "end"):
        df[col] = df[col].astype("Int64")
    return df
