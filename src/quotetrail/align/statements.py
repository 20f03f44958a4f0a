"""One statement across all its printings: who said it, on what occasion, in which words.

A statement is an utterance by one speaker on one occasion. Quotations are taken in
the order they were printed (earliest article first, fuller forms first); each one
joins the statement of a neighbour (see ``neighbours``) when

- the speakers agree (the same canonical name; an unattributed quotation may join on
  content alone, with a lower membership confidence),
- the windows in which the two could have been said overlap (printings years apart
  are different remarks however alike the words), and
- its content matches the statement's canonical form: by text (exact, near, trimmed,
  spliced) or by the pairwise model (paraphrase, reframing). Within one article, two
  attributions with cues of their own are the reporter's separate reports, so a
  printing matches the words of its own article's other report by text only: "hinted
  at a softer line" and "did not imply a complete overhaul" share words enough to fool
  the pairwise model, not to be one remark. A statement whose words come from another
  article may still hold a report of this one: that is no reason to judge it by text.

It is compared with the canonical form, and with the other members only for a long run
of the same words (the same words are no step of meaning), so statements do not grow by
chains of small steps. A fragment too short to identify a remark (a word
or two) joins only through its cue (the same reporting verb as a longer quotation)
or by lying inside a longer quotation of its article, or as the very same words of the
same named speaker in another article (a one-word reply printed twice); otherwise it
stands alone. So does what the model of reported speech read (``quotes.learned``): mostly the object
of an act or a stance ("announced [his retirement]", "made [his debut]"), whose
meaning is its cue's, so its words alone cannot say two printings are one remark.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter, deque
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

import numpy as np
import pandas as pd

from quotetrail.align.independence import independent_docs, sources_of
from quotetrail.align.neighbours import embedding_neighbours, run_neighbours
from quotetrail.align.occasions import Occasion, find_occasion
from quotetrail.align.pairs import PairModel, features
from quotetrail.align.relations import may_keep_words, relation, restatement_changes, word_diff
from quotetrail.align.shingles import words
from quotetrail.quotes.speakers import bare_name
from quotetrail.schemas import SCHEMAS
from quotetrail.text.dates import publication_window
from quotetrail.text.marks import Spans
from quotetrail.text.sentences import sentence_at, sentence_bounds
from quotetrail.text.timex import dates_another_event, timexes_in

STATEMENT_KINDS = ("direct", "block", "partial", "indirect")  # scare quotes and titles are not
MIN_WORDS = 4  # fewer words than this cannot identify a remark by its text
MIN_CLAUSE_WORDS = 6  # a clause this long can be restated on its own
_CLAUSE = re.compile(r"\s*[;:,—–]\s+")
SAID_WITHIN_DAYS = 365  # without a date in its sentence, a remark precedes its article by at most
UNKNOWN_SPEAKER_FACTOR = 0.7  # membership confidence kept when one side has no speaker
MAX_OCCASION_STATEMENTS = 20  # latest statements kept per speaker and occasion as candidates
LONG_OVERLAP = 8  # words in order two printings share that make them one remark, whoever
# each article names as its speaker
WINDOW_SLACK = timedelta(days=1)  # a dateline's local day, an edition printed a day later
# How close in meaning (the sentence model's cosine, best sentence or clause of each side)
# a printing must be to a statement's words, by the evidence of who and when: chosen on
# the tuning pairs of benchmarks/labels (basil-dev's first eight events), checked on
# the others (see benchmarks/identity.py)
SAME_SPEAKER_COSINE = 0.45  # the same named speaker
SAME_OCCASION_COSINE = 0.5  # the same speaker, the same kind of occasion: best sentence or
# clause of each side (a report restates one sentence of the remark)
SAME_MEETING_COSINE = 0.35  # the same speaker on an occasion with the same counterpart named
# ("a meeting with President Doe"): one topic is enough, the best of its statements wins
TEXT_RELATIONS = ("exact", "near", "truncated", "spliced")
_KIND_RANK = {"block": 0, "direct": 0, "partial": 1, "indirect": 2}


def _sentence(bounds: list[tuple[int, int]], offset: int) -> tuple[int, int]:
    """The rough sentence around ``offset`` (an empty span between sentences)."""
    k = sentence_at(bounds, offset)
    return bounds[k] if k >= 0 else (offset, offset)


def _around(bounds: list[tuple[int, int]], offset: int) -> list[tuple[int, int]]:
    """The quotation's own sentence, then the one before it (which often introduces it)."""
    k = sentence_at(bounds, offset)
    return [bounds[i] for i in (k, k - 1) if 0 <= i < len(bounds)] if k >= 0 else []


