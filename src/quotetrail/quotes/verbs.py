"""What a reporting verb governs: the ordered, named constructions that turn a verb cue
into the content it reports. The first that applies wins; each carries a made-up
example and what it reports there, which ``tests/test_constructions.py`` reads."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

from quotetrail.quotes.attribution import is_cue, lemma_in
from quotetrail.quotes.contents import (
    MIN_CONTENT_TOKENS,
    end_before,
    holds_quote,
    subtree,
    where_or_when,
)
from quotetrail.quotes.lexicon import (
    ATTITUDE_VERBS,
    CHARGE_PREPS,
    CHARGE_VERBS,
    CUE_LEMMAS,
    INTENT_VERBS,
    NAMING_VERBS,
    OBJECT_VERBS,
    STANCE_VERBS,
    TO_VERBS,
    TOPIC_PREPS,
    TOPIC_VERBS,
)
from quotetrail.quotes.parsed import doc_text
from quotetrail.quotes.works import titled_work
from quotetrail.text.marks import Spans

CONTENT_VERBS = (TO_VERBS | INTENT_VERBS | OBJECT_VERBS | ATTITUDE_VERBS | TOPIC_VERBS
                 | STANCE_VERBS | CHARGE_VERBS)
_INFINITIVE_VERBS = TO_VERBS | INTENT_VERBS
_PREDICATE_VERBS = NAMING_VERBS | OBJECT_VERBS | STANCE_VERBS | ATTITUDE_VERBS


def prep_objects(tok: Token, preps: frozenset[str],
                  deps: tuple[str, ...] = ("pobj", "pcomp")) -> list[Token]:
    """The objects of ``tok``'s prepositions in ``preps`` ("of lying", "about the plan")."""
    return [g for c in tok.children if c.dep_ == "prep" and c.lower_ in preps
            for g in c.children if g.dep_ in deps]


def _is_content_object(tok: Token) -> bool:
    """An object that is something said, not a person spoken to; a pronoun only with
    words of its own ("proposed nothing that would raise taxes")."""
    return (tok.ent_type_ not in ("PERSON", "ORG", "GPE", "NORP")
            and tok.right_edge.i - tok.left_edge.i + 1 >= MIN_CONTENT_TOKENS)


def bare_pronoun(tok: Token) -> bool:
    """"It was declared by Nixon": a pronoun alone names nothing that was said."""
    return tok.pos_ == "PRON" and tok.left_edge == tok.right_edge




def _circumstance(tok: Token) -> bool:
    """Where or when something was said, not what: "in an article", "on Tuesday", "last
    week"."""
    if tok.dep_ == "npadvmod":
        return tok.ent_type_ in ("DATE", "TIME")
    return tok.dep_ == "prep" and where_or_when(tok)


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
    child = next((c for c in right if holds_quote(c, quoted)), None)
    if child is None:
        return None
    if verb.lemma_ == "put":  # "as the paper put it in a profile, “the operator”"
        return subtree(child)
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
    return any(holds_quote(c, quoted) for c in _cast_as(verb, second_object=False))


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
    if (_has_subject(conj) or conj.tag_ == "VB" and cue.tag_ != "VB") and holds_quote(
            conj, quoted):
        return True
    return conj.tag_ == "VB" and cue.tag_ != "VB" and clause.dep_ == "xcomp" and not (
        _has_subject(conj))


def _clause_content(tok: Token, clauses: list[Token],
                    quoted: list[tuple[int, int]]) -> tuple[list[Token], int]:
    """The clause a verb reports, with what the parser splits off or coordinates that is
    more of it, and without the speaker's next act."""
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
        end = end_before(acts[0], first.left_edge.i)
    return list(tok.doc[first.left_edge.i : end + 1]), least


