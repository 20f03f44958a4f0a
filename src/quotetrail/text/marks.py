"""Quotation marks: which spans of a text are set in quotes, and looking offsets up in
spans. A text primitive every stage may use (ingest reads quoted spans to date articles,
the quotation rules attribute them).

Works paragraph by paragraph so that an unbalanced mark never swallows the rest
of the article: an opening mark with no closing one in its paragraph is dropped.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from itertools import accumulate

# opening mark -> closing marks that end it; doubled apostrophes and TeX-style
# ``…'' stand for double quotation marks in some text exports
# (text mixing curly and straight marks closes either with the other)
PAIRS = {"“": ("”", '"', "“"), "„": ("“", "”"), "«": ("»",), '"': ('"', "”"), "‘": ("’",),
         "''": ("''",), "``": ("''",), "”": ("”", '"')}
OPENERS = sorted(PAIRS, key=len, reverse=True)
_OPEN_AFTER = "([{—–-"  # what, besides a space or the line's start, may stand before an opener
_OPENER_CHARS = re.compile("[“„«\"‘'`”]")  # where an opening mark may start
_MARKISH = re.compile("[“”\"»’']")  # where a closing mark (or a nested opener) may start
_NEWLINE = re.compile("\n")
LOOKAHEAD = 400  # closing marks read in one line past an opener before it counts as unbalanced
MAX_NESTING = 3  # “ inside “ deeper than this is stray marks, not quotations in quotations
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


def _opens_here(text: str, i: int) -> bool:
    """What stands before ``i`` lets a quotation open: the line's start, a space, a
    bracket or a dash. Reads one character, whatever the line's length."""
    return i == 0 or text[i - 1].isspace() or text[i - 1] in _OPEN_AFTER


def _line_is_blank_before(text: str, i: int) -> bool:
    """Only spaces stand between the line's start and ``i``."""
    j = i
    while j > 0 and text[j - 1] != "\n" and text[j - 1].isspace():
        j -= 1
    return j == 0 or text[j - 1] == "\n"


def _opener(text: str, i: int) -> str | None:
    """The opening mark at ``i``, if one stands there after a space or line start."""
    mark = next((m for m in OPENERS if text.startswith(m, i)), None)
    if mark is None or not _opens_here(text, i):
        return None
    after = i + len(mark)
    if mark in ("''", "‘") and (after >= len(text) or not (text[after].isalnum()
                                                           or text[after] in "“\"")):
        return None  # an apostrophe run, not an opening mark
    if mark == "”" and (not _line_is_blank_before(text, i) or after >= len(text)
                        or not text[after].isalnum()):
        return None  # a closing mark opens only a line, as a typo for “
    return mark


class _MarkIndex:
    """Where the marks of one text stand, found once: pairing looks candidates up by
    bisection instead of reading every character after every opening mark."""

    def __init__(self, text: str):
        self.text = text
        self.marks = [m.start() for m in _MARKISH.finditer(text)]
        self.newlines = [m.start() for m in _NEWLINE.finditer(text)]
        self.curly = [k for k in self.marks if text[k] == "“"]  # any “ (see curly_inside)
        self.nested = [k for k in self.curly if _opener(text, k)]  # “ that open a quotation
        self._closers: dict[str, tuple[list[int], list[int]]] = {}
        self.memo: dict[tuple[int, str], tuple[int, int] | None] = {}

    def closers(self, opener: str) -> tuple[list[int], list[int]]:
        """Positions and lengths of every mark that can close ``opener``."""
        if opener not in self._closers:
            nested = set(self.nested) if opener == "“" else set()
            found = [(k, n) for k in self.marks
                     if k not in nested and (n := _closes(self.text, k, opener))]
            self._closers[opener] = ([k for k, _ in found], [n for _, n in found])
        return self._closers[opener]

    def between(self, positions: list[int], lo: int, hi: int) -> range:
        """Indices of ``positions`` (sorted) that fall in ``[lo, hi)``."""
        return range(bisect_left(positions, lo), bisect_left(positions, hi))


