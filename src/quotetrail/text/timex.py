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
from functools import lru_cache

from quotetrail.text.dates import (
    _CAP_MONTH,
    GRAMMAR,
    MONTHS,
    NUMBERS,
    _month_range,
    plausible,
    resolve,
)

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
                "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "hundred": 100,
                "couple of": 2}
VAGUE = {"several", "few", "many", "some"}

_ONES = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
          "eighteen", "nineteen"]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
# Years read aloud, as transcripts write them: "nineteen ninety-six", "two thousand and
# four", "the year two thousand"
_SPELLED_YEAR = (
    r"(?:the\s+year\s+)?(?:(?:nineteen|twenty)\s+(?:(?:" + "|".join(_TENS) + r")(?:-(?:"
    + "|".join(_ONES) + r"))?|" + "|".join(_TEENS[1:]) + r"|oh[-\s](?:" + "|".join(_ONES)
    + r"))|two\s+thousand(?:\s+(?:and\s+)?(?:" + "|".join(_ONES + _TEENS) + r"))?)")
_MONTH_NAMES = [m for m in MONTHS if len(m) > 3 or m == "may"]
_SPOKEN = {**{n: i + 1 for i, n in enumerate(_ONES)}, **{n: i + 10 for i, n in enumerate(_TEENS)},
           **{n: 20 + 10 * i for i, n in enumerate(_TENS)}, "oh": 0}


def spelled_year(words: str) -> int | None:
    """1996 for "nineteen ninety-six"; None when ``words`` are not a year read aloud."""
    w = re.sub(r"^the\s+year\s+", "", words.lower().strip())
    w = re.sub(r"[-\s]+", " ", w).replace(" and ", " ").split()
    if w[:2] == ["two", "thousand"]:
        return 2000 + sum(_SPOKEN.get(x, 0) for x in w[2:])
    if len(w) >= 2 and w[0] in ("nineteen", "twenty") and all(x in _SPOKEN for x in w[1:]):
        return _SPOKEN[w[0]] * 100 + sum(_SPOKEN[x] for x in w[1:])
    return None


