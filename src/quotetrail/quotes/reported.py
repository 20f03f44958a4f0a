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
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from itertools import accumulate
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # spaCy is imported by load_model, not by importing this package
    from spacy.tokens import Doc, Span, Token

from quotetrail.quotes.attribution import (
    is_cue,
    lemma_in,
    opens_according_to,
    stray_conjunct,
    subject_of,
)
from quotetrail.quotes.lexicon import (
    ATTITUDE_ADJECTIVES,
    ATTITUDE_PREPS,
    ATTITUDE_VERBS,
    CHARGE_PREPS,
    CHARGE_VERBS,
    CUE_LEMMAS,
    EVIDENT_ADJECTIVES,
    INTENT_NOUNS,
    INTENT_VERBS,
    LIGHT_NOUNS,
    MEDIUM_NOUNS,
    NAMING_VERBS,
    OBJECT_VERBS,
    RECEIVING_VERBS,
    SIDE_NOUNS,
    SOURCE_NOUNS,
    SPEECH_NOUNS,
    STANCE_VERBS,
    TO_VERBS,
    TOPIC_PREPS,
    TOPIC_VERBS,
)
from quotetrail.quotes.parsed import doc_text
from quotetrail.quotes.works import titled_work
from quotetrail.text.marks import Spans, is_title

MIN_CONTENT_TOKENS = 3
_CONTENT_VERBS = (TO_VERBS | INTENT_VERBS | OBJECT_VERBS | ATTITUDE_VERBS | TOPIC_VERBS
                  | STANCE_VERBS | CHARGE_VERBS)
_INFINITIVE_VERBS = TO_VERBS | INTENT_VERBS
_PREDICATE_VERBS = NAMING_VERBS | OBJECT_VERBS | STANCE_VERBS | ATTITUDE_VERBS
_EDGE_PUNCT = set(",;:—–-\"“”'‘’")


@dataclass(frozen=True)
class Reported:
    """A span of reported speech and the tokens that attribute it."""

    start: int
    end: int
    cue: Token
    subject: Token | None  # None for "according to X" (``source`` holds X), or no one named
    source: Token | None = None


def _parts(tokens: list[Token], min_words: int = MIN_CONTENT_TOKENS) -> list[tuple[int, int]]:
    """Character spans of the contiguous runs of ``tokens`` (a clause around a
    parenthetical "…, he said, …" comes in two), without edge punctuation; none when
    the runs hold too few words. Contents come from one sentence, and sentences end at
    paragraph breaks (``load_model``), so a content stays in its paragraph."""
    runs: list[list[Token]] = []
    for tok in sorted(tokens, key=lambda t: t.i):
        if tok.is_space:
            continue
        if runs and tok.i == runs[-1][-1].i + 1:
            runs[-1].append(tok)
        else:
            runs.append([tok])
    parts, words = [], 0
    for run in runs:
        while run and (run[0].is_punct or run[0].text in _EDGE_PUNCT):
            run = run[1:]
        while run and (run[-1].is_punct or run[-1].text in _EDGE_PUNCT
                       or run[-1].dep_ == "cc"):  # "… should be released but"
            run = run[:-1]
        if run:
            words += sum(not t.is_punct for t in run)
            parts.append((run[0].idx, run[-1].idx + len(run[-1])))
    return parts if words >= min_words else []


_WH_WORDS = frozenset("which who whom whose where when".split())
_CONCESSIVE = frozenset("although though".split())


def _without_trailing_aside(tokens: list[Token], quoted: list[tuple[int, int]]) -> list[Token]:
    """The content without what the reporter adds at its end: where it was said ("… on
    Twitter", "… in a statement"), or, set off by a comma, a relative clause (", who is
    70", ", which …"), a participle (", citing …", ", known as …") or a concession (",
    although …"). Coordinated words (", but …", ", including …") and appositives stay
    (PolNeAR's annotators keep an appositive more often than not)."""
    if not tokens:
        return tokens
    last = max(t.i for t in tokens)
    ids = {t.i for t in tokens}
    doc = tokens[0].doc
    text, end = doc_text(doc), doc[last].idx + len(doc[last])
    for tok in sorted(tokens, key=lambda t: t.left_edge.i):
        start = tok.left_edge.i
        if tok.right_edge.i < last or start - 1 not in ids:
            continue
        first = doc[start]
        if (tok.dep_ == "prep" and tok.lower_ in ("on", "in", "via") and tok.i == start
                and any(c.dep_ == "pobj" and c.lower_ in MEDIUM_NOUNS for c in tok.children)
                and sum(t.i < start for t in tokens) >= 4):
            return [t for t in tokens if t.i < start]  # "… on Twitter": where it was said
        if doc[start - 1].text != ",":
            continue
        aside = (tok.dep_ == "relcl" and first.lower_ in _WH_WORDS
                 or tok.dep_ in ("advcl", "acl") and tok.tag_ in ("VBG", "VBN")
                 and all(t.dep_ == "advmod" for t in doc[start:tok.i])
                 and tok.lower_ != "including"
                 or tok.dep_ == "advcl" and first.lower_ in _CONCESSIVE)
        speech = any(first.idx <= s < end and not is_title(text[s:e]) for s, e in quoted)
        # quoted words in it are the speaker's: kept; unless it is a report of its own
        # (", saying that “…”"), which is then no longer inside this one
        if aside and (not speech or tok.tag_ == "VBG" and is_cue(tok)):
            return [t for t in tokens if t.i < start - 1]
    return tokens