def _close_in_line(index: _MarkIndex, pos: int, line_end: int,
                   opener: str) -> tuple[int, int] | None:
    """The mark that closes ``opener`` between ``pos`` and the line's end, or None."""
    text = index.text
    at, lengths = index.closers(opener)
    candidates = index.between(at, pos, line_end)
    if not candidates:
        return None
    if opener != "“":
        first_curly = index.between(index.curly, pos, line_end)
        curly_from = index.curly[first_curly[0]] if first_curly else line_end
        for n, c in enumerate(candidates):
            k = at[c]
            # a ” after a “ closes that “, not a straight opener
            if not (opener == '"' and text[k] == "”" and k > curly_from):
                return k, lengths[c]
            if n >= LOOKAHEAD:
                break
        return None
    # “… “hell” …”: quotations inside one in the same marks; the closing mark at depth 0
    # wins, else the first one that closed anything. Closers and nested openers are
    # merged in text order, and the walk stops when the depth shows stray marks.
    nested_at = index.nested
    c, end = candidates.start, candidates.stop
    o = bisect_left(nested_at, pos)
    depth, first = 0, None
    while c < end and c - candidates.start <= LOOKAHEAD:
        k = at[c]
        if o < len(nested_at) and nested_at[o] < k:
            depth, o = depth + 1, o + 1
            if depth > MAX_NESTING:
                break
            continue
        c += 1
        if not depth:
            return k, lengths[c - 1]
        depth -= 1
        first = first or (k, lengths[c - 1])
    return first


def _closer(index: _MarkIndex, i: int, opener: str) -> tuple[int, int] | None:
    """(position, length) of the mark closing the quotation opened at ``i``: in its
    paragraph, or in a later one when every paragraph in between opens with the same
    mark; None if it never closes.

    Each opening mark looks at the marks of its own line by bisection, and a run of
    paragraphs that each open with a mark is walked once (the answer is kept for every
    paragraph it passed), so pairing grows linearly with the number of marks, where
    reading to the end of the line for every stray mark grew with its square."""
    text = index.text
    pos = i + len(opener)
    passed = []
    while True:
        after = bisect_left(index.newlines, pos)
        line_end = index.newlines[after] if after < len(index.newlines) else len(text)
        found = _close_in_line(index, pos, line_end, opener)
        if found:
            break
        nxt = line_end
        while nxt < len(text) and text[nxt] in "\n \t":
            nxt += 1
        if opener == "‘" or not text.startswith(opener, nxt) or any(
                TURN_LABEL.match(text, k) for k in (i, nxt)):
            # unbalanced: never swallow the following paragraphs, nor run one turn of a
            # transcript into the next ("\"DOE: …\n\n\"ROE: …")
            break
        if (nxt, opener) in index.memo:
            found = index.memo[nxt, opener]
            break
        passed.append(nxt)
        pos = nxt + len(opener)
    for k in passed:
        index.memo[k, opener] = found
    return found


def marked_spans(text: str) -> list[MarkedSpan]:
    """Every balanced quotation in ``text``, with offsets of the quoted words."""
    spans: list[MarkedSpan] = []
    index = _MarkIndex(text)
    i = 0
    while (m := _OPENER_CHARS.search(text, i)) is not None:
        i = m.start()
        mark = _opener(text, i)
        found = _closer(index, i, mark) if mark else None
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


class Spans(list):
    """(start, end) spans that answer "is this offset inside one?" by bisection: the
    rules ask it for every token, and scanning every quotation each time grew with the
    square of an article's quotations. Still a list in the order given, for code that
    walks them all; build it once, do not append to it."""

    def __init__(self, spans=()):
        super().__init__(spans)
        self._ordered = sorted((s, e, k) for k, (s, e) in enumerate(self))
        self._starts = [s for s, _, _ in self._ordered]
        self._reach = list(accumulate((e for _, e, _ in self._ordered), max))  # furthest end

    def covers(self, offset: int) -> bool:
        k = bisect_right(self._starts, offset) - 1
        return k >= 0 and offset < self._reach[k]

    def overlaps(self, start: int, end: int) -> bool:
        """Whether a span shares an offset with ``start:end``: one holds ``start``, or
        one starts inside it."""
        k = bisect_left(self._starts, start)
        return self.covers(start) or (k < len(self._starts) and self._starts[k] < end)

    def containing(self, offset: int) -> tuple[int, int] | None:
        """The first span (in the order given) that holds ``offset``, or None."""
        found, j = None, bisect_right(self._starts, offset) - 1
        while j >= 0 and self._reach[j] > offset:
            s, e, k = self._ordered[j]
            if offset < e and (found is None or k < found):
                found = k
            j -= 1
        return None if found is None else self[found]


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
