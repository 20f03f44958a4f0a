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
