"""Findings that answer the study's question, one per widely printed statement.

Who said what (the canonical form), when and where, where it was first printed, how
many articles and outlets printed it and how many of them independently, how it
changed on the way, and which articles are rewrites of which. Articles are named by
outlet, date or window, and headline, never by their id alone.
"""

from __future__ import annotations

from collections import Counter

import pandas as pd

from quotetrail.findings.names import shorten
from quotetrail.findings.trails import Trail, plain_change

TOP = 5  # statements summed up on the index; the rest are in chapter 2


def statement_findings(trails: list[Trail]) -> list[dict]:
    """One finding per travelling statement with a named speaker (the TOP most printed),
    in the words of its trail, so the sentence and the card cannot disagree."""
    from quotetrail.findings.compute import _finding
    from quotetrail.findings.trail_view import trail_facts

    out = []
    for t in [t for t in trails if t.speaker][:TOP]:
        first = next((p for p in t.printings if p.doc_id == t.first_doc), t.printings[0])
        others = Counter(p.relation for p in t.printings if p.relation != "canonical")
        forms = ", ".join(f"{n} {r}" for r, n in sorted(others.items()))
        changed = [plain_change(p.changed) for p in t.printings if p.changed]
        text = (f"{t.speaker} said “{shorten(t.words, 25)}”"
                + (f" ({t.occasion})" if t.occasion else "") + f", {t.said}. "
                f"{trail_facts(t)} First printed by {first.name.label} ({t.first_how}). "
                f"The other printings: {forms or 'none'}"
                + (f" (one {'; one '.join(changed)})" if changed else "") + ".")
        out.append(_finding(f"statement_{t.statement_id}", t.n_articles, text,
                            quote_ids=[p.quote_id for p in t.printings], doc_ids=t.doc_ids))
    return out


def confirmation_findings(trails: list[Trail], variants: pd.DataFrame,
                          documents: pd.DataFrame) -> list[dict]:
    """Statements with no independent confirmation, and how faithfully each outlet prints."""
    from quotetrail.findings.compute import _finding, _plural

    if not trails:
        return []
    alone = [t for t in trails if len(t.independent_docs) < 2]
    out = [_finding("statements_without_independent_confirmation", len(alone),
                    f"{_plural(len(trails), 'statement')} printed by more than one article; "
                    f"{len(alone)} of them have no independent second printing (every other "
                    "printing is copied or rewritten from another).",
                    quote_ids=[p.quote_id for t in alone for p in t.printings])]
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