@dataclass(frozen=True)
class Stated:
    """A date the attribution gives for the saying ("said on Tuesday"), with its offsets."""

    expression: str
    start: int  # in the article's text
    end: int
    date_min: date | None  # None while a relative expression has no anchor
    date_max: date | None


@dataclass
class Printing:
    """One quotation as the grouping sees it."""

    row: int
    quote_id: str
    doc_id: str
    kind: str
    text: str
    start: int
    end: int
    speaker: str | None
    cue_start: int | None
    printed: date | None  # publication date (or latest possible)
    said_min: date | None  # the window used to tell occasions apart
    said_max: date | None
    stated: Stated | None  # what the attribution says about when
    attribution: tuple[int, int]  # the sentence the date was read from
    occasion: Occasion | None
    tokens: list[str] = field(default_factory=list)
    by_model: bool = False  # read by the model of reported speech, not the rules
    paragraph: int = 0  # offset of its paragraph's first character
    attribution_text: str = ""  # the words of ``attribution`` (its date is read again there)
    _runs: frozenset | None = field(default=None, repr=False, compare=False)

    def long_runs(self) -> frozenset:
        """Its runs of ``LONG_OVERLAP`` words (two printings that share one are one remark)."""
        if self._runs is None:
            t = self.tokens
            self._runs = frozenset(tuple(t[i:i + LONG_OVERLAP])
                                   for i in range(len(t) - LONG_OVERLAP + 1))
        return self._runs

    @property
    def identifiable(self) -> bool:
        return len(self.tokens) >= MIN_WORDS and not self.by_model


def stated_date(text: str, attribution: tuple[int, int], quoted: tuple[int, int],
                lo: date | None, hi: date | None, cue: int | None = None,
                marked: Spans | None = None) -> Stated | None:
    """The date or time in the attribution sentence that goes with the cue (``cue``, else
    the quotation): the nearest after it ("said on Tuesday"), else the nearest before
    ("On Tuesday, Doe said"); outside the quotation and any words in quotation marks
    (``marked``: a date a speaker names is what they talk about, never when they spoke),
    resolved against the article's publication date or window; one that falls after it
    is not the saying. Not the first: "Doe, mayor from 2001 to 2009, said on Tuesday"
    was said on Tuesday."""
    s, e = attribution
    anchor = cue if cue is not None else quoted[0]
    marked = marked if marked is not None else Spans()
    found = []
    for t in timexes_in(text[s:e], lo, hi):
        if t.type not in ("DATE", "TIME") or t.granularity == "ref":
            continue
        if quoted[0] <= s + t.start < quoted[1] or marked.covers(s + t.start):
            continue
        if dates_another_event(text, s + t.start, s + t.end):
            continue
        if hi is not None and t.date_min is not None and t.date_min > hi:
            continue
        found.append(Stated(t.text, s + t.start, s + t.end, t.date_min, t.date_max))
    return min(found, key=lambda d: (d.end <= anchor, min(abs(d.start - anchor),
                                                          abs(d.end - anchor))), default=None)


def saying_window(doc: dict, stated: Stated | None, within_days: int
                  ) -> tuple[date | None, date | None]:
    """The window used to tell occasions apart: the stated date, else the ``within_days``
    before the article; a bound the article's dates leave open stays open (None)."""
    if stated is not None and stated.date_min is not None:
        return stated.date_min, stated.date_max
    lo, hi = publication_window(doc)
    return ((lo or hi) - timedelta(days=within_days) if (lo or hi) else None), hi


def printing_order(p: Printing) -> tuple:
    """Earliest printing first, fuller forms first, then a fixed order."""
    return (p.printed or date.max, _KIND_RANK[p.kind], -len(p.tokens), p.doc_id, p.start)


