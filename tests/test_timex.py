"""Time expressions, TIMEX3-style (sentences made up for the tests)."""

from __future__ import annotations

from datetime import date

import pytest

from quotetrail.text.timex import find_timexes


def one(text: str, lo: date | None = None, hi: date | None = None):
    found = find_timexes(text, lo, hi if hi is not None else lo)
    assert len(found) == 1, found
    return found[0]


def test_weekday_against_a_known_date_and_against_a_window():
    wednesday = date(2025, 3, 12)
    t = one("The board met on Monday to vote.", wednesday)
    assert (t.type, t.value, t.date_min) == ("DATE", "2025-03-10", date(2025, 3, 10))
    t = one("The board met on Monday to vote.", date(2025, 3, 10), date(2025, 3, 20))
    assert t.value is None  # open while the publication day is not known
    assert (t.date_min, t.date_max) == (date(2025, 3, 10), date(2025, 3, 17))


def test_last_year_at_a_year_boundary():
    t = one("Exports fell sharply last year.", date(2025, 1, 1))
    assert (t.value, t.date_min, t.date_max) == ("2024", date(2024, 1, 1), date(2024, 12, 31))
    t = one("Exports fell sharply last year.", date(2024, 12, 30), date(2025, 1, 2))
    assert t.value is None and (t.date_min, t.date_max) == (date(2023, 1, 1), date(2024, 12, 31))


@pytest.mark.parametrize("text, kind, value", [
    ("The strike lasted three days.", "DURATION", "P3D"),
    ("Talks went on for five hours.", "DURATION", "PT5H"),
    ("The council meets every week.", "SET", "P1W"),
    ("The fair is held annually.", "SET", "P1Y"),
    ("Prices are rising now.", "DATE", "PRESENT_REF"),
    ("Profit rose in the third quarter.", "DATE", "2025-Q3"),
    ("The ferry left at 6:30 p.m. sharp.", "TIME", "2025-10-08T18:30"),
    ("She said it this morning.", "TIME", "2025-10-08TMO"),
    ("Rents doubled in the 1990s.", "DATE", "199"),
    ("It was signed two weeks ago.", "DATE", "2025-W39"),
])
def test_types_and_values(text, kind, value):
    t = one(text, date(2025, 10, 8))
    assert (t.type, t.value) == (kind, value)


@pytest.mark.parametrize("text", ["It happened on February 30, 2024.", "Filed 2024-13-45.",
                                  "In the year 0 nothing.", "By 99999 the sun dims."])
def test_impossible_dates_give_no_date(text):
    assert all(t.date_min is None or 1700 <= t.date_min.year <= 2300
               for t in find_timexes(text, date(2025, 1, 1), date(2025, 1, 1)))


def test_many_dates_in_one_article():
    text = " ".join(f"On {m} {d}, 2020 it rained." for m in ("March", "April") for d in
                    range(1, 29)) * 90
    found = find_timexes(text, date(2021, 1, 1), date(2021, 1, 1))
    assert len(found) == 2 * 28 * 90 and all(t.type == "DATE" for t in found)


# Anchor for the tests below: Wednesday 8 October 2025.
ANCHOR = date(2025, 10, 8)


@pytest.mark.parametrize("text, value", [
    ("The ferry service resumed on Monday.", "2025-10-06"),  # past: the last Monday
    ("The ferry service will resume on Monday.", "2025-10-13"),  # future: the next one
    ("The vote is scheduled for Friday.", "2025-10-10"),
    ("The ferry was set to sail on Monday.", "2025-10-06"),  # future in the past
    ("The mill closed in March.", "2025-03"),  # past tense: the last March
    ("The mill will reopen in March.", "2026-03"),  # future: the next March
    ("The audit is expected in December.", "2025-12"),
    ("Ticket sales fell over the weekend.", "2025-W40-WE"),  # told on a Wednesday: the last
])
def test_the_tense_of_the_clause_picks_past_or_next(text, value):
    assert one(text, ANCHOR).value == value


