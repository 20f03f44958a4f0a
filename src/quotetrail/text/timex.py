"""Time expressions, TIMEX3-style: type, offsets, and a value at the expression's own grain.

Types are TimeML's: ``DATE`` (a day, week, month, quarter, season, year, decade, or a
reference such as ``PRESENT_REF``), ``TIME`` (a clock time or part of a day),
``DURATION`` (``P3D``, ``PT5H``, ``PXY``) and ``SET`` (``every week``: ``P1W``).
Dates build on the date grammar of ``text.dates``; relative expressions are resolved
against the publication date, or against a window when only that is known, in which
case they keep a range (``date_min``–``date_max``) and get a value only where every
day of the window gives the same one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from quotetrail.text.dates import GRAMMAR, NUMBERS, WEEKDAYS, plausible, resolve

UNITS = {"second": "S", "minute": "M", "hour": "H", "day": "D", "week": "W", "month": "M",
         "year": "Y", "decade": "DE", "century": "CE", "quarter": "Q", "weekend": "WE"}
_TIME_UNITS = {"second", "minute", "hour"}
_NUM = (r"(?P<n>\d+(?:\.\d+)?|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
        r"twelve|fifteen|twenty|thirty|forty|fifty|sixty|hundred|several|few|many|couple of"
        r"|some)")
_UNIT = r"(?P<unit>second|minute|hour|day|week|month|year|decade|century|quarter)"
_WEEKDAY = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_PART = r"(?P<part>morning|afternoon|evening|night)"
_PART_CODE = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
_ORDINAL = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3,
            "4th": 4, "last": 4}
_SEASON = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
NUMBER_WORDS = {**NUMBERS, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
                "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "hundred": 100}
VAGUE = {"several", "few", "many", "couple of", "some"}

# (form, TIMEX3 type, pattern); earlier rules win overlaps, as in ``text.dates``
EXTRA: list[tuple[str, str, re.Pattern]] = [
    ("numeric", "DATE", re.compile(
        r"(?<![\d/])(?P<m>1[0-2]|0?[1-9])/(?P<d>3[01]|[12]\d|0?[1-9])/(?P<y>\d{4}|\d{2})(?![\d/])")),
    ("clock", "TIME", re.compile(
        r"\b(?P<h>[01]?\d)(?::(?P<m>[0-5]\d))?\s*(?P<ampm>a\.m\.|p\.m\.|am\b|pm\b)", re.I)),
    ("noon", "TIME", re.compile(r"\b(?P<word>noon|midnight)\b", re.I)),
    ("part", "TIME", re.compile(
        rf"\b(?P<rel>this|yesterday|tomorrow|last|{_WEEKDAY})\s+{_PART}\b|\b(?P<tonight>tonight)\b",
        re.I)),
    ("span", "DURATION", re.compile(
        rf"\b(?:the\s+)?(?P<rel>past|last|next|previous|coming|first|final)\s+"
        rf"{_NUM}\s+{_UNIT}s?\b(?!\s+ago)", re.I)),
    ("span", "DURATION", re.compile(
        rf"\bthe\s+(?P<rel>past|previous|coming)\s+{_UNIT}\b", re.I)),
    ("earlier", "DATE", re.compile(
        rf"\b{_NUM}\s+{_UNIT}s?\s+earlier\b|\b(?P<adj>year)-(?:earlier|ago)\b",
        re.I)),
    ("weekend", "DATE", re.compile(r"\b(?P<rel>this|last|next|the)\s+weekend\b", re.I)),
    ("quarter", "DATE", re.compile(
        r"\b(?:the\s+)?(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)[-\s]+(?P<q>quarter|half)"
        r"(?:\s+of\s+(?P<year>(?:19|20)\d{2}))?\b", re.I)),
    ("the_quarter", "DATE", re.compile(
        r"\bthe\s+(?:(?P<rel>latest|most recent|current|same|previous|past|last)\s+)?quarter\b",
        re.I)),
    ("decade", "DATE", re.compile(r"\b(?:the\s+)?(?:(?P<c>19|20)|')(?P<d>\d)0['’]?s\b")),
    ("season", "DATE", re.compile(
        r"\b(?P<rel>this|last|next|early|late|the)\s+(?P<season>spring|summer|autumn|fall|winter)"
        r"\b", re.I)),
]
LATE: list[tuple[str, str, re.Pattern]] = [
    ("weekday", "DATE", re.compile(rf"\b{_WEEKDAY}\b")),
    ("ref", "DATE", re.compile(
        r"\b(?P<present>now|currently|at present|nowadays|these days|at the moment|right now"
        r"|current)\b"
        r"|\b(?P<past>recently|lately|in the past|recent)\b"
        r"|\b(?P<future>in the future|the future)\b", re.I)),
    ("set", "SET", re.compile(rf"\b(?:every|each|per)\s+(?:{_NUM}\s+)?{_UNIT}s?\b", re.I)),
    ("set", "SET", re.compile(rf"\b(?:once|twice|\w+\s+times)\s+a\s+{_UNIT}\b", re.I)),
    ("set", "SET", re.compile(
        r"\b(?P<adv>annually|yearly|daily)\b", re.I)),
    ("duration", "DURATION", re.compile(
        rf"\b{_NUM}[\s-]+{_UNIT}s?\b(?!\s+(?:ago|old|earlier)|-old)"
        r"|\b(?:for|over)\s+(?P<vague>years|months|decades|weeks|days|hours)\b", re.I)),
    ("bare_year", "DATE", re.compile(r"(?<![\d$£€.,])\b(?P<year>(?:19|20)\d{2})\b(?![\d%.,]\d)"
                                     r"(?!\s*(?:percent|%|people|units|shares|tons))")),
]
_DATE_TYPE = {"iso": "DATE", "dmy": "DATE", "mdy": "DATE", "my": "DATE", "ago": "DATE",
              "rel_unit": "DATE", "rel_month": "DATE", "rel_weekday": "DATE",
              "deictic": "DATE", "dm": "DATE", "year": "DATE", "month": "DATE"}


@dataclass(frozen=True)
class Timex:
    text: str
    start: int
    end: int
    type: str  # DATE, TIME, DURATION, SET
    value: str | None  # TIMEX3 value, None where the anchor leaves it open
    date_min: date | None
    date_max: date | None
    granularity: str  # day, week, month, quarter, season, year, decade, time, duration, set, ref
    relative: bool


def _count(n: str | None) -> str:
    if n is None:
        return "1"
    low = n.lower()
    if low in VAGUE:
        return "X"
    if low in NUMBER_WORDS:
        return str(NUMBER_WORDS[low])
    return n


def _duration(n: str | None, unit: str) -> str:
    unit = unit.lower()
    prefix = "PT" if unit in _TIME_UNITS else "P"
    count = _count(n)
    if unit in ("decade", "century"):  # TimeML writes these in years
        factor = 10 if unit == "decade" else 100
        return f"P{count}Y" if count == "X" else f"P{int(float(count) * factor)}Y"
    return f"{prefix}{count}{UNITS[unit]}"


def _date_value(lo: date, hi: date, granularity: str) -> str | None:
    if granularity == "day" and lo == hi:
        return lo.isoformat()
    if granularity == "week" and (hi - lo).days == 6:
        y, w, _ = lo.isocalendar()
        return f"{y}-W{w:02d}"
    if granularity == "month" and (lo.year, lo.month) == (hi.year, hi.month):
        return f"{lo.year}-{lo.month:02d}"
    if granularity == "year" and lo.year == hi.year:
        return str(lo.year)
    return None


def _anchored(anchor_min: date | None, anchor_max: date | None) -> date | None:
    """The one anchor day, when the publication date is known to the day."""
    ok = anchor_min is not None and anchor_min == anchor_max and plausible(anchor_min)
    return anchor_min if ok else None


def _extra(form: str, g: dict, anchor: date | None) -> tuple[str | None, date | None,
                                                          date | None, str]:
    """(value, date_min, date_max, granularity) of the rules this module adds."""
    if form == "numeric":
        year = int(g["y"]) + (0 if len(g["y"]) == 4 else 2000 if int(g["y"]) < 50 else 1900)
        try:
            d = date(year, int(g["m"]), int(g["d"]))
        except ValueError:
            return None, None, None, "day"
        return d.isoformat(), d, d, "day"
    if form == "clock":
        h = int(g["h"]) % 12 + (12 if g["ampm"].lower().startswith("p") else 0)
        clock = f"T{h:02d}:{int(g.get('m', 0)):02d}"
        return (f"{anchor}{clock}" if anchor else None), anchor, anchor, "time"
    if form == "noon":
        clock = "T12:00" if g["word"].lower() == "noon" else "T24:00"
        return (f"{anchor}{clock}" if anchor else None), anchor, anchor, "time"
    if form == "part":
        code = "NI" if g.get("tonight") else _PART_CODE[g["part"].lower()]
        rel = (g.get("rel") or "this").lower()
        day = anchor
        if anchor and rel in ("yesterday", "last"):
            day = anchor - timedelta(days=1)
        elif anchor and rel == "tomorrow":
            day = anchor + timedelta(days=1)
        elif anchor and g.get("weekday"):
            day = anchor - timedelta(days=(anchor.weekday() - WEEKDAYS[g["weekday"].lower()])
                                     % 7)
        return (f"{day}T{code}" if day else None), day, day, "time"
    if form == "span":
        return _duration(g.get("n"), g["unit"]), None, None, "duration"
    if form == "quarter":
        n = _ORDINAL[g["ord"].lower()]
        half = g["q"].lower() == "half"
        if g.get("year"):
            year = int(g["year"])
        elif anchor:
            current = (anchor.month - 1) // (6 if half else 3) + 1
            year = anchor.year - (n > current)
        else:
            return None, None, None, "quarter"
        months = 6 if half else 3
        lo = date(year, (n - 1) * months + 1, 1)
        end_month = n * months
        hi = (date(year + (end_month == 12), end_month % 12 + 1, 1) - timedelta(days=1))
        return (f"{year}-H{n}" if half else f"{year}-Q{n}"), lo, hi, "quarter"
    if form == "the_quarter":
        if not anchor:
            return None, None, None, "quarter"
        rel = (g.get("rel") or "latest").lower()
        current = (anchor.month - 1) // 3  # results for "the quarter" are the last one ended
        back = {"current": 0, "same": 1, "latest": 1, "most recent": 1, "previous": 2,
                "past": 1, "last": 1}[rel]
        q = current - back
        year = anchor.year + q // 4
        q = q % 4 + 1
        lo = date(year, 3 * q - 2, 1)
        hi = date(year + (q == 4), (3 * q) % 12 + 1, 1) - timedelta(days=1)
        return f"{year}-Q{q}", lo, hi, "quarter"
    if form == "decade":
        century = g.get("c") or ("19" if anchor is None or int(g["d"]) > anchor.year % 100 // 10
                                 else "20")
        start = int(f"{century}{g['d']}0")
        return f"{century}{g['d']}", date(start, 1, 1), date(start + 9, 12, 31), "decade"
    if form == "season":
        if not anchor:
            return None, None, None, "season"
        rel = g["rel"].lower()
        year = anchor.year + {"last": -1, "next": 1}.get(rel, 0)
        return f"{year}-{_SEASON[g['season'].lower()]}", None, None, "season"
    if form == "earlier":
        if not anchor:
            return None, None, None, "year"
        n = 1 if g.get("adj") else NUMBER_WORDS.get(g["n"].lower(), None) if not \
            g["n"][0].isdigit() else int(float(g["n"]))
        unit = "year" if g.get("adj") else g["unit"].lower()
        if n is None or unit not in ("day", "week", "month", "year"):
            return None, None, None, "year"
        groups = {"n": str(n), "unit": unit}
        granularity, lo, hi, _ = resolve("ago", groups, anchor, anchor)
        return (_date_value(lo, hi, granularity) if lo else None), lo, hi, granularity
    if form == "weekend":
        if not anchor:
            return None, None, None, "week"
        rel = g["rel"].lower()
        saturday = anchor + timedelta(days=5 - anchor.weekday())  # of the anchor's week
        saturday += timedelta(days={"last": -7, "next": 7}.get(rel, 0))
        y, w, _ = saturday.isocalendar()
        return f"{y}-W{w:02d}-WE", saturday, saturday + timedelta(days=1), "week"
    if form == "weekday":
        if not anchor:
            return None, None, None, "day"
        d = anchor - timedelta(days=(anchor.weekday() - WEEKDAYS[g["weekday"].lower()]) % 7)
        return d.isoformat(), d, d, "day"
    if form == "ref":
        ref = "PRESENT_REF" if g.get("present") else "PAST_REF" if g.get("past") \
            else "FUTURE_REF"
        return ref, None, None, "ref"
    if form == "set":
        if g.get("adv"):
            unit = {"annually": "year", "annual": "year", "yearly": "year", "daily": "day",
                    "weekly": "week", "monthly": "month", "quarterly": "quarter",
                    "hourly": "hour"}[g["adv"].lower()]
            return _duration(None, unit), None, None, "set"
        return _duration(g.get("n"), g["unit"]), None, None, "set"
    if form == "duration":
        if g.get("vague"):
            return _duration("several", g["vague"].rstrip("s")), None, None, "duration"
        return _duration(g.get("n"), g["unit"]), None, None, "duration"
    if form == "bare_year":
        y = int(g["year"])
        return str(y), date(y, 1, 1), date(y, 12, 31), "year"
    return None, None, None, "day"


OCCASION_NOUNS = frozenset({"meeting", "meetings", "speech", "address", "interview",
                            "conference", "briefing", "statement", "session", "summit",
                            "sermon", "visit", "call", "post", "remarks", "hearing",
                            "rally", "broadcast", "debate", "gathering", "appearance"})
_DETERMINER = re.compile(r"\b(?:the|a|an|this|that|his|her|its|their|last|next)\s*$", re.I)
_NEXT_WORD = re.compile(r"[\s-]+([a-z]+)")


def dates_another_event(text: str, start: int, end: int) -> bool:
    """A date used as a modifier ("the July election") dates that noun, not the saying;
    one that modifies an occasion ("a Tuesday meeting") does date it."""
    after = _NEXT_WORD.match(text, end)
    if not after or not _DETERMINER.search(text[max(0, start - 12):start]):
        return False
    return after.group(1) not in OCCASION_NOUNS


def find_timexes(text: str, anchor_min: date | None = None,
                 anchor_max: date | None = None) -> list[Timex]:
    """Every time expression in ``text``, left to right, without overlaps."""
    anchor = _anchored(anchor_min, anchor_max)
    rules = ([(f, t, p) for f, t, p in EXTRA]
             + [(form, _DATE_TYPE[form], pattern) for form, pattern in GRAMMAR]
             + LATE)
    taken = bytearray(len(text))
    found: list[Timex] = []
    for form, kind, pattern in rules:
        for m in pattern.finditer(text):
            start, end = m.span("expr") if "expr" in pattern.groupindex else m.span()
            if start == end or 1 in taken[start:end]:
                continue
            g = {k: v for k, v in m.groupdict().items() if v is not None}
            if form in _DATE_TYPE:
                granularity, lo, hi, relative = resolve(form, m.groupdict(), anchor_min,
                                                        anchor_max)
                if not relative and lo is None:
                    continue  # an impossible date such as 31 February: no date at all
                if form in ("rel_unit", "ago") and g.get("unit", "").lower() == "week":
                    granularity = "week"
                if form == "ago" and granularity == "week" and lo and hi and lo + timedelta(
                        days=6) == hi:
                    lo = hi = lo + timedelta(days=3)  # "two weeks ago": that week
                    y, w, _ = lo.isocalendar()
                    value = f"{y}-W{w:02d}"
                else:
                    value = _date_value(lo, hi, granularity) if lo and hi else None
            else:
                value, lo, hi, granularity = _extra(form, g, anchor)
                relative = form not in ("decade", "bare_year", "span", "duration", "set", "ref",
                                        "numeric")
                if value is None and lo is None and form in ("earlier", "weekend", "numeric"):
                    continue
            taken[start:end] = b"\x01" * (end - start)
            found.append(Timex(text[start:end], start, end, kind, value, lo, hi, granularity,
                               relative))
    return sorted(found, key=lambda t: t.start)
