"""When each statement was said and each article printed, as bounds that inform each other.

Three rules tie the corpus together:

- a copy or rewrite is published no earlier than its source (and the source no later
  than it);
- a printing is published no earlier than the statement was said;
- a statement is said no later than its earliest printing.

Bounds start from what each article states (its date or inferred window, a date in an
attribution such as "said on Tuesday") and flow along ``doc_links`` and statements
until nothing changes. A relative expression is resolved again each time the window
of its article narrows. Every bound keeps its evidence; a rule that would leave a
window empty is not applied, and is reported as a conflict instead.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import partial

import pandas as pd

from quotetrail.align.statements import Statement
from quotetrail.schemas import SCHEMAS
from quotetrail.text.dates import as_date, publication_window
from quotetrail.text.timex import timexes_in

MAX_ROUNDS = 50  # the rules only narrow windows, so they settle; this is a backstop
How = str | Callable[[], str]  # the evidence for a bound, or what words it when it is used


def _said(how: How) -> str:
    return how() if callable(how) else how


@dataclass
class Window:
    lo: date | None = None
    hi: date | None = None
    lo_how: str = ""
    hi_how: str = ""
    conflicts: list[str] = field(default_factory=list)

    def raise_lo(self, d: date | None, how: How) -> bool:
        if d is None or (self.lo is not None and d <= self.lo):
            return False
        if self.hi is not None and d > self.hi:
            self.conflicts.append(f"{_said(how)} ({d}) is after {self.hi} ({self.hi_how})")
            return False
        self.lo, self.lo_how = d, _said(how)
        return True

    def lower_hi(self, d: date | None, how: How) -> bool:
        if d is None or (self.hi is not None and d >= self.hi):
            return False
        if self.lo is not None and d < self.lo:
            self.conflicts.append(f"{_said(how)} ({d}) is before {self.lo} ({self.lo_how})")
            return False
        self.hi, self.hi_how = d, _said(how)
        return True


def _restated(p, window: Window) -> tuple[date | None, date | None]:
    """The attribution's date resolved against the article's current window."""
    for t in timexes_in(p.attribution_text, window.lo, window.hi):
        if p.attribution[0] + t.start == p.stated.start:
            return t.date_min, t.date_max
    return p.stated.date_min, p.stated.date_max


def _stated_how(p) -> str:
    return f"“{p.stated.expression}” in {p.doc_id} [{p.stated.start}:{p.stated.end}]"


def propagate(documents: pd.DataFrame, statements: list[Statement], links: pd.DataFrame
              ) -> tuple[dict[str, Window], list[Window]]:
    """(article windows by doc_id, one window per statement), settled. Each bound's
    evidence is worded only when the bound is set (the rules are tried every round)."""
    docs: dict[str, Window] = {}
    for d in documents.to_dict("records"):
        lo, hi = publication_window(d)
        how = "its stated date" if as_date(d["published"]) else "its inferred window"
        docs[d["doc_id"]] = Window(lo, hi, how if lo else "", how if hi else "")
    said = [Window() for _ in statements]
    derived = [(r.source_doc, r.derived_doc) for r in links.itertuples()
               if r.relation in ("copy", "rewrite")]
    for _ in range(MAX_ROUNDS):
        changed = False
        for k, st in enumerate(statements):
            for p, _ in st.members:
                if p.stated is None or p.doc_id not in docs:
                    continue
                lo, hi = _restated(p, docs[p.doc_id])
                how = partial(_stated_how, p)
                changed |= said[k].raise_lo(lo, how)
                changed |= said[k].lower_hi(hi, how)
            for p, _ in st.members:
                w = docs.get(p.doc_id)
                if w is None:
                    continue
                changed |= said[k].lower_hi(w.hi, lambda p=p, w=w: f"printed by {p.doc_id} "
                                                                   f"by {w.hi}")
                changed |= w.raise_lo(said[k].lo, lambda st=st, k=k: f"prints "
                                      f"{st.canonical.quote_id}, said from {said[k].lo}")
        for src, der in derived:
            a, b = docs.get(src), docs.get(der)
            if a is None or b is None:
                continue
            changed |= b.raise_lo(a.lo, lambda src=src, a=a: f"derived from {src}, published "
                                                             f"from {a.lo}")
            changed |= a.lower_hi(b.hi, lambda der=der, b=b: f"source of {der}, published by "
                                                             f"{b.hi}")
        if not changed:
            break
    return docs, said


def window_table(documents: pd.DataFrame, windows: dict[str, Window]) -> pd.DataFrame:
    """The ``doc_windows`` table: each article's publication window after propagation."""
    rows = []
    for d in documents.to_dict("records"):
        w = windows[d["doc_id"]]
        before = publication_window(d)
        parts = [f"from {w.lo}: {w.lo_how}"] if w.lo else []
        parts += [f"until {w.hi}: {w.hi_how}"] if w.hi else []
        parts += [f"conflict: {c}" for c in dict.fromkeys(w.conflicts)]
        rows.append({"doc_id": d["doc_id"], "published_min": w.lo, "published_max": w.hi,
                     "how": "; ".join(parts) or "no date, no window",
                     "narrowed": (w.lo, w.hi) != before})
    return pd.DataFrame(rows, columns=list(SCHEMAS["doc_windows"].columns))


def with_lags(variants: pd.DataFrame, statements: list[Statement],
              windows: dict[str, Window], said: list[Window]) -> pd.DataFrame:
    """``quote_variants`` with each printing's lag after the saying, in days, as a range."""
    lo_lag, hi_lag = [], []
    index = {f"s{n + 1:04d}": n for n in range(len(statements))}
    for sid, doc in zip(variants["statement_id"], variants["doc_id"], strict=True):
        s, w = said[index[sid]], windows.get(doc, Window())
        low = (w.lo - s.hi).days if w.lo and s.hi else None
        high = (w.hi - s.lo).days if w.hi and s.lo else None
        lo_lag.append(max(low, 0) if low is not None else None)
        hi_lag.append(max(high, 0) if high is not None else None)
    out = variants.assign(lag_min_days=pd.array(lo_lag, dtype="Int64"),
                          lag_max_days=pd.array(hi_lag, dtype="Int64"))
    return out
