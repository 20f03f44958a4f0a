"""Reported (indirect) speech: "X said that …", "…, sources said", "according to X, …".

The content is the clause the reporting verb governs (its clausal complement in the
dependency parse, with the complementiser "that"), or, when the attribution follows
the clause ("…, officials said"), the clause it is attached to; the cue itself and
the speaker are not part of the content.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # spaCy is imported by load_model, not by importing this package
    from spacy.tokens import Doc, Span, Token

from quotetrail.quotes.attribution import NAMING_VERBS, is_cue, subject_of

MIN_CONTENT_TOKENS = 3
# Verbs whose infinitive complement is what was said ("urged them to act").
TO_VERBS = frozenset("urge vow pledge promise threaten ask call demand warn tell advise "
                     "encourage invite order decline refuse agree offer propose".split())
# Verbs whose prepositional object is what was said ("called for sanctions").
TOPIC_VERBS = frozenset("call ask push argue warn talk speak complain boast write comment "
                        "testify campaign press lobby appeal plead".split())
TOPIC_PREPS = frozenset("for about against of on".split())
# Verbs whose object is what was said ("cited the polls", "criticized the veto").
OBJECT_VERBS = frozenset("cite criticize criticise praise blast slam attack blame defend "
                         "question deny dispute reject dismiss announce reveal disclose report "
                         "describe characterize mention highlight express convey accuse "
                         "applaud welcome denounce condemn decry lament predict propose "
                         "recommend demand suggest acknowledge admit confirm".split())
_EDGE_PUNCT = set(",;:—–-\"“”'‘’")


@dataclass(frozen=True)
class Reported:
    """A span of reported speech and the tokens that attribute it."""

    start: int
    end: int
    cue: Token
    subject: Token | None  # None for "according to X" (``source`` holds X)
    source: Token | None = None


def _trim(tokens: list[Token]) -> tuple[int, int] | None:
    """Character span of the tokens without leading/trailing punctuation."""
    while tokens and (tokens[0].is_punct or tokens[0].text in _EDGE_PUNCT):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct or tokens[-1].text in _EDGE_PUNCT):
        tokens = tokens[:-1]
    if sum(not t.is_punct for t in tokens) < MIN_CONTENT_TOKENS:
        return None
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
    if "\n" in tokens[0].doc.text[start:end]:
        return None  # reported speech stays within its paragraph
    return start, end


def _is_content_object(tok: Token) -> bool:
    """An object that is something said, not a person or a pronoun spoken to."""
    return (tok.pos_ != "PRON" and tok.ent_type_ not in ("PERSON", "ORG", "GPE", "NORP")
            and tok.right_edge.i - tok.left_edge.i + 1 >= MIN_CONTENT_TOKENS)


def _object_predicate(verb: Token) -> list[Token] | None:
    """"called him a genius", "described her as a disgrace": object and predicate."""
    if verb.lemma_ not in NAMING_VERBS:
        return None
    pred = [c for c in verb.children if c.i > verb.i and (
        c.dep_ == "oprd" or c.dep_ == "prep" and c.lower_ == "as")]
    if not pred:
        return None
    objs = [c for c in verb.children if c.dep_ == "dobj" and verb.i < c.i < pred[0].i]
    first = objs[0] if objs else pred[0]
    return list(verb.doc[first.left_edge.i : pred[-1].right_edge.i + 1])


def _subtree(tok: Token) -> list[Token]:
    return list(tok.doc[tok.left_edge.i : tok.right_edge.i + 1])


def _crosses_any(start: int, end: int, spans: list[tuple[int, int]], text: str) -> bool:
    """Inside a marked quotation, or cutting one in two: the speaker's words, not the
    reporter's. A reported clause may still hold whole quoted phrases (mixed quotation)."""
    for s, e in spans:
        if s <= start and end <= e:
            return True
        if s < start < e and re.search(r"\w", text[s:start]):
            return True
        if s < end < e and re.search(r"\w", text[end:e]):
            return True
    return False


def reported_speech(doc: Doc, quoted: list[tuple[int, int]]) -> list[Reported]:
    """Every stretch of reported speech in ``doc``, outside the marked quotations."""
    found: list[Reported] = []
    for sent in doc.sents:
        found.extend(_in_sentence(sent, quoted))
    unique, seen = [], set()
    for r in sorted(found, key=lambda r: (r.start, -r.end)):
        if (r.start, r.end) not in seen and not _crosses_any(r.start, r.end, quoted,
                                                                doc.text):
            seen.add((r.start, r.end))
            unique.append(r)
    return unique


def _in_sentence(sent: Span, quoted: list[tuple[int, int]]) -> list[Reported]:
    out = []
    for tok in sent:
        if any(s <= tok.idx < e for s, e in quoted):
            continue
        if is_cue(tok):
            subject = subject_of(tok)
            if subject is None:
                continue
            clauses = [c for c in tok.children if c.dep_ == "ccomp"
                       or (c.dep_ == "advcl" and any(m.lower_ in ("if", "whether")
                                                     for m in c.children if m.dep_ == "mark"))
                       or (c.dep_ == "xcomp" and tok.lemma_ in TO_VERBS)]
            objects = [c for c in tok.children if c.dep_ == "dobj" and _is_content_object(c)]
            topics = [g for c in tok.children if c.dep_ == "prep" and c.lower_ in TOPIC_PREPS
                      for g in c.children if g.dep_ == "pobj" and _is_content_object(g)]
            predicate = _object_predicate(tok)
            if clauses:
                first = clauses[0]
                if first.dep_ == "xcomp":  # "asked the crowd to welcome him"
                    first = next((c for c in tok.children if c.dep_ == "dobj"
                                  and tok.i < c.i < first.i), first)
                span = _trim(list(tok.doc[first.left_edge.i : clauses[0].right_edge.i + 1]))
            elif predicate is not None:
                span = _trim(predicate)
            elif objects and tok.lemma_ in OBJECT_VERBS:
                span = _trim(_subtree(objects[0]))
            elif topics and tok.lemma_ in TOPIC_VERBS:  # "called for new sanctions"
                span = _trim(_subtree(topics[0]))
            elif tok.dep_ == "parataxis" or (tok.dep_ in ("advcl", "conj")
                                             and tok.head.i < tok.i):
                # "The plan failed, officials said." / "But, he said, the plan failed."
                # — the clause the cue is attached to, without the cue's own words
                own = {t.i for t in _subtree(tok)}
                span = _trim([t for t in _subtree(tok.head) if t.i not in own
                              and (t.i < tok.i or tok.dep_ == "parataxis") and t.sent == sent])
            else:
                span = None
            if span and not span[0] <= subject.idx < span[1]:
                out.append(Reported(span[0], span[1], tok, subject))
        elif tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and \
                tok.doc[tok.i + 1].lower_ == "to":
            objs = [c for c in tok.doc[tok.i + 1].children if c.dep_ == "pobj"]
            # not when the sentence quotes someone in marks ("according to X, Y said,
            # “…”" is Y's quotation, sourced from X, and already a quotation of its own)
            in_marks = any(sent.start_char <= s < sent.end_char for s, _ in quoted)
            if not objs or in_marks:
                continue
            phrase = {t.i for t in _subtree(tok)}
            rest = [t for t in sent if t.i not in phrase]
            span = _trim(rest)
            if span:
                out.append(Reported(span[0], span[1], tok, None, objs[0]))
    return out
