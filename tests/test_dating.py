"""Publication windows for undated articles: text dates, known events, office terms."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from quotetrail.ingest import ingest, load_context
from quotetrail.ingest.dating import Context, date_article

EVENTS = pd.DataFrame([
    {"event_id": "summit", "name": "Harbour Summit", "pattern": r"Harbour [Ss]ummit",
     "date_min": "2021-06-10", "date_max": "2021-06-12", "source": "https://example.org/s"},
    {"event_id": "vote", "name": "National referendum", "pattern": r"national referendum",
     "date_min": "2022-09-18", "date_max": "2022-09-18", "source": "https://example.org/v"},
])
OFFICES = pd.DataFrame([
    {"person": "Lena Ortiz", "office": "Mayor", "pattern": r"Mayor (?:Lena )?Ortiz",
     "start": "2019-01-01", "end": "2023-01-01", "source": "https://example.org/o"},
])
CONTEXT = Context(EVENTS, OFFICES)


def test_past_event_sets_the_earliest_date():
    d = date_article("Delegates went home after the Harbour Summit ended in a deal.", CONTEXT)
    assert (d.how, d.date_min, d.date_max) == ("inferred", date(2021, 6, 10), None)
    assert "Harbour Summit" in d.evidence


def test_upcoming_event_sets_the_latest_date():
    d = date_article("Parties are campaigning ahead of the national referendum.", CONTEXT)
    assert (d.date_min, d.date_max) == (None, date(2022, 9, 18))


def test_office_term_bounds_both_sides():
    d = date_article("Mayor Lena Ortiz opened the new library on the waterfront.", CONTEXT)
    assert (d.date_min, d.date_max) == (date(2019, 1, 1), date(2023, 1, 1))


def test_former_office_holder_is_not_current():
    d = date_article("The library was opened by former Mayor Lena Ortiz.", CONTEXT)
    assert d.how == "unknown"


def test_bounds_combine_into_the_tightest_window():
    text = ("Mayor Ortiz said the Harbour Summit had been a success. The city prepared for "
            "the upcoming national referendum.")
    d = date_article(text, CONTEXT)
    assert (d.date_min, d.date_max) == (date(2021, 6, 10), date(2022, 9, 18))


def test_explicit_past_dates_in_the_text_and_not_in_quotes():
    d = date_article("The plant was closed in March 2020. “By 2031 we will rebuild it,” "
                     "she said.", Context())
    assert (d.date_min, d.date_max) == (date(2020, 3, 1), None)
    d = date_article("The company expects profits to recover by 2030.", Context())
    assert d.how == "unknown"


def test_empty_context_gives_wider_windows_not_errors():
    text = "Mayor Lena Ortiz said the Harbour Summit went well."
    assert date_article(text, Context()).how == "unknown"
    assert date_article(text, CONTEXT).date_min == date(2021, 6, 10)


def test_conflicting_bounds_drop_the_weakest():
    text = ("Mayor Lena Ortiz spoke. Plans were announced in 2018. The Harbour Summit was "
            "held. The vote is scheduled for 2020.")
    d = date_article(text, CONTEXT)
    assert d.date_min is not None and (d.date_max is None or d.date_min <= d.date_max)


def test_yearless_dateline_takes_the_year_the_window_allows():
    context = Context(offices=pd.DataFrame([
        {"person": "A", "office": "Governor", "pattern": "Governor Smith",
         "start": "2010-03-01", "end": "2011-02-01", "source": "x"}]))
    d = date_article("SPRINGFIELD, Feb 26 - Governor Smith signed the budget.", context)
    assert (d.date_min, d.date_max) == (date(2010, 3, 1), date(2011, 2, 1))  # no 26 Feb fits
    context.offices.loc[0, "end"] = "2011-03-31"
    context = Context(offices=context.offices)
    d = date_article("SPRINGFIELD, Feb 26 - Governor Smith signed the budget.", context)
    # the year is fixed; a day either side, as a dateline gives the local day
    assert (d.date_min, d.date_max) == (date(2011, 2, 25), date(2011, 2, 27))
    assert "dateline" in d.evidence


def test_a_modal_or_a_distant_past_verb_does_not_make_a_date_past():
    for text in ("Officials said the bonds may be redeemed on 1 May 2031.",
                 "Ministers said the new rules, once approved by the assembly that "
                 "convened, apply from 2031."):
        assert date_article(text, CONTEXT).date_min is None, text
    d = date_article("The bridge opened in June 2019 after years of delay.", CONTEXT)
    assert d.date_min == date(2019, 6, 1)


def test_stated_date_wins():
    d = date_article("Mayor Lena Ortiz spoke.", CONTEXT, stated=date(2020, 5, 1))
    assert (d.published, d.how, d.date_min, d.date_max) == (date(2020, 5, 1), "stated",
                                                            date(2020, 5, 1), date(2020, 5, 1))


def test_load_context_checks_the_tables(tmp_path):
    assert load_context(tmp_path / "missing").events.empty
    (tmp_path / "events.csv").write_text("event_id,name,pattern,date_min,date_max,source\n"
                                         "x,X,(unclosed,2020-01-01,,src\n")
    with pytest.raises(ValueError, match="events.csv, line 2"):
        load_context(tmp_path)


def test_the_shipped_context_tables_have_sources():
    from conftest import ROOT

    context = load_context(ROOT / "data" / "context")
    assert len(context.events) >= 10 and len(context.offices) >= 10
    for table in (context.events, context.offices):
        assert table["source"].str.startswith("https://").all()


def test_relative_dates_resolve_against_the_window(corpus):
    from quotetrail.timeline import extract_events

    text = ("Mayor Lena Ortiz, speaking at the waterfront, said that the library would reopen. "
            "Last year the building was flooded, officials said.")
    folder = corpus({"a.txt": "Library to Reopen Soon\n\n" + text})
    documents, _ = ingest(folder, context=CONTEXT)
    assert documents.iloc[0]["published_how"] == "inferred"
    events = extract_events(documents, pd.DataFrame(columns=["quote_id", "doc_id", "start",
                                                             "end", "speaker_start"]))
    last_year = events[events["expression"] == "Last year"].iloc[0]
    assert (last_year["date_min"], last_year["date_max"]) == (date(2018, 1, 1),
                                                              date(2022, 12, 31))
    assert last_year["anchor"] == "publication date"
