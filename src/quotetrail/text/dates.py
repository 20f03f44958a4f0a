"""Date expressions in English news text, found with their offsets and resolved to ranges.

A small grammar covers what news prose uses to place things in time: full dates
("28 October 2024", "Oct. 3, 2014", "2024-10-28"), months and years ("July 2024",
"in 2014"), day-month without a year, and expressions relative to the moment of
writing ("on Tuesday", "last year", "next November", "three days ago"). Each match
resolves to a ``[date_min, date_max]`` range at day, month or year granularity;
relative ones need an anchor (the publication date, or a window of possible ones),
and stay unresolved without one. Nothing here looks at today's date.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS = {
    name.lower(): i
    for i in range(1, 13)
    for name in (calendar.month_name[i], calendar.month_abbr[i])
}
MONTHS["sept"] = 9
WEEKDAYS = {calendar.day_name[i].lower(): i for i in range(7)}
NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
           "seven": 7, "eight": 8, "nine": 9, "ten": 10, "several": 3, "few": 3}

_NAMES = sorted(MONTHS, key=len, reverse=True)


def _month_group(names: list[str]) -> str:
    """Month names as one group; only abbreviations take a full stop ("Oct.")."""
    full = {calendar.month_name[i].lower() for i in range(1, 13)}
    alts = [n + ("" if n.lower() in full else r"\.?") for n in names]
    return r"(?P<month>" + "|".join(alts) + ")"


_MONTH = _month_group(_NAMES)
# Bare month names must be capitalised, so that "may" the verb is not a month.
_CAP_MONTH = _month_group([n.capitalize() for n in _NAMES])
_WEEKDAY = r"(?P<weekday>" + "|".join(WEEKDAYS) + r")"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:1[89]|20)\d{2})"
_YEAR_CUE = (r"(?:in|since|of|from|until|till|by|during|before|after|around|early|late|mid-?"
             r"|and|to|year)")
_I = "(?i:{})".format

# Order matters: longer, more specific forms first; overlaps go to the earlier pattern.
# Where a rule needs context that is not part of the expression, the expression is the
# group named "expr".
GRAMMAR: list[tuple[str, re.Pattern]] = [
    ("iso", re.compile(rf"\b{_YEAR}-(?P<mnum>[01]\d)-(?P<dnum>[0-3]\d)\b")),
    ("dmy", re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}\s*,?\s+{_YEAR}\b", re.I)),
    ("mdy", re.compile(rf"\b{_MONTH}\s+{_DAY}\s*,?\s+{_YEAR}\b", re.I)),
    ("my", re.compile(rf"\b{_CAP_MONTH},?\s+(?:of\s+)?{_YEAR}\b")),
    ("ago", re.compile(
        r"\b(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|few)\s+"
        r"(?P<unit>day|week|month|year)s?\s+ago\b", re.I)),
    ("rel_unit", re.compile(
        r"\b(?P<rel>last|next|this|earlier this|later this|the previous|the following)\s+"
        r"(?P<unit>week|month|year)\b", re.I)),
    ("rel_month", re.compile(
        rf"\b(?P<rel>{_I('last|next|this|early|late|mid')})[\s-]*{_CAP_MONTH}(?!\s*\d)")),
    ("rel_weekday", re.compile(rf"\b(?P<rel>last|next|this|on|on last)\s+{_WEEKDAY}\b", re.I)),
    ("deictic", re.compile(r"\b(?P<word>today|yesterday|tomorrow|tonight)\b", re.I)),
    ("dm", re.compile(rf"\b(?:{_DAY}\s+{_CAP_MONTH}|{_CAP_MONTH.replace('month', 'month2')}\s+"
                      rf"(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?)\b(?!,?\s*\d)")),
    ("year", re.compile(rf"\b{_I(_YEAR_CUE)}\s+(?P<expr>{_YEAR})\b(?![,.]?\d)")),
    ("month", re.compile(rf"\b{_I('in|since|until|by|the|of|during')}\s+(?P<expr>{_CAP_MONTH})"
                         rf"(?![\w-])")),
]


@dataclass(frozen=True)
class DateMention:
    """A date expression at ``text[start:end]`` and the range it stands for."""

    expression: str
    start: int
    end: int
    form: str  # which GRAMMAR rule matched
    granularity: str  # day / month / year
    date_min: date | None
    date_max: date | None
    relative: bool  # needed an anchor to resolve


# News is dated within these years; a date outside them (9999-12-31, 0001-01-01 as a
# placeholder in metadata) is a missing value, and arithmetic on it would overflow.
EARLIEST, LATEST = date(1700, 1, 1), date(2300, 12, 31)


def as_date(value) -> date | None:
    """``value`` if it is a date, else None (tables hold None, NaN or NaT for "unknown")."""
    return value if isinstance(value, date) else None


def publication_window(doc: dict) -> tuple[date | None, date | None]:
    """An article's (earliest, latest) publication date: its date, else its window."""
    published = as_date(doc.get("published"))
    return (published or as_date(doc.get("published_min")),
            published or as_date(doc.get("published_max")))


def plausible(d: date) -> bool:
    """Whether ``d`` can be a news date (see ``EARLIEST``, ``LATEST``)."""
    return EARLIEST <= d <= LATEST