def _without_stray_conjunct(tokens: list[Token]) -> list[Token]:
    """A stray conjunct ("accuse Doe of being “duped” and encourage …") and what follows
    it are the speaker's next act, not what was said."""
    inside = {t.i for t in tokens}
    stray = next((t for t in tokens if stray_conjunct(t) and t.head.i in inside), None)
    if stray is None:
        return tokens
    end = _end_before(stray, tokens[0].i)
    return [t for t in tokens if t.i <= end]


def _end_before(conj: Token, floor: int) -> int:
    """The last token before a conjunct, not the "and" or comma that joins it."""
    end = conj.left_edge.i - 1
    while end > floor and (conj.doc[end].dep_ == "cc" or conj.doc[end].is_punct):
        end -= 1
    return end


def _prep_objects(tok: Token, preps: frozenset[str],
                  deps: tuple[str, ...] = ("pobj", "pcomp")) -> list[Token]:
    """The objects of ``tok``'s prepositions in ``preps`` ("of lying", "about the plan")."""
    return [g for c in tok.children if c.dep_ == "prep" and c.lower_ in preps
            for g in c.children if g.dep_ in deps]


def _is_content_object(tok: Token) -> bool:
    """An object that is something said, not a person spoken to; a pronoun only with
    words of its own ("proposed nothing that would raise taxes")."""
    return (tok.ent_type_ not in ("PERSON", "ORG", "GPE", "NORP")
            and tok.right_edge.i - tok.left_edge.i + 1 >= MIN_CONTENT_TOKENS)


def _bare_pronoun(tok: Token) -> bool:
    """"It was declared by Nixon": a pronoun alone names nothing that was said."""
    return tok.pos_ == "PRON" and tok.left_edge == tok.right_edge


def _where_or_when(prep: Token) -> bool:
    """A preposition whose object is a medium or a date ("in an article", "on Tuesday")."""
    return any(o.dep_ == "pobj" and (o.lower_ in MEDIUM_NOUNS or o.ent_type_ in ("DATE", "TIME"))
               for o in prep.children)


def _circumstance(tok: Token) -> bool:
    """Where or when something was said, not what: "in an article", "on Tuesday", "last
    week"."""
    if tok.dep_ == "npadvmod":
        return tok.ent_type_ in ("DATE", "TIME")
    return tok.dep_ == "prep" and _where_or_when(tok)


def _without_circumstances(verb: Token, tokens: list[Token]) -> list[Token]:
    """``tokens`` without the verb's own circumstances ("described the plan in a column on
    Sunday as “…”")."""
    drop = {t.i for c in verb.children if _circumstance(c) for t in c.subtree}
    return [t for t in tokens if t.i not in drop]


def _object_predicate(verb: Token) -> list[Token] | None:
    """"called him a genius", "described her as a disgrace": object and predicate."""
    if not lemma_in(verb, _PREDICATE_VERBS):  # "dismissed it as a stunt"
        return None
    pred = [c for c in verb.children if c.i > verb.i and (
        c.dep_ == "oprd" or c.dep_ == "prep" and c.lower_ == "as")]
    if not pred:
        return None
    objs = [c for c in verb.children if c.dep_ == "dobj" and verb.i < c.i < pred[0].i]
    first = objs[0] if objs else pred[0]
    # "an explosion that the mayor described as …": the object is a relative word before
    # the verb, with the noun it stands for right before it
    lead = [c for c in verb.children if c.dep_ == "dobj" and c.i < verb.i
            and c.tag_ in ("WDT", "WP")][:1]
    lead = list(verb.doc[verb.head.left_edge.i : lead[0].i + 1]) if (
        lead and verb.dep_ == "relcl" and verb.head.i == lead[0].i - 1) else []
    # "condemned the test as “provocative” and a “grave threat”": a predicate the parser
    # coordinates with the verb is more of it
    more = [c for c in verb.children if c.i > pred[-1].i and c.dep_ in ("dobj", "oprd")
            and verb.doc[c.left_edge.i - 1].dep_ == "cc"]
    end = (more or pred)[-1].right_edge.i
    # "called him a master at bolting deals together": a phrase the parser hangs on the
    # verb right after the predicate belongs to it, unless it says where or when
    for c in verb.children:
        if (c.dep_ == "prep" and c.left_edge.i == end + 1 and not _circumstance(c)
                and c.lower_ != "during"):
            end = c.right_edge.i
    return ([] if objs else lead) + _without_circumstances(verb, list(
        verb.doc[first.left_edge.i : end + 1]))