def article_printings(doc: dict, quotes: list[dict], rows: list[int],
                      within_days: int = SAID_WITHIN_DAYS) -> list[Printing]:
    """The printings of one article's quotations (``quotes``, records whose rows are
    numbered ``rows`` in the corpus's table): all that grouping reads from the article's
    text, so it can be read where the article is (a partition on a worker)."""
    text = doc["text"]
    bounds = sentence_bounds(text)
    marked = Spans((int(q["start"]), int(q["end"])) for q in quotes if q["kind"] != "indirect")
    printed = publication_window(doc)
    out = []
    for row, q in zip(rows, quotes, strict=True):
        if q["kind"] not in STATEMENT_KINDS:
            continue
        start, end = int(q["start"]), int(q["end"])
        cue = int(q["cue_start"]) if pd.notna(q["cue_start"]) else None
        anchor = start if cue is None else cue
        sentence = _sentence(bounds, anchor)
        stated = stated_date(text, sentence, (start, end), *printed, cue=anchor, marked=marked)
        lo, hi = saying_window(doc, stated, within_days)
        occasion = None
        for span in (sentence, *_around(bounds, start)):
            occasion = occasion or find_occasion(text, *span)
        out.append(Printing(
            row=int(row), quote_id=q["quote_id"], doc_id=q["doc_id"], kind=q["kind"],
            text=q["text"], start=start, end=end,
            speaker=q["speaker"] if isinstance(q["speaker"], str) else None,
            cue_start=cue, printed=printed[1],
            said_min=lo, said_max=hi, stated=stated, attribution=sentence, occasion=occasion,
            tokens=words(q["text"]), by_model=q.get("reader", "rules") == "model",
            paragraph=text.rfind("\n", 0, start) + 1,
            attribution_text=text[sentence[0]:sentence[1]]))
    inherit_occasions(out)
    return out


def by_article(quotes: pd.DataFrame, first_row: int = 0) -> dict[str, tuple[list[int], list]]:
    """Each article's quotations as (their rows in the corpus's table, their records);
    ``quotes`` holds rows ``first_row`` onwards."""
    out: dict[str, tuple[list[int], list]] = {}
    for k, q in enumerate(quotes.to_dict("records")):
        rows, records = out.setdefault(q["doc_id"], ([], []))
        rows.append(first_row + k)
        records.append(q)
    return out


def printings(documents: pd.DataFrame, quotes: dict[str, tuple[list[int], list]],
              within_days: int = SAID_WITHIN_DAYS, progress=None) -> list[Printing]:
    """Every article's printings, in printing order (``printing_order``); ``quotes``: the
    quotations by article (``by_article``)."""
    docs = [d for d in documents.to_dict("records") if d["doc_id"] in quotes]
    out = []
    for d in (progress(docs) if progress else docs):
        rows, records = quotes[d["doc_id"]]
        out += article_printings(d, records, rows, within_days)
    out.sort(key=printing_order)
    return out


def inherit_occasions(items: list[Printing]) -> None:
    """A printing whose own sentences name no occasion takes the one named for the same
    speaker in its paragraph: a reporter names the meeting once ("Speaking at a meeting
    with the mayor, Doe urged …") and the speaker's other words there share it."""
    named: dict[tuple, Occasion] = {}
    for p in sorted(items, key=lambda p: (p.doc_id, p.start)):
        if p.occasion is not None and p.speaker:
            named.setdefault((p.doc_id, p.paragraph, p.speaker), p.occasion)
    for p in items:
        if p.occasion is None and p.speaker:
            p.occasion = named.get((p.doc_id, p.paragraph, p.speaker))


def is_name(speaker: str | None) -> bool:
    """Whether a speaker string names someone: its head (last) word is capitalised
    ("Jane Doe", "Al Jazeera"), not a common noun the parse took for a speaker
    ("the report", "an interview", "Iranian officials")."""
    tokens = (speaker or "").split()
    return bool(tokens) and tokens[-1][:1].isupper()


@lru_cache(maxsize=1 << 16)  # grouping asks it of the same few names again and again
def same_speaker(a: str | None, b: str | None) -> str:
    """'same', 'unknown' (one side names nobody) or 'conflict' (two different names).
    Names are one person when one's words end the other's ("Doe", "Jane Doe")."""
    if not (is_name(a) and is_name(b)):
        return "unknown"
    ta, tb = bare_name(a).lower().split(), bare_name(b).lower().split()
    short, long_ = sorted((ta, tb), key=len)
    return "same" if long_[-len(short):] == short else "conflict"


def same_occasion(a: Occasion | None, b: Occasion | None) -> str:
    """'same' (one kind, a counterpart named in both: "a meeting with President Doe" and
    "talks with Jane Doe"), 'kind' (one kind), 'unknown' (one names none: no conflict)
    or 'conflict' (two kinds named)."""
    if a is None or b is None:
        return "unknown"
    if a.kind != b.kind:
        return "conflict"
    names = [set(re.findall(r"\b[A-Z][\w'’-]+", o.phrase)) - {o.phrase.split()[0]}
             for o in (a, b)]
    return "same" if names[0] & names[1] else "kind"


