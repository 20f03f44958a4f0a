"""The per-article stages over partitions of the corpus, then their corpus-wide steps.

- ingest: partitions of the sorted file list are read and cleaned apart; article ids
  are then given in file order, exactly as one process gives them (``read_corpus``),
  from what each partition reports about its files; ``documents`` is streamed
  together from the partitions' files.
- quotations: partitions of ``documents`` are parsed apart (the spaCy pipeline loads
  once per worker); speakers' canonical names are then settled across the corpus by a
  reduce over the partitions (distinct names in, settled names out; the quotations stay
  where they are), and ``quotes`` is streamed together.
- time expressions: partitions of ``documents`` with their quotations and windows.

Notebooks call ``run_ingest``, ``run_quotes`` and ``run_timeline``; each writes its
tables to ``processed_dir`` and returns what the notebook shows. Partition files live
in ``processed_dir/.parts`` until their table is written. Every worker must see the
corpus and ``processed_dir`` at the same paths (one machine, or a shared filesystem).
Each stage keeps every article's result in the article cache (``article_cache``), so a
rerun redoes only the articles whose inputs changed.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow.parquet as pq

from quotetrail.engine.article_cache import (
    ArticleCache,
    article_key,
    as_stored,
    cache_path,
    entries_path,
    new_entries,
    spacy_version,
)
from quotetrail.engine.cluster import client_for, map_partitions, n_workers, partition_size, spans
from quotetrail.engine.parts import assemble, read_rows, replaced, write_part
from quotetrail.ingest.dating import Context, load_context
from quotetrail.ingest.documents import document_or_reason
from quotetrail.ingest.readers import (
    DEFAULT_MAX_BYTES,
    RowRejected,
    _file_id,
    discover,
    display_path,
    read_file,
    skipped_reason,
    unique_id,
)
from quotetrail.schemas import SCHEMAS, empty, rejected_table, rejection, validate
from quotetrail.tables import read_table, write_table

PRIVATE = ("_label", "_title")  # columns a quotes part keeps for the speakers' reduce


@contextmanager
def _parts_dir(processed_dir: str | Path, table: str) -> Iterator[Path]:
    """A fresh folder for one table's partition files, gone when the table is written
    or the stage fails (a failed study's tables land without it)."""
    folder = Path(processed_dir) / ".parts" / table
    shutil.rmtree(folder.parent, ignore_errors=True)  # an interrupted run's parts
    folder.mkdir(parents=True)
    try:
        yield folder
    finally:
        shutil.rmtree(folder.parent, ignore_errors=True)


def _frame(rows: list[dict], name: str) -> pd.DataFrame:
    return validate(pd.DataFrame(rows, columns=list(SCHEMAS[name].columns)), name)


# ---- ingest -------------------------------------------------------------------------

def _file_key(path: str, rel: str, max_bytes: int, context_key: str) -> bytes | None:
    """The cache key of a regular file's ingest (its bytes and name, the size limit and
    the dating context); None for anything else (a link, a special or too large file),
    which is read afresh every run."""
    try:
        info = os.lstat(path)
        if not stat.S_ISREG(info.st_mode) or info.st_size > max_bytes:
            return None
        with open(path, "rb") as fh:
            digest = hashlib.file_digest(fh, "sha256").hexdigest()
    except OSError:
        return None
    return article_key("ingest", rel, digest, max_bytes, context_key)


def _read_one(path: str, rel: str, corpus_dir: str, max_bytes: int, context: Context
              ) -> tuple[list[tuple], str | None, list[dict]]:
    """One file's report entries, the reason it was given up, and its documents (ids:
    the row suffix only, the file's number is added by the caller)."""
    items, problem = read_file(Path(path), rel, Path(corpus_dir), max_bytes, "")
    entries, rows = [], []
    for item in items:
        if isinstance(item, RowRejected):
            entries.append(("row", item.row, item.reason))
            continue
        row, reason = document_or_reason(item, context)
        if row is not None:
            row["doc_id"] = item.doc_id
            rows.append(row)
        entries.append(("article", item.doc_id, reason, item.row, item.source_path))
    return entries, problem, rows


def ingest_part(files: list[tuple[int, str, str]], corpus_dir: str, max_bytes: int,
                context: Context, out: str, cache: str | None = None,
                context_key: str = "") -> list[tuple]:
    """Read and clean the files of one partition; their documents go to ``out`` under
    provisional ids (``#<file number><row suffix>``). Returns, per file, what the id
    reduce needs: (path, [("article", suffix, reason or None, row, source_path) or
    ("row", row, reason)], reason the file was given up or None). A file whose bytes,
    name and settings are in ``cache`` is not read again."""
    keys = [_file_key(path, rel, max_bytes, context_key) for _, path, rel in files]
    stored = ArticleCache(cache).get(k for k in keys if k) if cache else {}
    rows, report, computed = [], [], {}
    for (index, path, rel), key in zip(files, keys, strict=True):
        if key in stored:
            entries, problem, found = stored[key]
        else:
            entries, problem, found = _read_one(path, rel, corpus_dir, max_bytes, context)
            if key is not None:
                computed[key] = (entries, problem, found)
                found = as_stored(found)  # the stored rows stay as read
        for row in found:
            row["doc_id"] = f"#{index}{row['doc_id']}"
            rows.append(row)
        report.append((rel, entries, problem))
    write_part(_frame(rows, "documents"), out)
    new_entries(computed, entries_path(out))
    return report


def _settle_ids(reports: list[list[tuple]]) -> tuple[list[str], list[dict]]:
    """Final article ids in file order (``read_corpus``'s rule) and the ``rejected``
    records, from the partitions' reports in order."""
    taken: set[str] = set()
    ids: list[str] = []
    unread: list[dict] = []
    unparsed: list[dict] = []
    for report in reports:
        for rel, entries, problem in report:
            base = _file_id(rel, taken)
            for entry in entries:
                if entry[0] == "row":
                    unread.append(rejection(rel, entry[2], row=entry[1]))
                    continue
                _, suffix, reason, row, source_path = entry
                doc_id = unique_id(base + suffix, taken)
                if reason is None:
                    ids.append(doc_id)
                else:
                    unparsed.append(rejection(source_path, reason, row=row, doc_id=doc_id))
            if problem:
                unread.append(rejection(rel, problem))
    return ids, unread + unparsed


def run_ingest(corpus_dir: str | Path, processed_dir: str | Path,
               max_bytes: int = DEFAULT_MAX_BYTES, context: Context | str | Path | None = None,
               workers: int = 0, scheduler: str = "", progress: bool = True,
               size: int | None = None, reuse: bool = True
               ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Stage 1 over partitions of the corpus: writes ``documents`` and ``rejected``,
    returns them. ``size``: files per partition (default from the corpus and workers);
    ``reuse``: take unchanged files' results from the article cache (False: read
    every file again; the cache is refreshed either way)."""
    corpus_dir = Path(corpus_dir).resolve()
    if not isinstance(context, Context):
        context = load_context(context)
    context_key = hashlib.sha256(pickle.dumps((context.events, context.offices))).hexdigest()
    store = ArticleCache(cache_path(processed_dir))
    found, skipped = discover(corpus_dir)
    files = [(k, str(p), display_path(p, corpus_dir)) for k, p in enumerate(found)]
    with _parts_dir(processed_dir, "documents") as folder:
        with client_for(workers, scheduler, quiet=not progress) as client:
            step = size or partition_size(len(files), n_workers(client))
            tasks = [(files[lo:hi], str(corpus_dir), max_bytes, context,
                      str(folder / f"{k:05d}.parquet"), str(store.path) if reuse else None,
                      context_key) for k, (lo, hi) in enumerate(spans(len(files), step))]
            reports = map_partitions(client, ingest_part, tasks, "ingest", progress)
        store.add(entries_path(t[4]) for t in tasks)
        ids, rejected = _settle_ids(reports)
        rejected = [rejection(display_path(f, corpus_dir), skipped_reason(f))
                    for f in skipped] + rejected
        assemble([t[4] for t in tasks], processed_dir, "documents",
                 replace=lambda at, t: replaced(t, "doc_id", ids[at:at + t.num_rows]))
    write_table(rejected_table(rejected), "rejected", processed_dir)
    return read_table("documents", processed_dir), read_table("rejected", processed_dir)


# ---- quotations ---------------------------------------------------------------------

def _rekeyed(rows: list[dict], old: str, new: str, fields: tuple[str, ...]) -> list[dict]:
    """Rows computed for an article when its id was ``old``, as they read under ``new``:
    the id itself and the ids made from it (``old:q001``)."""
    if old == new:
        return rows
    for row in rows:
        for f in fields:
            v = row.get(f)
            if v == old:
                row[f] = new
            elif isinstance(v, str) and v.startswith(old + ":"):
                row[f] = new + v[len(old):]
    return rows


QUOTE_IDS = ("doc_id", "quote_id")


def quotes_part(documents: str, lo: int, hi: int, spacy_model: str, out: str,
                cache: str | None = None) -> tuple[list[str], list[dict]]:
    """Parse articles ``lo``..``hi`` and read their quotations into ``out``, speakers as
    each article names them; returns the persons they name and the articles given up.
    An article whose text, path and model are in ``cache`` is not parsed again."""
    from quotetrail.quotes import load_model, quote_rows

    docs = read_rows(documents, lo, hi, ["doc_id", "source_path", "text"])
    model = spacy_version(spacy_model)
    keys = [article_key("quotes", model, path, text)
            for path, text in zip(docs["source_path"], docs["text"], strict=True)]
    stored = ArticleCache(cache).get(keys) if cache else {}
    todo = [k for k, key in enumerate(keys) if key not in stored]
    computed = {}
    if todo:
        from quotetrail.quotes import parse_all, with_paragraph_breaks

        nlp = load_model(spacy_model)
        parsed = parse_all(with_paragraph_breaks(nlp), docs["text"].iloc[todo].tolist())
        for k, doc in zip(todo, parsed, strict=True):
            failed: list[dict] = []
            found, persons = quote_rows(docs.iloc[[k]], failures=failed, parsed=[doc])
            computed[keys[k]] = (docs["doc_id"].iat[k], found, sorted(persons), failed)
    rows, persons, failures = [], set(), []
    for k, key in enumerate(keys):
        doc_id, found, named, failed = (as_stored(computed[key]) if key in computed
                                        else stored[key])
        rows += _rekeyed(found, doc_id, docs["doc_id"].iat[k], QUOTE_IDS)
        failures += _rekeyed(failed, doc_id, docs["doc_id"].iat[k], ("doc_id",))
        persons.update(named)
    private = {c: [r.pop(c) for r in rows] for c in PRIVATE}
    df = _frame(rows, "quotes")
    for column, values in private.items():
        df[column] = pd.Series(values, dtype=object)
    write_part(df, out)
    new_entries(computed, entries_path(out))
    return sorted(persons), failures


def run_quotes(processed_dir: str | Path, spacy_model: str, workers: int = 0,
               scheduler: str = "", progress: bool = True, size: int | None = None,
               reuse: bool = True) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Stage 2a over partitions of ``documents``: writes ``quotes``, ``speakers`` and
    ``rejected_quotes``, returns them. ``reuse``: take unchanged articles' quotations
    from the article cache (the speakers are settled over all of them either way).

    Speakers are settled across the corpus as a reduce, never by gathering the
    quotations: each partition gives the distinct person names and case forms its
    quotations use; the driver settles those (one canonical name per person, one case
    per common speaker); each partition then writes its quotations with the settled
    speakers and gives a tally per speaker, which the driver adds up into ``speakers``."""
    documents = str(Path(processed_dir) / "documents.parquet")
    store = ArticleCache(cache_path(processed_dir))
    n = pq.ParquetFile(documents).metadata.num_rows
    with _parts_dir(processed_dir, "quotes") as folder:
        with client_for(workers, scheduler, quiet=not progress) as client:
            step = size or partition_size(n, n_workers(client))
            tasks = [(documents, lo, hi, spacy_model, str(folder / f"{k:05d}.parquet"),
                      str(store.path) if reuse else None)
                     for k, (lo, hi) in enumerate(spans(n, step))]
            results = map_partitions(client, quotes_part, tasks, "quotations", progress)
            store.add(entries_path(t[4]) for t in tasks)
            parts = [t[4] for t in tasks]
            settled_parts = [str(Path(p).with_suffix(".settled.parquet")) for p in parts]
            speakers = _settle_speakers(client, parts, settled_parts, results, progress)
        failures = [f for _, found in results for f in found]
        assemble(settled_parts, processed_dir, "quotes", drop=PRIVATE)
    write_table(speakers, "speakers", processed_dir)
    write_table(rejected_table(failures), "rejected_quotes", processed_dir)
    return (read_table("quotes", processed_dir), read_table("speakers", processed_dir),
            read_table("rejected_quotes", processed_dir))


def speaker_names_part(part: str, surnames) -> tuple[set[str], dict[str, set[str]]]:
    """Map step of the speakers' reduce: the person names and the case forms of common
    speakers that one partition's quotations give."""
    from quotetrail.quotes.speakers import fixed_labels, name_keys

    t = pq.read_table(part, columns=["speaker", "_label"]).to_pydict()
    return name_keys(t["speaker"], fixed_labels(t["speaker"], t["_label"], surnames))


def settle_speakers_part(part: str, out: str, surnames, canon, case) -> dict[str, list]:
    """Second map step: the partition's quotations with their settled speakers, written
    to ``out`` (the part itself is left as it was, so a retry reads what the first
    attempt read); returns the partition's tally per speaker."""
    from quotetrail.quotes.speakers import fixed_labels, settled, tally

    table = pq.read_table(part)
    raw, mentions, label, title = (table.column(c).to_pylist() for c in
                                   ("speaker", "speaker_mention", *PRIVATE))
    labels = fixed_labels(raw, label, surnames)
    speaker = settled(raw, labels, canon, case)
    write_part(replaced(table, "speaker", speaker), out)
    return tally(speaker, raw, mentions, labels, title)


def _on_workers(client, value):
    """``value`` sent once to every worker (a future tasks take in its place), or itself
    when there is no cluster."""
    if client is None:
        return value
    return client.scatter([value], broadcast=True, hash=False)[0]


def _settle_speakers(client, parts: list[str], outs: list[str], results: list,
                     progress: bool) -> pd.DataFrame:
    """The speakers' reduce over the quotes partitions (see ``run_quotes``): the
    ``speakers`` table; each part's quotations with settled speakers land in ``outs``."""
    from quotetrail.quotes.speakers import (
        add_name_keys,
        add_tallies,
        canonical_names,
        case_forms,
        speakers_table,
        surnames_of,
    )

    known = sorted({p for found, _ in results for p in found})
    surnames = surnames_of(known)
    shared = _on_workers(client, surnames)
    found = map_partitions(client, speaker_names_part, [(p, shared) for p in parts],
                           "speakers: names", progress)
    persons, forms = add_name_keys(found)
    canon = canonical_names(sorted(persons | set(known)))
    case = case_forms(forms)
    canon, case = _on_workers(client, canon), _on_workers(client, case)
    tallies = map_partitions(client, settle_speakers_part,
                             [(p, o, shared, canon, case) for p, o in zip(parts, outs,
                                                                          strict=True)],
                             "speakers: settled", progress)
    tallied = add_tallies(tallies)
    return speakers_table(tallied) if tallied else empty("speakers")


# ---- time expressions ---------------------------------------------------------------

EVENT_DOC_COLUMNS = ["doc_id", "source_path", "text", "published", "published_min",
                     "published_max"]
EVENT_QUOTE_COLUMNS = ["quote_id", "doc_id", "start", "end", "speaker_start"]


def _event_key(doc: dict, doc_quotes: pd.DataFrame, window: tuple | None) -> bytes:
    """What an article's time expressions depend on, its id left out (ids made from it
    are keyed by what follows it): its text and dates, its quotations' offsets and its
    settled window."""
    doc_id = doc["doc_id"]
    quoted = tuple((q[len(doc_id):], s, e, ss) for q, s, e, ss in zip(
        doc_quotes["quote_id"], doc_quotes["start"], doc_quotes["end"],
        doc_quotes["speaker_start"], strict=True))
    return article_key("events", *(doc[c] for c in EVENT_DOC_COLUMNS[1:]), quoted, window)


EVENT_IDS = ("doc_id", "event_id", "quote_id")


def timeline_part(documents: str, quotes: str, lo: int, hi: int, qlo: int, qhi: int,
                  windows: pd.DataFrame | None, out: str, cache: str | None = None
                  ) -> list[dict]:
    """Time expressions of articles ``lo``..``hi`` (their quotations are rows
    ``qlo``..``qhi`` of ``quotes``) into ``out``; returns the articles given up. An
    article whose inputs are in ``cache`` is not read again."""
    from quotetrail.timeline.events import article_events, events_frame, quotes_by_doc

    docs = read_rows(documents, lo, hi, EVENT_DOC_COLUMNS).to_dict("records")
    quoted = read_rows(quotes, qlo, qhi, EVENT_QUOTE_COLUMNS)
    by_doc, none = quotes_by_doc(quoted), quoted.iloc[0:0]
    settled = {} if windows is None else {
        d: (lo, hi) for d, lo, hi in zip(windows["doc_id"], windows["published_min"],
                                         windows["published_max"], strict=True)}
    inputs = [(doc, by_doc.get(doc["doc_id"], none), settled.get(doc["doc_id"]))
              for doc in docs]
    keys = [_event_key(*args) for args in inputs]
    stored = ArticleCache(cache).get(keys) if cache else {}
    rows, failures, computed = [], [], {}
    for (doc, doc_quotes, window), key in zip(inputs, keys, strict=True):
        if key in stored:
            old, found, failure = stored[key]
        else:
            old, (found, failure) = doc["doc_id"], article_events(doc, doc_quotes, window)
            computed[key] = (old, found, failure)
            found, failure = as_stored((found, failure))
        rows += _rekeyed(found, old, doc["doc_id"], EVENT_IDS)
        if failure is not None:
            failures += _rekeyed([failure], old, doc["doc_id"], ("doc_id",))
    write_part(validate(events_frame(rows), "events"), out)
    new_entries(computed, entries_path(out))
    return failures


def quote_ranges(documents: str, quotes: str, cuts: list[tuple[int, int]]
                 ) -> list[tuple[int, int]]:
    """The rows of ``quotes`` (in article order, as ``run_quotes`` writes them) that
    belong to each range of articles."""
    order = {d: k for k, d in enumerate(pq.read_table(documents, columns=["doc_id"])
                                        .column("doc_id").to_pylist())}
    at = np.array([order[d] for d in pq.read_table(quotes, columns=["doc_id"])
                   .column("doc_id").to_pylist()], dtype=np.int64)
    if len(at) and (np.diff(at) < 0).any():
        raise ValueError(f"{quotes}: quotations are not in the order of the articles")
    return [(int(np.searchsorted(at, lo)), int(np.searchsorted(at, hi))) for lo, hi in cuts]


def run_timeline(processed_dir: str | Path, windows: pd.DataFrame | None = None,
                 workers: int = 0, scheduler: str = "", progress: bool = True,
                 size: int | None = None, reuse: bool = True
                 ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Stage 3's time expressions over partitions of ``documents``: writes ``events``
    and ``rejected_timeline``, returns them. ``windows``: ``doc_windows``, the
    publication windows the corpus settled on; ``reuse``: take unchanged articles'
    expressions from the article cache."""
    store = ArticleCache(cache_path(processed_dir))
    documents = str(Path(processed_dir) / "documents.parquet")
    quotes = str(Path(processed_dir) / "quotes.parquet")
    ids = pq.read_table(documents, columns=["doc_id"]).column("doc_id").to_pylist()
    with _parts_dir(processed_dir, "events") as folder:
        with client_for(workers, scheduler, quiet=not progress) as client:
            step = size or partition_size(len(ids), n_workers(client))
            cuts = spans(len(ids), step)
            ranges = quote_ranges(documents, quotes, cuts)
            settled = None if windows is None else windows.set_index("doc_id", drop=False)
            tasks = []
            for k, ((lo, hi), (qlo, qhi)) in enumerate(zip(cuts, ranges, strict=True)):
                mine = None if settled is None else settled.loc[
                    [d for d in ids[lo:hi] if d in settled.index]].reset_index(drop=True)
                tasks.append((documents, quotes, lo, hi, qlo, qhi, mine,
                              str(folder / f"{k:05d}.parquet"),
                              str(store.path) if reuse else None))
            results = map_partitions(client, timeline_part, tasks, "time expressions",
                                     progress)
        store.add(entries_path(t[7]) for t in tasks)
        assemble([t[7] for t in tasks], processed_dir, "events")
    write_table(rejected_table([f for found in results for f in found]), "rejected_timeline",
                processed_dir)
    return read_table("events", processed_dir), read_table("rejected_timeline", processed_dir)
