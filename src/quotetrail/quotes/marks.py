"""Finding quotation marks: which spans of a text are set in quotes.

Works paragraph by paragraph so that an unbalanced mark never swallows the rest
of the article: an opening mark with no closing one in its paragraph is dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# opening mark -> closing marks that end it
PAIRS = {"“": "”", "„": "“”", "«": "»", '"': '"', "‘": "’"}
_OPEN_CONTEXT = re.compile(r"(^|[\s(\[{—–-])$")  # what may stand before an opening mark
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


@dataclass(frozen=True)
class MarkedSpan:
    """The text between a pair of quotation marks (marks excluded); a quotation running
    over several paragraphs (an opening mark at each, the closing one only at the end)
    is one span, with the paragraph breaks and their opening marks inside it."""

    start: int
    end: int
    text: str


def _closes(text: str, i: int, closers: str) -> bool:
    if text[i] not in closers:
        return False
    if text[i] in "\"’":  # straight marks and apostrophes close only before a non-letter
        return i + 1 == len(text) or not text[i + 1].isalnum()
    return True


def _closer(text: str, i: int, opener: str) -> int | None:
    """Where the quotation opened at ``i`` closes: in its paragraph, or in a later one when
    every paragraph in between opens with the same mark; None if it never does."""
    pos = i + 1
    while True:
        line_end = text.find("\n", pos)
        line_end = len(text) if line_end < 0 else line_end
        j = next((k for k in range(pos, line_end) if _closes(text, k, PAIRS[opener])), None)
        if j is not None:
            return j
        nxt = line_end
        while nxt < len(text) and text[nxt] in "\n \t":
            nxt += 1
        if opener in "\"‘" or nxt >= len(text) or text[nxt] != opener:
            return None  # unbalanced: never swallow the following paragraphs
        pos = nxt + 1


def marked_spans(text: str) -> list[MarkedSpan]:
    """Every balanced quotation in ``text``, with offsets of the quoted words."""
    spans: list[MarkedSpan] = []
    i = 0
    while i < len(text):
        ch = text[i]
        line_start = text.rfind("\n", 0, i) + 1
        if ch in PAIRS and _OPEN_CONTEXT.search(text[line_start:i]):
            j = _closer(text, i, ch)
            if j is None:
                i += 1
                continue
            inner = text[i + 1 : j]
            lead = len(inner) - len(inner.lstrip())
            body = inner.strip()
            if _WORD.search(body):
                s = i + 1 + lead
                spans.append(MarkedSpan(s, s + len(body), body))
            i = j + 1
        else:
            i += 1
    return spans


def word_count(text: str) -> int:
    return len(_WORD.findall(text))