def _month_range(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _shift_months(d: date, months: int) -> date:
    y, m = divmod(d.month - 1 + months, 12)
    return date(d.year + y, m + 1, 1)


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _resolve_one(form: str, g: dict, anchor: date) -> tuple[date, date] | None:
    """Resolve a relative expression against one anchor date (news reports the past)."""
    if form == "deictic":
        offset = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[g["word"].lower()]
        d = anchor + timedelta(days=offset)
        return d, d
    if form == "ago":
        n = int(g["n"]) if g["n"].isdigit() else NUMBERS[g["n"].lower()]
        unit = g["unit"].lower()
        if unit == "day":
            d = anchor - timedelta(days=n)
            return d, d
        if unit == "week":
            d = anchor - timedelta(weeks=n)
            return d - timedelta(days=3), d + timedelta(days=3)
        if unit == "month":
            m = _shift_months(anchor, -n)
            return _month_range(m.year, m.month)
        return date(anchor.year - n, 1, 1), date(anchor.year - n, 12, 31)
    if form == "rel_unit":
        rel, unit = g["rel"].lower(), g["unit"].lower()
        step = {"last": -1, "the previous": -1, "next": 1, "the following": 1}.get(rel, 0)
        if unit == "year":
            y = anchor.year + step
            return date(y, 1, 1), date(y, 12, 31)
        if unit == "month":
            m = _shift_months(anchor, step)
            return _month_range(m.year, m.month)
        monday = anchor - timedelta(days=anchor.weekday()) + timedelta(weeks=step)
        return monday, monday + timedelta(days=6)
    if form in ("rel_month", "month", "dm"):
        month = MONTHS[(g.get("month") or g.get("month2")).lower().rstrip(".")]
        rel = (g.get("rel") or "").lower()
        if rel == "next":  # the first such month after the anchor's
            year = anchor.year + (month <= anchor.month)
        elif rel == "last":  # the latest such month before the anchor's
            year = anchor.year - (month >= anchor.month)
        elif rel == "this":
            year = anchor.year
        elif g.get("tense") == "future":  # "will meet in July": this July or the next
            year = anchor.year + (month < anchor.month)
        elif g.get("tense") == "past":  # "met in July": the latest July up to the anchor
            year = anchor.year - (month > anchor.month)
        else:  # "in July", "July 4": the nearest such month, before or after the anchor
            year = min((anchor.year - 1, anchor.year, anchor.year + 1),
                       key=lambda y: (abs((y - anchor.year) * 12 + month - anchor.month),
                                      y > anchor.year))
        if form == "dm":
            day = int(g.get("day") or g.get("day2"))
            d = _safe_date(year, month, day)
            return (d, d) if d else None
        return _month_range(year, month)
    if form == "rel_weekday":
        target = WEEKDAYS[g["weekday"].lower()]
        rel = g["rel"].lower()
        if rel == "next" or (rel == "on" and g.get("tense") == "future"):
            delta = (target - anchor.weekday()) % 7 or 7
            d = anchor + timedelta(days=delta)
        else:  # "on Tuesday", "last Tuesday": the most recent one, up to a week back
            delta = (anchor.weekday() - target) % 7
            if rel in ("last", "on last") and delta == 0:
                delta = 7
            d = anchor - timedelta(days=delta)
        return d, d
    return None


def resolve(form: str, groups: dict, anchor_min: date | None, anchor_max: date | None):
    """(granularity, date_min, date_max, relative) for a matched expression."""
    g = {k: v for k, v in groups.items() if v is not None}
    if form == "iso":
        d = _safe_date(int(g["year"]), int(g["mnum"]), int(g["dnum"]))
        return "day", d, d, False
    if form in ("dmy", "mdy"):
        d = _safe_date(int(g["year"]), MONTHS[g["month"].lower().rstrip(".")], int(g["day"]))
        return "day", d, d, False
    if form == "my":
        lo, hi = _month_range(int(g["year"]), MONTHS[g["month"].lower().rstrip(".")])
        return "month", lo, hi, False
    if form == "year":
        y = int(g["year"])
        return "year", date(y, 1, 1), date(y, 12, 31), False
    granularity = {"rel_unit": g.get("unit", "").lower(), "ago": g.get("unit", "").lower(),
                   "rel_month": "month", "month": "month"}.get(form, "day")
    granularity = {"week": "day"}.get(granularity, granularity)
    if anchor_min is None or anchor_max is None:
        return granularity, None, None, True
    if not (plausible(anchor_min) and plausible(anchor_max)):
        return granularity, None, None, True  # no arithmetic on a placeholder date
    try:
        lo = _resolve_one(form, g, anchor_min)
        hi = _resolve_one(form, g, anchor_max)
    except (OverflowError, ValueError):  # "900000 days ago": past any calendar
        return granularity, None, None, True
    if lo is None or hi is None:
        return granularity, None, None, True
    low, high = min(lo[0], hi[0]), max(lo[1], hi[1])
    if not (plausible(low) and plausible(high)):
        return granularity, None, None, True
    return granularity, low, high, True


def find_dates(
    text: str, anchor_min: date | None = None, anchor_max: date | None = None
) -> list[DateMention]:
    """Every date expression in ``text``, left to right, without overlaps."""
    taken = bytearray(len(text))  # 1 where an earlier rule's expression stands
    found: list[DateMention] = []
    for form, pattern in GRAMMAR:
        for m in pattern.finditer(text):
            start, end = m.span("expr") if "expr" in pattern.groupindex else m.span()
            if 1 in taken[start:end]:
                continue
            granularity, lo, hi, relative = resolve(form, m.groupdict(), anchor_min, anchor_max)
            taken[start:end] = b"\x01" * (end - start)
            if not relative and lo is None:
                continue  # an impossible date such as 31 February: no date, nor a part of it
            found.append(DateMention(text[start:end], start, end, form, granularity, lo, hi,
                                     relative))
    return sorted(found, key=lambda d: d.start)
