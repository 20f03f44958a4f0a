"""How one printing of a statement relates to its canonical form, word by word.

``exact`` and ``near`` differ only in typography, punctuation or a few letters;
``truncated`` is a contiguous piece of the canonical form, ``spliced`` several pieces
(or one marked with an ellipsis) joined; ``paraphrase`` says the same in other words;
``reframing`` keeps the content but changes what it refers to, how strong or hedged it
is, its polarity, or drops a condition. What changed is said in words.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from functools import lru_cache

from rapidfuzz import fuzz

from quotetrail.align.pairs import NEGATIONS, STOPWORDS
from quotetrail.align.shingles import FOLD, normalize, words

NEAR_THRESHOLD = 0.9  # rapidfuzz ratio / 100 above which two forms are near-verbatim
PIECE_THRESHOLD = 0.95  # share of a trimmed form's words found in order in the canonical form
ELLIPSIS = re.compile(r"\.\s?\.\s?\.|…|\[\s*\.{3}\s*\]")

HEDGES = frozenset({"may", "might", "could", "possibly", "perhaps", "maybe", "likely",
                    "probably", "would", "potential", "potentially", "appears", "seems"})
CERTAINTIES = frozenset({"will", "must", "shall", "definitely", "certainly", "surely",
                         "always", "clearly", "undoubtedly", "never"})
CONDITIONS = ("if", "unless", "provided", "as long as", "when necessary", "only when",
              "only if", "in case", "on condition")
MAX_REFERENT_WORDS = 4  # a referent swapped is a word or a name, not a rewritten clause
CAVEATS = ("however", "but", "yet", "although", "though", "still", "nevertheless",
           "nonetheless", "while", "whereas")
CONDITIONAL = frozenset({"if", "unless", "when", "whenever", "provided", "once"})  # a
# condition of the report's own: the remark's may have been reworded, not dropped
KEPT_WORDS = 0.5  # of a piece's content words a report keeps for its polarity to compare
_PUNCT = "“”\"'‘’.,;:!?()[]…"
_NAME = re.compile(r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*")
_SENT_START = re.compile(r"(?:^|[.!?:;\"“]\s*)([A-Z][a-z]+)")


def word_diff(origin: str, form: str) -> str:
    """Word-level changes from ``origin`` to ``form``: "-removed +added", parts joined by " | "."""
    a, b = origin.split(), form.split()
    parts = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op in ("replace", "delete"):
            parts.append("-" + " ".join(a[i1:i2]))
        if op in ("replace", "insert"):
            parts.append("+" + " ".join(b[j1:j2]))
    return " | ".join(parts)


def _pieces(origin: list[str], form: list[str]) -> tuple[int, float]:
    """(runs of ``form`` found in order in ``origin``, share of its words they hold)."""
    blocks = [b for b in difflib.SequenceMatcher(a=origin, b=form, autojunk=False)
              .get_matching_blocks() if b.size]
    covered = sum(b.size for b in blocks)
    return len(blocks), covered / len(form) if form else 0.0


def _names(text: str) -> set[str]:
    """Capitalised names, leaving out a sentence's first word."""
    starts = {m.start(1) for m in _SENT_START.finditer(text)}
    return {m.group().lower() for m in _NAME.finditer(text) if m.start() not in starts}


def _has_condition(text: str) -> set[str]:
    low = " " + " ".join(words(text)) + " "
    return {c for c in CONDITIONS if f" {c} " in low}


def reframings(origin: str, form: str) -> list[str]:
    """What a printing changed in meaning: referent, strength, hedging, polarity, condition."""
    wa, wb = words(origin), words(form)
    changes = []
    names_a, names_b = _names(origin), _names(form)
    swapped = []  # a word or phrase replaced by a name the original did not have
    a, b = ([w.strip(_PUNCT) for w in t.split()] for t in (origin, form))
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "replace" and max(i2 - i1, j2 - j1) <= MAX_REFERENT_WORDS:
            inside = j1 and not b[j1 - 1].endswith((".", "!", "?", ":"))
            new = _names(("x " if inside else "") + " ".join(b[j1:j2])) - names_a
            if new:
                swapped.append(f"{' '.join(a[i1:i2])} → {' '.join(b[j1:j2])}")
    if swapped:
        changes.append("referent: " + "; ".join(swapped))
    elif names_a - names_b and names_b - names_a:
        changes.append(f"referent: {', '.join(sorted(names_a - names_b))} → "
                       f"{', '.join(sorted(names_b - names_a))}")
    neg_a = sum(w in NEGATIONS or w.endswith("n't") for w in wa)
    neg_b = sum(w in NEGATIONS or w.endswith("n't") for w in wb)
    if (neg_a % 2) != (neg_b % 2) and (neg_a == 0 or neg_b == 0):
        changes.append("polarity: " + ("negation dropped" if neg_a else "negation added"))
    hedge_a, hedge_b = set(wa) & HEDGES, set(wb) & HEDGES
    sure_a, sure_b = set(wa) & CERTAINTIES, set(wb) & CERTAINTIES
    if hedge_a - hedge_b and sure_b - sure_a:
        changes.append(f"strength: {', '.join(sorted(hedge_a - hedge_b))} → "
                       f"{', '.join(sorted(sure_b - sure_a))}")
    elif hedge_b - hedge_a and sure_a - sure_b:
        changes.append(f"hedge: {', '.join(sorted(sure_a - sure_b))} → "
                       f"{', '.join(sorted(hedge_b - hedge_a))}")
    lost = _has_condition(origin) - _has_condition(form)
    if lost:
        changes.append("condition dropped: " + ", ".join(sorted(lost)))
    return changes