_COMPLEMENT_DEPS = frozenset("dobj ccomp xcomp oprd prep attr acomp dative".split())


def _quoting_complement(verb: Token, quoted: list[tuple[int, int]]) -> list[Token] | None:
    """The complements after ``verb`` up to one that holds a quotation: what the verb
    reports, with the quoted words in it (a mixed quotation)."""
    right = [c for c in verb.children if c.i > verb.i and c.dep_ in _COMPLEMENT_DEPS]
    child = next((c for c in right if _holds_quote(c, quoted)), None)
    if child is None:
        return None
    if verb.lemma_ == "put":  # "as the paper put it in a profile, “the operator”"
        return _subtree(child)
    if lemma_in(verb, CUE_LEMMAS) and child.dep_ == "prep" and child.i + 1 < len(
            verb.doc) and verb.doc[child.i + 1].is_quote:
        # "likened the levy to “robbing the orchard”": what something is likened to
        # is the quotation alone, which its marks attribute (as with "accused Doe of
        # “…”"); not "likened them to a “sinking ship”", a phrase of the reporter's
        return None
    words = list(verb.doc[right[0].left_edge.i : child.right_edge.i + 1])
    # "responded to a critic by saying it was a “manufactured” issue": the report in
    # the complement is the one that says it
    return None if any(is_cue(t) and t.dep_ == "pcomp" and t.head.lower_ == "by"
                       for t in words) else words


def _noun_content(noun: Token) -> list[Reported]:
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
    topics = _prep_objects(noun, TOPIC_PREPS | {"over"})
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
    return [Reported(s, e, noun, owner) for s, e in _parts(_subtree(clauses[0]), least)]


def _attitude_content(adjective: Token) -> list[Reported]:
    """"Doe is confident that …", "they were willing to …", "were concerned about the
    shift": the clause or the object, held by the subject of the copula."""
    clauses = [c for c in adjective.children if c.dep_ in ("ccomp", "xcomp")]
    objects = _prep_objects(adjective, ATTITUDE_PREPS)
    subject = subject_of(adjective.head) if clauses or objects else None
    if subject is None:
        return []
    if clauses:
        return [Reported(s, e, adjective, subject) for s, e in _parts(_subtree(clauses[0]))]
    return [Reported(s, e, adjective, subject) for s, e in _parts(_subtree(objects[0]), 1)]


def _evident_content(adjective: Token) -> list[Reported]:
    """"It is clear that …": a claim the text makes in its own voice and presents as
    evident, with no speaker: worth flagging as unsourced."""
    clauses = [c for c in list(adjective.children) + list(adjective.head.children)
               if c.dep_ == "ccomp" and c.i > adjective.i]
    if not clauses:
        return []
    return [Reported(s, e, adjective, None) for s, e in _parts(_subtree(clauses[0]))]


def _holds_quote(tok: Token, quoted: list[tuple[int, int]]) -> bool:
    """A quotation (not a title) lies in ``tok``'s subtree; its closing full stop may
    hang on the sentence instead."""
    text = doc_text(tok.doc)
    lo, hi = tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge)
    return any(lo <= s and s + len(text[s:e].rstrip(".,;:!?")) <= hi
               and not is_title(text[s:e]) for s, e in quoted)


def _cast_as(verb: Token, second_object: bool = True) -> list[Token]:
    """What a verb casts something as: an object predicate, "as …" / "to …" ("hailed
    him as …", "likened them to …"), or the second of two objects ("called him “a
    genius”"), which alone says too little to make any verb a report. "According to"
    casts nothing: it names a source."""
    if verb.lower_ == "according":
        return []
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    return [c for c in verb.children if c.i > verb.i and (
        c.dep_ == "oprd" or c.dep_ == "prep" and c.lower_ in ("as", "to")
        or second_object and c.dep_ == "dobj" and c.i != objects[0].i)]


def casts_as(verb: Token, start: int, end: int) -> bool:
    """``text[start:end]`` lies in what the verb casts something as."""
    return any(c.left_edge.idx <= end and start <= c.right_edge.idx + len(c.right_edge)
               for c in _cast_as(verb))


