"""A content of reported speech: its span, its cue and speaker, and where it begins and
ends. The edges are the same whatever construction found the content: edge
punctuation, the reporter's trailing asides, a semicolon after the cue, the closing
mark of a quotation it opened."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # spaCy is imported by load_model, not by importing this package
    from spacy.tokens import Span, Token

from quotetrail.quotes.attribution import is_cue, stray_conjunct
from quotetrail.quotes.lexicon import MEDIUM_NOUNS
from quotetrail.quotes.parsed import doc_text
from quotetrail.text.marks import is_title

MIN_CONTENT_TOKENS = 3
_EDGE_PUNCT = set(",;:—–-\"“”'‘’")


@dataclass(frozen=True)
class Reported:
    """A span of reported speech, the tokens that attribute it, and the name of the
    construction that read it (``verbs.CONSTRUCTIONS``, ``reported.CUE_KINDS``)."""

    start: int
    end: int
    cue: Token
    subject: Token | None  # None for "according to X" (``source`` holds X), or no one named
    source: Token | None = None
    how: str = ""


def parts(tokens: list[Token], min_words: int = MIN_CONTENT_TOKENS) -> list[tuple[int, int]]:
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


def without_trailing_aside(tokens: list[Token], quoted: list[tuple[int, int]]) -> list[Token]:
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


def without_stray_conjunct(tokens: list[Token]) -> list[Token]:
    """A stray conjunct ("accuse Doe of being “duped” and encourage …") and what follows
    it are the speaker's next act, not what was said."""
    inside = {t.i for t in tokens}
    stray = next((t for t in tokens if stray_conjunct(t) and t.head.i in inside), None)
    if stray is None:
        return tokens
    end = end_before(stray, tokens[0].i)
    return [t for t in tokens if t.i <= end]


def end_before(conj: Token, floor: int) -> int:
    """The last token before a conjunct, not the "and" or comma that joins it."""
    end = conj.left_edge.i - 1
    while end > floor and (conj.doc[end].dep_ == "cc" or conj.doc[end].is_punct):
        end -= 1
    return end


def subtree(tok: Token) -> list[Token]:
    return list(tok.doc[tok.left_edge.i : tok.right_edge.i + 1])


def holds_quote(tok: Token, quoted: list[tuple[int, int]]) -> bool:
    """A quotation (not a title) lies in ``tok``'s subtree; its closing full stop may
    hang on the sentence instead."""
    text = doc_text(tok.doc)
    lo, hi = tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge)
    return any(lo <= s and s + len(text[s:e].rstrip(".,;:!?")) <= hi
               and not is_title(text[s:e]) for s, e in quoted)


def where_or_when(prep: Token) -> bool:
    """A preposition whose object is a medium or a date ("in an article", "on Tuesday")."""
    return any(o.dep_ == "pobj" and (o.lower_ in MEDIUM_NOUNS or o.ent_type_ in ("DATE", "TIME"))
               for o in prep.children)


def crosses_any(start: int, end: int, spans: list[tuple[int, int]], text: str) -> bool:
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


def closing(r: Reported, quoted: list[tuple[int, int]], text: str) -> Reported:
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


def run_on(r: Reported, sent: Span, quoted: list[tuple[int, int]], text: str) -> Reported:
    """A mixed quotation the parse ends at a closing mark, when the sentence goes on with
    a prepositional phrase the parse hung elsewhere ("called it “a wake-up call” to his
    supporters"), runs on to the next comma, semicolon, dash or conjunction; not after
    "…,”", where the comma closes the clause, nor into how, where or when it was said."""
    if not any(r.start <= s and _past_marks(text, e) == r.end for s, e in quoted):
        return r
    words = [t for t in sent if t.idx >= r.end and not t.is_space]
    if not words or words[0].pos_ != "ADP" or text[r.end - 2:r.end - 1] == ",":
        return r
    if words[0].lower_ == "with" or where_or_when(words[0]):  # "with a smile", "on Tuesday"
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


def to_break(r: Reported, text: str, quoted: list[tuple[int, int]]) -> Reported:
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