def _charge_content(tok: Token, charge: Token, quoted: list[tuple[int, int]]) -> list[Token]:
    """"accused Doe of lying", "Doe was accused of fraud": who is charged, and with what
    (a pronoun stands for someone named before, so it is left out). A charge "of" quoted
    words ("accused Doe of “recklessness”") is those words alone: what the speaker said,
    with whom it was said of in the reporter's words (not "praised Doe for her “grit”")."""
    if charge.head.lower_ == "of" and holds_quote(charge.head, quoted):
        return _without_circumstances(tok, subtree(charge.head))
    about = [t for c in tok.children if c.dep_ == "nsubjpass" for t in subtree(c)]
    charged = next((c for c in tok.children if c.dep_ == "dobj" and c.pos_ != "PRON"
                    and c.i < charge.i), charge)
    return about + _without_circumstances(
        tok, list(tok.doc[charged.left_edge.i : charge.right_edge.i + 1]))


def _aside_content(tok: Token, sent: Span, quoted: list[tuple[int, int]],
                   around: bool) -> list[Token]:
    """"The plan failed, officials said." / "The plan, he said, failed." / "As Doe
    pointed out, the plan failed": the clause the cue is attached to, without the cue's
    own words; the words after the cue only when the cue is set ``around`` the clause."""
    own = {t.i for t in subtree(tok)}
    host = subtree(tok.head)
    # "“…,” they said, under Article 21 …": after a quotation the cue closes, the
    # words that follow it are the reporter's, whatever the parse hangs them on
    before = [t for t in host if t.i < tok.i and t.i not in own and not t.is_punct]
    quoted_before = bool(before) and all(
        any(s <= t.idx < e for s, e in quoted) for t in before)
    # "During her years in office, Doe said, the plan …": a fronted phrase before the
    # aside says when or where, in the reporter's words (not one in quotation marks)
    fronted = {t.i for c in tok.head.children if c.i < tok.i and c.dep_ == "prep"
               and c.left_edge.i == tok.head.left_edge.i and not holds_quote(c, quoted)
               for t in subtree(c)}
    return [t for t in host if t.i not in own and t.i not in fronted and (
        t.i < tok.i or around and t.sent == sent and not quoted_before)]


@dataclass
class Verb:
    """A verb cue being read: the verb, its speaker, its sentence, the quoted spans,
    whether it is a cue of saying (``cue``) and whether it casts something as quoted
    words (``cast``)."""

    tok: Token
    subject: Token | None
    sent: Span
    quoted: Spans
    cue: bool
    cast: bool

    @cached_property
    def clauses(self) -> list[Token]:
        """The clauses it reports, those after it first."""
        found = _reported_clauses(self.tok, self.quoted, self.cue)
        return sorted(found, key=lambda c: c.i < self.tok.i)

    def objects(self) -> list[Token]:
        return [c for c in self.tok.children if c.dep_ == "dobj"]


Content = tuple[list["Token"], int]  # the tokens reported, and how many words they need


@dataclass(frozen=True)
class Construction:
    """One way a cue governs what was said: a name, a made-up ``example`` and what the
    cue in it reports (``reports``), and the reader, which returns None where the
    construction does not apply."""

    name: str
    example: str
    reports: str
    read: Callable


def _quoted_object(v: Verb) -> Content | None:
    # "“…,” she added the words, “…”": what she added is the quoted object after the
    # cue, not the sentence before it that the parser takes for its clause
    if not (v.cue and v.clauses and all(c.i < v.tok.i for c in v.clauses)):
        return None
    if any(c.i > v.tok.i and holds_quote(c, v.quoted) for c in v.objects()) and (
            holder := _quoting_complement(v.tok, v.quoted)):
        return holder, MIN_CONTENT_TOKENS
    return None


def _clause(v: Verb) -> Content | None:
    return _clause_content(v.tok, v.clauses, v.quoted) if v.clauses else None


def _passive_subject(v: Verb) -> Content | None:
    if v.subject is None or v.subject.i < v.tok.i or not any(
            c.dep_ == "auxpass" for c in v.tok.children):
        return None
    passive = [c for c in v.tok.children if (c.dep_ in ("nsubjpass", "oprd")
               or c.dep_ == "prep" and c.lower_ == "as") and not bare_pronoun(c)]
    return ([t for c in passive for t in subtree(c)], 1) if passive else None


