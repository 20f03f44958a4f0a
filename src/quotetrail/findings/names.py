"""Names a reader recognises an article by: outlet, short headline, date or window.

An id is for the tables; a page names an article as a person would, and keeps the id
in a tooltip or a link. Two articles with the same name are told apart, an article
without an outlet is "outlet unknown" (never an outlet of its own), one without a
headline is named by its first words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

import pandas as pd

UNKNOWN_OUTLET = "outlet unknown"
HEADLINE_WORDS = 10


def _day(value) -> date | None:
    return value if isinstance(value, date) else None


def _text(value) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def shorten(text: str, n: int) -> str:
    words = text.split()
    return " ".join(words[:n]) + (" …" if len(words) > n else "")


@dataclass(frozen=True)
class ArticleName:
    doc_id: str
    outlet: str | None  # None: unknown
    headline: str  # short headline, or the first words of the text
    titled: bool  # False: ``headline`` is the article's first words
    day_min: date | None  # publication date or window (equal bounds: a known day)
    day_max: date | None
    dated: bool  # True when the article states its date
    tag: str = ""  # "(2 of 3)" when other articles would have the same name

    @property
    def outlet_label(self) -> str:
        return self.outlet or UNKNOWN_OUTLET

    @property
    def when(self) -> str:
        lo, hi = self.day_min, self.day_max
        if lo and hi:
            return lo.isoformat() if lo == hi else f"{lo} to {hi}"
        if lo:
            return f"after {lo}"
        if hi:
            return f"by {hi}"
        return "undated"

    @property
    def label(self) -> str:
        head = f"“{self.headline}”" if self.titled else f"untitled, opening “{self.headline}”"
        return f"{self.outlet_label}, {head}{' ' + self.tag if self.tag else ''}, {self.when}"

    @property
    def cited(self) -> str:
        """"“Headline” (Outlet, 2024-03-01)": the article named inside a sentence."""
        return f"{self.short} ({self.outlet_label}, {self.when})"

    @property
    def short(self) -> str:
        """The headline alone (with its tag), for a list already grouped by outlet."""
        head = f"“{self.headline}”" if self.titled else f"untitled, “{self.headline}”"
        return head + (f" {self.tag}" if self.tag else "")


def article_names(documents: pd.DataFrame, windows: pd.DataFrame | None = None
                  ) -> dict[str, ArticleName]:
    """Every article's name; the publication window from ``doc_windows`` when given (the
    corpus may have narrowed it), else the article's own. Names that would be the same
    get "(1 of 2)", "(2 of 2)" in id order."""
    wins = ({w["doc_id"]: w for w in windows.to_dict("records")}
            if windows is not None and len(windows) else {})
    names = {}
    for doc in documents.to_dict("records"):
        d = doc["doc_id"]
        title = _text(doc.get("title"))
        head = shorten(title, HEADLINE_WORDS) if title else shorten(
            _text(doc.get("text")) or "", 6)
        stated = _day(doc.get("published"))
        win = wins.get(d, doc)
        lo, hi = (stated, stated) if stated else (_day(win.get("published_min")),
                                                  _day(win.get("published_max")))
        names[d] = ArticleName(d, _text(doc.get("outlet")), head or "no text", bool(title),
                               lo, hi, bool(stated))
    seen: dict[str, list[str]] = {}
    for d in sorted(names):
        seen.setdefault(names[d].label, []).append(d)
    for same in seen.values():
        if len(same) > 1:
            for i, d in enumerate(same, 1):
                names[d] = replace(names[d], tag=f"({i} of {len(same)})")
    return names


def page_name(doc_id: str, taken: set[str]) -> str:
    """A file name for the article's page: its id's safe characters, made unique."""
    base = re.sub(r"[^A-Za-z0-9_-]+", "_", doc_id).strip("_")[:80] or "article"
    name, n = base, 1
    while name.lower() in taken:
        n += 1
        name = f"{base}~{n}"
    taken.add(name.lower())
    return f"{name}.html"


def page_files(doc_ids) -> dict[str, str]:
    """Each article's page file under ``articles/``, the same on every page that links it."""
    taken: set[str] = set()
    return {d: page_name(d, taken) for d in sorted(doc_ids)}
