"""Block quotations: paragraphs set off as someone's words without quotation marks.

Two layouts. A labelled turn names its speaker before a colon at the start of the
line, as transcripts ("SMITH: We will …") and headlines ("Smith: Taxes must rise") do.
An excerpt: a news article reports in the third person; a run of unmarked paragraphs speaking in
the first person (or cut with an ellipsis, as excerpts are), right after a paragraph
that introduces speech ("… said:", "… when he addressed the assembly."), is taken as
the words of whoever that paragraph names as speaking.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # spaCy is imported by load_model, not by importing this package
    from spacy.tokens import Doc, Span, Token

from quotetrail.quotes.attribution import is_cue, subject_of
from quotetrail.quotes.lexicon import RUBRIC_NOUNS
from quotetrail.quotes.parsed import doc_ents, doc_text, ents_within
from quotetrail.text.marks import TURN_LABEL, Spans, word_count

# a word of its own: the "I" of "a come-as-I-am party" is not the writer speaking
FIRST_PERSON = re.compile(r"(?<![\w-])(I|I'm|I’m|I've|I’ve|we|We|our|Our|my|My|us)(?![\w-])")
ELLIPSIS = re.compile(r"…|\.\.\.")
# Verbs that introduce a speech without being reporting verbs ("when he addressed …").
INTRODUCING = frozenset({"address", "speak", "testify", "lecture"})


@dataclass(frozen=True)
class Block:
    start: int
    end: int
    cue: Token
    subject: Token
    kind: str = "block"


_NAME_LABELS = {"PERSON", "ORG", "NORP", "GPE"}


def _paragraphs(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for chunk in text.split("\n"):
        if chunk.strip():
            lead = len(chunk) - len(chunk.lstrip())
            out.append((pos + lead, pos + len(chunk.rstrip())))
        pos += len(chunk) + 1
    return out


def _introduction(doc: Doc, start: int, end: int, quoted: Spans) -> tuple[Token, Token] | None:
    """(cue, subject) of speech introduced at the end of the paragraph ``start:end``.
    A last sentence that holds a quotation attributes it ("“…,” she added.") and
    introduces nothing after it, unless it ends with a colon."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    last = list(span.sents)[-1]
    ends_with_colon = doc_text(doc)[start:end].rstrip().endswith(":")
    if not ends_with_colon and quoted.overlaps(last[0].idx, last[-1].idx + len(last[-1])):
        return None
    for tok in reversed(last):
        introduces = tok.lemma_ in INTRODUCING and tok.pos_ == "VERB"
        if is_cue(tok) or introduces:
            subject = subject_of(tok)
            if subject is not None and (ends_with_colon or introduces or tok.i >= last.end - 3):
                return tok, subject
    return None


def block_quotations(doc: Doc, quoted: Spans) -> list[Block]:
    """Runs of set-off paragraphs quoted without marks (no span of ``quoted`` in them),
    with the speech that introduces them."""
    text = doc_text(doc)
    paragraphs = _paragraphs(text)
    blocks = []
    k = 1
    while k < len(paragraphs):
        intro = _introduction(doc, *paragraphs[k - 1], quoted)
        run = []
        while intro and k < len(paragraphs):
            s, e = paragraphs[k]
            body = text[s:e]
            marked = quoted.overlaps(s, e)
            if marked or not (FIRST_PERSON.search(body) or ELLIPSIS.search(body)):
                break
            run.append((s, e))
            k += 1
        if run and any(FIRST_PERSON.search(text[s:e]) for s, e in run):
            blocks.append(Block(run[0][0], run[-1][1], *intro))
        k += 1 if not run else 0
    return blocks


def _names_a_speaker(label: Span, surnames: set[str]) -> bool:
    """The label is a name (an entity, or in capitals the surname of a person the article
    names), or one common noun in title case ("Poll"), not a rubric ("UPDATE",
    "Correction"); a longer label (a headline's "Jane Doe Slams the Plan") names a person."""
    if len(label) > 4:
        return any(e.label_ == "PERSON" for e in ents_within(label.doc, label.start, label.end))
    if any(t.ent_type_ in _NAME_LABELS for t in label):
        return True
    if label[-1].lower_ in surnames:
        return True
    return (len(label) == 1 and label[0].pos_ in ("NOUN", "PROPN") and not label.text.isupper()
            and label[0].lower_ not in RUBRIC_NOUNS)


def labelled_turns(doc: Doc) -> list[Block]:
    """Lines that open with their speaker's name and a colon. The first line of an article
    is its headline: what it attributes is the outlet's rendering (``indirect``); a turn
    further down, as in a transcript, is the speaker's words (``block``)."""
    text = doc_text(doc)
    surnames = {e[-1].lower_ for e in doc_ents(doc) if e.label_ == "PERSON"}
    found = []
    for n, (start, end) in enumerate(_paragraphs(text)):
        m = TURN_LABEL.match(text[start:end])
        if not m:
            continue
        label = doc.char_span(start + m.start(1), start + m.end(1), alignment_mode="contract")
        colon = doc.char_span(start + m.end(1), start + m.end(1) + 1)
        if not label or colon is None or not _names_a_speaker(label, surnames):
            continue
        body = text[start + m.end():end].rstrip(" .\"“”")
        if word_count(body) < 3:
            continue
        # "Jane Doe Slams the Plan: …" (a headline): the person named in it speaks
        person = next((e for e in ents_within(label.doc, label.start, label.end)
                       if e.label_ == "PERSON"), None)
        found.append(Block(start + m.end(), start + m.end() + len(body), colon[0],
                           person.root if person else label.root,
                           "indirect" if n == 0 else "block"))
    return found