def _fullness(p: Printing) -> tuple:
    """Sort key: identifiable before fragments, marked before reported, longer first."""
    return (not p.identifiable, _KIND_RANK[p.kind], -len(p.tokens))


def windows_overlap(a: Printing, b: Printing) -> bool:
    """Whether the two can have been said at once, a day's slack either way (a dateline's
    local day, an edition printed a day later); an open bound (None) holds anything."""
    if a.said_min and b.said_max and a.said_min - WINDOW_SLACK > b.said_max:
        return False
    return not (b.said_min and a.said_max and b.said_min - WINDOW_SLACK > a.said_max)


@dataclass
class Statement:
    """A statement as grouping builds it. What a candidate is weighed against (its
    speakers, its window, its runs of words) is kept as printings are added, so weighing
    one costs the same however many printings it has."""

    members: list[tuple[Printing, float]]  # (printing, membership confidence)
    canonical: Printing
    by_cue: set[int] = field(default_factory=set)  # rows that joined through their cue

    def __post_init__(self) -> None:
        self._speakers: Counter = Counter()  # speaker strings of its printings (None too)
        self._lo: date | None = None  # the latest said_min of its printings
        self._hi: date | None = None  # the earliest said_max
        self._runs: dict[tuple, list[Printing]] = {}  # identifiable printings by long run
        self._forms: tuple[tuple, list[Printing]] | None = None
        for p, _ in self.members:
            self._note(p)

    def _note(self, p: Printing) -> None:
        self._speakers[p.speaker] += 1
        if p.said_min is not None and (self._lo is None or p.said_min > self._lo):
            self._lo = p.said_min
        if p.said_max is not None and (self._hi is None or p.said_max < self._hi):
            self._hi = p.said_max
        if p.identifiable:
            for run in p.long_runs():
                self._runs.setdefault(run, []).append(p)

    @property
    def speaker(self) -> str | None:
        """The name most printings give (a name over a common noun; ties: the canonical
        form's, then the first printed)."""
        return next(iter(self.speakers()), None)

    def speakers(self) -> list[str]:
        """Every speaker string its printings give, most printed first, names first."""
        counts: dict[str, int] = {}
        for p, _ in self.members:
            if p.speaker:
                counts[p.speaker] = counts.get(p.speaker, 0) + 1
        order = {p.speaker: i for i, (p, _) in reversed(list(enumerate(self.members)))}
        return sorted(counts, key=lambda n: (not is_name(n), -counts[n],
                                             n != self.canonical.speaker, order[n]))

    @property
    def occasion(self) -> Occasion | None:
        return self.canonical.occasion or next(
            (p.occasion for p, _ in self.members if p.occasion), None)

    def speaker_of(self, p: Printing) -> str:
        """'same', 'unknown' or 'conflict': ``p``'s speaker against every name its
        printings give (one conflicting name is enough)."""
        found = {same_speaker(p.speaker, name) for name in self._speakers}
        return "conflict" if "conflict" in found else "same" if "same" in found else "unknown"

    def fits(self, p: Printing) -> bool:
        """Speaker and occasion allow ``p`` here (content is judged separately)."""
        return self.speaker_of(p) != "conflict" and self.in_window(p)

    def forms(self) -> list[Printing]:
        """The words a printing may match: the canonical form and the other marked pieces
        of the remark its article prints (joined through their cue: "…,” she said. “…")."""
        key = (len(self.members), len(self.by_cue), self.canonical.row)
        if self._forms is None or self._forms[0] != key:
            self._forms = (key, [self.canonical] + [
                p for p, _ in self.members if p.row in self.by_cue and p.kind != "indirect"
                and p is not self.canonical and p.identifiable])
        return self._forms[1]

    def in_window(self, p: Printing) -> bool:
        """Whether ``p`` can have been said at once with every one of its printings
        (``windows_overlap`` with each, from the latest start and the earliest end)."""
        if p.said_min is not None and self._hi is not None and \
                p.said_min - WINDOW_SLACK > self._hi:
            return False
        return not (self._lo is not None and p.said_max is not None
                    and self._lo - WINDOW_SLACK > p.said_max)

    def sharing_runs(self, p: Printing) -> list[Printing]:
        """Its identifiable printings that share a run of ``LONG_OVERLAP`` words with ``p``."""
        found: dict[int, Printing] = {}
        for run in p.long_runs():
            for m in self._runs.get(run, ()):
                found.setdefault(m.row, m)
        return list(found.values())

    def add(self, p: Printing, confidence: float) -> None:
        self.members.append((p, confidence))
        self._note(p)
        if _fullness(p) < _fullness(self.canonical):
            self.canonical = p  # the fullest verbatim form stands for the statement


