"""Names of works in quotation marks ("the anthem “…”", "on “Face the Nation,”"):
titles, not speech."""

from __future__ import annotations

import re

from quotetrail.quotes.lexicon import WORK_NOUNS
from quotetrail.text.marks import is_title, text_before, word_count

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
