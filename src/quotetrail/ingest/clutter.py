"""Separating an article's body from the web page clutter pasted around it.

Lines are classified by general features — length, sentence punctuation, stop-word
density, script, web-interface vocabulary, consent/copyright/counter/caption
patterns, repetition, and position (above the first paragraph or below the
last) — never by strings of a particular site. Every removed line is kept with
its reason so a reader can audit what was dropped.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

STOPWORDS = frozenset(
    """a about after again against all also am an and any are as at be because been before
    being between both but by can could did do does doing down during each few for from further
    had has have having he her here hers him his how i if in into is it its itself just me more
    most my no nor not now of off on once only or other our out over own same she should so some
    such than that the their them then there these they this those through to too under until up
    very was we were what when where which while who whom why will with would you your""".split()
)

# Words of web interfaces (navigation, sharing, app stores, widgets), not of any one site.
UI_WORDS = frozenset(
    """twitter x youtube instagram facebook telegram whatsapp linkedin tiktok reddit pinterest
    vk viber email e-mail mail print share shares sharing search menu home login log in out
    sign up subscribe subscription register ads ad advertisement advertising sponsored loading
    close copy link links more next previous prev back top apple store play market app apps
    google android ios night day theme dark light mode rss feed comments comment reply skip
    content main navigation nav toggle read listen watch video photo gallery follow us like
    tweet pin save bookmark donate newsletter cookie cookies accept settings language
    lang""".split()
)

# "Follow Jane Doe on Twitter @janedoe", closing an article: the name is capitalised,
# unlike "follow the debate on Twitter" in a sentence; the quotation rules use it too, for
# the one some sites set in quotation marks
FOLLOW_PROMPT = re.compile(
    r"^(?:Follow|FOLLOW)\s+(?:[A-Z@][\w.'’@-]*\s+){1,4}on\s+"
    r"(?:Twitter|Facebook|Instagram|X|Threads|Bluesky)\b[^.!?]{0,40}[.!]?$")
PATTERNS: list[tuple[str, re.Pattern]] = [
    ("consent notice", re.compile(
        r"\bcookies?\b.*\b(accept|consent|experience|opt[- ]?out|agree|policy)\b", re.I)),
    # a © glued to a letter is what decoding UTF-8 "é" as Windows-1252 makes ("Ã©"), not a
    # copyright sign; "Â©" is a real © decoded so
    ("copyright notice", re.compile(
        r"(?:(?<![^\W\d_])|(?<=Â))©|\(c\)\s*\d{4}|\ball rights reserved\b|\bcopyright\b"
        r"|\buse of (the )?materials?\b"
        r"|\bwithout (prior )?(written )?permission\b|\bhyperlink to\b", re.I)),
    ("counter", re.compile(
        r"^(views?|reads?|comments?|likes?|shares?|visits?)\s*[:\-]?\s*[\d,.]+k?$"
        r"|^[\d,.]+k?\s+(views?|reads?|comments?|likes?|shares?)$", re.I)),
    ("share or print prompt", re.compile(
        r"\bshare (it|this|on)\b|\bprint friendly\b|\bsend to kindle\b|\bcopy link\b"
        r"|\bfollow us\b|\bsign up\b|\bsubscribe\b|\bnewsletter\b|\bliked the (story|article)\b"
        r"|\bread more\s*$|\bcomments are (closed|open)\b|\bleave a (comment|reply)\b"
        r"|\bclick here\b|\bshare-line\b", re.I)),
    ("social-media follow prompt", FOLLOW_PROMPT),
    ("photo caption or credit", re.compile(
        r"\((photo\s*)?credit\s*:|^\[?\s*(photo|image|picture|credit)s?\s*(:|/|by\b)"
        r"|\b(photo|image)\s*(credit|courtesy)\b|\bgetty images\b|\bvia reuters\)", re.I)),
]

# Prompts and copyright lines are short; a paragraph that mentions a newsletter or
# signing up (or a whole article on one line, as JSONL and CSV often hold) is prose.
# Captions ("(credit: …)") and consent notices can run long and keep their patterns.
MAX_NOTICE_WORDS = 25
PROSE_PATTERNS = frozenset({"copyright notice", "share or print prompt"})

BYLINE = re.compile(r"^(by|written by|author:)\s+([A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,3})$",
                    re.I)
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
SENTENCE_END = re.compile(r"[.!?…][\"”’')\]]*$|[\"”’]$")


@dataclass
class Line:
    """One line of the raw text with the features the classifier uses."""

    index: int
    start: int  # offset of the stripped content in the raw text
    end: int
    text: str  # stripped content

    @property
    def words(self) -> list[str]:
        return WORD.findall(self.text)

    @property
    def is_prose(self) -> bool:
        """Reads like a sentence: several words, mostly ordinary ones, ending a sentence."""
        words = self.words
        if len(words) >= MAX_NOTICE_WORDS and stopword_ratio(words) >= 0.15:
            return True  # a paragraph, however it ends ("… grew by 1.3%"; a one-line article)
        if len(words) < 4 or not SENTENCE_END.search(self.text):
            return False
        return stopword_ratio(words) >= 0.15 or len(words) < 8

    @property
    def is_paragraph(self) -> bool:
        """A line long enough to be body text, which ends the page header."""
        return self.is_prose and len(self.words) >= 8


def split_lines(raw: str) -> list[Line]:
    """Non-blank lines with the offsets of their stripped content."""
    lines, pos = [], 0
    for i, chunk in enumerate(raw.split("\n")):
        stripped = chunk.strip()
        if stripped:
            start = pos + chunk.index(stripped)
            lines.append(Line(i, start, start + len(stripped), stripped))
        pos += len(chunk) + 1
    return lines


def stopword_ratio(words: list[str]) -> float:
    return sum(w.lower() in STOPWORDS for w in words) / max(len(words), 1)


def latin_share(text: str) -> float:
    """Share of letters in Latin script (1.0 for a line without letters)."""
    if text.isascii():
        return 1.0
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return 1.0
    return sum(ch.isascii() or "LATIN" in unicodedata.name(ch, "") for ch in letters) / len(letters)


def pattern_reason(line: Line) -> str | None:
    """Why a line is clutter wherever it stands, or None."""
    text, words = line.text, line.words
    for reason, pattern in PATTERNS:
        if pattern.search(text) and (reason not in PROSE_PATTERNS or len(words) < MAX_NOTICE_WORDS):
            return reason
    if latin_share(text) < 0.5:
        return "interface text in another script"
    if len(words) <= 4 and not SENTENCE_END.search(text):
        tokens = re.findall(r"[\w'’+-]+", text.lower())
        if tokens and all(t.strip("-+") in UI_WORDS or "_" in t for t in tokens):
            return "menu or social-media link"
        if not words or all(len(w) <= 2 for w in words):
            return "interface widget"
    return None


@dataclass
class Page:
    """A page cut into zones: header (above the first paragraph), body, trailer (below the last)."""

    lines: list[Line]  # every non-blank line
    header: list[Line]
    body: list[Line]
    trailer: list[Line]
    reasons: dict[int, str]  # line index -> why it is not body text


def classify(raw: str, zoned: bool = True) -> Page:
    """Mark clutter lines and cut the page into header, body and trailer.

    ``zoned=False`` is for text an extractor already cut from its page (HTML through
    trafilatura): the line patterns still apply, but every other line is body.
    """
    lines = split_lines(raw)
    reasons: dict[int, str] = {}
    for line in lines:
        reason = pattern_reason(line)
        if reason:
            reasons[line.index] = reason

    seen: set[str] = set()
    for line in lines:
        key = re.sub(r"\W+", " ", line.text.lower()).strip()
        if key in seen and line.index not in reasons and len(line.words) >= 3:
            reasons[line.index] = "repeated line"
        seen.add(key)

    live = [ln for ln in lines if ln.index not in reasons]
    if not zoned:
        return Page(lines, [], live, [], reasons)
    first = next((k for k, ln in enumerate(live) if ln.is_paragraph), None)
    if first is None:
        return Page(lines, live, [], [], reasons)
    last = max(k for k, ln in enumerate(live) if ln.is_prose)
    return Page(lines, live[:first], live[first : last + 1], live[last + 1 :], reasons)