def likens(verb: Token, quoted: list[tuple[int, int]]) -> bool:
    """Any verb that casts something as quoted words ("hailed him as “the comeback
    kid”", "likened them to a “vicious snake”"): a characterisation, so a report."""
    return any(_holds_quote(c, quoted) for c in _cast_as(verb, second_object=False))


_ASIDE_DEPS = frozenset("nsubj nsubjpass aux auxpass neg advmod npadvmod punct prep".split())


def _misparsed_quotation(clause: Token, cue: Token, quoted: Spans) -> bool:
    """A clause rooted in a quotation whose subtree reaches back before the quotation
    to a verb with a subject of its own ("Doe scolded him: “…” she said" parsed as said
    → is), or to a verb after the cue ("“…,” Doe said, suggesting a few questions,
    including, “Do you …?”" parsed as said → do); or rooted in a work's title ("In his
    book, “Make It Big,” Doe suggested …" parsed as suggested → Make)."""
    span = quoted.containing(clause.idx)
    if span is not None and titled_work(doc_text(clause.doc), *span):
        return True
    return span is not None and any(
        t.idx < span[0] and t.pos_ == "VERB" and (
            t.i > cue.i or any(c.dep_ == "nsubj" for c in t.children))
        for t in clause.subtree)


def _aside(cue: Token) -> bool:
    """"…, officials said." / "…, he said, …": the cue and its subject set off by a comma,
    with nothing of its own to say (not "…, and the senators warned of …")."""
    left = cue.left_edge
    return (left.i > 0 and cue.doc[left.i - 1].text == ","
            and all(c.dep_ in _ASIDE_DEPS for c in cue.children))


def _as_aside(cue: Token) -> bool:
    """"as Doe pointed out": the cue introduced by "as", with a speaker and nothing of
    its own to say (not "as she said goodbye", "as predicted")."""
    deps = [c.dep_ for c in cue.children]
    return any(c.dep_ == "mark" and c.lower_ == "as" for c in cue.children) and \
        "nsubj" in deps and all(d in _ASIDE_DEPS | {"mark", "prt"} for d in deps)


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


def _closing(r: Reported, quoted: list[tuple[int, int]], text: str) -> Reported:
    """A content ending inside a quotation it opened runs on to the closing mark: the
    quotation inside it stays whole, also when the parser hung its last words elsewhere
    (before, such a content was dropped for cutting the quotation in two). One that
    runs on past its last quotation into an aside set off by punctuation ("as a “crazy
    system” — a charge that stung") ends at the closing mark."""
    for s, e in quoted:
        if r.start < s < r.end <= e:
            return replace(r, end=_past_marks(text, e))
        if r.start == s and e < r.end and text[e - 1] == ",":
            # "“That makes me smart,” when she blasted him": the comma closes the clause,
            # so what is left is the quotation itself (dropped as such)
            return replace(r, end=e)
    inside = [e for s, e in quoted if r.start <= s and e <= r.end and not is_title(text[s:e])]
    if inside:
        end = _past_marks(text, max(inside))
        rest = text[end:r.end].lstrip()
        if rest and rest[0] in ",;:—–-(":
            return replace(r, end=end)
    return r


def _run_on(r: Reported, sent: Span, quoted: list[tuple[int, int]], text: str) -> Reported:
    """A mixed quotation the parse ends at a closing mark, when the sentence goes on with
    a prepositional phrase the parse hung elsewhere ("called it “a wake-up call” to his
    supporters"), runs on to the next comma, semicolon, dash or conjunction; not after
    "…,”", where the comma closes the clause, nor into how, where or when it was said."""
    if not any(r.start <= s and _past_marks(text, e) == r.end for s, e in quoted):
        return r
    words = [t for t in sent if t.idx >= r.end and not t.is_space]
    if not words or words[0].pos_ != "ADP" or text[r.end - 2:r.end - 1] == ",":
        return r
    if words[0].lower_ == "with" or _where_or_when(words[0]):  # "with a smile", "on Tuesday"
        return r
    rest = text[r.end:sent.end_char]
    stop = re.search(r"[,;:—–(]|\s-+\s|\s(and|but|or|while)\s|[.!?]\s*$", rest)
    end = r.end + (stop.start() if stop else len(rest.rstrip()))
    if any(r.end <= s < end for s, _ in quoted):
        return r
    return replace(r, end=end)


def _past_marks(text: str, end: int) -> int:
    while end < len(text) and text[end] in "”\"'’»":
        end += 1
    return end


