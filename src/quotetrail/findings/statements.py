"""Findings that answer the study's question, one per widely printed statement.

Who said what (the canonical form), when and where, where it was first printed, how
many articles and outlets printed it and how many of them independently, how it
changed on the way, and which articles are rewrites of which. Articles are named by
outlet, date or window, and headline, never by their id alone.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

import pandas as pd

TOP = 5  # statements summed up on the index; the rest are in chapter 2


def _day(value) -> str | None:
    return value.isoformat() if isinstance(value, date) else None


def article_label(doc: dict, window: dict | None = None) -> str:
    """"Outlet, “Headline”, 2024-10-28": what a reader recognises an article by (the id
    stands in for a missing headline; a window for a missing date)."""
    parts = []
    if isinstance(doc.get("outlet"), str) and doc["outlet"].strip():
        parts.append(doc["outlet"].strip())
    title = doc.get("title")
    if isinstance(title, str) and title.strip():
        words = title.split()
        parts.append("“" + " ".join(words[:12]) + (" …" if len(words) > 12 else "") + "”")
    else:
        parts.append(f"article {doc['doc_id']}")
    lo = _day((window or {}).get("published_min", doc.get("published_min")))
    hi = _day((window or {}).get("published_max", doc.get("published_max")))
    if _day(doc.get("published")):
        parts.append(_day(doc["published"]))
    elif lo and hi:
        parts.append(lo if lo == hi else f"published {lo} to {hi}")
    elif lo:
        parts.append(f"published after {lo}")
    elif hi:
        parts.append(f"published by {hi}")
    else:
        parts.append("undated")
    return ", ".join(parts)


def _said_when(st) -> str:
    lo, hi = _day(st.said_min), _day(st.said_max)
    if lo and hi:
        return f" on {lo}" if lo == hi else f" between {lo} and {hi}"
    if hi:
        return f" no later than {hi}"
    return ""


def statement_findings(statements: pd.DataFrame, variants: pd.DataFrame,
                       documents: pd.DataFrame, links: pd.DataFrame,
                       windows: pd.DataFrame | None = None) -> list[dict]:
    """One finding per statement printed by more than one article (the TOP most printed)."""
    from quotetrail.findings.compute import _finding, _plural, _short  # a cycle otherwise

    if statements.empty:
        return []
    docs = {d["doc_id"]: d for d in documents.to_dict("records")}
    wins = ({w["doc_id"]: w for w in windows.to_dict("records")}
            if windows is not None and len(windows) else {})

    def label(doc_id: str) -> str:
        return article_label(docs[doc_id], wins.get(doc_id)) if doc_id in docs else doc_id

    spread = statements[statements["n_docs"] > 1].sort_values(
        ["n_docs", "n_printings", "statement_id"], ascending=[False, False, True]).head(TOP)
    out = []
    for st in spread.itertuples():
        members = variants[variants["statement_id"] == st.statement_id]
        who = st.speaker if isinstance(st.speaker, str) else "An unnamed speaker"
        where = f" ({st.occasion_text})" if isinstance(st.occasion_text, str) else ""
        rel = Counter(members.loc[~members["is_canonical"], "relation"])
        forms = ", ".join(f"{n} {r}" for r, n in sorted(rel.items())) or "none other"
        changed = [c for c in members["changed"] if c]
        doc_ids = sorted(set(members["doc_id"]))
        derived = links[links["relation"].isin(["copy", "rewrite"])
                        & links["source_doc"].isin(doc_ids) & links["derived_doc"].isin(doc_ids)]
        rewrites = "; ".join(f"{label(r.derived_doc)} is a {r.relation} of {label(r.source_doc)}"
                             for r in derived.itertuples())
        text = (f"{who} said “{_short(st.canonical_text, 25)}”{where}{_said_when(st)}. "
                f"First printed by {label(st.first_doc)} ({st.first_how}). Printed by "
                f"{_plural(int(st.n_docs), 'article')} from "
                f"{_plural(int(st.n_outlets), 'outlet')}, "
                f"{int(st.n_independent)} of them independent; the other printings: {forms}"
                + (f" ({'; '.join(changed)})" if changed else "") + "."
                + (f" {rewrites}." if rewrites else ""))
        out.append(_finding(f"statement_{st.statement_id}", int(st.n_docs), text,
                            quote_ids=members["quote_id"], doc_ids=members["doc_id"]))
    return out


HEADLINE_WORDS = 3  # content words a headline must share with a statement to be about it


def headline_findings(statements: pd.DataFrame, variants: pd.DataFrame,
                      documents: pd.DataFrame) -> list[dict]:
    """Headlines that say more than, or otherwise than, the quotation they rest on: a hedge
    or condition dropped, a negation added or lost, against the canonical form of the
    statement the headline shares most words with. (Referents are not compared: a
    headline's Title Case makes every word look like a name.)"""
    from quotetrail.align.relations import reframings
    from quotetrail.align.shingles import words
    from quotetrail.findings.compute import _finding, _plural

    if statements.empty or "title" not in documents:
        return []
    canon = dict(zip(statements["statement_id"], statements["canonical_text"], strict=True))
    by_doc = variants.groupby("doc_id")["statement_id"].unique() if len(variants) else {}
    flagged, quotes, docs = [], [], []
    for doc in documents.to_dict("records"):
        title = doc.get("title")
        if not isinstance(title, str) or doc["doc_id"] not in by_doc:
            continue
        head = {w for w in words(title) if len(w) > 3}
        best = max(by_doc[doc["doc_id"]], key=lambda s: (len(head & set(words(canon[s]))), s))
        if len(head & set(words(canon[best]))) < HEADLINE_WORDS:
            continue
        changed = [c for c in reframings(canon[best], title) if not c.startswith("referent")]
        if changed:
            flagged.append(f"“{title}” ({'; '.join(changed)})")
            docs.append(doc["doc_id"])
            quotes += list(variants.loc[(variants["statement_id"] == best)
                                        & variants["is_canonical"], "quote_id"])
    if not flagged:
        return [_finding("headlines_beyond_quotes", 0, "No headline differs in polarity, "
                         "hedging or conditions from the statement it shares most words with.")]
    return [_finding("headlines_beyond_quotes", len(flagged),
                     f"{_plural(len(flagged), 'headline')} "
                     f"{'differs' if len(flagged) == 1 else 'differ'} in polarity, hedging or "
                     "conditions from the statement each shares most words with (worth a "
                     "fact-checker's look): " + "; ".join(flagged[:5])
                     + ("; …" if len(flagged) > 5 else "."),
                     quote_ids=quotes, doc_ids=docs)]


def confirmation_findings(statements: pd.DataFrame, variants: pd.DataFrame,
                          documents: pd.DataFrame) -> list[dict]:
    """Statements with no independent confirmation, and how faithfully each outlet prints."""
    from quotetrail.findings.compute import _finding, _plural

    if statements.empty:
        return []
    alone = statements[(statements["n_docs"] > 1) & (statements["n_independent"] < 2)]
    out = [_finding("statements_without_independent_confirmation", len(alone),
                    f"{_plural(int((statements['n_docs'] > 1).sum()), 'statement')} printed by "
                    f"more than one article; {len(alone)} of them have no independent second "
                    "printing (every other printing is copied or rewritten from the first).",
                    quote_ids=variants.loc[variants["statement_id"].isin(alone["statement_id"]),
                                           "quote_id"])]
    outlet = {d: o for d, o in zip(documents["doc_id"], documents.get("outlet", []),
                                   strict=False) if isinstance(o, str)}
    others = variants[~variants["is_canonical"] & variants["doc_id"].isin(outlet)]
    if len(others):
        rows = []
        for name, group in others.groupby(others["doc_id"].map(outlet)):
            faithful = group["relation"].isin(["exact", "near", "truncated", "spliced",
                                               "part"]).sum()
            rows.append(f"{name} {faithful} of {len(group)}")
        out.append(_finding("fidelity_per_outlet", len(rows),
                            "Printings that keep the speaker's words (exact, near, trimmed, "
                            "spliced, or another part of the remark), per outlet: "
                            + "; ".join(rows) + ".",
                            quote_ids=others["quote_id"], doc_ids=others["doc_id"]))
    return out
