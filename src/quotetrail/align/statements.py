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
  attributions with cues of their own are the reporter's separate reports, so there
  they match by text only: "hinted at a softer line" and "did not imply a complete
  overhaul" share words enough to fool the pairwise model, not to be one remark.

It is compared with the canonical form only, never with any member, so statements do
not grow by chains of small steps. A fragment too short to identify a remark (a word
or two) joins only through its cue (the same reporting verb as a longer quotation)
or by lying inside a longer quotation of its article; otherwise it stands alone. So
does what the model of reported speech read (``quotes.learned``): mostly the object
of an act or a stance ("announced [his retirement]", "made [his debut]"), whose
meaning is its cue's, so its words alone cannot say two printings are one remark.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np
import pandas as pd

from quotetrail.align.independence import independent_docs, sources_of
from quotetrail.align.neighbours import embedding_neighbours, run_neighbours
from quotetrail.align.occasions import Occasion, find_occasion
from quotetrail.align.pairs import PairModel, features
from quotetrail.align.relations import relation, word_diff
from quotetrail.align.shingles import words
from quotetrail.schemas import SCHEMAS
from quotetrail.text.dates import publication_window
from quotetrail.text.sentences import sentence_at, sentence_bounds
from quotetrail.text.timex import dates_another_event, find_timexes

STATEMENT_KINDS = ("direct", "block", "partial", "indirect")  # scare quotes and titles are not
MIN_WORDS = 4  # fewer words than this cannot identify a remark by its text
MIN_CLAUSE_WORDS = 6  # a clause this long can be restated on its own
_CLAUSE = re.compile(r"\s*[;:,—–]\s+")
SAID_WITHIN_DAYS = 365  # without a date in its sentence, a remark precedes its article by at most
UNKNOWN_SPEAKER_FACTOR = 0.7  # membership confidence kept when one side has no speaker
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

    @property
    def identifiable(self) -> bool:
        return len(self.tokens) >= MIN_WORDS and not self.by_model


def stated_date(text: str, attribution: tuple[int, int], quoted: tuple[int, int],
                lo: date | None, hi: date | None) -> Stated | None:
    """The first date or time in the attribution sentence, outside the quotation (a date
    the speaker names is what they talk about, never when they spoke), resolved against
    the article's publication date or window; one that falls after it is not the saying."""
    s, e = attribution
    for t in find_timexes(text[s:e], lo, hi):
        if t.type not in ("DATE", "TIME") or t.granularity == "ref":
            continue
        if quoted[0] <= s + t.start < quoted[1]:
            continue
        if dates_another_event(text, s + t.start, s + t.end):
            continue
        if hi is not None and t.date_min is not None and t.date_min > hi:
            continue
        return Stated(t.text, s + t.start, s + t.end, t.date_min, t.date_max)
    return None


def saying_window(doc: dict, stated: Stated | None, within_days: int
                  ) -> tuple[date | None, date | None]:
    """The window used to tell occasions apart: the stated date, else the ``within_days``
    before the article; unbounded when the article is undated."""
    if stated is not None and stated.date_min is not None:
        return stated.date_min, stated.date_max
    lo, hi = publication_window(doc)
    if hi is None:
        return None, None
    return (lo or hi) - timedelta(days=within_days), hi


def printings(documents: pd.DataFrame, quotes: pd.DataFrame,
              within_days: int = SAID_WITHIN_DAYS) -> list[Printing]:
    docs = {d["doc_id"]: d for d in documents.to_dict("records")}
    bounds: dict[str, list[tuple[int, int]]] = {}
    out = []
    for row, q in enumerate(quotes.itertuples(index=False)):
        if q.kind not in STATEMENT_KINDS or q.doc_id not in docs:
            continue
        doc = docs[q.doc_id]
        text = doc["text"]
        if q.doc_id not in bounds:
            bounds[q.doc_id] = sentence_bounds(text)
        anchor = int(q.cue_start) if pd.notna(q.cue_start) else int(q.start)
        sentence = _sentence(bounds[q.doc_id], anchor)
        stated = stated_date(text, sentence, (int(q.start), int(q.end)),
                             *publication_window(doc))
        lo, hi = saying_window(doc, stated, within_days)
        occasion = None
        for span in (sentence, *_around(bounds[q.doc_id], int(q.start))):
            occasion = occasion or find_occasion(text, *span)
        out.append(Printing(
            row=row, quote_id=q.quote_id, doc_id=q.doc_id, kind=q.kind, text=q.text,
            start=int(q.start), end=int(q.end),
            speaker=q.speaker if isinstance(q.speaker, str) else None,
            cue_start=int(q.cue_start) if pd.notna(q.cue_start) else None,
            printed=publication_window(doc)[1],
            said_min=lo, said_max=hi, stated=stated, attribution=sentence, occasion=occasion,
            tokens=words(q.text), by_model=getattr(q, "reader", "rules") == "model"))
    # earliest printing first, fuller forms first, then a fixed order
    out.sort(key=lambda p: (p.printed or date.max, _KIND_RANK[p.kind], -len(p.tokens),
                            p.doc_id, p.start))
    return out


