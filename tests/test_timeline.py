"""Timeline: date expressions with offsets, resolved against the publication date."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from quotetrail.schemas import validate
from quotetrail.timeline import extract_events, find_dates

PUB = date(2024, 10, 30)  # a Wednesday


@pytest.mark.parametrize("text, expected", [
    ("on 28 October 2024", ("28 October 2024", date(2024, 10, 28), date(2024, 10, 28), "day")),
    ("on Oct. 3, 2014 in", ("Oct. 3, 2014", date(2014, 10, 3), date(2014, 10, 3), "day")),
    ("by 2024-01-05", ("2024-01-05", date(2024, 1, 5), date(2024, 1, 5), "day")),
    ("in March 2020", ("March 2020", date(2020, 3, 1), date(2020, 3, 31), "month")),
    ("since 1979.", ("1979", date(1979, 1, 1), date(1979, 12, 31), "year")),
    ("met on Tuesday", ("on Tuesday", date(2024, 10, 29), date(2024, 10, 29), "day")),
    ("Last year, he", ("Last year", date(2023, 1, 1), date(2023, 12, 31), "year")),
    ("the election next November.", ("next November", date(2024, 11, 1), date(2024, 11, 30),
                                     "month")),
    ("the July election", ("July", date(2024, 7, 1), date(2024, 7, 31), "month")),
    ("It rained yesterday", ("yesterday", date(2024, 10, 29), date(2024, 10, 29), "day")),
    ("three days ago", ("three days ago", date(2024, 10, 27), date(2024, 10, 27), "day")),
])
def test_expressions_resolve(text, expected):
    (found,) = find_dates(text, PUB, PUB)
    assert (found.expression, found.date_min, found.date_max, found.granularity) == expected
    assert text[found.start:found.end] == found.expression


def test_no_false_dates():
    assert find_dates("This may be the 2000 troops, or 31 February 2024.", PUB, PUB) == []


def test_relative_dates_stay_unresolved_without_anchor():
    (found,) = find_dates("on Tuesday")
    assert found.relative and found.date_min is None


def test_window_anchor_gives_a_range():
    (found,) = find_dates("last year", date(2024, 12, 1), date(2025, 2, 1))
    assert (found.date_min, found.date_max) == (date(2023, 1, 1), date(2024, 12, 31))


def events_of(text: str, published: date | None, opens: str, speaker: str) -> pd.DataFrame:
    """The events of one article with one quotation, from the word ``opens`` to its
    closing mark, said by the word ``speaker``."""
    documents = pd.DataFrame([{"doc_id": "d", "text": text, "published": published,
                               "published_min": published, "published_max": published}])
    quotes = pd.DataFrame([{"quote_id": "d:q001", "doc_id": "d", "start": text.index(opens),
                            "end": text.index("”"), "speaker_start": text.index(speaker)}])
    return validate(extract_events(documents, quotes), "events")


def test_events_link_statements_and_keep_dates_inside_quotes():
    text = ("On Tuesday, Mayor Ana Diaz said, “By 2030 we will be carbon neutral.”\n\n"
            "The city was founded in 1850.")
    events = events_of(text, PUB, opens="By", speaker="Mayor")
    assert list(events["expression"]) == ["2024-10-30", "On Tuesday", "1850", "2030"]
    assert list(events["kind"]) == ["publication", "statement", "event", "event"]
    assert list(events["in_quote"]) == [False, False, False, True]
    assert list(events["dates"].fillna("?")) == ["publication", "statement", "?", "?"]
    statement = events.iloc[1]
    assert statement["quote_id"] == "d:q001" and statement["date_min"] == date(2024, 10, 29)
    assert statement["anchor"] == "publication date"
    assert events.iloc[2]["anchor"] == "explicit"
    # the speaker's year is kept with its value, numbered after the article's own dates,
    # and is no statement date although it shares the attribution's sentence
    quoted = events.iloc[3]
    assert (quoted["event_id"], quoted["type"], quoted["value"]) == ("d:e004", "DATE", "2030")
    assert pd.isna(quoted["quote_id"])


def test_every_time_expression_is_a_row():
    """Durations, sets and references are rows too, inside a quotation or not."""
    text = ("Mayor Ana Diaz said the talks took three days. “We meet every week, and we will "
            "sign now,” she said.")
    events = events_of(text, None, opens="We", speaker="she")
    assert list(zip(events["type"], events["value"], events["in_quote"], strict=True)) == [
        ("DURATION", "P3D", False), ("SET", "P1W", True), ("DATE", "PRESENT_REF", True)]
    assert events["dates"].isna().all() and events["quote_id"].isna().all()


def test_a_date_that_modifies_another_event_is_not_a_statement_date():
    text = "Since the March election, Mayor Ana Diaz said, the town has changed its mind."
    documents = pd.DataFrame([{"doc_id": "d", "text": text, "published": PUB,
                               "published_min": PUB, "published_max": PUB}])
    quotes = pd.DataFrame([{"quote_id": "d:q001", "doc_id": "d", "start": text.index("the town"),
                            "end": len(text) - 1, "speaker_start": text.index("Mayor")}])
    events = extract_events(documents, quotes).set_index("expression")
    assert events.loc["March", "kind"] == "event" and pd.isna(events.loc["March", "quote_id"])
    assert events.loc["March", "dates"] == "event"  # known to date the election
