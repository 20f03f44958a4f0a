"""One truth for independence: a printing in a copy or rewrite of another article that
prints the same statement is never an independent confirmation.

Every count and sentence that says "independent" (``statements.n_independent``, the
index, the statement pages, chapter 4) reads the two columns set here on
``quote_variants``: ``independent`` and ``source_doc``, the article it was copied or
rewritten from.
"""

from __future__ import annotations

import pandas as pd

DERIVED = ("copy", "rewrite")


def sources_of(links: pd.DataFrame) -> dict[str, list[str]]:
    """Each derived article's sources (copy or rewrite links), in a fixed order."""
    out: dict[str, list[str]] = {}
    rows = links[links["relation"].isin(DERIVED)].sort_values(["derived_doc", "source_doc"])
    for src, der in zip(rows["source_doc"], rows["derived_doc"], strict=True):
        out.setdefault(der, []).append(src)
    return out


def with_independence(variants: pd.DataFrame, links: pd.DataFrame) -> pd.DataFrame:
    """``quote_variants`` with ``independent`` and ``source_doc``: a printing depends on
    the first of its article's sources that prints the same statement."""
    sources = sources_of(links)
    docs_of = variants.groupby("statement_id")["doc_id"].agg(set).to_dict()
    source_doc = []
    for sid, doc in zip(variants["statement_id"], variants["doc_id"], strict=True):
        found = [s for s in sources.get(doc, []) if s in docs_of[sid] and s != doc]
        source_doc.append(found[0] if found else None)
    return variants.assign(independent=[s is None for s in source_doc],
                           source_doc=pd.array(source_doc, dtype=object))


def independent_docs(variants: pd.DataFrame) -> pd.Series:
    """Per statement, the number of articles whose printing is independent."""
    own = variants.loc[variants["independent"].astype(bool)]
    return own.groupby("statement_id")["doc_id"].nunique()