class ContentScorer:
    """The pairwise model's probability that a printing says what a canonical form says.

    A reported printing often restates one sentence or clause of a longer remark, so
    reported speech is also compared with each sentence and clause of the canonical form
    (pieces of at least ``MIN_CLAUSE_WORDS`` words), and the best score counts.
    """

    def __init__(self, model: PairModel, vectors: dict[int, np.ndarray], encode):
        self.model, self.vectors, self.encode = model, vectors, encode
        self._pieces: dict[int, tuple[list[str], np.ndarray]] = {}

    @staticmethod
    def piece_texts(c: Printing) -> list[str]:
        """Its sentences and clauses of at least ``MIN_CLAUSE_WORDS`` words (not itself)."""
        texts = [c.text[s:e].strip() for s, e in sentence_bounds(c.text)]
        texts += [piece.strip() for t in texts for piece in _CLAUSE.split(t)]
        return list(dict.fromkeys(t for t in texts if len(words(t)) >= MIN_CLAUSE_WORDS
                                  and t != c.text.strip()))

    def prepare(self, items: list[Printing], progress=None) -> None:
        """Encode the pieces of every printing in one call, before grouping asks for them
        one printing at a time: one big batch goes to the cluster's workers, where many
        small ones would run one after another here. A text's vector is the same bytes
        however it is batched, so this changes no decision."""
        texts = {c.row: self.piece_texts(c) for c in items if c.row not in self._pieces}
        flat = list(dict.fromkeys(t for found in texts.values() for t in found))
        vectors, at = np.zeros((0, 1)), {}  # no model: no pieces
        if flat and self.encode is not None:
            vectors = self.encode(flat, progress=progress) if progress else self.encode(flat)
            at = {t: k for k, t in enumerate(flat)}
        for row, found in texts.items():
            self._pieces[row] = ((found, vectors[[at[t] for t in found]]) if found and at
                                 else ([], np.zeros((0, 1))))

    def pieces(self, c: Printing) -> tuple[list[str], np.ndarray]:
        if c.row not in self._pieces:
            self.prepare([c])
        return self._pieces[c.row]

    def _sides(self, p: Printing, c: Printing):
        """(texts, vectors) of the canonical side and of the printing's side: whole, and
        for reported speech also each sentence or clause (a reporter restates one of the
        remark's sentences, and may trail it with a clause of their own: ", a move that
        could …")."""
        whole_c = ([c.text], [self.vectors[c.row]])
        whole_p = ([p.text], [self.vectors[p.row]])
        if "indirect" not in (p.kind, c.kind):  # two marked quotations: as a whole
            return whole_c, whole_p
        tc, vc = self.pieces(c)
        tp, vp = self.pieces(p)
        return (whole_c[0] + tc, whole_c[1] + list(vc)), (whole_p[0] + tp, whole_p[1] + list(vp))

    def __call__(self, p: Printing, c: Printing) -> float:
        """The pairwise model's best probability over the two sides' pieces."""
        if p.row not in self.vectors or c.row not in self.vectors:
            return 0.0
        (tc, vc), (tp, vp) = self._sides(p, c)
        rows = [features(a, b, va, vb) for a, va in zip(tc, vc, strict=True)
                for b, vb in zip(tp, vp, strict=True)]
        return float(self.model.probability(np.array(rows)).max())

    def piece_cosine(self, p: Printing, c: Printing) -> float:
        """The sentence model's best cosine over the two sides' pieces."""
        if p.row not in self.vectors or c.row not in self.vectors:
            return 0.0
        (_, vc), (_, vp) = self._sides(p, c)
        return float((np.stack(vc) @ np.stack(vp).T).max())

    def restated(self, p: Printing, c: Printing) -> str:
        """The sentence or clause of ``c`` that ``p`` is closest to (``c`` itself when it
        has no pieces)."""
        if p.row not in self.vectors or c.row not in self.vectors:
            return c.text
        texts, vecs = self.pieces(c)
        if not texts:
            return c.text
        return texts[int(np.argmax(vecs @ self.vectors[p.row]))]

    def cosine(self, p: Printing, c: Printing) -> float:
        """The sentence model's cosine of the two printings, whole (the bars in
        ``identity`` were chosen on whole printings: a best piece of many would pass
        them by chance)."""
        if p.row not in self.vectors or c.row not in self.vectors:
            return 0.0
        return float(self.vectors[p.row] @ self.vectors[c.row])


