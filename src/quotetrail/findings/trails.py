"""A trail per travelling statement: who said it, and each article that printed it, when,
in which form, and whether on its own or copied from another article.

One function builds the trails from the tables; the index, the statements page and
chapter 4 all draw them from it, so they cannot disagree. Independence is read from
``quote_variants.independent`` and ``source_doc``, the study's single truth of it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from quotetrail.findings.names import ArticleName

GROUP = {"exact": "verbatim", "near": "verbatim", "truncated": "trimmed", "spliced": "trimmed",
         "part": "trimmed", "paraphrase": "paraphrase", "reframing": "reframing"}
GROUPS = ["verbatim", "trimmed", "paraphrase", "reframing"]


@dataclass(frozen=True)
class Printing:
    quote_id: str
    doc_id: str
    name: ArticleName
    relation: str  # quote_variants.relation ("canonical" for the canonical form)
    group: str  # verbatim, trimmed, paraphrase or reframing
    independent: bool
    source_doc: str | None  # the article it was copied or rewritten from
    words: str
    diff: str
    changed: str


@dataclass(frozen=True)
class Trail:
    statement_id: str
    speaker: str | None
    words: str  # the canonical form
    occasion: str | None
    said_min: date | None
    said_max: date | None
    printings: list[Printing]  # in order of publication (undated last)
    first_doc: str = ""  # statements.first_doc, and why it is taken to be first
    first_how: str = ""

    @property
    def doc_ids(self) -> list[str]:
        return sorted({p.doc_id for p in self.printings})

    @property
    def n_articles(self) -> int:
        return len(self.doc_ids)

    @property
    def outlets(self) -> list[str]:
        """Named outlets; articles without one are counted apart, never as outlets."""
        return sorted({p.name.outlet for p in self.printings if p.name.outlet})

    @property
    def n_unknown_outlet(self) -> int:
        return len({p.doc_id for p in self.printings if not p.name.outlet})

    @property
    def independent_docs(self) -> list[str]:
        return sorted({p.doc_id for p in self.printings if p.independent})

    @property
    def said(self) -> str:
        lo, hi = self.said_min, self.said_max
        if lo and hi:
            return f"said on {lo}" if lo == hi else f"said between {lo} and {hi}"
        if hi:
            return f"said by {hi}"
        if lo:
            return f"said after {lo}"
        return "date of saying unknown"


def _start(p: Printing):
    n = p.name
    return (n.day_min or n.day_max or date.max, p.relation != "canonical", p.doc_id, p.quote_id)


def travelling(variants: pd.DataFrame) -> pd.Series:
    """Articles per statement, for statements printed by two or more articles (articles,
    not printings: one article quoting a remark twice has not spread it), most first."""
    if variants.empty:
        return pd.Series(dtype="int64")
    per = variants.groupby("statement_id")["doc_id"].nunique()
    printings = variants.groupby("statement_id").size()
    order = pd.DataFrame({"n": per, "p": printings})
    order = order[order["n"] > 1].reset_index().sort_values(
        ["n", "p", "statement_id"], ascending=[False, False, True])
    return order.set_index("statement_id")["n"]


def build_trails(statements: pd.DataFrame, variants: pd.DataFrame, quotes: pd.DataFrame,
                 names: dict[str, ArticleName], limit: int | None = None) -> list[Trail]:
    """The trails of statements printed by two or more articles, most widely printed
    first (at most ``limit``)."""
    spread = travelling(variants)
    if limit is not None:
        spread = spread.head(limit)
    if spread.empty:
        return []
    variants = variants[variants["statement_id"].isin(spread.index)]
    text = dict(zip(quotes["quote_id"], quotes["text"], strict=True))
    by_id = statements.set_index("statement_id")
    groups = dict(tuple(variants.groupby("statement_id")))
    out = []
    for sid in spread.index:
        st = by_id.loc[sid]
        printings = [
            Printing(v.quote_id, v.doc_id, names[v.doc_id],
                     "canonical" if v.is_canonical else v.relation,
                     "verbatim" if v.is_canonical else GROUP[v.relation], bool(v.independent),
                     v.source_doc if isinstance(v.source_doc, str) else None,
                     text.get(v.quote_id, ""), v.diff or "", v.changed or "")
            for v in groups[sid].itertuples()]
        occasion = st.get("occasion_text")
        out.append(Trail(sid, st["speaker"] if isinstance(st["speaker"], str) else None,
                         st["canonical_text"], occasion if isinstance(occasion, str) else None,
                         st["said_min"] if isinstance(st["said_min"], date) else None,
                         st["said_max"] if isinstance(st["said_max"], date) else None,
                         sorted(printings, key=_start), st["first_doc"], st["first_how"]))
    return out


def plain_change(changed: str) -> str:
    """What a reframing did, in words: "drops the condition “if”" for
    "condition dropped: if"."""
    out = []
    for part in (changed or "").split("; "):
        kind, _, what = part.partition(": ")
        if not what and " → " in part:  # the second of several swapped referents
            kind, what = "referent", part
        if kind == "condition dropped":
            out.append("drops the condition " + ", ".join(f"“{w}”" for w in what.split(", ")))
        elif kind == "polarity":
            out.append("drops the negation" if "dropped" in what else "adds a negation")
        elif kind in ("strength", "hedge", "referent") and " → " in what:
            old, new = what.split(" → ", 1)
            verb = {"strength": "drops the hedge “{}” and asserts “{}”",
                    "hedge": "hedges “{}” as “{}”",
                    "referent": "puts “{1}” for “{0}”"}[kind]
            out.append(verb.format(old, new))
        elif part:
            out.append(part)
    return "; ".join(out)
