"""Where and how a remark was made, as the article says it: a meeting, an interview, a speech.

Only the words around the attribution are read (the sentence that holds the cue,
the quotation's own sentence, the sentence before it), and only what they say in so
many words; an
occasion nobody names stays empty rather than guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_WHO = r"(?P<who>(?:the\s+)?[A-Z][\w.&'’-]*(?:\s+(?:of\s+|and\s+)?[A-Z][\w.&'’-]*){0,5})"
_I = "(?i:{})".format
# who a meeting was with: a few lower-case words then a name ("newly elected President X"),
# else one word ("farmers")
_COUNTERPART = (r"(?P<who>(?:[a-z][\w'’-]*\s+){0,3}[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,4}"
                r"|[a-z][\w'’-]*)")

PATTERNS: list[tuple[str, re.Pattern]] = [
    ("interview", re.compile(_I(r"\b(?:in|during)\s+an?\s+(?:\w+\s+){0,2}interview")
                             + r"(?:\s+(?:with|to|on)\s+" + _WHO + ")?")),
    # "told reporters", also "told White House reporters": the press, before "told X"
    ("press conference", re.compile(_I(r"\b(?:at|during|in)\s+an?\s+(?:joint\s+)?"
                                       r"(?:press|news)\s+(?:conference|briefing)")
                                    + r"|\b[Tt]old\s+(?:[A-Z][\w.&'’-]*\s+){0,3}"
                                      r"(?:reporters|journalists)")),
    ("interview", re.compile(_I(r"\btold\s+") + r"(?P<who>(?:the\s+)?[A-Z][\w.&'’-]*"
                             r"(?:\s+[A-Z][\w.&'’-]*){0,3})")),
    ("meeting", re.compile(_I(r"\b(?:in|during|at)\s+(?:an?|his|her|their)\s+(?:\w+\s+)?"
                              r"meeting\s+with\s+") + _COUNTERPART)),
    ("meeting", re.compile(_I(r"\b(?:in|during|at)\s+(?:an?|his|her|their)\s+(?:\w+\s+)?"
                              r"(?:meeting|gathering|summit)\b"))),
    ("speech", re.compile(_I(r"\b(?:in|during)\s+(?:an?|his|her|their)\s+(?:\w+\s+){0,2}"
                             r"(?:speech|address|sermon|lecture)\b|\bfriday\s+prayers\b"
                             r"|\baddressing\s+") + r"(?P<who>[a-z]*\s*[A-Za-z][\w'’-]*"
                                                    r"(?:\s+[A-Za-z][\w'’-]*){0,3})?")),
    ("post", re.compile(_I(r"\b(?:in\s+an?\s+|on\s+)?(?:post|tweet|message|video|thread)\s+"
                           r"(?:on|to)\s+") + r"(?P<who>X|Twitter|Telegram|Instagram|Facebook"
                                              r"|Truth Social|YouTube|social media)")),
    ("post", re.compile(_I(r"\b(?:wrote|posted|tweeted)\s+on\s+")
                        + r"(?P<who>X|Twitter|Telegram|Instagram|Facebook|Truth Social"
                          r"|social media|his website|her website)")),
    ("statement", re.compile(_I(r"\bin\s+an?\s+(?:written\s+|joint\s+|brief\s+)?"
                                r"(?:statement|communiqu[eé]|letter|op-ed)\b"))),
]


@dataclass(frozen=True)
class Occasion:
    kind: str  # interview, press conference, meeting, speech, post, statement
    phrase: str  # the words as printed
    start: int
    end: int


def find_occasion(text: str, start: int, end: int) -> Occasion | None:
    """The first occasion named in ``text[start:end]`` (offsets into ``text``)."""
    window = text[start:end]
    found = []
    for kind, pattern in PATTERNS:
        m = pattern.search(window)
        if m:
            found.append((m.start(), kind, m))
    if not found:
        return None
    _, kind, m = min(found, key=lambda f: f[0])
    phrase = m.group().rstrip(" ,.;:")
    return Occasion(kind, phrase, start + m.start(), start + m.start() + len(phrase))