def _fullness(p: Printing) -> tuple:
    """Sort key: identifiable before fragments, marked before reported, longer first."""
    return (not p.identifiable, _KIND_RANK[p.kind], -len(p.tokens))


def windows_overlap(a: Printing, b: Printing) -> bool:
    if None in (a.said_min, a.said_max, b.said_min, b.said_max):
        return True
    return a.said_min <= b.said_max and b.said_min <= a.said_max


@dataclass
class Statement:
    members: list[tuple[Printing, float]]  # (printing, membership confidence)
    canonical: Printing
    by_cue: set[int] = field(default_factory=set)  # rows that joined through their cue

    @property
    def speaker(self) -> str | None:
        return self.canonical.speaker or next(
            (p.speaker for p, _ in self.members if p.speaker), None)

    def fits(self, p: Printing) -> bool:
        """Speaker and occasion allow ``p`` here (content is judged separately)."""
        speaker = self.speaker
        if p.speaker and speaker and p.speaker != speaker:
            return False
        return all(windows_overlap(p, m) for m, _ in self.members)

    def add(self, p: Printing, confidence: float) -> None:
        self.members.append((p, confidence))
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

    def pieces(self, c: Printing) -> tuple[list[str], np.ndarray]:
        if c.row not in self._pieces:
            texts = [c.text[s:e].strip() for s, e in sentence_bounds(c.text)]
            texts += [piece.strip() for t in texts for piece in _CLAUSE.split(t)]
            texts = list(dict.fromkeys(t for t in texts if len(words(t)) >= MIN_CLAUSE_WORDS
                                       and t != c.text.strip()))
            if texts and self.encode is not None:
                self._pieces[c.row] = (texts, self.encode(texts))
            else:
                self._pieces[c.row] = ([], np.zeros((0, 1)))
        return self._pieces[c.row]

    def __call__(self, p: Printing, c: Printing) -> float:
        if p.row not in self.vectors or c.row not in self.vectors:
            return 0.0
        vp = self.vectors[p.row]
        rows = [features(c.text, p.text, self.vectors[c.row], vp)]
        if p.kind != "indirect":  # a marked quotation is compared as a whole
            return float(self.model.probability(np.array(rows))[0])
        texts, vecs = self.pieces(c)
        rows += [features(t, p.text, v, vp) for t, v in zip(texts, vecs, strict=True)]
        return float(self.model.probability(np.array(rows)).max())


def _content(p: Printing, c: Printing, score: ContentScorer, by_text: bool = False) -> float:
    """How surely ``p`` says what canonical ``c`` says: 0 when it does not; ``by_text``:
    only the words count, not the pairwise model."""
    rel, sim, _ = relation(c.text, p.text)
    if rel in TEXT_RELATIONS:
        return sim
    if by_text:
        return 0.0
    prob = score(p, c)
    return prob if prob >= score.model.threshold else 0.0


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

    fragments = []
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
        best, best_score = None, 0.0
        for st in seen.values():
            if not st.fits(p):
                continue
            own = p.cue_start is not None and any(
                m.doc_id == p.doc_id and m.cue_start is not None for m, _ in st.members)
            score = _content(p, st.canonical, scorer, by_text=own)
            if score > best_score:
                best, best_score = st, score
        if best is None:
            place(p, None, 1.0)
        else:
            agree = bool(p.speaker and best.speaker)
            place(p, best, best_score * (1.0 if agree else UNKNOWN_SPEAKER_FACTOR))
    for p in fragments:  # joins only through its cue or its host quotation
        home = host(p)
        if home is not None and home.fits(p):
            place(p, home, 0.9, through_cue=True)
        else:
            place(p, None, 0.3 if not p.identifiable else 1.0)
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
    relations = variants.groupby("statement_id")["relation"].value_counts()
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
        counts = relations.get(sid, pd.Series(dtype=int))
        rows.append({
            "statement_id": sid, "speaker": st.speaker,
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
            **{f"n_{r}": int(counts.get(r, 0)) for r in
               ("exact", "near", "truncated", "spliced", "paraphrase", "reframing", "part")},
            "confidence": round(float(np.mean([c for _, c in st.members])), 4),
        })
    df = pd.DataFrame(rows, columns=columns)
    for col in ("occasion_start", "occasion_end", "said_start", "said_end"):
        df[col] = df[col].astype("Int64")
    return df
