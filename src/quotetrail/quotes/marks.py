"""Finding quotation marks: which spans of a text are set in quotes.

Works paragraph by paragraph so that an unbalanced mark never swallows the rest
of the article: an opening mark with no closing one in its paragraph is dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# opening mark -> closing marks that end it
PAIRS = {"“": "”", "„": "“”", "«": "»", '"': '"'}
_OPEN_CONTEXT = re.compile(r"(^|[\s(\[{—–-])$")  # what may stand before an opening mark
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


@dataclass(frozen=True)
class MarkedSpan:
    """The text between a pair of quotation marks (marks excluded)."""

    start: int
    end: int
    text: str


def _closes(text: str, i: int, closers: str) -> bool:
    if text[i] not in closers:
        return False
    if text[i] == '"':  # a straight mark closes only before a space, punctuation or the end
        return i + 1 == len(text) or not text[i + 1].isalnum()
    return True


def marked_spans(text: str) -> list[MarkedSpan]:
    """Every balanced quotation in ``text``, with offsets of the quoted words."""
    spans: list[MarkedSpan] = []
    pos = 0
    for para in text.split("\n"):
        i = 0
        while i < len(para):
            ch = para[i]
            if ch in PAIRS and _OPEN_CONTEXT.search(para[:i]):
                j = next((k for k in range(i + 1, len(para)) if _closes(para, k, PAIRS[ch])), None)
                if j is None:  # unbalanced: skip this mark only
                    i += 1
                    continue
                inner = para[i + 1 : j]
                lead = len(inner) - len(inner.lstrip())
                body = inner.strip()
                if _WORD.search(body):
                    s = pos + i + 1 + lead
                    spans.append(MarkedSpan(s, s + len(body), body))
                i = j + 1
            else:
                i += 1
        pos += len(para) + 1
    return spans


def word_count(text: str) -> int:
    return len(_WORD.findall(text))