def _to_break(r: Reported, text: str, quoted: list[tuple[int, int]]) -> Reported:
    """A semicolon outside quotation marks after the cue ends what was reported; the next
    clause is the reporter's again ("said the timing was not intentional; they only
    learned …"). So does a lone dash after the last quoted words of a mixed quotation."""
    k = text.find(";", r.start, r.end)
    dashes = [r.start + m.start()
              for m in re.finditer(r" (?:--|-|—|–) |—", text[r.start:r.end])]
    last_quote = max((e for s, e in quoted if r.start <= s < r.end), default=None)
    if k < 0 and len(dashes) == 1 and last_quote is not None and dashes[0] > last_quote:
        k = dashes[0]  # "taxing “pass through” income at a 15 percent rate -- far lower …"
    # (a cue after it reports both clauses: "…; it is meant to …, according to a speech")
    if k < 0 or any(s < k < e for s, e in quoted) or r.cue.idx > k:
        return r
    end = len(text[r.start:k].rstrip(" ,")) + r.start
    return replace(r, end=end) if end > r.start else r


def reported_speech(doc: Doc, quoted: list[tuple[int, int]]) -> list[Reported]:
    """Every stretch of reported speech in ``doc``, outside the marked quotations."""
    found: list[Reported] = []
    text = doc_text(doc)
    quoted = Spans(quoted)
    for sent in doc.sents:
        found.extend(_run_on(_closing(_to_break(r, text, quoted), quoted, text),
                             sent, quoted, text)
                     for r in _in_sentence(sent, quoted))
    unique, seen = [], set()
    for r in sorted(found, key=lambda r: (r.start, -r.end)):
        if (r.start, r.end) not in seen and not _crosses_any(r.start, r.end, quoted, text):
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


def _reported_clauses(tok: Token, quoted: list[tuple[int, int]], cue: bool) -> list[Token]:
    """The clauses a verb reports ("said that …", "asked whether …", "wants to …"),
    without those a misparse hangs on it: the words of a quotation it closes, or the
    reporter's own sentences around that quotation."""
    children = list(tok.children)
    clauses = [c for c in children if c.dep_ == "ccomp"
               or (c.dep_ == "advcl" and any(m.lower_ in ("if", "whether")
                                             for m in c.children if m.dep_ == "mark"))
               or (lemma_in(tok, _INFINITIVE_VERBS) and (c.dep_ == "xcomp" or c.dep_ == "advcl"
                   and any(a.lower_ == "to" and a.dep_ == "aux" for a in c.children)))]
    # "told a meeting of leaders that few people understood …", parsed as a relative
    # clause on the object: "that" marks it, so it is what was told
    if cue:
        clauses += [r for c in children if c.dep_ == "dobj" for r in c.subtree
                    if r.dep_ == "relcl" and any(m.dep_ == "mark" and m.lower_ == "that"
                                                 for m in r.children)]
    # “…,” she said: the clause the parser hangs on the cue lies in the quotation, and
    # the words before it ("Doe scolded him: “…") are another attribution, not content
    clauses = [c for c in clauses if not _misparsed_quotation(c, tok, quoted)]
    # "“…,” Doe told Roe, after he admitted …": the cue's clause is the quotation before
    # it; one the parser finds after it is the reporter's
    if any(c.i < tok.i and any(s <= c.idx < e <= tok.idx for s, e in quoted) for c in clauses):
        clauses = [c for c in clauses if c.i < tok.i]
    # "The statement cited …: “…,” the union wrote": a clause with a subject of its own
    # before the quotation the cue closes is the reporter's sentence, not what was written
    clauses = [c for c in clauses if not (
        any(c.right_edge.idx < s and e <= tok.idx for s, e in quoted) and _has_subject(c))]
    return clauses


def _has_subject(tok: Token) -> bool:
    return any(g.dep_ in ("nsubj", "nsubjpass", "expl") for g in tok.children)


def _goes_on(conj: Token, cue: Token, clause: Token, quoted: list[tuple[int, int]]) -> bool:
    """A verb the parser coordinates with the cue that is more of the reported
    ``clause``, not the speaker's next act:
    - a modal verb with no subject ("said it would depress revenue at first, but would
      add …", even with a cue's lemma);
    - a clause quoting the speaker ("said that it was too early, and there was “no
      evidence” yet"), or a bare infinitive quoting the speaker ("said she wanted to
      speak … and let them know that “…”");
    - a cue whose subject is the pronoun the clause opened with ("says she hopes to …,
      but she knows that “…”");
    - a bare infinitive after a reported infinitive ("wants to triple the program, grow
      the corps and create …")."""
    if not _has_subject(conj) and any(g.dep_ == "aux" and g.tag_ == "MD"
                                      for g in conj.children):
        return True
    said_by = [g.lower_ for g in clause.children if g.dep_ == "nsubj" and g.pos_ == "PRON"]
    if is_cue(conj) and not any(g.dep_ == "nsubj" and g.lower_ in said_by
                                for g in conj.children):
        return False
    if (_has_subject(conj) or conj.tag_ == "VB" and cue.tag_ != "VB") and _holds_quote(
            conj, quoted):
        return True
    return conj.tag_ == "VB" and cue.tag_ != "VB" and clause.dep_ == "xcomp" and not (
        _has_subject(conj))


