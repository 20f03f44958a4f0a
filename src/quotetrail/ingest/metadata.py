"""What an article says about itself: headline, dateline, byline, outlet, sources, language."""

from __future__ import annotations

import re
from datetime import date, datetime

from quotetrail.ingest.clutter import BYLINE, STOPWORDS, UI_WORDS, Line, latin_share
from quotetrail.text.dates import find_dates, plausible

# Words that may surround a date on a dateline without making it a sentence.
DATELINE_FILLER = re.compile(
    r"\b(published|updated|posted|last|modified|on|at|am|pm|gmt|utc|est|edt|bst|cet|ist|irst"
    r"|monday|tuesday|wednesday|thursday|friday|saturday|sunday|\d{1,2}:\d{2}(:\d{2})?)\b"
    r"|[|•·,:\-–—/()]",
    re.I,
)


def dateline(line: Line):
    """The stated date if ``line`` is a dateline (a day-precise date and little else)."""
    dates = [d for d in find_dates(line.text) if d.granularity == "day" and not d.relative]
    if len(dates) != 1:
        return None
    d = dates[0]
    rest = line.text[: d.start] + " " + line.text[d.end :]
    if len(DATELINE_FILLER.sub(" ", rest).split()) > 1:
        return None
    return d.date_min


def byline(line: Line) -> str | None:
    """The author's name if ``line`` is a byline ("By Jane Doe")."""
    m = BYLINE.match(line.text)
    return m.group(2) if m else None


def is_headline(line: Line) -> bool:
    """A headline: a few words, not a finished sentence, not a dateline or byline."""
    words = line.words
    return (
        3 <= len(words) <= 25
        and not line.text.endswith(".")
        and dateline(line) is None
        and byline(line) is None
        and not line.text.isupper()
    )


_DOMAIN = re.compile(r"^[A-Za-z][\w-]*(\.[A-Za-z]{2,})+$")


def signature(line: Line) -> str | None:
    """An outlet's sign-off below the article ("JPost", "Example.com"): its name, or None."""
    text = line.text.strip(" -–—|")
    tokens = text.split()
    if not 1 <= len(tokens) <= 3 or line.text.endswith((".", "!", "?")) or text.isupper():
        return None
    if any(t.lower() in UI_WORDS or t.lower() in STOPWORDS for t in tokens):
        return None
    if _DOMAIN.match(text) or all(t[:1].isupper() for t in tokens):
        return text
    return None


_COPYRIGHT_HOLDER = re.compile(r"([A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,3})\s*©|©\s*(?:\d{4}\s*)?"
                               r"([A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,3})")


def copyright_holder(line: Line) -> str | None:
    m = _COPYRIGHT_HOLDER.search(line.text)
    return (m.group(1) or m.group(2)).strip() if m else None


# --- sources the article cites -------------------------------------------------------------

_NAME_TOKEN = r"[A-Z](?:[\w&'’-]|\.(?=\w))*"
_CAPS_RUN = re.compile(rf"{_NAME_TOKEN}(?:\s+(?:of\s+|and\s+|&\s+|the\s+)?{_NAME_TOKEN})*")
_SOURCE_AFTER = re.compile(
    r"\b(?:according to|told|interview with|in a statement to|quoted by|cited by"
    r"|the report (?:on|from|by|in)|reported by|aired on|published by)\s+"
    r"(?P<phrase>(?:[^,.;:()“”\"\n]|\.(?=\w)){1,80})",
    re.I,
)
_SOURCE_BEFORE = re.compile(
    rf"(?P<name>{_NAME_TOKEN}(?:\s+{_NAME_TOKEN}){{0,4}})\s+(?:reported|reports|has reported"
    r"|quoted|cited|said in a report)\b"
)
_NOT_SOURCES = {"He", "She", "They", "It", "We", "I", "The", "This", "That", "A", "An"}


_CONNECTORS = {"of", "and", "&", "the"}
_DEMONYM = re.compile(r"(ian|ese|ish)$")


def _source_name(phrase: str) -> str | None:
    """The name in a phrase after a citing cue: the last capitalised run before the
    phrase turns into a clause ("the news outlet Example Wire noted that …")."""
    words = phrase.split()[:8]
    for k in range(1, len(words)):
        if words[k - 1][:1].isupper() and words[k][:1].islower() and words[k] not in _CONNECTORS:
            words = words[:k]
            break
    runs = _CAPS_RUN.findall(" ".join(words))
    if not runs:
        return None
    name = re.sub(r"^(The|A|An)\s+", "", runs[-1].strip().rstrip("."))
    name = re.sub(r"['’]s$", "", name)
    if not name or name in _NOT_SOURCES or (" " not in name and _DEMONYM.search(name)):
        return None
    return name


def cited_sources(text: str, outlet: str | None = None) -> list[str]:
    """Who the article says it got its information from, in order of first mention."""
    found: list[str] = []
    for m in _SOURCE_AFTER.finditer(text):
        name = _source_name(m.group("phrase"))
        if name:
            found.append(name)
    for m in _SOURCE_BEFORE.finditer(text):
        name = _source_name(m.group("name"))
        if name:
            found.append(name)
    own = (outlet or "").lower()
    unique: list[str] = []
    for name in sorted(set(found), key=lambda n: (text.find(n), n)):  # ties: by name
        if name.lower() != own and name not in unique:
            unique.append(name)
    return unique


# The commonest function words of a few languages news corpora mix with English.
FUNCTION_WORDS = {
    "en": STOPWORDS,
    "fr": frozenset("le la les de des du un une et est en que qui dans pour pas sur au aux "
                    "avec ce cette il elle ne se sont ont par plus à été être".split()),
    "de": frozenset("der die das und ist nicht ein eine zu den von mit sich des auf für im "
                    "dem auch es an werden aus er hat dass sie nach".split()),
    "es": frozenset("el la los las de del y que en un una es por con no para se al lo como "
                    "más pero sus ha este esta".split()),
    "it": frozenset("il lo la gli le di del della e che è un una per non con si da al nel "
                    "sono come anche ma".split()),
    "pt": frozenset("o a os as de do da e que em um uma é para com não se por no na mais "
                    "como mas ao dos das".split()),
    "nl": frozenset("de het een en van is dat op te in zijn met voor niet aan er ook als "
                    "bij maar door".split()),
}


def language(text: str) -> str:
    """ISO 639-1 code of the language whose function words the text uses most, or 'und'.

    Deliberately simple (function-word shares); non-English articles are kept and flagged.
    """
    words = [w.lower() for w in re.findall(r"[^\W\d_]+", text)]
    if len(words) < 5:
        return "und"
    if latin_share(text) < 0.5:
        return "und"
    shares = {lang: sum(w in vocab for w in words) / len(words)
              for lang, vocab in FUNCTION_WORDS.items()}
    best = max(sorted(shares), key=lambda lang: shares[lang])
    return best if shares[best] >= 0.15 else "und"


def parse_date(value) -> date | None:
    """A date given as metadata (ISO string, date or timestamp), or None."""
    if value is None or value == "":
        return None
    if isinstance(value, date):
        found = value if not isinstance(value, datetime) else value.date()
    else:
        text = str(value).strip()
        try:
            found = date.fromisoformat(text[:10])
        except ValueError:
            days = [d for d in find_dates(text) if d.granularity == "day" and not d.relative]
            found = days[0].date_min if days else None
    return found if found is not None and plausible(found) else None
