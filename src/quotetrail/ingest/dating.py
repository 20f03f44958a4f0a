"""When was an article published, if it does not say: a window of possible dates.

An article cannot predate the latest dated event it reports as past, nor postdate an
event it announces as upcoming, nor fall outside the term of an office-holder it
names as being in office. Dates come from the text itself (explicit dates outside
quotations) and from the curated reference tables in ``data/context/``
(``events.csv``, ``offices.csv``); with empty tables the window is simply wider.
A dateline that gives day and month but no year ("SALVADOR, Feb 26 -") takes the
year the window and the article's own year mentions allow.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property
from pathlib import Path

import pandas as pd

from quotetrail.text.dates import MONTHS, find_dates
from quotetrail.text.marks import marked_spans

EVENT_COLUMNS = ["event_id", "name", "pattern", "date_min", "date_max", "source"]
OFFICE_COLUMNS = ["person", "office", "pattern", "start", "end", "source"]

UPCOMING = re.compile(
    r"\b(upcoming|forthcoming|next|scheduled (?:for|on)|planned (?:for|on)|ahead of|set for|"
    r"due (?:on|in)|will be held|to be held|coming)\b", re.I)
NOT_PAST = re.compile(
    r"\b(will|would|shall|may|might|could|can|should|hopes?|hoped|predicts?|predicted|"
    r"start(?:s|ing)?|beginning|shipment|redemption|expects?|expected|forecasts?|forecast|"
    r"projected|targets?|goals?|"
    r"plans?|planned|by|until|through|aims?|deadline|estimates?|budget|season|year-end|due|"
    r"matur\w*|expir\w*|redeem\w*|repayable|payable|pay|record|ending|ends?)\b", re.I)
PAST_VERB = re.compile(
    r"\b(was|were|had|did|rose|fell|grew|began|came|went|took|made|saw|won|lost|"
    r"held|met|left|paid|sold|bought|ago|since|\w{3,}ed)\b", re.I)
NOT_CURRENT = re.compile(r"\b(former|late|then|ex|previous|predecessor|onetime|erstwhile)\b\W*$",
                         re.I)
_SENTENCE = re.compile(r"[^.!?\n]*(?:[.!?]|\n|$)")
_YEARLESS_DATELINE = re.compile(
    r"^\s*(?:[A-Z][A-Za-z.'’\- ]{1,40},\s+)?(?P<md>(?P<m1>[A-Z][a-z]{2,8})\.?\s+(?P<d1>\d{1,2})|"
    r"(?P<d2>\d{1,2})\s+(?P<m2>[A-Z][a-z]{2,8}))(?:,?\s+(?P<year>(?:19|20)\d{2}))?\s*"
    r"(?:\([^)]{1,40}\)\s*)?[-–—]")


@dataclass
class Context:
    """Curated reference tables: dated events and office-holders' terms, with sources."""

    events: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=EVENT_COLUMNS))
    offices: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=OFFICE_COLUMNS))

    @cached_property
    def event_patterns(self) -> list[tuple[re.Pattern, list[dict]]]:
        """Each distinct pattern compiled once, with the events it stands for."""
        return _grouped(self.events)

    @cached_property
    def office_patterns(self) -> list[tuple[re.Pattern, list[dict]]]:
        return _grouped(self.offices)


def _grouped(table: pd.DataFrame) -> list[tuple[re.Pattern, list[dict]]]:
    groups: dict[str, list[dict]] = {}
    for row in table.to_dict("records"):
        groups.setdefault(row["pattern"], []).append(row)
    return [(re.compile(p), rows) for p, rows in sorted(groups.items())]


EMPTY_CONTEXT = Context()