def longest_run(a: list[str], b: list[str]) -> int:
    """Words in the longest run the two share, in order."""
    if not a or not b:
        return 0
    return difflib.SequenceMatcher(a=a, b=b, autojunk=False).find_longest_match(
        0, len(a), 0, len(b)).size


def text_match(p: Printing, c: Printing) -> tuple[str, float]:
    """(relation, similarity) when one printing is the other's words (exact, near,
    trimmed, spliced: either way round), else ("", 0)."""
    for origin, form in ((c, p), (p, c)):
        if not may_keep_words(origin.text, form.text):
            continue
        rel, sim, _ = relation(origin.text, form.text)
        if rel in TEXT_RELATIONS:
            return rel, sim
    return "", 0.0


def identity(p: Printing, st: Statement, score: ContentScorer, by_text: bool = False
             ) -> float:
    """How surely ``p`` prints the remark of ``st``: 0 when it does not.

    Speaker, occasion, window and content are weighed together, none a hard key alone:
    a long run of the same words as any of its printings is one remark whoever the
    articles name as its speaker (within the window: the same words years apart are two
    remarks), which is no chain of small steps; otherwise two
    different names, or two different named occasions, keep printings apart, and the
    content bar falls as the evidence of the same speaker and occasion grows.
    ``by_text``: only the words count (two reports of one article, see ``group``)."""
    if not st.in_window(p):
        return 0.0
    forms = st.forms()
    run = max(longest_run(p.tokens, f.tokens) for f in forms)
    if run < LONG_OVERLAP:  # the same words as any of its printings, not only its forms
        run = max((longest_run(p.tokens, m.tokens) for m in st.sharing_runs(p)), default=run)
    if run >= LONG_OVERLAP:  # one remark, whatever each article names as its speaker
        return max(run / max(len(p.tokens), 1), text_match(p, st.canonical)[1])
    rel, sim = max((text_match(p, f) for f in forms), key=lambda m: m[1])
    speaker = st.speaker_of(p)
    occasion = same_occasion(p.occasion, st.occasion)
    if occasion == "conflict" or speaker == "conflict":
        return 0.0
    if rel:
        return sim
    if by_text:
        return 0.0
    prob = max(score(p, f) for f in forms)
    if prob >= score.model.threshold:
        return prob
    long_enough = min(len(p.tokens), len(st.canonical.tokens)) >= MIN_CLAUSE_WORDS
    if speaker == "same" and occasion in ("same", "kind") and long_enough:
        cosine = max(score.piece_cosine(p, f) for f in forms)
        bar = SAME_MEETING_COSINE if occasion == "same" else SAME_OCCASION_COSINE
        return cosine if cosine >= bar else 0.0
    if speaker == "same":
        cosine = max(score.cosine(p, f) for f in forms)
        return cosine if cosine >= SAME_SPEAKER_COSINE else 0.0
    return 0.0  # nobody named on one side: only the words or the pairwise model join it


