"""Cues that are not verbs, and verbs read as a whole sentence: nouns of saying ("her
claim that …"), adjectives of attitude ("is confident that …") and of evidence ("it is
clear that …"), a passive report naming no one, "according to X" and "In the latest
poll, …", and a cue set between commas inside the clause it reports."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

from quotetrail.quotes.attribution import is_cue, lemma_in, subject_of
from quotetrail.quotes.contents import MIN_CONTENT_TOKENS, Reported, parts, subtree
from quotetrail.quotes.lexicon import (
    ATTITUDE_PREPS,
    CHARGE_PREPS,
    HOLDING_VERBS,
    INTENT_NOUNS,
    LIGHT_NOUNS,
    RECEIVING_VERBS,
    SOURCE_NOUNS,
    SPEECH_NOUNS,
    TOPIC_PREPS,
)
from quotetrail.quotes.verbs import prep_objects


def noun_content(noun: Token) -> list[Reported]:
    """"Doe's claim that …", "warnings from Doe that …": the clause, said by the owner
    of the noun or by whoever it comes from; "Doe's decision to …": what Doe intends.
    As the object of a verb ("raised questions about the audit", "made the case for
    Doe", "lodged a request to publish the minutes"), the noun's topic or infinitive, said
    by the verb's subject; with an owner, its topic ("her criticism of the plan")."""
    poss = next((c for c in noun.children if c.dep_ == "poss"), None)
    clauses = [c for c in noun.children if c.dep_ in ("acl", "ccomp") and any(
        m.lower_ == "that" and m.dep_ == "mark" for m in c.children)
        and lemma_in(noun, SPEECH_NOUNS)]
    infinitives = [c for c in noun.children if c.dep_ == "acl" and any(
        m.lower_ == "to" and m.dep_ == "aux" for m in c.children)]
    if poss is not None and lemma_in(noun, INTENT_NOUNS):
        clauses += infinitives
    owner = poss or next(
        (g for c in noun.children if c.dep_ == "prep" and c.lower_ in ("from", "by")
         for g in c.children if g.dep_ == "pobj"), None)
    least = MIN_CONTENT_TOKENS
    topics = prep_objects(noun, TOPIC_PREPS | {"over"})
    if not clauses and noun.dep_ == "dobj" and noun.head.pos_ == "VERB" and lemma_in(
            noun, SPEECH_NOUNS | LIGHT_NOUNS):  # not "complicates efforts to …"
        # "faced questions about …": the questions come from others, not named
        received = lemma_in(noun.head, RECEIVING_VERBS)
        owner = owner or (None if received else subject_of(noun.head))
        if owner is None and not received:
            return []
        clauses, least = infinitives or topics, 2
    elif not clauses and poss is not None:  # "her criticism of the plan"
        clauses, least = topics, 2
    if not clauses:
        return []
    if owner is None:  # "raised the concern that …", "clung to the hope that …"
        owner = _holder(noun)
    return [Reported(s, e, noun, owner) for s, e in parts(subtree(clauses[0]), least)]


def _holder(noun: Token) -> Token | None:
    """Whoever holds a claim, hope or idea that no one owns in its own words: the subject
    of a verb of voicing or holding it ("raised the concern that …", "clung to the hope
    that …"), or of the clause it is the aim of ("protested in the hope that …"). Not
    of a verb that weighs or rejects it ("mocked the idea that …"): that subject may not
    hold it, and the claim stays with no one named."""
    if noun.dep_ == "dobj":
        verb, prep = noun.head, None
    elif noun.dep_ == "pobj" and noun.head.dep_ == "prep":
        verb, prep = noun.head.head, noun.head.lower_
    else:
        return None
    if verb.pos_ not in ("VERB", "AUX") or not (
            prep == "in" or prep in (None, "to") and lemma_in(verb, HOLDING_VERBS)):
        return None
    return subject_of(verb)


def attitude_content(adjective: Token) -> list[Reported]:
    """"Doe is confident that …", "they were willing to …", "were concerned about the
    shift": the clause or the object, held by the subject of the copula."""
    clauses = [c for c in adjective.children if c.dep_ in ("ccomp", "xcomp")]
    objects = prep_objects(adjective, ATTITUDE_PREPS)
    subject = subject_of(adjective.head) if clauses or objects else None
    if subject is None:
        return []
    if clauses:
        return [Reported(s, e, adjective, subject) for s, e in parts(subtree(clauses[0]))]
    return [Reported(s, e, adjective, subject) for s, e in parts(subtree(objects[0]), 1)]


def evident_content(adjective: Token) -> list[Reported]:
    """"It is clear that …": a claim the text makes in its own voice and presents as
    evident, with no speaker: worth flagging as unsourced."""
    clauses = [c for c in list(adjective.children) + list(adjective.head.children)
               if c.dep_ == "ccomp" and c.i > adjective.i]
    if not clauses:
        return []
    return [Reported(s, e, adjective, None) for s, e in parts(subtree(clauses[0]))]



def agentless(verb: Token) -> list[Reported]:
    """"Doe was accused of fraud", "the vote is expected to fail": a passive report that
    names no one, about its subject."""
    if not any(c.dep_ == "auxpass" for c in verb.children):
        return []
    about = [c for c in verb.children  # not "who": a relative pronoun alone says nothing
             if c.dep_ == "nsubjpass" and c.tag_ not in ("WP", "WDT")]
    what = [c for c in verb.children if c.i > verb.i and (
        c.dep_ in ("xcomp", "ccomp", "oprd") or c.dep_ == "prep" and c.lower_ == "as")]
    what += [g for g in prep_objects(verb, CHARGE_PREPS) if g.i > verb.i]
    what.sort(key=lambda t: t.i)
    if not about or not what:
        return []
    return [Reported(s, e, verb, None)
            for s, e in parts(subtree(about[0]) + subtree(what[0]), 2)]


def according_to(tok: Token, sent: Span, quoted: list[tuple[int, int]]) -> list[Reported]:
    """"according to X, …": the rest of the sentence, from X."""
    objs = [c for c in tok.doc[tok.i + 1].children if c.dep_ == "pobj"]
    # "according to show insiders", misread as a verb and its object
    objs += [g for c in tok.doc[tok.i + 1].children if c.dep_ == "pcomp"
             for g in c.children if g.dep_ == "dobj"]
    return _rest_of_sentence(tok, objs[0], sent, quoted) if objs else []


def in_source(tok: Token, sent: Span, quoted: list[tuple[int, int]]) -> list[Reported]:
    """"In the latest poll, …": the rest of the sentence, from the poll."""
    objs = [c for c in tok.children if c.dep_ == "pobj" and lemma_in(c, SOURCE_NOUNS)]
    return _rest_of_sentence(tok, objs[0], sent, quoted) if objs else []


def _rest_of_sentence(tok: Token, source: Token, sent: Span,
                      quoted: list[tuple[int, int]]) -> list[Reported]:
    """The sentence without the phrase naming the source, quoted phrases and all ("the
    move reeks of “fear”"); not when someone in it speaks with a cue of their own
    ("according to X, Y said, “…”" is Y's quotation, sourced from X)."""
    phrase = {t.i for t in subtree(tok)}
    comma = next((t for t in tok.doc[source.i : sent.end] if t.text == ","), None)
    if comma is not None and all(t.i in phrase or t.is_punct for t in sent):
        # "According to Doe, the move reeks of …", the clause parsed into the phrase (as
        # an appositive to the source): the phrase ends at the comma after the source
        phrase = {t.i for t in tok.doc[min(phrase) : comma.i + 1]}
    if any(sent.start_char <= s < sent.end_char for s, _ in quoted) and any(
            is_cue(t) for t in sent if t.i not in phrase
            and not any(s <= t.idx < e for s, e in quoted)):
        return []
    return [Reported(start, end, tok, None, source)
            for start, end in parts([t for t in sent if t.i not in phrase])]


_FINITE = frozenset("VBD VBZ VBP MD".split())


def set_between_commas(cue: Token, sent: Span) -> tuple[Token, list[Token]] | None:
    """"These employees, Doe explained in the hearing, were “well-paid”": a cue and its
    speaker set between commas inside the clause they report, read from the words
    themselves when the parser took the cue for the root of the sentence (and often the
    fronted noun for its subject). (speaker, content) or None."""
    doc = cue.doc
    if cue.dep_ != "ROOT":  # parsed as an aside ("The plan, he said, failed"): read as such
        return None
    before = [t for t in doc[sent.start : cue.i] if t.text == ","]
    after = [t for t in doc[cue.i + 1 : sent.end] if t.text == ","]
    if not before or not after:
        return None
    c1, c2 = before[-1].i, after[0].i
    fronted, speaker, modifier = doc[sent.start : c1], doc[c1 + 1 : cue.i], doc[cue.i + 1 : c2]
    rest = [t for t in doc[c2 + 1 : sent.end] if not t.is_quote]
    if not (len(fronted) and len(speaker) and rest and rest[0].tag_ in _FINITE):
        return None
    if any(t.pos_ in ("VERB", "AUX", "SCONJ") or t.is_quote or t.text == ","
           for span in (fronted, speaker, modifier) for t in span) or fronted[0].pos_ in (
            "ADP", "ADV", "CCONJ"):  # "In May, …", "Yet, …": not a subject
        return None
    nouns = [t for t in speaker if t.pos_ in ("NOUN", "PROPN", "PRON")
             and not (speaker.start <= t.head.i < speaker.end)]
    if not nouns or not any(t.pos_ in ("NOUN", "PROPN", "PRON") for t in fronted):
        return None
    return nouns[-1], list(fronted) + list(doc[c2 + 1 : sent.end])

