"""What the rules read from a parsed spaCy ``Doc`` many times over, found once per
document: its text, its entities, the entities in a range, the sentence of a token."""

from __future__ import annotations

from bisect import bisect_left, bisect_right


def doc_text(doc) -> str:
    """A spaCy ``Doc``'s text, kept once: ``Doc.text`` rebuilds the string from every
    token on each access, which dominated the extraction time."""
    text = doc.user_data.get("quotetrail_text")
    if text is None:
        text = doc.user_data["quotetrail_text"] = doc.text
    return text


def doc_ents(doc) -> tuple:
    """A ``Doc``'s entities, kept once for the same reason as ``doc_text``."""
    ents = doc.user_data.get("quotetrail_ents")
    if ents is None:
        ents = doc.user_data["quotetrail_ents"] = tuple(doc.ents)
    return ents


def ents_within(doc, start: int, end: int) -> tuple:
    """The entities of ``doc`` whose tokens lie in ``[start, end)``, found by bisection
    over their starts (kept once per ``Doc``) rather than by reading them all."""
    starts = doc.user_data.get("quotetrail_ent_starts")
    if starts is None:
        starts = doc.user_data["quotetrail_ent_starts"] = [e.start for e in doc_ents(doc)]
    ents = doc_ents(doc)
    return tuple(e for e in ents[bisect_left(starts, start):bisect_left(starts, end)]
                 if e.end <= end)


def index_sentences(doc) -> None:
    """Make ``Token.sent`` and ``Span.sent`` a bisection over the sentences, found once:
    spaCy walks every sentence of the document on each call, which the rules make for
    every quotation, so the time grew with the square of an article's length."""
    sents = list(doc.sents)
    starts = [s.start for s in sents]

    def sent_of(i: int):
        return sents[bisect_right(starts, i) - 1]

    doc.user_token_hooks["sent"] = lambda tok: sent_of(tok.i)
    doc.user_span_hooks["sent"] = lambda span: sent_of(span.start)