@pytest.mark.parametrize("text, value", [
    ("The lift reopens at 9 a.m. Tuesday, the operator said.", "2025-10-07T09:00"),
    ("The lift stopped at noon Tuesday.", "2025-10-07T12:00"),
    ("The court ruled on Monday, Oct. 6, that the fee stands.", "2025-10-06"),
    ("The orchard was sold in June last year.", "2024-06"),
    ("Planting begins in April next year.", "2026-04"),
    ("Looting has spread in recent days.", "PXD"),
    ("Sales for the current year look weak.", "2025"),
    ("Sales slowed at the beginning of the year.", "2025"),
    ("The crossing took 5 1/2 hours.", "PT5H30M"),
    ("The repairs took two and a half years.", "P2Y6M"),
    ("The road will be shut for a couple of weeks.", "P2W"),
    ("The probe touched down at 18:05 UTC.", "2025-10-08T18:05Z"),
    ("The shelter was full on Thanksgiving Day last year.", "2024-11-28"),
    ("The parade is held on Christmas Eve.", "2024-12-24"),
    ("The dam broke in nineteen seventy-two.", "1972"),
    ("The charter dates from the 12th century.", "11"),
    ("The carpenters' guild has met over the years.", "PXY"),
    ("The pay deal was signed in the middle of the month.", "2025-10"),
])
def test_constructions(text, value):
    assert one(text, ANCHOR).value == value


def test_a_clock_time_takes_the_day_named_before_it_in_its_sentence():
    found = find_timexes("The rover landed on Tuesday at 18:05 UTC.", ANCHOR, ANCHOR)
    assert [t.value for t in found] == ["2025-10-07", "2025-10-07T18:05Z"]


def test_a_reported_period_is_compared_with_the_same_period_a_year_back():
    text = ("Net income rose in the third quarter to $4 million from $3 million a year "
            "earlier. The year-ago period included a charge. In the 2024 period, sales "
            "fell; the latest period shows a rebound.")
    values = [t.value for t in find_timexes(text, ANCHOR, ANCHOR)]
    assert values == ["2025-Q3", "2024-Q3", "2024-Q3", "2024-Q3", "2025-Q3"]
    # without a quarter named first, "a year earlier" is just the year before
    assert one("Wages were lower a year earlier.", ANCHOR).value == "2024"


def test_that_year_and_the_following_year_follow_the_date_named_before():
    text = "The firm was founded in May 1998, and later that year it opened a plant."
    assert [t.value for t in find_timexes(text, ANCHOR, ANCHOR)] == ["1998-05", "1998"]
    text = "The pier was damaged in 2011; the following year it was rebuilt."
    assert [t.value for t in find_timexes(text, ANCHOR, ANCHOR)] == ["2011", "2012"]


@pytest.mark.parametrize("text", ["Farmers grow three-quarters of the wheat.",
                                  "A quarter of the voters stayed home.",
                                  "She is seeking a second term."])
def test_fractions_and_ordinals_are_not_times(text):
    assert find_timexes(text, ANCHOR, ANCHOR) == []


def test_every_grain_and_type_is_one_the_events_table_allows():
    from quotetrail.schemas import GRANULARITIES, TIMEX_TYPES

    text = " ".join([
        "The charter dates from the 12th century, the mill from the 1990s.",
        "In the year ended June 30 and for the full year, in the third quarter, the 2024",
        "period and the year-ago period; that year, the following month, later that day.",
        "On Monday, Oct. 6, at 9 a.m. Tuesday, at 18:05 UTC, at noon, this morning,",
        "over the weekend, on Christmas Eve, in nineteen seventy-two, in June last year,",
        "in recent days, for three days, every week, twice a year, annually, now, recently,",
        "in the future, the beginning of the year, the current quarter, in the spring of 2019,",
        "in March, on 4 July, two weeks ago, last year, 3/4/2021, 5 1/2 hours, a decade.",
    ])
    for anchor in (ANCHOR, None):
        found = find_timexes(text, anchor, anchor)
        assert len(found) >= 35
        assert {t.granularity for t in found} <= GRANULARITIES
        assert {t.type for t in found} <= TIMEX_TYPES


def test_the_events_table_keeps_every_expression_the_tagger_finds(nlp):
    """The benchmark's path through the study's tables (quotes, then events) scores the
    same rows as the tagger alone, dates inside quotations included."""
    from benchmarks.timex import ours, through_tables

    text = ("The mayor said on Monday that the bridge would open in 2027. “We waited three "
            "years, and next spring it will be done,” she told reporters.\n\nThe bridge was "
            "first proposed in 1998.")
    docs = [(text, ANCHOR, [])]
    rows, events = through_tables(docs, nlp)
    alone = ours(text, ANCHOR)
    assert rows[text, ANCHOR] == alone and len(alone) == 5
    quoted = events[events["in_quote"]]
    # reported speech ("that the bridge would open in 2027") is a quotation too
    assert list(quoted["expression"]) == ["2027", "three years", "next spring"]
    assert events.set_index("expression").loc["on Monday", "dates"] == "statement"