def _predicate(v: Verb) -> Content | None:
    predicate = _object_predicate(v.tok)
    return None if predicate is None else (predicate, MIN_CONTENT_TOKENS)


def _charge(v: Verb) -> Content | None:
    if not lemma_in(v.tok, CHARGE_VERBS):
        return None
    charge = [g for g in prep_objects(v.tok, CHARGE_PREPS) if g.i > v.tok.i]
    # the parser may hang a charge that is an act on the object (not "criticized the
    # leader of the party", whose verb is no charge)
    charge += [g for c in v.objects() if c.i > v.tok.i
               for g in prep_objects(c, CHARGE_PREPS, ("pcomp",))]
    return (_charge_content(v.tok, charge[0], v.quoted), 1) if charge else None


def _object(v: Verb) -> Content | None:
    objects = [c for c in v.objects() if _is_content_object(c)]
    if not objects or not lemma_in(v.tok, OBJECT_VERBS | ATTITUDE_VERBS):
        return None
    return subtree(objects[0]), MIN_CONTENT_TOKENS


def _side(v: Verb) -> Content | None:
    # even a bare name, or a pronoun with words of its own ("backed some of his
    # proposals"), not a bare "it"
    stance = [c for c in v.objects() if not bare_pronoun(c)]
    return (subtree(stance[0]), 1) if stance and lemma_in(v.tok, STANCE_VERBS) else None


def _topic(v: Verb) -> Content | None:
    if not lemma_in(v.tok, TOPIC_VERBS):
        return None
    topics = [g for g in prep_objects(v.tok, TOPIC_PREPS, ("pobj",)) if g.pos_ != "PRON"
              and g.ent_type_ not in ("DATE", "TIME")]  # not "spoke for an hour"
    return (subtree(topics[0]), 2) if topics else None


def _quoting(v: Verb) -> Content | None:
    holder = _quoting_complement(v.tok, v.quoted) if v.cue or v.cast else None
    return (holder, MIN_CONTENT_TOKENS) if holder else None


def _set_in(v: Verb) -> Content | None:
    tok = v.tok
    around = v.cue and (tok.dep_ == "parataxis" or tok.dep_ == "advcl" and _as_aside(tok))
    if around or v.cue and tok.dep_ in ("advcl", "conj") and tok.head.i < tok.i and _aside(tok):
        return _aside_content(tok, v.sent, v.quoted, around), MIN_CONTENT_TOKENS
    return None


# In order: the first construction that applies reads the verb.
CONSTRUCTIONS = (
    Construction("quoted object", "The crowd cheered, she added the words, “not one step "
                 "back.”", "the words, “not one step back.”", _quoted_object),
    Construction("reported clause", "The minister conceded that the bridge was late.",
                 "that the bridge was late", _clause),
    Construction("passive with its speaker after", "The mayor was called a coward by "
                 "the opposition.", "The mayor", _passive_subject),
    Construction("object and predicate", "The union described the offer as an insult to "
                 "nurses.", "the offer as an insult to nurses", _predicate),
    Construction("charge", "The senator accused the governor of hiding the report.",
                 "the governor of hiding the report", _charge),
    Construction("object said", "The council rejected the new parking rules.",
                 "the new parking rules", _object),
    Construction("side taken", "The farmers endorsed Maria Lopez.", "Maria Lopez", _side),
    Construction("topic", "The protesters called for a new election.", "a new election",
                 _topic),
    Construction("quoted complement", "The coach chanted the team's “never again” motto.",
                 "the team's “never again” motto", _quoting),
    Construction("aside", "The harbor will close in May, officials said, and the ferries "
                 "will stop.", "The harbor will close in May", _set_in),
)


def verb_content(v: Verb) -> tuple[list[Token], int, str]:
    """The tokens a verb reports, how many words they need at least, and the name of
    the construction that read them (no tokens when none applies)."""
    for construction in CONSTRUCTIONS:
        found = construction.read(v)
        if found is not None:
            return found[0], found[1], construction.name
    return [], MIN_CONTENT_TOKENS, ""