def _clause_content(tok: Token, clauses: list[Token],
                    quoted: list[tuple[int, int]]) -> tuple[list[Token], int]:
    """The clause a verb reports, with what the parser splits off or coordinates that is
    more of it, and without the speaker's next act."""
    # "Doe said she felt … “…,” she said": the fronted clause is a report of its own,
    # and what it reports is what both cues report
    while clauses[0].i < tok.i and is_cue(clauses[0]) and _has_subject(clauses[0]):
        inner = [c for c in clauses[0].children if c.dep_ == "ccomp" and c.i > clauses[0].i]
        if not inner:
            break
        clauses = inner
    first = clauses[0]
    if first.dep_ in ("xcomp", "advcl"):  # "asked the crowd to welcome him"
        first = next((c for c in tok.children if c.dep_ == "dobj" and tok.i < c.i < first.i),
                     first)
    # an infinitive is whole in two words ("declined to comment")
    least = 2 if clauses[0].dep_ in ("xcomp", "advcl") else MIN_CONTENT_TOKENS
    last = clauses[0]
    more = [c for c in tok.children if c.dep_ == "conj" and c.i > last.i
            and _goes_on(c, tok, last, quoted)]
    end = (more[0] if more else last).right_edge.i
    # "said Doe has “respect” for the military and his comment was …": the parser
    # splits one clause in two, the second right where the first ends
    for c in clauses[1:]:  # (not a report of its own: "… and Democrats accused …")
        if c.i > last.i and c.left_edge.i == end + 1 and not is_cue(c):
            end = c.right_edge.i
    # "said it was opposed to the test and warned …": a cue the parser coordinates
    # inside the clause, with no subject of its own, is the speaker's next act
    acts = [c for c in last.children if c.dep_ == "conj" and is_cue(c)
            and c.tag_ in ("VBD", "VBZ", "VBP")  # finite: not "… or explain how"
            and not _has_subject(c)]
    if acts and not more:
        end = _end_before(acts[0], first.left_edge.i)
    return list(tok.doc[first.left_edge.i : end + 1]), least


def _charge_content(tok: Token, charge: Token, quoted: list[tuple[int, int]]) -> list[Token]:
    """"accused Doe of lying", "Doe was accused of fraud": who is charged, and with what
    (a pronoun stands for someone named before, so it is left out). A charge "of" quoted
    words ("accused Doe of “recklessness”") is those words alone: what the speaker said,
    with whom it was said of in the reporter's words (not "praised Doe for her “grit”")."""
    if charge.head.lower_ == "of" and _holds_quote(charge.head, quoted):
        return _without_circumstances(tok, _subtree(charge.head))
    about = [t for c in tok.children if c.dep_ == "nsubjpass" for t in _subtree(c)]
    charged = next((c for c in tok.children if c.dep_ == "dobj" and c.pos_ != "PRON"
                    and c.i < charge.i), charge)
    return about + _without_circumstances(
        tok, list(tok.doc[charged.left_edge.i : charge.right_edge.i + 1]))


def _aside_content(tok: Token, sent: Span, quoted: list[tuple[int, int]],
                   around: bool) -> list[Token]:
    """"The plan failed, officials said." / "The plan, he said, failed." / "As Doe
    pointed out, the plan failed": the clause the cue is attached to, without the cue's
    own words; the words after the cue only when the cue is set ``around`` the clause."""
    own = {t.i for t in _subtree(tok)}
    host = _subtree(tok.head)
    # "“…,” they said, under Article 21 …": after a quotation the cue closes, the
    # words that follow it are the reporter's, whatever the parse hangs them on
    before = [t for t in host if t.i < tok.i and t.i not in own and not t.is_punct]
    quoted_before = bool(before) and all(
        any(s <= t.idx < e for s, e in quoted) for t in before)
    # "During her years in office, Doe said, the plan …": a fronted phrase before the
    # aside says when or where, in the reporter's words (not one in quotation marks)
    fronted = {t.i for c in tok.head.children if c.i < tok.i and c.dep_ == "prep"
               and c.left_edge.i == tok.head.left_edge.i and not _holds_quote(c, quoted)
               for t in _subtree(c)}
    return [t for t in host if t.i not in own and t.i not in fronted and (
        t.i < tok.i or around and t.sent == sent and not quoted_before)]