def caveats_dropped(origin: str, form: str) -> list[str]:
    """Sentences of ``origin`` that open with a caveat ("However, we should not …") when
    ``form`` carries no caveat word at all: what a restatement left out, named by the
    caveat's first words."""
    if set(words(form)) & set(CAVEATS):
        return []
    out = []
    for sentence in re.split(r"(?<=[.!?])\s+", origin):
        first = words(sentence)[:1]
        if first and first[0] in CAVEATS:
            out.append(" ".join(sentence.split()[:6]) + " …")
    return out


def restatement_changes(origin: str, piece: str, form: str) -> str:
    """What a report in other words (``form``) changed of the remark (``origin``), read
    against the sentence or clause it restates (``piece``): referent, strength, hedge
    and polarity there; a condition or a caveat of the whole remark not carried.

    Words in other words carry meaning in other words, so two claims need care: a
    negation counts as dropped or added only where the report keeps most of the piece's
    own words ("does not prevent talks" may come back as "leaves room for talks"), and
    a condition only where the report sets no condition of its own ("when necessary"
    may come back as "when it serves us")."""
    changes = [c for c in reframings(piece, form) if not c.startswith("condition")
               and (not c.startswith("polarity") or _kept_share(piece, form) >= KEPT_WORDS)]
    lost = _has_condition(origin) - _has_condition(form)
    if lost and not set(words(form)) & CONDITIONAL:
        changes.append("condition dropped: " + ", ".join(sorted(lost)))
    changes += [f"caveat not carried: {c}" for c in caveats_dropped(origin, form)]
    return "; ".join(changes)


def _kept_share(piece: str, form: str) -> float:
    """Share of the piece's content words the report keeps."""
    own = set(words(piece)) - STOPWORDS - NEGATIONS
    return len(own & set(words(form))) / len(own) if own else 1.0


def may_keep_words(origin_text: str, form_text: str) -> bool:
    """False only when ``relation`` cannot find ``form_text`` to be ``origin_text``'s own
    words (exact, near, truncated, spliced): not near by ratio, and fewer of its words in
    the origin, in any order, than a trimmed form keeps in order. Grouping asks this of
    most candidate pairs; it costs a fraction of the word diff and the reframing checks."""
    origin, form = normalize(origin_text), normalize(form_text)
    if form == origin or fuzz.ratio(origin, form) / 100 >= NEAR_THRESHOLD:
        return True
    n_form = form.count(" ") + 1 if form else 0
    if not n_form or n_form >= origin.count(" ") + 1:
        return False
    kept = sum((_bag(origin) & _bag(form)).values())
    return kept / n_form >= PIECE_THRESHOLD


@lru_cache(maxsize=1 << 16)
def _bag(normalized: str) -> Counter:
    """The words of a normalised text, counted (never changed by its callers)."""
    return Counter(normalized.split())


def relation(origin_text: str, form_text: str, content_score: float | None = None
             ) -> tuple[str, float, str]:
    """(relation, similarity 0–1, what changed) of ``form_text`` against ``origin_text``.

    ``content_score`` is the pairwise model's probability that the two say the same; it
    is the similarity of a paraphrase or reframing.
    """
    origin, form = normalize(origin_text), normalize(form_text)
    if form == origin:
        raw_a, raw_b = (" ".join(t.translate(FOLD).split()) for t in (origin_text, form_text))
        return ("exact", 1.0, "") if raw_a == raw_b else \
            ("near", fuzz.ratio(raw_a, raw_b) / 100, "")
    ratio = fuzz.ratio(origin, form) / 100
    changed = reframings(origin_text, form_text)
    wa, wb = origin.split(), form.split()
    runs, covered = _pieces(wa, wb)
    if not changed and ratio >= NEAR_THRESHOLD:
        return "near", ratio, ""
    if not changed and covered >= PIECE_THRESHOLD and len(wb) < len(wa):
        spliced = runs > 1 or bool(ELLIPSIS.search(form_text))
        return ("spliced" if spliced else "truncated"), covered, ""
    score = ratio if content_score is None else content_score
    if changed:
        return "reframing", score, "; ".join(changed)
    return "paraphrase", score, ""
