"""Reported (indirect) speech: what a reporting word governs in the dependency parse.

A verb's that-clause ("conceded that …"), the complement of a verb of saying ("urged
them to …", "asked whether …", "called for …", "criticized the veto", "called him a
genius"), what someone wants, plans or feels ("wants to …", "is confident that …",
"concerned about …"), the object of a verb taking a side, pointing at something or
judging it ("endorsed Jane Doe", "mentioned Doe", "downplayed the risks"), what someone
speaks or thinks about ("railed against the banks"), a charge ("accused Doe of
lying"), the subject of a passive report ("Doe was called a fraud by critics"; "Doe
was accused of fraud", said by no one named), the words around a quotation a verb
casts something as ("likened them to a “vicious snake”"), the that-clause of a noun of
saying ("her claim that …") and what an owned noun of intent means to do ("the
council's decision to …"), the clause an aside is set in ("…, officials said"; "The
plan, she said, failed", in two parts; "As Doe pointed out, …"), and the rest of an
"according to X" or "In the latest poll, …" sentence. The cue and the speaker are
never part of the content, the content stays in the cue's sentence and ends at a
semicolon after the cue, and a report inside another's content ("said she believes …")
is part of it, not a second attribution.

The reading is cue-centred: each word is tried as a cue, in the order of ``CUE_KINDS``;
a verb is read by the ordered constructions of ``verbs.CONSTRUCTIONS``, and every
content is trimmed to its edges by ``contents``. Each row names the construction that
read it (``Reported.how``).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import replace
from itertools import accumulate
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # spaCy is imported by load_model, not by importing this package
    from spacy.tokens import Doc, Span, Token

from quotetrail.quotes.attribution import is_cue, lemma_in, opens_according_to, subject_of
from quotetrail.quotes.contents import (
    MIN_CONTENT_TOKENS,
    Reported,
    closing,
    crosses_any,
    parts,
    run_on,
    subtree,
    to_break,
    without_stray_conjunct,
    without_trailing_aside,
)
from quotetrail.quotes.lexicon import (
    ATTITUDE_ADJECTIVES,
    EVIDENT_ADJECTIVES,
    INTENT_NOUNS,
    LIGHT_NOUNS,
    SPEECH_NOUNS,
)
from quotetrail.quotes.parsed import doc_text
from quotetrail.quotes.phrases import (
    according_to,
    agentless,
    attitude_content,
    evident_content,
    in_source,
    noun_content,
    set_between_commas,
)
from quotetrail.quotes.verbs import (
    CONTENT_VERBS,
    Construction,
    Verb,
    casts_as,
    likens,
    verb_content,
)
from quotetrail.text.marks import Spans

__all__ = ["Reported", "casts_as", "reported_speech"]


def reported_speech(doc: Doc, quoted: list[tuple[int, int]]) -> list[Reported]:
    """Every stretch of reported speech in ``doc``, outside the marked quotations."""
    found: list[Reported] = []
    text = doc_text(doc)
    quoted = Spans(quoted)
    for sent in doc.sents:
        found.extend(run_on(closing(to_break(r, text, quoted), quoted, text),
                             sent, quoted, text)
                     for r in _in_sentence(sent, quoted))
    unique, seen = [], set()
    for r in sorted(found, key=lambda r: (r.start, -r.end)):
        if (r.start, r.end) not in seen and not crosses_any(r.start, r.end, quoted, text):
            seen.add((r.start, r.end))
            unique.append(r)
    # "said she wanted to …": a report inside what was said is part of it, not a report
    # of its own (words quoted in it go with the outer report: see ``quotes_in``)
    starts = [o.start for o in unique]
    reach = list(accumulate((o.end for o in unique), max))
    return [r for r in unique if not _inside_another(r, unique, starts, reach)]


def _inside_another(r: Reported, reports: list[Reported], starts: list[int],
                    reach: list[int]) -> bool:
    """Whether ``r``'s cue stands inside a report with another cue. ``reports`` is sorted
    by start (``starts``; ``reach``: the furthest end so far): only the reports that
    start before the cue and may still hold it are read."""
    x, j = r.cue.idx, bisect_right(starts, r.cue.idx) - 1
    while j >= 0 and reach[j] > x:
        o = reports[j]
        if x < o.end and o.cue.i != r.cue.i:
            return True
        j -= 1
    return False


def _verb_reports(tok: Token, sent: Span, quoted: Spans) -> list[Reported] | None:
    """A verb cue ("said", "conceded that …"), a verb with a that-clause, one that casts
    something as quoted words, or one whose complement is what someone wants, holds or
    means: its speaker and what it reports. None for any other word."""
    cue = is_cue(tok)
    # any verb with a that-clause ("Doe conceded that …") reports what the clause says
    clausal = tok.pos_ == "VERB" and any(c.dep_ == "ccomp" and any(
        m.lower_ == "that" for m in c.children if m.dep_ == "mark") for c in tok.children)
    cast = tok.pos_ == "VERB" and likens(tok, quoted)
    if not (cue or clausal or cast or tok.pos_ == "VERB" and lemma_in(tok, CONTENT_VERBS)):
        return None
    between = set_between_commas(tok, sent) if cue else None
    subject = between[0] if between else subject_of(tok, quoted)
    if subject is None and any(c.dep_ == "auxpass" for c in tok.children):
        return [replace(r, how=AGENTLESS.name) for r in agentless(tok)]
    if subject is None and not (cue or clausal):
        return []
    # with no subject the parser can find ("from saying that …", "announcing that …"),
    # the report is kept without a speaker
    if between:
        content, least, how = between[1], MIN_CONTENT_TOKENS, BETWEEN_COMMAS.name
    else:
        content, least, how = verb_content(Verb(tok, subject, sent, quoted, cue, cast))
    own = {tok.i}  # never the speaker or cue
    if subject is not None:
        own |= {t.i for t in subtree(subject)}
        if subject.head.lower_ == "by":
            own.add(subject.head.i)
    kept = without_trailing_aside([t for t in content if t.i not in own], quoted)
    kept = without_stray_conjunct(kept)
    return [Reported(start, end, tok, subject, how=how) for start, end in parts(kept, least)]


def _noun(tok: Token, sent: Span, quoted: Spans) -> list[Reported] | None:
    if tok.pos_ == "NOUN" and lemma_in(tok, SPEECH_NOUNS | INTENT_NOUNS | LIGHT_NOUNS):
        return noun_content(tok)
    return None


def _attitude(tok: Token, sent: Span, quoted: Spans) -> list[Reported] | None:
    if tok.pos_ == "ADJ" and tok.dep_ == "acomp" and tok.lower_ in ATTITUDE_ADJECTIVES:
        return attitude_content(tok)
    return None


def _evident(tok: Token, sent: Span, quoted: Spans) -> list[Reported] | None:
    return evident_content(tok) if tok.pos_ == "ADJ" and tok.lower_ in EVIDENT_ADJECTIVES \
        else None


def _according(tok: Token, sent: Span, quoted: Spans) -> list[Reported] | None:
    return according_to(tok, sent, quoted) if opens_according_to(tok) else None


def _source(tok: Token, sent: Span, quoted: Spans) -> list[Reported] | None:
    if tok.lower_ == "in" and tok.i == sent.start and tok.head.dep_ == "ROOT":
        return in_source(tok, sent, quoted)
    return None


# How a verb is read before its constructions: when set between commas in the clause it
# reports, or when passive with no one named.
BETWEEN_COMMAS = Construction(
    "set between commas", "These drivers, the manager explained at the hearing, were "
    "well paid.", "were well paid", None)
AGENTLESS = Construction(
    "passive, no one named", "The bridge is expected to reopen in June.", "The bridge",
    agentless)

# In order: the first kind a word is (a verb cue, a noun of saying, …) reads it, even
# when it finds nothing.
CUE_KINDS = (
    Construction("verb", "", "", _verb_reports),  # read by verbs.CONSTRUCTIONS
    Construction("noun of saying", "The mayor's claim that the bridge is safe drew jeers.",
                 "that the bridge is safe", _noun),
    Construction("adjective of attitude", "The nurses were confident that the strike "
                 "would end soon.", "that the strike would end soon", _attitude),
    Construction("adjective of evidence", "It is clear that the budget falls short.",
                 "that the budget falls short", _evident),
    Construction("according to", "According to the coach, the team will travel on "
                 "Friday.", "the team will travel on Friday", _according),
    Construction("in a source", "In the latest survey, most residents backed the levy.",
                 "most residents backed the levy", _source),
)


def _in_sentence(sent: Span, quoted: Spans) -> list[Reported]:
    out = []
    for tok in sent:
        if quoted.covers(tok.idx):
            continue
        for kind in CUE_KINDS:
            found = kind.read(tok, sent, quoted)
            if found is not None:
                out.extend(r if r.how else replace(r, how=kind.name) for r in found)
                break
    return out