def _verb_content(tok: Token, subject: Token | None, sent: Span, quoted: list[tuple[int, int]],
                  cue: bool, cast: bool) -> tuple[list[Token], int]:
    """The tokens a verb reports, and how many words they need at least; the first
    that the verb has of: a reported clause, a passive's subject, an object with its
    predicate, a charge, an object, a side taken, a topic, a complement holding quoted
    words, the clause an aside is set in."""
    children = list(tok.children)
    clauses = _reported_clauses(tok, quoted, cue)
    clauses.sort(key=lambda c: c.i < tok.i)  # what follows the cue first
    # "… anthem “A Change,” she added the words, “Jane Doe.”": what she added is the
    # quoted object after the cue, not the sentence before it
    fronted_only = cue and clauses and all(c.i < tok.i for c in clauses)
    if fronted_only and any(c.dep_ == "dobj" and c.i > tok.i and _holds_quote(c, quoted)
                            for c in children) and (holder := _quoting_complement(tok, quoted)):
        return holder, MIN_CONTENT_TOKENS
    if clauses:
        return _clause_content(tok, clauses, quoted)
    passive = [c for c in children if (c.dep_ in ("nsubjpass", "oprd")
               or c.dep_ == "prep" and c.lower_ == "as") and not _bare_pronoun(c)] if any(
        c.dep_ == "auxpass" for c in children) else []
    if passive and subject is not None and subject.i > tok.i:  # "Doe was called … by critics"
        return [t for c in passive for t in _subtree(c)], 1
    predicate = _object_predicate(tok)
    if predicate is not None:
        return predicate, MIN_CONTENT_TOKENS
    charge = [g for g in _prep_objects(tok, CHARGE_PREPS) if g.i > tok.i]
    # "accused the campaign of being “duped”": the parser may hang a charge that is an act
    # on the object (not "criticized the leader of the party")
    charge += [g for c in children if c.dep_ == "dobj" and c.i > tok.i
               for g in _prep_objects(c, CHARGE_PREPS, ("pcomp",))]
    if charge and lemma_in(tok, CHARGE_VERBS):
        return _charge_content(tok, charge[0], quoted), 1
    objects = [c for c in children if c.dep_ == "dobj" and _is_content_object(c)]
    if objects and lemma_in(tok, OBJECT_VERBS | ATTITUDE_VERBS):
        # "voiced support for the plan": what is supported is what was said (not a
        # measure: "the poll shows 40 percent support for the plan")
        topics = _prep_objects(objects[0], TOPIC_PREPS, ("pobj",))
        measured = any(c.dep_ in ("compound", "nummod") for c in objects[0].children)
        if topics and not measured and lemma_in(objects[0], LIGHT_NOUNS | SIDE_NOUNS):
            return _subtree(topics[0]), 2
        return _subtree(objects[0]), MIN_CONTENT_TOKENS
    # a side taken: even a bare name ("endorsed Doe"), or a pronoun with words of its own
    # ("backed some of his proposals"), not a bare "it"
    stance = [c for c in children if c.dep_ == "dobj" and not _bare_pronoun(c)]
    if stance and lemma_in(tok, STANCE_VERBS):  # "endorsed Jane Doe"
        return _subtree(stance[0]), 1
    topics = [g for g in _prep_objects(tok, TOPIC_PREPS, ("pobj",)) if g.pos_ != "PRON"
              and g.ent_type_ not in ("DATE", "TIME")]  # not "spoke for an hour"
    if topics and lemma_in(tok, TOPIC_VERBS):  # "called for new sanctions"
        return _subtree(topics[0]), 2
    if (cue or cast) and (holder := _quoting_complement(tok, quoted)):
        return holder, MIN_CONTENT_TOKENS  # "rated the claims “false”"
    around = cue and (tok.dep_ == "parataxis" or tok.dep_ == "advcl" and _as_aside(tok))
    if around or cue and tok.dep_ in ("advcl", "conj") and tok.head.i < tok.i and _aside(tok):
        return _aside_content(tok, sent, quoted, around), MIN_CONTENT_TOKENS
    return [], MIN_CONTENT_TOKENS


def _agentless(verb: Token) -> list[Reported]:
    """"Doe was accused of fraud", "the vote is expected to fail": a passive report that
    names no one, about its subject."""
    if not any(c.dep_ == "auxpass" for c in verb.children):
        return []
    about = [c for c in verb.children  # not "who": a relative pronoun alone says nothing
             if c.dep_ == "nsubjpass" and c.tag_ not in ("WP", "WDT")]
    what = [c for c in verb.children if c.i > verb.i and (
        c.dep_ in ("xcomp", "ccomp", "oprd") or c.dep_ == "prep" and c.lower_ == "as")]
    what += [g for g in _prep_objects(verb, CHARGE_PREPS) if g.i > verb.i]
    what.sort(key=lambda t: t.i)
    if not about or not what:
        return []
    return [Reported(s, e, verb, None)
            for s, e in _parts(_subtree(about[0]) + _subtree(what[0]), 2)]


