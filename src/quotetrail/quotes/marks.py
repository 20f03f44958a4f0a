"""Finding quotation marks: which spans of a text are set in quotes.

Works paragraph by paragraph so that an unbalanced mark never swallows the rest
of the article: an opening mark with no closing one in its paragraph is dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from quotetrail.quotes.lexicon import WORK_NOUNS

# opening mark -> closing marks that end it; doubled apostrophes and TeX-style
# ``…'' stand for double quotation marks in some text exports
# (text mixing curly and straight marks closes either with the other)
PAIRS = {"“": ("”", '"', "“"), "„": ("“", "”"), "«": ("»",), '"': ('"', "”"), "‘": ("’",),
         "''": ("''",), "``": ("''",), "”": ("”", '"')}
OPENERS = sorted(PAIRS, key=len, reverse=True)
_OPEN_CONTEXT = re.compile(r"(^|[\s(\[{—–-])$")  # what may stand before an opening mark
SENTENCE_END = re.compile(r"[.!?…,]$")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
# "SMITH: …", "Jane Doe: …", "Poll: …" at the start of a line (after an opening mark):
# a turn in a transcript, or a line's rubric
TURN_LABEL = re.compile(r"[\"“]?([A-Z][^\s:]*(?:[ \t]+[A-Z][^\s:]*){0,5}):[ \t]+(?=\S)")


@dataclass(frozen=True)
class MarkedSpan:
    """The text between a pair of quotation marks (marks excluded); a quotation running
    over several paragraphs (an opening mark at each, the closing one only at the end)
    is one span, with the paragraph breaks and their opening marks inside it."""

    start: int
    end: int
    text: str


def _closes(text: str, i: int, opener: str) -> int:
    """Length of the closing mark at ``i`` (0 if none closes there)."""
    for mark in PAIRS[opener]:
        if text.startswith(mark, i):
            after = i + len(mark)
            if mark in ('"', "’", "''"):  # these close only before a non-letter
                if after < len(text) and (text[after].isalnum() or text[after] == "'"):
                    continue
            if mark == opener == "“" and not (SENTENCE_END.match(text[i - 1])
                                    and (after == len(text) or text[after].isspace())):
                continue  # “ closes only as a typo for ”: after the last word's stop
            return len(mark)
    return 0


def _opener(text: str, i: int) -> str | None:
    """The opening mark at ``i``, if one stands there after a space or line start."""
    mark = next((m for m in OPENERS if text.startswith(m, i)), None)
    if mark is None:
        return None
    line_start = text.rfind("\n", 0, i) + 1
    if not _OPEN_CONTEXT.search(text[line_start:i]):
        return None
    after = i + len(mark)
    if mark in ("''", "‘") and (after >= len(text) or not (text[after].isalnum()
                                                           or text[after] in "“\"")):
        return None  # an apostrophe run, not an opening mark
    if mark == "”" and (text[line_start:i].strip() or after >= len(text)
                        or not text[after].isalnum()):
        return None  # a closing mark opens only a line, as a typo for “
    return mark


def _closer(text: str, i: int, opener: str) -> tuple[int, int] | None:
    """(position, length) of the mark closing the quotation opened at ``i``: in its
    paragraph, or in a later one when every paragraph in between opens with the same
    mark; None if it never closes."""
    pos = i + len(opener)
    while True:
        line_end = text.find("\n", pos)
        line_end = len(text) if line_end < 0 else line_end
        curly_inside = False  # a ” after a “ closes that “, not a straight opener
        nested, first = 0, None  # “… “hell” …”: a quotation inside one in the same marks
        for k in range(pos, line_end):
            curly_inside |= text[k] == "“"
            if opener == "“" and text[k] == "“" and _opener(text, k):
                nested += 1
                continue
            n = _closes(text, k, opener)
            if n and not (opener == '"' and text[k] == "”" and curly_inside):
                if not nested:
                    return k, n
                nested -= 1
                first = first or (k, n)
        if first:  # the nested quotation never closed: the first closing mark does
            return first
        nxt = line_end
        while nxt < len(text) and text[nxt] in "\n \t":
            nxt += 1
        if opener == "‘" or not text.startswith(opener, nxt) or any(
                TURN_LABEL.match(text, k) for k in (i, nxt)):
            # unbalanced: never swallow the following paragraphs, nor run one turn of a
            # transcript into the next ("\"DOE: …\n\n\"ROE: …")
            return None
        pos = nxt + len(opener)


def marked_spans(text: str) -> list[MarkedSpan]:
    """Every balanced quotation in ``text``, with offsets of the quoted words."""
    spans: list[MarkedSpan] = []
    i = 0
    while i < len(text):
        mark = _opener(text, i) if text[i] in "“„«\"‘'`”" else None
        found = _closer(text, i, mark) if mark else None
        if found is None:
            i += 1
            continue
        j, n = found
        inner = text[i + len(mark) : j]
        lead = len(inner) - len(inner.lstrip())
        body = inner.strip()
        if _WORD.search(body):
            s = i + len(mark) + lead
            spans.append(MarkedSpan(s, s + len(body), body))
        i = j + n
    return spans


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def is_title(quoted: str) -> bool:
    """A name in marks ("The Art of the Deal"): capitalised words, no sentence."""
    words = quoted.split()
    content = [w for w in words if w.lower() not in {"of", "the", "a", "an", "and", "in", "on",
                                                     "for", "to", "with"}]
    return (len(words) >= 2 and not SENTENCE_END.search(quoted)
            and all(w[:1].isupper() for w in content))


def text_before(text: str, start: int, skip: str, width: int = 40) -> str:
    """Up to ``width`` characters of ``text`` before ``start``, once the characters in
    ``skip`` (marks, spaces) are passed over; "" at the start of the text. Looks back
    only as far as it needs: slicing from the text's start cost a copy per quotation."""
    i = start
    while i > 0 and text[i - 1] in skip:
        i -= 1
    return text[max(0, i - width) : i]