def _holiday(name: str, year: int) -> date:
    name = re.sub(r"\s+", " ", name.lower()).replace("’", "'")
    if name.startswith("christmas"):
        return date(year, 12, 24 if name.endswith("eve") else 25)
    if name.startswith("new year"):
        return date(year, 12, 31) if name.endswith("eve") else date(year, 1, 1)
    fixed = {"independence day": (7, 4), "fourth of july": (7, 4), "halloween": (10, 31),
             "valentine's day": (2, 14)}
    if name in fixed:
        return date(year, *fixed[name])
    if name.startswith("thanksgiving"):  # the fourth Thursday of November
        first = date(year, 11, 1)
        return first + timedelta(days=(3 - first.weekday()) % 7 + 21)
    if name.startswith(("labor", "labour")):  # the first Monday of September
        first = date(year, 9, 1)
        return first + timedelta(days=(-first.weekday()) % 7)
    if name.startswith("memorial"):  # the last Monday of May
        last = date(year, 5, 31)
        return last - timedelta(days=last.weekday())
    a, b, c = year % 19, year // 100, year % 100  # Easter: the anonymous Gregorian rule
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    weekday = (32 + 2 * e + 2 * i - h - k) % 7
    n = h + weekday - 7 * ((a + 11 * h + 22 * weekday) // 451) + 114
    return date(year, n // 31, n % 31 + 1)


# (form, TIMEX3 type, pattern); earlier rules win overlaps, as in ``text.dates``
EXTRA: list[tuple[str, str, re.Pattern]] = [
    ("numeric", "DATE", re.compile(
        r"(?<![\d/])(?P<m>1[0-2]|0?[1-9])/(?P<d>3[01]|[12]\d|0?[1-9])/(?P<y>\d{4}|\d{2})(?![\d/])")),
    ("clock", "TIME", re.compile(
        r"\b(?P<h>[01]?\d)(?::(?P<m>[0-5]\d))?\s*(?P<ampm>a\.m\.|p\.m\.|am\b|pm\b)", re.I)),
    ("clock24", "TIME", re.compile(
        r"\b(?P<h>[01]?\d|2[0-3]):(?P<m>[0-5]\d)\s*(?P<zone>UTC|GMT|Z)\b")),
    ("noon", "TIME", re.compile(r"\b(?P<word>noon|midnight)\b", re.I)),
    ("part", "TIME", re.compile(
        rf"\b(?P<rel>this|yesterday|tomorrow|last|{_WEEKDAY})\s+{_PART}\b|\b(?P<tonight>tonight)\b"
        r"|\b(?P<mid>midday|mid-?\s?(?:morning|afternoon))\b",
        re.I)),
    ("span", "DURATION", re.compile(
        rf"\b(?:the\s+)?(?P<rel>past|last|next|previous|coming|first|final)\s+"
        rf"{_NUM}\s+{_UNIT}s?\b(?!\s+ago)", re.I)),
    ("span", "DURATION", re.compile(
        rf"\bthe\s+(?P<rel>past|previous|coming)\s+{_UNIT}\b", re.I)),
    ("year_quarter", "DATE", re.compile(
        r"\b(?:the\s+)?(?:(?P<year>(?:19|20)\d{2})|(?P<rel>this|last|next)\s+year['’]s)\s+"
        r"(?:(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)[-\s]+)?(?P<q>quarter|half|period)"
        r"\b", re.I)),
    ("year_ago_period", "DATE", re.compile(
        r"\b(?:the\s+)?(?:(?:comparable|corresponding|same)\s+)?year[-\s](?:earlier|ago)\s+"
        r"(?:(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)[-\s]+)?(?P<q>quarter|period)\b",
        re.I)),
    ("earlier", "DATE", re.compile(
        rf"\b{_NUM}\s+{_UNIT}s?\s+earlier\b|\b(?P<adj>year)-(?:earlier|ago)\b",
        re.I)),
    ("month_of_year", "DATE", re.compile(
        rf"\b(?:(?P<day>[0-3]?\d)\s+)?{_CAP_MONTH}(?:\s+(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?)?"
        r",?\s+(?:of\s+)?(?P<rel>last|this|next)\s+year\b")),
    ("recent", "DURATION", re.compile(
        r"\brecent\s+(?P<unit>day|week|month|year|decade|quarter)s\b", re.I)),
    ("current", "DATE", re.compile(
        r"\b(?:the\s+)?current\s+(?:fiscal\s+|financial\s+|calendar\s+)?"
        r"(?P<unit>year|quarter|month|week)\b"
        r"|\b(?:the\s+)?(?:very\s+)?(?:beginning|start|end|middle|turn)\s+of\s+(?:the|this)\s+"
        r"(?:fiscal\s+|financial\s+|calendar\s+)?(?P<unit2>year|quarter|month|week)\b", re.I)),
    ("year_ended", "DURATION", re.compile(
        r"\b(?:the\s+)?(?:fiscal\s+|financial\s+)?year(?=\s+end(?:ed|ing)\b)", re.I)),
    ("this_year", "DATE", re.compile(
        r"\b(?:for|through|of)\s+(?P<expr>the\s+(?:full\s+|fiscal\s+|financial\s+)?year)\b"
        r"(?!\s+(?:ago|before|after|earlier|later|end|two|nineteen|twenty)\b|-)", re.I)),
    ("latest_period", "DATE", re.compile(
        r"\bthe\s+(?:latest|most\s+recent|current)\s+period\b", re.I)),
    ("that", "DATE", re.compile(
        r"\b(?:(?:later|earlier)\s+(?:in\s+)?)?that\s+(?:same\s+)?(?P<unit>year|month|day)\b",
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
        r"\b(?P<rel>this(?:\s+past)?|last|next|early|late|the)\s+"
        r"(?P<season>spring|summer|autumn|fall|winter)"
        rf"(?:\s+of\s+(?P<year>(?:19|20)\d\d|{_SPELLED_YEAR}))?\b", re.I)),
    ("spelled_year", "DATE", re.compile(
        rf"\b(?:(?P<month>{'|'.join(m.capitalize() for m in _MONTH_NAMES)})\s+)?"
        rf"(?P<year>{_SPELLED_YEAR})\b(?![\s-]+(?:{'|'.join(UNITS)})s?\b)", re.I)),
    ("holiday", "DATE", re.compile(
        r"\b(?P<rel>last\s+|next\s+|this\s+)?(?P<name>Christmas(?:\s+Day|\s+Eve)?"
        r"|New\s+Year['’]s\s+(?:Day|Eve)|Independence\s+Day|Fourth\s+of\s+July|Halloween"
        r"|Valentine['’]s\s+Day|Thanksgiving(?:\s+Day)?|Labou?r\s+Day|Memorial\s+Day"
        r"|Easter(?:\s+Sunday)?)(?:\s+(?P<year_rel>last|this|next)\s+year)?\b")),
]
LATE: list[tuple[str, str, re.Pattern]] = [
    ("weekday", "DATE", re.compile(rf"\b{_WEEKDAY}\b")),
    # months after more cues than the date grammar needs ("figures for January", "through
    # August", "December's figures", "a June agreement")
    ("month", "DATE", re.compile(
        rf"(?:\b(?:for|through|from|after|before|to|a|an|last|next)\s+"
        rf"|\b(?={_CAP_MONTH.replace('(?P<month>', '(?:')}['’]s\b))"
        rf"(?P<expr>{_CAP_MONTH})(?![\w-])(?!\s+\d)")),
    ("century", "DATE", re.compile(
        r"\b(?:the\s+)?(?P<n>1\d|20|21|[1-9])(?:st|nd|rd|th)[\s-]century\b", re.I)),
    ("ref", "DATE", re.compile(
        r"\b(?P<present>now|currently|at present|nowadays|these days|at the moment|right now"
        r"|current)\b"
        r"|\b(?P<past>recently|lately|in the past|recent)\b"
        r"|\b(?P<future>in the future|the (?:near|foreseeable) future|the future)\b", re.I)),
    ("set", "SET", re.compile(rf"\b(?:every|each|per)\s+(?:{_NUM}\s+)?{_UNIT}s?\b", re.I)),
    ("set", "SET", re.compile(rf"\b(?:once|twice|\w+\s+times)\s+a\s+{_UNIT}\b", re.I)),
    ("set", "SET", re.compile(
        r"\b(?P<adv>annually|yearly|daily)\b", re.I)),
    # Not times, though they hold a unit: fractions ("a quarter of the vote") and
    # ordinals ("a second term").
    ("not_time", "", re.compile(
        r"\b(?:three|two|one)-quarters\b|\b(?:a|one)\s+quarter\s+of\b"
        r"|\ba\s+second(?=\s+(?!(?:later|earlier|ago|or|and)\b)[a-z])", re.I)),
    ("duration", "DURATION", re.compile(
        rf"\b{_NUM}(?P<half>\s+1/2|\s+and\s+a\s+half)?[\s-]+{_UNIT}s?"
        r"(?P<half2>\s+and\s+a\s+half)?\b(?!\s+(?:ago|old|earlier)|-old)"
        r"|\b(?:for|over)\s+(?:the\s+)?(?P<vague>years|months|decades|weeks|days|hours)\b"
        r"|\b(?P<vague2>years|months|decades|weeks|days|hours)-long\b", re.I)),
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


_HALF = {"year": "6M", "day": "12H", "hour": "30M", "minute": "30S"}


def _plus_half(value: str, unit: str) -> str:
    """ "two and a half years" is P2Y6M; a half of other units is left out."""
    if unit not in _HALF or "X" in value:
        return value
    half = _HALF[unit]
    return value + ("T" + half if unit == "day" else half)


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


def _year(y: int):
    """(value, date_min, date_max, granularity) of a calendar year."""
    return str(y), date(y, 1, 1), date(y, 12, 31), "year"


def _month(y: int, m: int):
    """The same for a month."""
    return f"{y}-{m:02d}", *_month_range(y, m), "month"


def _part(y: int, n: int, half: bool = False):
    """The same for a quarter (``2024-Q3``) or, with ``half``, a half year (``2024-H2``)."""
    months = 6 if half else 3
    lo = date(y, (n - 1) * months + 1, 1)
    hi = _month(y, n * months)[2]
    return (f"{y}-H{n}" if half else f"{y}-Q{n}"), lo, hi, "quarter"


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
    if form == "clock24":
        clock = f"T{int(g['h']):02d}:{g['m']}Z"
        return (f"{anchor}{clock}" if anchor else None), anchor, anchor, "time"
    if form == "noon":
        clock = "T12:00" if g["word"].lower() == "noon" else "T24:00"
        return (f"{anchor}{clock}" if anchor else None), anchor, anchor, "time"
    if form == "part":
        if g.get("mid"):
            mid = g["mid"].lower()
            code = "12:00" if mid == "midday" else "MO" if "morning" in mid else "AF"
            return (f"{anchor}T{code}" if anchor else None), anchor, anchor, "time"
        code = "NI" if g.get("tonight") else _PART_CODE[g["part"].lower()]
        rel = (g.get("rel") or "this").lower()
        day = anchor
        if anchor and rel in ("yesterday", "last"):
            day = anchor - timedelta(days=1)
        elif anchor and rel == "tomorrow":
            day = anchor + timedelta(days=1)
        elif anchor and g.get("weekday"):  # "Tuesday morning": the last Tuesday
            day = resolve("rel_weekday", {**g, "rel": "on"}, anchor, anchor)[1]
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
        return _part(year, n, half)
    if form in ("year_quarter", "year_ago_period"):
        if form == "year_quarter" and g.get("year"):
            year = int(g["year"])
        elif anchor:
            year = anchor.year + ({"last": -1, "next": 1, "this": 0}[g["rel"].lower()]
                                  if form == "year_quarter" else -1)
        else:
            return None, None, None, "quarter"
        if not g.get("ord"):  # "the 1988 period": the quarter under discussion, see _periods
            return _year(year)
        return _part(year, _ORDINAL[g["ord"].lower()], g["q"].lower() == "half")
    if form == "month_of_year":
        if not anchor:
            return None, None, None, "month"
        year = anchor.year + {"last": -1, "next": 1}.get(g["rel"].lower(), 0)
        month = MONTHS[g["month"].lower().rstrip(".")]
        day = g.get("day") or g.get("day2")
        if day:
            try:
                d = date(year, month, int(day))
            except ValueError:
                return None, None, None, "day"
            return d.isoformat(), d, d, "day"
        return _month(year, month)
    if form == "recent":
        unit = g["unit"].lower()
        code = {"quarter": "M", "decade": "DE"}.get(unit, UNITS[unit])
        return ("PTXH" if unit == "hour" else f"PX{code}"), None, None, "duration"
    if form == "current":
        if not anchor:
            return None, None, None, "year"
        unit = (g.get("unit") or g["unit2"]).lower()
        if unit == "year":
            return _year(anchor.year)
        if unit == "month":
            return _month(anchor.year, anchor.month)
        if unit == "week":
            y, w, _ = anchor.isocalendar()
            monday = anchor - timedelta(days=anchor.weekday())
            return f"{y}-W{w:02d}", monday, monday + timedelta(days=6), "week"
        return _part(anchor.year, (anchor.month - 1) // 3 + 1)
    if form == "that":  # the date named before it, see _referred
        return None, None, None, g["unit"].lower()
    if form == "year_ended":
        return "P1Y", None, None, "duration"
    if form == "this_year":
        if not anchor:
            return None, None, None, "year"
        return _year(anchor.year)
    if form == "latest_period":  # the quarter under discussion, see _periods
        return None, None, None, "quarter"
    if form == "the_quarter":
        if not anchor:
            return None, None, None, "quarter"
        rel = (g.get("rel") or "latest").lower()
        current = (anchor.month - 1) // 3  # results for "the quarter" are the last one ended
        back = {"current": 0, "same": 1, "latest": 1, "most recent": 1, "previous": 2,
                "past": 1, "last": 1}[rel]
        q = current - back
        return _part(anchor.year + q // 4, q % 4 + 1)
    if form == "decade":
        century = g.get("c") or ("19" if anchor is None or int(g["d"]) > anchor.year % 100 // 10
                                 else "20")
        start = int(f"{century}{g['d']}0")
        return f"{century}{g['d']}", date(start, 1, 1), date(start + 9, 12, 31), "decade"
    if form == "spelled_year":
        year = spelled_year(g["year"])
        if year is None:
            return None, None, None, "year"
        return _month(year, MONTHS[g["month"].lower()]) if g.get("month") else _year(year)
    if form == "holiday":
        if not anchor:
            return None, None, None, "day"
        rel = (g.get("rel") or "").strip().lower()
        tense = {"last": "past", "next": "future"}.get(rel, g.get("tense"))
        this = _holiday(g["name"], anchor.year)
        if g.get("year_rel"):
            d = _holiday(g["name"], anchor.year + {"last": -1, "next": 1}.get(
                g["year_rel"].lower(), 0))
        elif rel == "this":
            d = this
        elif tense == "future":
            d = this if this > anchor else _holiday(g["name"], anchor.year + 1)
        elif tense == "past" or this <= anchor:
            d = this if this <= anchor else _holiday(g["name"], anchor.year - 1)
        else:  # no tense and still ahead this year: the nearer of this year's and last
            last = _holiday(g["name"], anchor.year - 1)
            d = this if (this - anchor) < (anchor - last) else last
        return d.isoformat(), d, d, "day"
    if form == "season":
        year_words = g.get("year")
        if year_words:
            year = int(year_words) if year_words.isdigit() else spelled_year(year_words)
            if year is None:
                return None, None, None, "season"
            return f"{year}-{_SEASON[g['season'].lower()]}", None, None, "season"
        if not anchor:
            return None, None, None, "season"
        rel = g["rel"].lower()
        year = anchor.year + {"last": -1, "next": 1}.get(rel, 0)
        return f"{year}-{_SEASON[g['season'].lower()]}", None, None, "season"
    if form == "century":
        return f"{int(g['n']) - 1:02d}", None, None, "century"
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
        if rel == "the" and g.get("tense") != "future" and saturday > anchor:
            saturday -= timedelta(days=7)  # "over the weekend", told on a weekday: the last one
        saturday += timedelta(days={"last": -7, "next": 7}.get(rel, 0))
        y, w, _ = saturday.isocalendar()
        return f"{y}-W{w:02d}-WE", saturday, saturday + timedelta(days=1), "week"
    if form == "weekday":
        if not anchor:
            return None, None, None, "day"
        # a bare "Monday" is resolved as "on Monday" is, by the date grammar
        _, d, _, _ = resolve("rel_weekday", {**g, "rel": "on"}, anchor, anchor)
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
        if g.get("vague") or g.get("vague2"):
            unit = (g.get("vague") or g["vague2"]).lower().rstrip("s")
            return _duration("several", unit), None, None, "duration"
        value = _duration(g.get("n"), g["unit"])
        if g.get("half") or g.get("half2"):
            value = _plus_half(value, g["unit"].lower())
        return value, None, None, "duration"
    if form == "bare_year":
        return _year(int(g["year"]))
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


# Words that put a clause in the future, so that a bare "Tuesday" or "in March" is the
# next one ("the vote is set for Tuesday", "will travel in March"), and words that put it
# in the past ("met in March"). With neither, a month is the nearest one.
_FUTURE = re.compile(
    r"\b(?:will|won't|would|shall|'ll|going to|(?:plans?|planned|planning|intends?|intended"
    r"|expects?|scheduled|set|due|is|are|was|were) to\b|scheduled|set for|due|to be|expected"
    r"|payable|as soon as|as early as|no later than|next|upcoming|coming)\b", re.I)
_PAST = re.compile(
    r"\b(?:was|were|had|did|told|ago|last|since|ended|began|bought|came|went|took"
    r"|made|met|left|sold|won|lost|saw|gave|got|held|spoke|wrote|fell|rose|paid|led"
    r"|became|brought|ran|sent|spent|struck|broke|chose|drove|flew|fought|found|heard"
    r"|kept|knew|laid|meant|shot|stood|taught|thought|threw|wore)\b",
    re.I)
# a verb in -ed just before the expression's phrase ("closed in March", "signed the deal
# on Friday"); further back it is as often an adjective ("the reduced dividend, payable ...")
_PAST_PARTICIPLE = re.compile(r"\b\w{3,}ed\s+(?:[\w'’-]+\s+){0,2}$", re.I)
_WAS = re.compile(r"\b(?:was|were|had been)\s+$", re.I)
_CLAUSE_START = re.compile(r".*(?:[.!?;:\n]\s|[\"“”]|\bsaid\b|\bsays\b|\bthat\b|,\s)",
                           re.S)
_LOOKBACK = 60


# forms that need no anchor, and forms that are no time expression at all without a date
_ABSOLUTE = frozenset({"decade", "bare_year", "span", "duration", "set", "ref", "numeric",
                       "recent", "year_ended", "spelled_year", "century"})
_DATE_OR_NOTHING = frozenset({"earlier", "weekend", "numeric", "month_of_year", "spelled_year"})
_TENSED = frozenset({"weekday", "rel_weekday", "month", "rel_month", "dm", "holiday",
                     "weekend"})  # the forms whose value depends on the tense


def tense_at(text: str, start: int) -> str | None:
    """"future" or "past" from the words before ``start`` in its clause; None when they
    say neither."""
    before = text[max(0, start - _LOOKBACK):start]
    cut = _CLAUSE_START.match(before)
    clause = before[cut.end():] if cut else before
    ahead = _FUTURE.search(clause)
    if ahead and not _WAS.search(clause[:ahead.start()]):  # "was set to": future in the past
        return "future"
    return "past" if _PAST.search(clause) or _PAST_PARTICIPLE.search(clause) else None


@lru_cache(maxsize=1 << 16)
def timexes_in(text: str, anchor_min: date | None = None, anchor_max: date | None = None
               ) -> tuple[Timex, ...]:
    """``find_timexes``, kept: alignment reads the same attribution sentence for each
    quotation in it, and settling reads it again on every pass."""
    return tuple(find_timexes(text, anchor_min, anchor_max))


def find_timexes(text: str, anchor_min: date | None = None,
                 anchor_max: date | None = None) -> list[Timex]:
    """Every time expression in ``text``, left to right, without overlaps."""
    anchor = _anchored(anchor_min, anchor_max)
    rules = ([(f, t, p) for f, t, p in EXTRA]
             + [(form, _DATE_TYPE[form], pattern) for form, pattern in GRAMMAR]
             + LATE)
    taken = bytearray(len(text))
    found: list[Timex] = []
    forms: dict[int, str] = {}
    for form, kind, pattern in rules:
        for m in pattern.finditer(text):
            start, end = m.span("expr") if "expr" in pattern.groupindex else m.span()
            if start == end or 1 in taken[start:end]:
                continue
            if form == "not_time":
                taken[start:end] = b"\x01" * (end - start)
                continue
            g = {k: v for k, v in m.groupdict().items() if v is not None}
            g["tense"] = (tense_at(text, start) or "") if form in _TENSED else ""
            if form in _DATE_TYPE:
                granularity, lo, hi, relative = resolve(form, g, anchor_min, anchor_max)
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
                relative = form not in _ABSOLUTE
                if value is None and lo is None and form in _DATE_OR_NOTHING:
                    continue
            taken[start:end] = b"\x01" * (end - start)
            found.append(Timex(text[start:end], start, end, kind, value, lo, hi, granularity,
                               relative))
            forms[start] = form
    found = _joined(text, sorted(found, key=lambda t: t.start))
    return _referred(_periods(text, found, forms), forms)


_STEP = re.compile(r"the\s+(?P<rel>following|previous)\s+(?P<unit>year|month)", re.I)


def _referred(found: list[Timex], forms: dict[int, str]) -> list[Timex]:
    """"That year", "later that day", "the following year" point at the date named
    before them, not at the day of writing ("elected in 1995, and the following year...")."""
    out, last = [], None
    for t in found:
        form = forms.get(t.start)
        step = _STEP.fullmatch(t.text) if form == "rel_unit" else None
        if last and (form == "that" or step):
            unit = t.granularity if form == "that" else step["unit"].lower()
            shift = 0 if form == "that" else 1 if step["rel"].lower() == "following" else -1
            moved = _from(last, unit, shift)
            if moved:
                t = Timex(t.text, t.start, t.end, t.type, *moved, t.relative)
        elif t.type == "DATE" and t.value and t.date_min and t.granularity in (
                "day", "month", "year"):
            last = t
        out.append(t)
    return out


def _from(ref: Timex, unit: str, shift: int):
    """(value, date_min, date_max, granularity) of the ``unit`` holding ``ref``, moved by
    ``shift`` units; None where ``ref`` is coarser than ``unit``."""
    d = ref.date_min
    order = ("year", "month", "day")
    if order.index(ref.granularity) < order.index(unit):
        return None
    if unit == "year":
        return _year(d.year + shift)
    if unit == "month":
        y, m = divmod(d.year * 12 + d.month - 1 + shift, 12)
        return _month(y, m + 1)
    day = d + timedelta(days=shift)
    return day.isoformat(), day, day, "day"


_ZONE_GAP = re.compile(r"\s*(?:\(?[A-Z]{2,4}(?:\s*[+-]\d{1,2})?\)?)?\s*,?\s*(?:on\s+)?$")
_COMMA_GAP = re.compile(r"\s*,?\s*(?:on\s+)?$")


def _joined(text: str, found: list[Timex]) -> list[Timex]:
    """A clock time and the day it falls on ("9 a.m. EST Tuesday", "noon Friday"), or a
    weekday and its date ("Monday, Oct. 26"), are one expression with the day's value."""
    out: list[Timex] = []
    for t in found:
        prev = out[-1] if out else None
        gap = text[prev.end:t.start] if prev else ""
        day = t.granularity == "day" and t.date_min is not None and t.date_min == t.date_max
        if prev and day and prev.type == "TIME" and _ZONE_GAP.match(gap) and prev.value \
                and "T" in prev.value:
            value = f"{t.date_min}{prev.value[prev.value.index('T'):]}"
            out[-1] = Timex(text[prev.start:t.end], prev.start, t.end, "TIME", value,
                            t.date_min, t.date_max, "time", t.relative)
        elif prev and day and prev.granularity == "day" and _COMMA_GAP.match(gap) \
                and _WEEKDAY_ONLY.fullmatch(prev.text):
            out[-1] = Timex(text[prev.start:t.end], prev.start, t.end, "DATE", t.value,
                            t.date_min, t.date_max, "day", t.relative)
        else:
            out.append(_on_day_said(text, out, t))
    return out


def _on_day_said(text: str, before: list[Timex], t: Timex) -> Timex:
    """A clock time takes the day named earlier in its sentence ("landed on Tuesday at
    6 p.m."), not the day of writing."""
    if t.type != "TIME" or not t.value or "T" not in t.value or not t.value[0].isdigit():
        return t
    for prev in reversed(before[-3:]):
        if re.search(r"[.!?]\s|\n", text[prev.end:t.start]):
            break
        if prev.type == "DATE" and prev.granularity == "day" and prev.date_min \
                and prev.date_min == prev.date_max:
            value = f"{prev.date_min}{t.value[t.value.index('T'):]}"
            return Timex(t.text, t.start, t.end, t.type, value, prev.date_min, prev.date_max,
                         t.granularity, t.relative)
    return t


_WEEKDAY_ONLY = re.compile(rf"(?:on\s+)?{_WEEKDAY}")


_QUARTER = re.compile(r"(?P<y>\d{4})-Q(?P<q>[1-4])$")
_COMPARED = re.compile(r"\b(?:from|with|than|versus|vs\.?|compared|against)\b[^.;]{0,40}$",
                       re.I)
_YEAR_BACK = re.compile(r"(?:a|one)\s+year\s+(?:ago|earlier)|year-(?:ago|earlier)|last\s+year",
                        re.I)


def _periods(text: str, found: list[Timex], forms: dict[int, str]) -> list[Timex]:
    """Results compare periods: once a text has named a quarter, "a year ago", "the
    year-earlier period" and "the 1988 period" mean that quarter, a year back or in that
    year ("profit rose in the third quarter from $2 million a year earlier")."""
    out, quarter = [], None
    for t in found:
        m = _QUARTER.match(t.value or "")
        form = forms.get(t.start)
        if m:
            quarter = int(m["y"]), int(m["q"])
        elif quarter and form == "latest_period":
            t = _as_quarter(t, *quarter)
        elif quarter and form == "year_quarter" and t.value:
            t = _as_quarter(t, int(t.value[:4]), quarter[1])
        elif quarter and t.value and (form == "year_ago_period" or _YEAR_BACK.fullmatch(t.text)
                                      and (not t.text.lower().startswith("last")
                                           or _COMPARED.search(text[:t.start]))):
            t = _as_quarter(t, quarter[0] - 1, quarter[1])
        out.append(t)
    return out


def _as_quarter(t: Timex, year: int, q: int) -> Timex:
    return Timex(t.text, t.start, t.end, t.type, *_part(year, q), t.relative)
