"""Property-based tests (hypothesis) over the readers, documents, quotation marks and the
date grammar. They assert only the documented outcomes: a reader gives articles or a
``Rejected`` with a reason; a document is a contract row or a rejection; marked spans
point at their text, in order, without overlap; a date range is ordered and plausible."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quotetrail.ingest.documents import parse_article
from quotetrail.ingest.readers import RawArticle, Rejected, RowRejected, decode, read_records
from quotetrail.schemas import validate
from quotetrail.text.dates import EARLIEST, LATEST, find_dates
from quotetrail.text.marks import marked_spans

EXAMPLES = settings(max_examples=600, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])

# Pieces that news text and its clutter are made of: words, marks, dates, markup, lines.
PIECES = ["The", "mayor", "said", "on", "Tuesday", "“", "”", '"', "‘", "’", "''", "``", "«",
          "»", ",", ".", " ", "\n", "\n\n", "3 May 2021", "last year", "next week", "2024-02-30",
          "in 1999", "<script>", "&amp;", "$x$", "\u00a0", "Share this", "By Jane Roe",
          "\ud800", "\x00", "\ufeff", "Follow us", "©", "— ", "February 30, 2020", "ago", "9" * 50]
texts = st.lists(st.sampled_from(PIECES) | st.text(max_size=20), max_size=80).map("".join)


@EXAMPLES
@given(st.binary(max_size=2_000))
def test_decode_gives_text_or_a_reason(data):
    try:
        text = decode(data)
    except Rejected as err:
        assert str(err)
    else:
        assert text.strip() and "\r" not in text and "\x00" not in text
        text.encode("utf-8")  # storable: no lone surrogates


@EXAMPLES
@given(st.lists(texts | st.binary(max_size=50).map(lambda b: b.decode("latin-1")), max_size=6))
def test_jsonl_rows_are_articles_or_rejected_rows(lines):
    data = "\n".join(lines).encode("utf-8", "surrogatepass")
    try:
        items = list(read_records(Path("f.jsonl"), data, "f.jsonl", "f"))
    except Rejected as err:
        assert str(err)
        return
    for item in items:
        assert isinstance(item, (RawArticle, RowRejected))
        if isinstance(item, RawArticle):
            item.raw_text.encode("utf-8")
            assert all(isinstance(v, str) for v in item.meta.values())


@EXAMPLES
@given(st.lists(st.dictionaries(st.sampled_from(["text", "title", "published", "html", "x"]),
                                texts | st.integers() | st.none() | st.lists(st.integers()),
                                max_size=4), max_size=4))
def test_jsonl_records_of_any_shape_never_crash(records):
    data = "\n".join(json.dumps(r) for r in records).encode("utf-8", "surrogatepass")
    try:
        items = list(read_records(Path("f.jsonl"), data, "f.jsonl", "f"))
    except Rejected:
        return
    assert len(items) == len(records)


@EXAMPLES
@given(texts, st.sampled_from([None, "2024-02-29", "9999-12-31", "0001-01-01", "junk"]))
def test_a_document_is_a_contract_row_or_a_rejection(text, published):
    raw = RawArticle("d", "d.txt", "0" * 64, text, {"published": published} if published else {})
    try:
        row = parse_article(raw)
    except Rejected as err:
        assert str(err)
        return
    import pandas as pd

    validate(pd.DataFrame([row]), "documents")
    for bound in (row["published"], row["published_min"], row["published_max"]):
        assert bound is None or EARLIEST <= bound <= LATEST


@EXAMPLES
@given(texts)
def test_marked_spans_point_at_their_words_in_order(text):
    spans = marked_spans(text)
    end = -1
    for span in spans:
        assert 0 <= span.start < span.end <= len(text)
        assert text[span.start:span.end] == span.text and span.text == span.text.strip()
        assert span.start > end
        end = span.end


@EXAMPLES
@given(texts, st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)),
       st.integers(min_value=0, max_value=400))
def test_date_ranges_are_ordered_and_point_at_their_words(text, anchor, width):
    high = date.fromordinal(min(anchor.toordinal() + width, date.max.toordinal()))
    for m in find_dates(text, anchor, high):
        assert text[m.start:m.end] == m.expression
        if m.date_min is not None:
            assert m.date_min <= m.date_max
            assert EARLIEST <= m.date_min and m.date_max <= LATEST


_WORDS = st.sampled_from("the council will not raise fares this year unless costs rise "
                         "again and we may review it".split())


@settings(max_examples=300, deadline=None)
@given(st.lists(_WORDS, min_size=1, max_size=14), st.lists(_WORDS, min_size=0, max_size=14))
def test_the_quick_words_check_never_hides_a_trimmed_or_near_form(origin, form):
    """Grouping skips the word diff when ``may_keep_words`` says no: it must never say no
    to a form ``relation`` finds to be the origin's own words."""
    from quotetrail.align.relations import may_keep_words, relation

    a, b = " ".join(origin), " ".join(form)
    if relation(a, b)[0] in ("exact", "near", "truncated", "spliced"):
        assert may_keep_words(a, b)
