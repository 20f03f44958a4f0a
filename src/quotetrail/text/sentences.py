"""Rough sentence spans, enough to tell which words sit with which quotation.

A sentence ends at a stop (with any closing marks after it) or a line break. This is
cruder than the parser's sentences, and meant for the stages that do not parse.
"""

from __future__ import annotations

import re
from bisect import bisect_right

_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+[\"”’)]*|\n|$)")


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of ``text`` that holds more than white space."""
    return [(m.start(), m.end()) for m in _SENTENCE.finditer(text) if m.group().strip()]


def sentence_at(bounds: list[tuple[int, int]], offset: int) -> int:
    """Index of the sentence holding ``offset``; -1 when it falls between sentences."""
    k = bisect_right(bounds, (offset, float("inf"))) - 1
    return k if k >= 0 and offset < bounds[k][1] else -1