def group(items: list[Printing], vectors: dict[int, np.ndarray], scorer: ContentScorer,
          progress=None) -> list[Statement]:
    """Statements of the printings (already in printing order)."""
    ident = [p for p in items if p.identifiable and p.row in vectors]
    pos = {p.row: i for i, p in enumerate(ident)}
    matrix = np.stack([vectors[p.row] for p in ident]) if ident else np.zeros((0, 1))
    near = embedding_neighbours(matrix)
    runs = run_neighbours([p.tokens for p in ident])

    statement_of: dict[int, Statement] = {}  # printing row -> its statement
    by_cue: dict[tuple[str, int], Statement] = {}
    spans: dict[str, list[tuple[int, int, Statement]]] = {}
    statements: list[Statement] = []
    # statements by speaker and occasion: a restatement in other words may be no near
    # neighbour of the remark, but it names the same speaker on the same occasion; the
    # latest ones are kept (printings come in time order, so they are the ones in window)
    by_occasion: dict[tuple[str, str], deque[Statement]] = {}

    def host(p: Printing) -> Statement | None:
        """A statement the printing belongs to through its cue or its place in the article."""
        if p.cue_start is not None and (p.doc_id, p.cue_start) in by_cue:
            return by_cue[(p.doc_id, p.cue_start)]
        for s, e, st in spans.get(p.doc_id, ()):
            if s <= p.start and p.end <= e:
                return st
        return None

    def place(p: Printing, st: Statement | None, confidence: float,
              through_cue: bool = False) -> None:
        if st is None:
            st = Statement([], p)
            statements.append(st)
        st.add(p, confidence)
        if through_cue:
            st.by_cue.add(p.row)
        statement_of[p.row] = st
        if p.cue_start is not None:
            by_cue.setdefault((p.doc_id, p.cue_start), st)
        spans.setdefault(p.doc_id, []).append((p.start, p.end, st))
        if p.speaker and p.occasion and p.identifiable:
            same = by_occasion.setdefault((p.speaker, p.occasion.kind),
                                          deque(maxlen=MAX_OCCASION_STATEMENTS))
            if st not in same:
                same.append(st)

    fragments: list[Printing] = []
    printed: dict[tuple, list[Printing]] = {}  # placed fragments by their words
    for p in (progress(items) if progress else items):
        if not (p.identifiable and p.row in vectors):
            fragments.append(p)
            continue
        home = host(p)
        if home is not None and home.fits(p):
            place(p, home, 1.0, through_cue=True)
            continue
        i = pos[p.row]
        seen: dict[int, Statement] = {}
        for j in [j for j, _ in near[i]] + sorted(runs[i]):
            st = statement_of.get(ident[j].row)
            if st is not None:
                seen.setdefault(id(st), st)
        if p.speaker and p.occasion:
            for st in by_occasion.get((p.speaker, p.occasion.kind), ()):
                seen.setdefault(id(st), st)
        best, best_score = None, 0.0
        for st in seen.values():
            # only words of its own article's other reports are matched by text alone
            own = p.cue_start is not None and any(
                m.doc_id == p.doc_id and m.cue_start is not None for m in st.forms())
            score = identity(p, st, scorer, by_text=own)
            if score > best_score:
                best, best_score = st, score
        if best is None:
            place(p, None, 1.0)
        else:
            agree = same_speaker(p.speaker, best.speaker) == "same"
            place(p, best, best_score * (1.0 if agree else UNKNOWN_SPEAKER_FACTOR))
    alone = []
    for p in fragments:  # joins only through its cue or its host quotation
        home = host(p)
        if home is not None and home.fits(p):
            place(p, home, 0.9, through_cue=True)
            printed.setdefault(tuple(p.tokens), []).append(p)
        else:
            alone.append(p)
    for p in alone:  # … or as the very words the same speaker is printed saying elsewhere
        same = None if p.by_model or not p.tokens else next((
            statement_of[m.row] for m in printed.get(tuple(p.tokens), ())
            if m.doc_id != p.doc_id and not m.by_model
            and same_speaker(m.speaker, p.speaker) == "same"
            and statement_of[m.row].fits(p)), None)
        place(p, same, 0.9 if same else 0.3 if not p.identifiable else 1.0)
        printed.setdefault(tuple(p.tokens), []).append(p)
    return statements


def describe(statements: list[Statement], scorer: ContentScorer) -> list[dict]:
    """One ``quote_variants`` row per printing: its relation to the canonical form."""
    rows = []
    for n, st in enumerate(statements):
        c = st.canonical
        for p, confidence in st.members:
            rel, sim, changed = ("exact", 1.0, "") if p is c else relation(c.text, p.text)
            if p.row in st.by_cue and rel not in TEXT_RELATIONS:
                rel, changed = "part", ""  # another piece of the remark, not a rewording
            elif rel not in TEXT_RELATIONS and p.row in scorer.vectors:
                sim = scorer(p, c)  # a rewording's similarity is the content model's
                if p.kind == "indirect" and c.kind != "indirect":
                    changed = restatement_changes(c.text, scorer.restated(p, c), p.text)
                    rel = "reframing" if changed else "paraphrase"
            rows.append({
                "statement_id": f"s{n + 1:04d}", "quote_id": p.quote_id, "doc_id": p.doc_id,
                "is_canonical": p is c, "relation": rel,
                "similarity": round(min(max(sim, 0.0), 1.0), 4),
                "membership": round(min(max(confidence, 0.0), 1.0), 4),
                "diff": word_diff(c.text, p.text), "changed": changed,
            })
    return rows