def load_context(folder: str | Path | None) -> Context:
    """Read ``events.csv`` and ``offices.csv`` from ``folder``; missing files are empty tables.

    Patterns are checked here, so a bad row fails with its file and line.
    """
    context = Context()
    if folder is None:
        return context
    for name, columns in (("events", EVENT_COLUMNS), ("offices", OFFICE_COLUMNS)):
        path = Path(folder) / f"{name}.csv"
        if not path.is_file():
            continue
        table = pd.read_csv(path, dtype=str, keep_default_na=False)
        missing = set(columns) - set(table.columns)
        if missing:
            raise ValueError(f"{path}: missing columns {sorted(missing)}")
        for n, pattern in enumerate(table["pattern"], start=2):
            try:
                re.compile(pattern)
            except re.error as err:
                raise ValueError(f"{path}, line {n}: bad pattern ({err})") from None
        setattr(context, name, table[columns].reset_index(drop=True))
    return Context(context.events, context.offices)


@dataclass(frozen=True)
class Bound:
    side: str  # "min" or "max"
    date: date
    why: str
    strength: int  # lower is weaker: dropped first when bounds conflict


@dataclass(frozen=True)
class Dating:
    """The publication date an article states (or its metadata gives), else a window."""

    published: date | None
    how: str  # stated / metadata / inferred / unknown
    date_min: date | None
    date_max: date | None
    evidence: str | None


def _iso(value: str) -> date | None:
    try:
        return date.fromisoformat(value.strip()) if value and value.strip() else None
    except ValueError:
        return None


def _sentence_around(text: str, start: int, end: int) -> tuple[str, str]:
    """The words of the match's sentence before and after it."""
    left = max(text.rfind(".", 0, start), text.rfind("\n", 0, start)) + 1
    right = min([i for i in (text.find(".", end), text.find("\n", end)) if i >= 0] or
                [len(text)])
    return text[left:start], text[end:right]


def _tense(text: str, start: int, end: int) -> str:
    """'upcoming', 'past' or 'unclear' for a mention, from the words around it."""
    before, after = _sentence_around(text, start, end)
    if UPCOMING.search(before[-60:]) or re.match(r"\s*(?:is|are) (?:scheduled|due|set)", after):
        return "upcoming"
    if NOT_PAST.search(before[-80:]) or NOT_PAST.search(after[:25]):
        return "unclear"
    return "past" if PAST_VERB.search(before[-60:]) or PAST_VERB.search(after[:40]) else "unclear"


def _outside_quotes(text: str) -> str:
    """The text with quotations blanked out (same length): dates in them are the speaker's."""
    pieces, pos = [], 0
    for span in marked_spans(text):  # in text order, not overlapping
        pieces += [text[pos : span.start], " " * (span.end - span.start)]
        pos = span.end
    return "".join(pieces) + text[pos:]


def text_bounds(text: str) -> list[Bound]:
    """Bounds from explicit dates in the reporter's own words."""
    bounds = []
    plain = _outside_quotes(text)
    for d in find_dates(plain):
        if d.relative or d.date_min is None:
            continue
        tense = _tense(plain, d.start, d.end)
        if tense == "past":
            bounds.append(Bound("min", d.date_min, f"reports {d.expression!r} as past", 1))
        elif tense == "upcoming":
            bounds.append(Bound("max", d.date_max, f"announces {d.expression!r} as upcoming", 1))
    return bounds