def _according_to(tok: Token, sent: Span, quoted: list[tuple[int, int]]) -> list[Reported]:
    """"according to X, …": the rest of the sentence, from X."""
    objs = [c for c in tok.doc[tok.i + 1].children if c.dep_ == "pobj"]
    # "according to show insiders", misread as a verb and its object
    objs += [g for c in tok.doc[tok.i + 1].children if c.dep_ == "pcomp"
             for g in c.children if g.dep_ == "dobj"]
    return _rest_of_sentence(tok, objs[0], sent, quoted) if objs else []


def _in_source(tok: Token, sent: Span, quoted: list[tuple[int, int]]) -> list[Reported]:
    """"In the latest poll, …": the rest of the sentence, from the poll."""
    objs = [c for c in tok.children if c.dep_ == "pobj" and lemma_in(c, SOURCE_NOUNS)]
    return _rest_of_sentence(tok, objs[0], sent, quoted) if objs else []


def _rest_of_sentence(tok: Token, source: Token, sent: Span,
                      quoted: list[tuple[int, int]]) -> list[Reported]:
    """The sentence without the phrase naming the source, quoted phrases and all ("the
    move reeks of “fear”"); not when someone in it speaks with a cue of their own
    ("according to X, Y said, “…”" is Y's quotation, sourced from X)."""
    phrase = {t.i for t in _subtree(tok)}
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
            for start, end in _parts([t for t in sent if t.i not in phrase])]


_FINITE = frozenset("VBD VBZ VBP MD".split())


def _set_between_commas(cue: Token, sent: Span) -> tuple[Token, list[Token]] | None:
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


def _in_sentence(sent: Span, quoted: list[tuple[int, int]]) -> list[Reported]:
    out = []
    for tok in sent:
        if quoted.covers(tok.idx):
            continue
        cue = is_cue(tok)
        # any verb with a that-clause ("Doe conceded that …") reports what the clause says
        clausal = tok.pos_ == "VERB" and any(c.dep_ == "ccomp" and any(
            m.lower_ == "that" for m in c.children if m.dep_ == "mark") for c in tok.children)
        cast = tok.pos_ == "VERB" and likens(tok, quoted)
        if cue or clausal or cast or tok.pos_ == "VERB" and lemma_in(tok, _CONTENT_VERBS):
            between = _set_between_commas(tok, sent) if cue else None
            subject = between[0] if between else subject_of(tok, quoted)
            if subject is None and any(c.dep_ == "auxpass" for c in tok.children):
                out.extend(_agentless(tok))
                continue
            if subject is None and not (cue or clausal):
                continue
            # with no subject the parser can find ("from saying that …", "announcing
            # that …"), the report is kept without a speaker
            content, least = (between[1], MIN_CONTENT_TOKENS) if between else _verb_content(
                tok, subject, sent, quoted, cue, cast)
            own = {tok.i}  # never the speaker or cue
            if subject is not None:
                own |= {t.i for t in _subtree(subject)}
                if subject.head.lower_ == "by":
                    own.add(subject.head.i)
            kept = _without_trailing_aside([t for t in content if t.i not in own], quoted)
            kept = _without_stray_conjunct(kept)
            if (len(kept) > 2 and _bare_pronoun(kept[0]) and kept[0].head.i == tok.i
                    and kept[1].is_quote):  # "called them “lone wolves”": the quoted words
                kept = kept[1:]
            for start, end in _parts(kept, least):
                out.append(Reported(start, end, tok, subject))
        elif tok.pos_ == "NOUN" and lemma_in(tok, SPEECH_NOUNS | INTENT_NOUNS | LIGHT_NOUNS):
            out.extend(_noun_content(tok))
        elif tok.pos_ == "ADJ" and tok.dep_ == "acomp" and tok.lower_ in ATTITUDE_ADJECTIVES:
            out.extend(_attitude_content(tok))
        elif tok.pos_ == "ADJ" and tok.lower_ in EVIDENT_ADJECTIVES:
            out.extend(_evident_content(tok))
        elif opens_according_to(tok):
            out.extend(_according_to(tok, sent, quoted))
        elif tok.lower_ == "in" and tok.i == sent.start and tok.head.dep_ == "ROOT":
            out.extend(_in_source(tok, sent, quoted))
    return out