def _first_printing(st: Statement, derived_from: dict[str, set[str]]
                    ) -> tuple[str, str, float]:
    """(doc_id, how, confidence) of the statement's first printing."""
    docs: dict[str, date | None] = {}
    for p, _ in st.members:
        docs.setdefault(p.doc_id, p.printed)
    dated = sorted((d, doc) for doc, d in docs.items() if d is not None)
    if not dated:
        sources = [d for d in sorted(docs) if not derived_from.get(d, set()) & set(docs)]
        first = sources[0] if sources else sorted(docs)[0]
        how = "no printing is dated" + ("; the others derive from it" if len(docs) > 1 and
                                        len(sources) == 1 else "; first by article id")
        return first, how, 0.5 if len(sources) == 1 and len(docs) > 1 else 0.3
    earliest = dated[0][0]
    tied = [doc for d, doc in dated if d == earliest]
    undated = len(docs) - len(dated)
    note = f"; {undated} printing(s) undated" if undated else ""
    if len(tied) == 1:
        return tied[0], f"published {earliest}, before the other printings{note}", \
            0.9 if not undated else 0.6
    roots = [d for d in tied if not derived_from.get(d, set()) & set(tied)]
    if len(roots) == 1:
        return roots[0], f"published {earliest} with {len(tied) - 1} other(s), which derive " \
                         f"from it{note}", 0.6
    return tied[0], f"published {earliest} with {len(tied) - 1} other(s); first by article " \
                    f"id{note}", 0.4


def _said_how(st: Statement, window) -> tuple[str, str | None, int | None, int | None]:
    """(how the saying window holds, and the attribution date it rests on: doc, offsets)."""
    evidence = next(((p.doc_id, p.stated.start, p.stated.end) for p, _ in st.members
                     if p.stated is not None and p.stated.date_min is not None), None)
    parts = []
    if window.lo is not None:
        parts.append(f"from {window.lo}: {window.lo_how}")
    if window.hi is not None:
        parts.append(f"until {window.hi}: {window.hi_how}")
    parts += [f"conflict: {c}" for c in dict.fromkeys(window.conflicts)]
    how = "; ".join(parts) or "nothing says when, and no printing is dated"
    return (how, *evidence) if evidence else (how, None, None, None)


def statement_table(statements: list[Statement], variants: pd.DataFrame,
                    documents: pd.DataFrame, links: pd.DataFrame, said: list) -> pd.DataFrame:
    """The ``statements`` table: one row per statement, with its printings summed up;
    ``said`` holds each statement's settled saying window (see ``windows``)."""
    columns = list(SCHEMAS["statements"].columns)
    outlet = {d: o for d, o in zip(documents["doc_id"], documents["outlet"], strict=True)
              if isinstance(o, str)}
    derived_from = {d: set(s) for d, s in sources_of(links).items()}
    independent = independent_docs(variants)
    relations = Counter(zip(variants["statement_id"], variants["relation"], strict=True))
    rows = []
    for n, st in enumerate(statements):
        sid = f"s{n + 1:04d}"
        docs = sorted({p.doc_id for p, _ in st.members})
        occasion = st.canonical.occasion or next(
            (p.occasion for p, _ in st.members if p.occasion), None)
        host = st.canonical if st.canonical.occasion else next(
            (p for p, _ in st.members if p.occasion), None)
        said_how, said_doc, said_start, said_end = _said_how(st, said[n])
        first, how, confidence = _first_printing(st, derived_from)
        rows.append({
            "statement_id": sid, "speaker": st.speaker,
            "other_speakers": "; ".join(n for n in st.speakers()[1:]
                                        if same_speaker(n, st.speaker) == "conflict") or None,
            "occasion": occasion.kind if occasion else None,
            "occasion_text": occasion.phrase if occasion else None,
            "occasion_doc": host.doc_id if occasion else None,
            "occasion_start": occasion.start if occasion else None,
            "occasion_end": occasion.end if occasion else None,
            "said_min": said[n].lo, "said_max": said[n].hi, "said_how": said_how,
            "said_doc": said_doc, "said_start": said_start, "said_end": said_end,
            "canonical_quote_id": st.canonical.quote_id, "canonical_text": st.canonical.text,
            "first_doc": first, "first_how": how, "first_confidence": confidence,
            "n_printings": len(st.members), "n_docs": len(docs),
            "n_outlets": len({outlet[d] for d in docs if d in outlet}),
            "n_independent": int(independent.get(sid, 0)),
            **{f"n_{r}": relations[(sid, r)] for r in
               ("exact", "near", "truncated", "spliced", "paraphrase", "reframing", "part")},
            "confidence": round(float(np.mean([c for _, c in st.members])), 4),
        })
    df = pd.DataFrame(rows, columns=columns)
    for col in ("occasion_start", "occasion_end", "said_start", "said_end"):
        df[col] = df[col].astype("Int64")
    return df
