"""Readable views of the stage tables for the notebooks (no computation of results here)."""

from __future__ import annotations

import hashlib
import html
import re
import textwrap
from collections.abc import Iterable
from pathlib import PurePosixPath

import pandas as pd

MAX_ROWS = 300  # rows shown on a page; the table itself has them all


def preview(df: pd.DataFrame, columns: list[str] | None = None, width: int = 70,
            rows: int = MAX_ROWS):
    """The chosen columns as a table to read: long text shortened to ``width`` characters,
    at most ``rows`` rows (a caption says how many more the table holds), no row
    numbers, every cell escaped (article text reaches the page as text, never as
    markup). Returns a pandas Styler, which notebooks display as HTML."""
    view = df[columns].head(rows).copy() if columns else df.head(rows).copy()
    for col in view.columns:
        if view[col].dtype == object:  # lists and records too: the Styler escapes only text
            view[col] = view[col].map(lambda v: v if v is None or isinstance(v, (str, float))
                                      else str(v.tolist() if hasattr(v, "tolist") else v))
        if view[col].map(lambda v: isinstance(v, str)).any():
            view[col] = view[col].map(
                lambda v: textwrap.shorten(v, width, placeholder=" …") if isinstance(v, str) else v)
    styled = view.reset_index(drop=True).style.hide(axis="index").format(escape="html",
                                                                          na_rep="")
    numbers = [c for c in view.columns if pd.api.types.is_float_dtype(view[c])]
    styled = styled.format(_number, subset=numbers, na_rep="")
    # the table's HTML ids from what it shows, not pandas' random ones: the same study
    # gives the same pages, byte for byte
    shown = view.to_csv(index=False) + f"{len(df)}"
    styled = styled.set_uuid(hashlib.sha256(shown.encode("utf-8")).hexdigest()[:10])
    if len(df) > rows:
        styled = styled.set_caption(f"The first {rows} of {len(df):,} rows; the table has all.")
    return styled


def _number(value: float) -> str:
    """A float as a reader wants it: three decimals at most, no trailing zeros, thousands
    separated ("0.64", "19", "1,234.5"), not pandas' six decimals."""
    return f"{value:,.3f}".rstrip("0").rstrip(".")


def renamed_ids(documents: pd.DataFrame) -> pd.DataFrame:
    """Articles whose ``doc_id`` is not their file's name (or ``name-00001`` for a row),
    because another file had it first: ingest makes ids unique and says so here."""
    def plain(doc_id: str, path: str) -> bool:
        stem = PurePosixPath(path).stem
        rows = path.lower().endswith((".jsonl", ".csv"))
        return doc_id == stem or rows and re.fullmatch(re.escape(stem) + r"-\d{5}", doc_id)

    keep = [not plain(d, p) for d, p in zip(documents["doc_id"], documents["source_path"],
                                            strict=True)]
    return documents.loc[keep, ["doc_id", "source_path"]].reset_index(drop=True)


def removed_summary(documents: pd.DataFrame) -> pd.DataFrame:
    """How many lines of each kind of clutter were removed from each article."""
    rows = [{"doc_id": d, "reason": r["reason"]}
            for d, removed in zip(documents["doc_id"], documents["removed"], strict=True)
            for r in removed]
    if not rows:
        return pd.DataFrame(columns=["doc_id"])
    return (pd.DataFrame(rows).value_counts(["doc_id", "reason"]).unstack(fill_value=0)
            .sort_index())


def printings(quotes: pd.DataFrame, variants: pd.DataFrame, documents: pd.DataFrame,
              min_printings: int = 2) -> pd.DataFrame:
    """Statements printed more than once, each printing side by side with its speaker,
    outlet, date, relation to the canonical form and word-level diff (canonical first)."""
    size = variants.groupby("statement_id")["quote_id"].transform("size")
    rows = (variants[size >= min_printings]
            .merge(quotes[["quote_id", "kind", "speaker", "text"]], on="quote_id")
            .merge(documents[["doc_id", "outlet", "published"]], on="doc_id", how="left"))
    rows = rows.sort_values(["statement_id", "is_canonical", "doc_id", "quote_id"],
                            ascending=[True, False, True, True])
    return rows[["statement_id", "doc_id", "outlet", "published", "speaker", "kind",
                 "relation", "similarity", "membership", "changed", "diff", "text"]]


def bullet_list(items: Iterable[str]):
    """Sentences as a bulleted list, each escaped: they quote article text, which must
    reach the page as text, never as markup, Markdown or ``$…$`` mathematics."""
    from IPython.display import HTML

    rows = "".join(f"<li>{html.escape(str(item))}</li>" for item in items)
    return HTML(f'<ul class="tex2jax_ignore mathjax_ignore">{rows}</ul>')