_OPENERS_AND_SPACE = "“\"‘'`«„ "  # passed over to read the word before a quotation
_BEFORE_A_NAME = re.compile(r"(?:\b(?:of|on|in|to|from|the|a|an)|['’]s?)\s*$", re.I)


def names_a_work(text: str, start: int, end: int) -> bool:
    """A title in marks, also one whose comma the marks take in after a preposition or
    an owner ("on “Face the Nation,” she said", "Doe's “The Art of the Deal,” which")."""
    quoted = text[start:end]
    if is_title(quoted):
        return True
    return quoted.endswith(",") and is_title(quoted[:-1]) and bool(
        _BEFORE_A_NAME.search(text_before(text, start, _OPENERS_AND_SPACE)))


_AFTER_A_WORK = re.compile(r"\b([A-Za-z-]+)(\s*,)?\s*$")


def titled_work(text: str, start: int, end: int) -> bool:
    """Words in marks right after a noun that names a work: its title. Set off by a
    comma, a few words ("his book, ''Make Your Kid a Millionaire,'' argues", "the
    commentary, “Melania, tell your story,” is …", "his show, “Politicking.”"), not a
    quotation from it, which would run longer or end a sentence in lower case ("put it
    in an essay, “the insider.”"); without the comma, capitalised words ("the anthem
    ''A Change Is Gonna Come,''")."""
    before = _AFTER_A_WORK.search(text_before(text, start, _OPENERS_AND_SPACE))
    if not before or before.group(1).lower() not in WORK_NOUNS:
        return False
    quoted = text[start:end]
    name = quoted.rstrip(".,")
    if not before.group(2):
        return is_title(name)
    return word_count(quoted) <= 8 and (quoted.endswith(",") or name[:1].isupper() and (
        is_title(name) or word_count(name) == 1))


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
