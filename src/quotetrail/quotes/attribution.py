"""Who said a quotation: the cue verb and its subject, resolved through pronouns and roles.

Works on a parsed spaCy ``Doc`` of the article. A name signing the quotation after a
dash ("“…” ― Jane Doe") is its speaker. Else the cue is found by walking up the
dependency tree from the quotation (the reporting verb governs what is reported),
else as the nearest reporting verb around it; either way outside every quotation and
in the quotation's paragraph. The speaker is the cue's subject (a passive cue's agent),
never a word inside a quotation. Pronouns resolve to the last person named before them,
"who" to the noun it stands for, and descriptions ("the supreme leader") to the person
the article introduced with that title.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # spaCy is imported by load_model, not by importing this package
    from spacy.tokens import Doc, Span, Token

from quotetrail.quotes.lexicon import CUE_LEMMAS, MEDIUM_NOUNS
from quotetrail.quotes.parsed import doc_ents, doc_text, ents_within
from quotetrail.quotes.speakers import speaker_kind
from quotetrail.text.marks import Spans, is_title, text_before, word_count

PERSON_PRONOUNS = {"he", "she", "him", "her"}
GROUP_PRONOUNS = {"they", "we", "it"}
# a possessive names whoever its pronoun would ("his warnings against …": whoever "he" is)
_PERSON_WORDS = PERSON_PRONOUNS | {"his"}
_GROUP_WORDS = GROUP_PRONOUNS | {"their", "its"}
NAME_LABELS = {"PERSON", "ORG", "GPE", "NORP", "FAC"}
_MENTION_DEPS = {"compound", "amod", "det", "poss", "case", "flat", "nmod", "nummod"}

CONFIDENCE = {"explicit": 0.9, "according-to": 0.8, "pronoun": 0.75, "role": 0.7,
              "inherited": 0.55, "none": 0.0}


@dataclass(frozen=True)
class Attribution:
    """The speaker of one quotation, as found in the text."""

    mention: str | None  # the words naming the speaker where they are found
    start: int | None
    end: int | None
    name: str | None  # the person or body those words refer to
    label: str | None  # spaCy entity label of that name, if any
    cue: Token | None  # the reporting word
    how: str  # explicit / pronoun / role / inherited / according-to / none

    @property
    def cue_span(self) -> tuple[str | None, int | None, int | None]:
        """(text, start, end) of the cue in the document."""
        if self.cue is None:
            return None, None, None
        return self.cue.text, self.cue.idx, self.cue.idx + len(self.cue)

    @property
    def confidence(self) -> float:
        return CONFIDENCE[self.how] * (0.8 if self.name and self.label is None else 1.0)


NONE = Attribution(None, None, None, None, None, None, "none")


def lemma_in(tok: Token, words: frozenset[str]) -> bool:
    """The token's lemma is one of ``words``; the small model drops the final e of some
    verbs ("hoped" → "hop", "rated" → "rat"), which is put back when that makes one, and
    mangles some base forms ("cling" → "cle"), so the word as written counts too."""
    base = tok.lemma_.lower()
    return base in words or tok.lower_ in words or base + "e" in words and \
        tok.lower_.startswith(base + "e")


def is_cue(tok: Token) -> bool:
    """A reporting verb ("said", "warned", "cited"): what attributes words to a speaker."""
    if tok.pos_ not in ("VERB", "AUX"):
        return False
    return lemma_in(tok, CUE_LEMMAS) or tok.lemma_ == "put" and any(
        c.lower_ == "it" and c.dep_ == "dobj" for c in tok.children)  # "as Doe put it"


def opens_according_to(tok: Token) -> bool:
    """``tok`` is the "according" of "according to X": a source named, not a verb; the
    one test for it, shared by the marked quotations' and the reported speech's rules."""
    return tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and \
        tok.doc[tok.i + 1].lower_ == "to"


def _inside(tok: Token, start: int, end: int) -> bool:
    return start <= tok.idx < end


def _cue_by_tree(span: Span, start: int, end: int, quoted: Spans) -> Token | None:
    """The reporting verb that governs the quotation, walking up from its roots; never a
    word of a quotation (the parser may hang one quotation on a verb of the next)."""
    for tok in span:
        if _inside(tok.head, start, end) and tok.head.i != tok.i:
            continue
        head, steps = tok.head, 0
        while steps < 4:
            if not quoted.covers(head.idx) and is_cue(head):
                return head
            if head.head.i == head.i:
                break
            head, steps = head.head, steps + 1
    return None


_SUBORDINATORS = frozenset("when whenever after before while as because since if until once "
                           "though although".split())


def _subordinate(cue: Token) -> bool:
    """"… when Doe blasted him", "… before asking her": a cue in a clause set under
    another, which says when or why, not who spoke the quotation before it."""
    return any(c.i < cue.i and c.dep_ in ("mark", "advmod") and c.lower_ in _SUBORDINATORS
               for c in cue.children) or (cue.dep_ == "pcomp" and cue.head.i < cue.i
                                          and cue.head.lower_ in _SUBORDINATORS)


def _fronted_subordinate(cue: Token, start: int) -> bool:
    """"After saying it was “swollen,” she was “whisked off” for tests": a cue in a
    subordinate clause or phrase fronted before the quotation says what came first, not
    who spoke the quotation ("As Doe put it, “…”" is not set under: it names the speaker)."""
    right = cue.right_edge
    under = cue.head.head if cue.dep_ == "pcomp" else cue.head  # the word it is set under
    return (right.idx + len(right) <= start and _subordinate(cue) and under.i > cue.i
            and not any(c.lower_ == "as" for c in cue.children if c.dep_ == "mark"))


def _next_act(cue: Token, start: int) -> bool:
    """"… used the phrase “…” often, and criticized Doe": a cue coordinated with the verb
    whose clause holds the quotation is the speaker's next act, not the quotation's cue."""
    return cue.dep_ == "conj" and cue.head.idx < start


def _cue_nearby(doc: Doc, span: Span, start: int, end: int, quoted: Spans):
    """The reporting verb closest to the quotation, outside any quote, in its sentences,
    in the sentence that follows its closing mark ("…,” said Jane Doe, a …), and in the
    one before when that ends with a colon (“Doe said:” then the quotation)."""
    lo, hi = span[0].sent.start, span[-1].sent.end
    after = span.end  # the first word after the closing mark
    while after < len(doc) and (doc[after].is_punct or doc[after].is_space) and \
            doc[after].idx < end + 4 and "\n" not in doc[after].text:
        after += 1
    # not when a full stop closes the quotation ("“… kidding.” To which she said, “…”")
    closes = doc_text(doc)[start:end].rstrip(" ”\"’'").endswith(".")
    if after < len(doc) and after >= hi and not closes and doc_text(doc)[
            end:doc[after].idx].strip(" ”\"’'") in ("", ",", "?", "!", "?,", "!,"):
        hi = doc[after].sent.end
    if text_before(doc_text(doc), start, " \n“\"‘'", width=1) == ":" and lo > 0:
        lo = doc[lo - 1].sent.start
    cues = [t for t in doc[lo:hi] if is_cue(t) and not quoted.covers(t.idx)
            and not (t.idx >= end and (_subordinate(t) or _next_act(t, start)))
            and not _fronted_subordinate(t, start)]
    return min(cues, key=lambda t: min(abs(t.idx - start), abs(t.idx - end)), default=None)


def stray_conjunct(tok: Token) -> bool:
    """"accuse Doe of being “duped” and encourage …": a bare verb the parser coordinates
    with a participle after a preposition; it goes on the verb higher up."""
    return tok.dep_ == "conj" and tok.tag_ == "VB" and tok.head.tag_ in ("VBG", "VBN") \
        and tok.head.dep_ == "pcomp" and tok.head.head.dep_ == "prep"


_NO_QUOTATIONS = Spans()


def subject_of(cue: Token, quoted: Spans = _NO_QUOTATIONS) -> Token | None:
    """The cue's subject, climbing through "…, saying" and conjoined verbs; never a word
    inside a quotation (``quoted``), which the parser sometimes takes for one."""

    def free(t: Token) -> bool:  # outside quotations
        return not quoted.covers(t.idx)

    if cue.dep_ == "compound" and cue.head.i > cue.i and cue.head.pos_ == "PROPN":
        return cue.head  # "Said Ellis: “…”", the speaker parsed as the cue's head
    tok = cue
    if stray_conjunct(tok):  # its subject is that of the verb the participle hangs on
        tok = next((a for a in tok.head.ancestors if a.pos_ == "VERB"), tok)
    for _ in range(3):
        subj = [c for c in tok.children if c.dep_ == "nsubj" and free(c)]
        if subj:
            return subj[0]
        agent = [g for c in tok.children if c.dep_ == "agent" for g in c.children]
        if not agent and any(c.dep_ == "auxpass" for c in tok.children):
            # "was described as … by Doe", with "by" parsed lower down
            agent = [g for t in tok.subtree if t.lower_ == "by" and t.i > tok.i
                     for g in t.children if g.dep_ == "pobj" and free(g)]
        if agent:
            return agent[0]
        named = _named_before(tok, free)
        if named is not None:
            return named
        if tok.dep_ in ("advcl", "conj", "xcomp", "ccomp", "acl") and tok.head.i != tok.i:
            tok = tok.head
        elif tok.dep_ == "pcomp" and tok.head.dep_ == "prep":  # "After saying …, Doe left"
            tok = tok.head.head
            passive = [c for c in tok.children if c.dep_ == "nsubjpass" and free(c)]
            if passive:  # "After saying …, Doe was taken …": Doe said it
                return passive[0]
        else:
            break
    inverted = _after_closing_mark(tok, free)  # the verb the climb ended on
    if inverted is not None:
        return inverted
    # A misparsed sentence ("Doe voiced doubts …, saying …", "“…,” Doe, a …, said"):
    # fall back on the first name or personal pronoun between the sentence start (or the
    # last quotation before the cue) and the cue, before any preposition.
    patient = {t.i for c in cue.children if c.dep_ == "nsubjpass" for t in c.subtree}
    before = [t for t in cue.sent if t.i < cue.i and t.i not in patient]
    quoted_before = [k for k, t in enumerate(before) if not free(t)]
    start = quoted_before[-1] + 1 if quoted_before else 0
    if before[start:] and before[start].pos_ == "ADP":  # "In an interview with …, Doe, …"
        start = next((k + 1 for k, t in enumerate(before) if k > start and t.text == ","),
                     start)
    for t in before[start:]:
        named = t.ent_type_ in NAME_LABELS and t.pos_ in ("PROPN", "NOUN")
        if named or t.lower_ in PERSON_PRONOUNS:
            return t
        if t.pos_ in ("ADP", "SCONJ"):
            break
    # … or on a name right before the cue ("… of the Post Doe said that …")
    if before and before[-1].ent_type_ == "PERSON" and free(before[-1]):
        return before[-1]
    return None


def _named_before(verb: Token, free) -> Token | None:
    """"Doe praised the plan, Sen. Jane Roe (D-Ohio) doubted that …": a verb with no
    subject of its own in the parse (coordinated with an earlier verb, or its subject
    taken from inside quoted words) has for its subject a name standing right before it,
    with no "and" or comma between, not the earlier verb's. A bracketed aside after the
    name ("(D-Ohio)") is skipped."""
    doc, k = verb.doc, verb.i - 1
    if k >= 0 and doc[k].text == ")":
        while k >= 0 and doc[k].text != "(":
            k -= 1
        k -= 1
    if k < 0 or not free(doc[k]) or doc[k].ent_type_ not in ("PERSON", "ORG") or \
            doc[k].pos_ != "PROPN" or doc[k].head.i == verb.head.i:
        return None
    return doc[k]


def _after_closing_mark(cue: Token, free) -> Token | None:
    """"“…,” said Doe" / "“…?” asked the boy": a cue right after a quotation's closing mark
    has its speaker after it, which the parser may take for the verb's object ("asked
    [the boy]") or, for a name it does not know, an adverb ("said [Doe]")."""
    doc = cue.doc
    if cue.i == 0 or cue.i + 1 >= len(doc) or not doc[cue.i - 1].is_quote:
        return None
    nxt = doc[cue.i + 1]
    if not free(nxt) or nxt.sent.start != cue.sent.start:
        return None
    if nxt.dep_ in ("det", "compound", "amod", "poss", "nummod") and nxt.head.i > nxt.i \
            and nxt.head.pos_ in ("NOUN", "PROPN"):
        return nxt.head  # "asked the boy", "said Jane Doe"
    if nxt.pos_ in ("PROPN", "NOUN", "PRON") or nxt.is_title and nxt.is_alpha:
        return nxt
    return None


def _according_to(doc: Doc, span: Span) -> Token | None:
    """X in "according to X" within the quotation's sentence."""
    for tok in span[0].sent:
        if opens_according_to(tok):
            objs = [c for c in doc[tok.i + 1].children if c.dep_ == "pobj"]
            if objs:
                return objs[0]
    return None


def mention_span(tok: Token) -> Span:
    """The words naming an entity at ``tok``: its named entity, or its compact noun phrase
    (with a name in apposition: "the news outlet Example Wire")."""
    for child in tok.rights:
        if child.dep_ == "appos" and child.ent_type_ in NAME_LABELS and child.i == tok.i + 1:
            return tok.doc[mention_span_left(tok) : child.right_edge.i + 1]
    if tok.ent_type_ in NAME_LABELS:
        ent = next(e for e in doc_ents(tok.doc) if e.start <= tok.i < e.end)
        left = tok.i
        for child in tok.lefts:
            if child.dep_ in _MENTION_DEPS:
                left = min(left, child.left_edge.i)
        return tok.doc[min(left, ent.start) : max(ent.end, tok.i + 1)]
    return tok.doc[mention_span_left(tok) : tok.i + 1]


def mention_span_left(tok: Token) -> int:
    left = tok.i
    for child in tok.lefts:
        if child.dep_ in _MENTION_DEPS:
            left = min(left, child.left_edge.i)
    return left


def entity_in(span: Span) -> Span | None:
    """The last named person or organisation inside a mention (the name after the titles)."""
    ents = [e for e in ents_within(span.doc, span.start, span.end)
            if e.label_ in NAME_LABELS]
    for labels in (("PERSON",), ("ORG", "FAC"), tuple(NAME_LABELS)):
        chosen = [e for e in ents if e.label_ in labels]
        if chosen:
            return chosen[-1]
    return None


def _author_of(medium: Token) -> Token | None:
    """Who made a speech, statement or letter named as a source ("a speech Doe
    delivered", "a statement from the union"), if the sentence says."""
    if medium.pos_ != "NOUN" or not lemma_in(medium, MEDIUM_NOUNS):
        return None
    return next((g for c in medium.children for g in c.children  # not "a letter which …"
                 if (c.dep_ in ("relcl", "acl") and g.dep_ == "nsubj"
                     or c.dep_ == "prep" and c.lower_ in ("from", "by") and g.dep_ == "pobj")
                 and g.tag_ not in ("WDT", "WP")), None)


_SUBJECT_DEPS = ("nsubj", "nsubjpass")


def _subject_first(persons: list[Span]) -> Span:
    """Of the people named earlier in a pronoun's sentence, the one it stands for: the
    last named as a subject ("Doe is close to replacing Roe, he said": Doe), else the
    last named."""
    def subject(e: Span) -> bool:
        root = e.root
        return root.dep_ in _SUBJECT_DEPS or root.dep_ == "appos" and \
            root.head.dep_ in _SUBJECT_DEPS
    return next((e for e in reversed(persons) if subject(e)), persons[-1])


class Resolver:
    """Resolves speakers in one article, remembering who was named and with what title.
    A person named inside quotation marks (``quoted``) is someone the speaker talks
    about, never what a pronoun outside them stands for ("“… by hosting Doe,” he said"
    is not Doe's)."""

    def __init__(self, doc: Doc, quoted: Spans = _NO_QUOTATIONS):
        self.doc = doc
        self.quoted = quoted
        persons = [e for e in doc_ents(doc) if e.label_ == "PERSON"]
        # antecedents of pronouns: the people named outside quotations, in text order
        self.persons = [e for e in persons if not quoted.covers(e.start_char)]
        self.person_ends = [e.end_char for e in self.persons]
        # Surnames of people named in full: the model sometimes tags a lone surname as ORG.
        self.surnames = {e[-1].lower_ for e in persons if len(e) > 1 and e[-1].is_title}
        self.roles: list[tuple[set[str], Span]] = []  # title words -> the person they describe
        self.titles: dict[str, str] = {}  # person name -> the title the article gives them
        for ent in persons:
            mention = mention_span(ent.root)
            before = [t for t in mention if t.i < ent.start and t.is_alpha]
            related = [mention_span(c) for c in ent.root.children if c.dep_ == "appos"]
            if ent.root.dep_ == "appos":  # "the country's chief justice, Jane Doe"
                related.append(mention_span(ent.root.head))
            words = {t.lower_ for t in before} | {t.lower_ for m in related for t in m
                                                  if t.is_alpha}
            words -= {"the", "a", "an"}
            if words:
                self.roles.append((words, ent))
            title = " ".join(t.text for t in before) or (related[0].text if related else "")
            title = re.sub(r"^(the|a|an)\s+", "", title, flags=re.I)
            if title and ent.text not in self.titles:
                self.titles[ent.text] = title

    def title_of(self, name: str) -> str | None:
        """The title the article gives a person, also when ``name`` is just the surname."""
        if name in self.titles:
            return self.titles[name]
        last = name.split()[-1]
        return next((t for n, t in self.titles.items() if n.split()[-1] == last), None)

    def label(self, ent: Span) -> str:
        """The entity's label, with lone surnames of people named elsewhere as PERSON."""
        if ent.label_ != "PERSON" and len(ent) == 1 and ent[0].lower_ in self.surnames:
            return "PERSON"
        return ent.label_

    def named_in_full(self, ent: Span) -> bool:
        """A person named by more than one word, or by the surname of someone the
        article names in full."""
        return len(ent) > 1 or ent[-1].lower_ in self.surnames

    def last_person_before(self, idx: int) -> Span | None:
        k = bisect_right(self.person_ends, idx)
        return self.persons[k - 1] if k else None

    def role_holder(self, words: set[str], before: int) -> Span | None:
        matches = [ent for titles, ent in self.roles if words and words <= titles
                   and ent.start_char < before]
        return matches[-1] if matches else None

    def speaker_of(self, subj: Token, cue: Token | None, how: str, recent: Attribution | None):
        """Attribution for subject token ``subj``; ``recent`` is the last speaker found."""
        if subj.tag_ in ("WDT", "WP") and subj.head.dep_ == "relcl":
            # "Doe, who said …": found at "who", naming the noun the clause is on
            named = self.speaker_of(subj.head.head, cue, how, recent)
            return Attribution(subj.text, subj.idx, subj.idx + len(subj), named.name,
                               named.label, cue, named.how)
        if subj.lower_ in _PERSON_WORDS | _GROUP_WORDS and subj.pos_ == "PRON":
            pron = (subj.text, subj.idx, subj.idx + len(subj))
            if subj.lower_ in _GROUP_WORDS:  # "it", "they": the last body that spoke
                if recent is not None and recent.name and speaker_kind(
                        recent.label, recent.mention or recent.name) == "organisation":
                    return Attribution(*pron, recent.name, recent.label, cue, "pronoun")
                return Attribution(*pron, None, None, cue, "none")
            # a person named earlier in the same sentence ("Doe spoke, when she …") comes
            # first, one the article names in full before a lone word tagged a person
            # ("a reply from Doe, also on Network, as he …"); else the last speaker; else
            # the last person named
            sent = subj.sent
            same = [e for e in ents_within(subj.doc, sent.start, sent.end)
                    if self.label(e) == "PERSON" and e.end <= subj.i
                    and not self.quoted.covers(e.start_char)]
            same = [e for e in same if self.named_in_full(e)] or same
            if same:
                return Attribution(*pron, _subject_first(same).text, "PERSON", cue,
                                   "pronoun")
            if recent is not None and recent.label in ("PERSON", None):
                return Attribution(*pron, recent.name, recent.label, cue, "pronoun")
            person = self.last_person_before(subj.idx)
            if person is None:
                return Attribution(*pron, None, None, cue, "none")
            return Attribution(*pron, person.text, "PERSON", cue, "pronoun")
        author = _author_of(subj)
        if author is not None:  # "according to a speech Doe delivered": Doe
            return self.speaker_of(author, cue, how, recent)
        mention = mention_span(subj)
        ent = entity_in(mention)
        if ent is not None and ent.label_ != "PERSON" and not ent.start <= subj.i < ent.end:
            ent = None  # "the country's leader": the leader speaks, not the country
        named = [c for c in subj.children if c.dep_ == "appos" and c.ent_type_ == "PERSON"]
        if named:  # "the country's chief justice, Jane Doe, said"
            ent = entity_in(mention_span(named[0])) or ent
        span_args = (mention.text, mention.start_char, mention.end_char)
        if ent is not None:
            return Attribution(*span_args, ent.text, self.label(ent), cue, how)
        words = {t.lower_ for t in mention if t.is_alpha} - {"the", "a", "an"}
        holder = self.role_holder(words, mention.start_char)
        if holder is not None:
            return Attribution(*span_args, holder.text, "PERSON", cue, "role")
        if subj.pos_ in ("NOUN", "PROPN") or subj.is_title and subj.is_alpha and \
                not subj.is_sent_start:  # a name the tagger did not know ("said Doe")
            return Attribution(*span_args, mention.text, None, cue, how)
        if subj.pos_ in ("NUM", "PRON") and any(c.dep_ == "prep" and c.lower_ == "of"
                                               for c in subj.children):
            # "one of the mayor's advisers", "many of them": the whole phrase names them
            whole = subj.doc[subj.left_edge.i : subj.right_edge.i + 1]
            return Attribution(whole.text, whole.start_char, whole.end_char, whole.text, None,
                               cue, how)
        return Attribution(*span_args, None, None, cue, "none")


# "“…” ― Jane Doe" closing its line: a quotation signed with a dash
_SIGNATURE = re.compile(r"[”\"’»]*[^\S\n]*[―—–-]+[^\S\n]*"  # spaces, no-break ones too
                        r"([A-Z][\w.'’-]*(?:[^\S\n]+[A-Z][\w.'’-]*){0,3})[^\S\n.,]*[.,]?"
                        r"[^\S\n]*(?:\n|$)")


def _signed_by(doc: Doc, start: int, end: int) -> tuple[Token, Token | None] | None:
    """The name after a dash that ends the quotation's line, and the dash; also for a
    quotation that opens a line of several signed together ("“…” And “…” ― Jane Doe")."""
    text = doc_text(doc)
    m = _SIGNATURE.match(text, end)
    if not m:
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        line_end = len(text) if line_end < 0 else line_end
        opens = not text[line_start:start].strip(" \t“\"‘'«")
        m = next((x for x in _SIGNATURE.finditer(text, end, line_end + 1)
                  if x.end() >= line_end and text[x.start()] in "”\"’»"), None) if opens else None
    if not m:
        return None
    stop = m.start(1) + len(m.group(1).rstrip("."))  # "Doe." ends a sentence, "Jr." too
    name = doc.char_span(m.start(1), stop, alignment_mode="contract")
    dash = re.search(r"[―—–-]", text[m.start():m.start(1)])
    mark = doc.char_span(m.start() + dash.start(), m.start() + dash.end()) if dash else None
    return (name.root, mark[0] if mark else None) if name else None


def introducer(doc: Doc, start: int, quoted: list[tuple[int, int]]) -> Token | None:
    """The subject of the sentence just before a quotation that opens a sentence, in the
    same paragraph, when that sentence quotes nothing itself: "Doe named three reasons.
    “…”" is Doe's quotation, whoever spoke before."""
    first = doc.char_span(start, start + 1, alignment_mode="expand")
    if first is None or first.start == 0:
        return None
    sent = first[0].sent
    if sent.start == 0 or first.start > sent.start + 2:  # the quotation opens its sentence
        return None
    prev, text = doc[sent.start - 1].sent, doc_text(doc)
    if "\n\n" in text[prev.end_char:start] or any(
            s < prev.end_char and prev.start_char < e and not (
                is_title(text[s:e].strip(" ,.")) or word_count(text[s:e]) <= 2)
            for s, e in quoted):
        return None  # another paragraph, or a sentence with speech of its own
    if prev.root.pos_ not in ("VERB", "AUX"):
        return None
    return next((c for c in prev.root.children if c.dep_ == "nsubj"), None)


def attribute(doc: Doc, resolver: Resolver, start: int, end: int,
              quoted: Spans, recent: Attribution | None) -> Attribution:
    """Find the speaker of the quotation at ``doc.text[start:end]``."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return NONE
    signed = _signed_by(doc, start, end)
    if signed is not None:  # the dash is the cue: quotations signed together share it
        return resolver.speaker_of(signed[0], signed[1], "explicit", recent)
    cue = _cue_by_tree(span, start, end, quoted) or _cue_nearby(doc, span, start, end, quoted)
    if cue is not None:
        subj = subject_of(cue, quoted)
        if subj is not None and not _inside(subj, start, end):
            return resolver.speaker_of(subj, cue, "explicit", recent)
    source = _according_to(doc, span)
    if source is not None and not _inside(source, start, end):
        return resolver.speaker_of(source, doc[source.i - 2], "according-to", recent)
    return NONE
