"""The flags a fact-checker acts on, each pointing at its evidence.

A reframing that drops a condition or hedge; a headline that claims more than the
statement it rests on; an article that copies or rewrites another yet reads as its own
report; a claim nobody stands behind (reported speech with no speaker). Each flag is a
row of the findings table (``flag:<kind>:<key>``), whose key says where its evidence is.
"""

from __future__ import annotations

from dataclasses import dataclass

from quotetrail.findings.names import ArticleName, shorten
from quotetrail.findings.trails import plain_change

KINDS = {"reframing": "Reframed statements", "headline": "Headlines that claim more",
         "copy": "Copies that read as their own report",
         "unattributed": "Claims nobody stands behind"}
HEADLINE_WORDS = 3  # content words a headline must share with a statement to be about it


@dataclass(frozen=True)
class Flag:
    kind: str  # a key of KINDS
    key: str  # quote_id (reframing, unattributed) or doc_id (headline, copy)
    sentence: str
    quote_ids: tuple[str, ...]
    doc_ids: tuple[str, ...]

    @property
    def finding(self) -> str:
        return f"flag:{self.kind}:{self.key}"


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _said(speaker, words: str) -> str:
    return (f"{speaker}'s" if isinstance(speaker, str) else "the") + f" “{shorten(words, 14)}”"


def reframing_flags(statements, variants, names) -> list[Flag]:
    """Printings that drop a condition or a hedge, or turn the polarity, of what was said."""
    canon = statements.set_index("statement_id")
    out = []
    rows = variants[(variants["relation"] == "reframing")] if len(variants) else variants
    for v in rows.sort_values("quote_id").itertuples():
        if not any(k in v.changed for k in ("condition", "strength", "hedge", "polarity")):
            continue
        st = canon.loc[v.statement_id]
        first = variants[(variants["statement_id"] == v.statement_id) & variants["is_canonical"]]
        said = _said(st["speaker"], st["canonical_text"])
        out.append(Flag("reframing", v.quote_id,
                        f"{_cap(names[v.doc_id].cited)} reframes {said}: it "
                        f"{plain_change(v.changed)}.",
                        (v.quote_id, *first["quote_id"]), (v.doc_id, *first["doc_id"])))
    return out


def headline_flags(statements, variants, documents, names) -> list[Flag]:
    """Headlines that say more than, or otherwise than, the statement they share most words
    with: a hedge or condition dropped, a negation added or lost. (Referents are not
    compared: a headline's Title Case makes every word look like a name.) A statement
    nobody is named as saying is no ground for a headline flag."""
    from quotetrail.align.relations import reframings
    from quotetrail.align.shingles import words

    if statements.empty or "title" not in documents or variants.empty:
        return []
    spoken = statements[statements["speaker"].map(lambda s: isinstance(s, str))]
    canon = dict(zip(spoken["statement_id"], spoken["canonical_text"], strict=True))
    speaker = dict(zip(spoken["statement_id"], spoken["speaker"], strict=True))
    mine = variants[variants["statement_id"].isin(canon)]
    by_doc = mine.groupby("doc_id")["statement_id"].unique() if len(mine) else {}
    out = []
    for doc in documents.sort_values("doc_id").to_dict("records"):
        title = doc.get("title")
        if not isinstance(title, str) or doc["doc_id"] not in by_doc:
            continue
        head = {w for w in words(title) if len(w) > 3}
        best = max(by_doc[doc["doc_id"]], key=lambda s: (len(head & set(words(canon[s]))), s))
        if len(head & set(words(canon[best]))) < HEADLINE_WORDS:
            continue
        changed = [c for c in reframings(canon[best], title) if not c.startswith("referent")]
        if not changed:
            continue
        name = names[doc["doc_id"]]
        rests = mine[(mine["statement_id"] == best) & (mine["doc_id"] == doc["doc_id"])]
        out.append(Flag("headline", doc["doc_id"],
                        f"The headline “{shorten(title, 16)}” ({name.outlet_label}, {name.when}) "
                        f"claims more than {_said(speaker[best], canon[best])}, the statement it "
                        f"rests on: it {plain_change('; '.join(changed))}.",
                        tuple(rests["quote_id"]), (doc["doc_id"],)))
    return out


def _credits(derived_text: str, source: ArticleName) -> bool:
    """Whether the derived article names its source's outlet (an unknown outlet cannot be
    named, so such a copy is never taken to credit it)."""
    return bool(source.outlet) and source.outlet.lower() in (derived_text or "").lower()


def copy_flags(links, documents, names) -> list[Flag]:
    """Articles copied or rewritten from another that do not name it."""
    if links.empty:
        return []
    text = dict(zip(documents["doc_id"], documents["text"], strict=True)) \
        if "text" in documents else {}
    out = []
    derived = links[links["relation"].isin(["copy", "rewrite"])].sort_values(
        ["derived_doc", "source_doc"])
    for link in derived.drop_duplicates("derived_doc").itertuples():
        if _credits(text.get(link.derived_doc, ""), names[link.source_doc]):
            continue
        out.append(Flag("copy", link.derived_doc,
                        f"{_cap(names[link.derived_doc].cited)} is a {link.relation} of "
                        f"{names[link.source_doc].cited} ({link.reuse_score:.0%} of its own "
                        "wording reused), yet does not name it: it reads as its own report.",
                        (), (link.derived_doc, link.source_doc)))
    return out


def unattributed_flags(quotes, names) -> list[Flag]:
    """Reported speech with no speaker: a claim nobody stands behind."""
    if quotes.empty:
        return []
    rows = quotes[(quotes["kind"] == "indirect") & quotes["speaker"].isna()]
    return [Flag("unattributed", q.quote_id,
                 f"{_cap(names[q.doc_id].cited)} reports “{shorten(q.text, 16)}” without naming "
                 "anyone who said it.", (q.quote_id,), (q.doc_id,))
            for q in rows.sort_values("quote_id").itertuples()]


def all_flags(statements, variants, quotes, documents, links, names) -> list[Flag]:
    """Every flag, kind by kind in the order of ``KINDS``."""
    return (reframing_flags(statements, variants, names)
            + headline_flags(statements, variants, documents, names)
            + copy_flags(links, documents, names) + unattributed_flags(quotes, names))


def flag_rows(flags: list[Flag]) -> list[dict]:
    """The flags as rows of the findings table."""
    from quotetrail.findings.compute import _finding

    return [_finding(f.finding, 1, f.sentence, quote_ids=f.quote_ids, doc_ids=f.doc_ids)
            for f in flags]