def context_bounds(text: str, context: Context) -> list[Bound]:
    """Bounds from known events the article mentions and office-holders it names."""
    bounds = []
    plain = _outside_quotes(text)
    for pattern, rows in context.event_patterns:
        m = pattern.search(plain)
        if not m:
            continue
        tense = _tense(plain, m.start(), m.end())
        # One pattern may stand for several events (every US presidential election): a past
        # mention is bounded by the earliest of them, an upcoming one by the latest.
        firsts = {_iso(r["date_min"]): r["name"] for r in rows}
        lasts = {_iso(r["date_max"]) or _iso(r["date_min"]): r["name"] for r in rows}
        said = f"{m.group()!r}"
        if tense == "past" and None not in firsts:
            d = min(firsts)
            bounds.append(Bound("min", d, f"reports {said} as past: {firsts[d]} ({d})", 2))
        elif tense == "upcoming" and None not in lasts:
            d = max(lasts)
            bounds.append(Bound("max", d, f"announces {said} as upcoming: {lasts[d]} ({d})", 2))
    for pattern, rows in context.office_patterns:
        for m in pattern.finditer(plain):
            if NOT_CURRENT.search(plain[max(0, m.start() - 20):m.start()]):
                continue
            starts = [_iso(r["start"]) for r in rows]
            ends = [_iso(r["end"]) for r in rows]
            who = f"{rows[0]['person']} as {rows[0]['office']}"
            if all(starts):
                bounds.append(Bound("min", min(starts), f"names {who} (from {min(starts)})", 3))
            if all(ends):
                bounds.append(Bound("max", max(ends), f"names {who} (until {max(ends)})", 3))
            break
    return bounds


def _window(bounds: list[Bound]) -> tuple[date | None, date | None, list[Bound]]:
    """The tightest consistent window; on conflict the weakest kind of bound is dropped."""
    for floor in (0, 1, 2, 3):
        kept = [b for b in bounds if b.strength > floor]
        lo = max((b for b in kept if b.side == "min"), key=lambda b: b.date, default=None)
        hi = min((b for b in kept if b.side == "max"), key=lambda b: b.date, default=None)
        if lo is None or hi is None or lo.date <= hi.date:
            return (lo.date if lo else None, hi.date if hi else None,
                    [b for b in (lo, hi) if b is not None])
    return None, None, []


def _yearless_dateline(text: str) -> tuple[str, int, int] | None:
    """(expression, month, day) of a dateline with no year opening the body."""
    m = _YEARLESS_DATELINE.match(text)
    if not m or m.group("year"):
        return None
    month = MONTHS.get((m.group("m1") or m.group("m2")).lower())
    day = int(m.group("d1") or m.group("d2"))
    if not month or not 1 <= day <= 31:
        return None
    return m.group("md"), month, day


def _place_yearless(month: int, day: int, lo: date | None,
                    hi: date | None) -> tuple[date | None, date | None]:
    """The window narrowed to dates with the dateline's month and day: from the first such
    date on or after ``lo`` to the last on or before ``hi`` (open ends stay open)."""
    def occurrence(year: int) -> date | None:
        try:
            return date(year, month, day)
        except ValueError:  # 29 February
            return None

    first = last = None
    if lo is not None:
        first = next((d for y in range(lo.year, lo.year + 5)
                      if (d := occurrence(y)) and d >= lo), None)
    if hi is not None:
        last = next((d for y in range(hi.year, hi.year - 5, -1)
                     if (d := occurrence(y)) and d <= hi), None)
    if first and last and first > last:
        return None, None  # the window holds no such day: the dateline does not fit
    return first, last


def date_article(text: str, context: Context, stated: date | None = None,
                 stated_how: str = "stated", stated_why: str | None = None) -> Dating:
    """Publication date or window for one article's clean text."""
    if stated is not None:
        return Dating(stated, stated_how, stated, stated, stated_why)
    bounds = text_bounds(text) + context_bounds(text, context)
    lo, hi, used = _window(bounds)
    evidence = [b.why for b in used]
    yearless = _yearless_dateline(text)
    if yearless and (lo or hi):
        expression, month, day = yearless
        first, last = _place_yearless(month, day, lo, hi)
        if first or last:
            exact = first is not None and first == last
            why = (f"dateline {expression!r} gives day and month"
                   + (f", the window fixes the year {first.year}" if exact else "")
                   + " (a day either side: the dateline is local time); "
                   + "; ".join(evidence))
            day = timedelta(days=1)
            return Dating(None, "inferred", first and first - day, last and last + day, why)
    if lo is None and hi is None:
        return Dating(None, "unknown", None, None, None)
    return Dating(None, "inferred", lo, hi, "; ".join(evidence))
