"""End to end: a run lands whole or not at all, one run at a time, resumable, checked
before it starts, and byte-for-byte reproducible whatever the hash seed."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import hostile
import pytest
from conftest import SEED_CORPUS
from test_study import TABLES, hashes, study

from quotetrail.study import staging
from quotetrail.tables import read_rejected, read_table

pytestmark = pytest.mark.e2e


def start(*args: str, **env) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "quotetrail.cli", "study", *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, **env})


def wait_until_finished(out: Path, notebook: str, proc: subprocess.Popen) -> None:
    """Wait until the run in ``out`` has recorded ``notebook`` as finished anew (the
    staging folder starts with the last study's record of it)."""
    last = json.loads((out / "reports" / ".quotetrail-cache.json").read_text())
    old = last.get(notebook, {}).get("fingerprint")
    state = staging.partial(out / "reports") / ".quotetrail-cache.json"
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            entry = json.loads(state.read_text()).get(notebook, {})
        except (OSError, ValueError):
            entry = {}
        if entry.get("fingerprint") not in (None, old):
            return
        time.sleep(0.05)
    raise AssertionError(f"{notebook} never finished: {proc.communicate()}")


@pytest.fixture(scope="module")
def finished(tmp_path_factory):
    """A finished study of the seed corpus, copied by each test that changes it."""
    out = tmp_path_factory.mktemp("finished")
    done = study("--corpus", str(SEED_CORPUS), "--out", str(out), "--quiet")
    assert done.returncode == 0, done.stderr
    return out


@pytest.fixture
def grown(tmp_path, finished):
    """The finished study, and the seed corpus with one more article, so every notebook
    has to run again."""
    out = tmp_path / "out"
    shutil.copytree(finished, out)
    corpus = tmp_path / "corpus"
    shutil.copytree(SEED_CORPUS, corpus)
    (corpus / "zz_new.txt").write_text(hostile.good_article(7), encoding="utf-8")
    return out, corpus


def consistent(out: Path) -> None:
    """Every table of the study comes from one run: quotes and events of the documents."""
    processed = out / "data" / "processed"
    docs = set(read_table("documents", processed)["doc_id"])
    assert set(read_table("quotes", processed)["doc_id"]) <= docs
    assert set(read_table("events", processed)["doc_id"]) <= docs


@pytest.mark.parametrize("how", ["kill", "interrupt"])
def test_a_run_stopped_midway_leaves_the_last_study_and_the_next_run_resumes(grown, how):
    out, corpus = grown
    before = hashes(out)
    manifest = (out / "reports" / "manifest.json").read_text()
    proc = start("--corpus", str(corpus), "--out", str(out), "--quiet")
    wait_until_finished(out, "01_ingest", proc)
    proc.send_signal(signal.SIGKILL if how == "kill" else signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    if how == "interrupt":
        assert proc.returncode == 130
        assert "Traceback" not in err
        assert [ln for ln in err.splitlines() if ln.startswith("quotetrail:")] == [
            "quotetrail: interrupted: the finished notebooks are kept; run the same command "
            "again to resume"]
    assert hashes(out) == before  # the last finished study is untouched …
    assert (out / "reports" / "manifest.json").read_text() == manifest
    assert staging.partial(out / "reports").is_dir()  # … and the new run's work is kept

    done = study("--corpus", str(corpus), "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert "resuming" in done.stderr and "01_ingest: inputs unchanged, skipped" in done.stderr
    assert "zz_new" in set(read_table("documents", out / "data" / "processed")["doc_id"])
    consistent(out)
    assert not staging.partial(out / "reports").exists()
    assert json.loads((out / "reports" / "manifest.json").read_text())["finished"] is True


def test_a_second_run_into_the_same_folder_is_refused(tmp_path):
    out = tmp_path / "out"
    with staging.locked([out / "data" / "processed", out / "reports"]):
        done = study("--corpus", str(SEED_CORPUS), "--out", str(out), "--quiet")
    assert done.returncode == 1
    assert "another study is running" in done.stderr and "Traceback" not in done.stderr
    assert not (out / "reports" / "index.html").exists()


def test_a_failed_notebook_never_leaves_tables_of_an_earlier_run(grown):
    out, corpus = grown
    done = study("--corpus", str(corpus), "--out", str(out), "--quiet",
                 "-p", "spacy_model=no_such_model")
    assert done.returncode == 1 and "02_quote_alignment" in done.stderr
    processed = out / "data" / "processed"
    assert "zz_new" in set(read_table("documents", processed)["doc_id"])
    assert not (processed / "quotes.parquet").exists()  # the old quotes are gone, not mixed
    manifest = json.loads((out / "reports" / "manifest.json").read_text())
    assert manifest["finished"] is False
    assert [n["status"] for n in manifest["notebooks"]] == ["ran", "failed", "not run", "not run"]


def test_parameters_are_checked_by_type_before_any_notebook_runs(tmp_path):
    done = study("--corpus", str(SEED_CORPUS), "--out", str(tmp_path), "-p", "top_n=abc")
    assert done.returncode == 2
    assert "top_n expects int" in done.stderr and "running" not in done.stderr
    assert not (tmp_path / "reports").exists()


def test_a_relative_folder_parameter_means_the_folder_where_it_was_typed(tmp_path):
    subprocess_cwd = tmp_path / "here"
    subprocess_cwd.mkdir()
    done = subprocess.run(
        [sys.executable, "-m", "quotetrail.cli", "study", "--corpus", str(SEED_CORPUS),
         "--out", str(tmp_path / "out"), "--quiet", "-p", "processed_dir=tables"],
        cwd=subprocess_cwd, capture_output=True, text=True, timeout=600, check=False,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")})
    assert done.returncode == 0, done.stderr
    assert (subprocess_cwd / "tables" / "documents.parquet").is_file()


@pytest.fixture(scope="module")
def two_seeds(tmp_path_factory):
    """The study run twice, under two hash seeds, on the seed corpus, the hostile corpus
    and a few hundred varied made-up articles."""
    tmp = tmp_path_factory.mktemp("seeds")
    corpus = tmp / "corpus"
    shutil.copytree(SEED_CORPUS, corpus)
    good = hostile.write(corpus / "hostile", n_good=2)
    (corpus / "varied").mkdir()
    for n in range(240):
        (corpus / "varied" / f"v{n:03d}.txt").write_text(hostile.varied_article(n),
                                                          encoding="utf-8")
    outs = []
    for seed in ("1", "2"):
        out = tmp / f"out{seed}"
        proc = start("--corpus", str(corpus), "--out", str(out), "--quiet",
                      PYTHONHASHSEED=seed)
        _, err = proc.communicate(timeout=900)
        assert proc.returncode == 0, err
        outs.append(out)
    return good, outs


def test_the_hostile_corpus_runs_through_and_the_report_says_what_was_given_up(two_seeds):
    good, (out, _) = two_seeds
    processed = out / "data" / "processed"
    assert set(good) <= set(read_table("documents", processed)["doc_id"])
    rejected = read_rejected(processed)
    assert {"hostile/deep.jsonl", "hostile/pipe.txt", "hostile/very_long.txt"} <= set(
        rejected["source_path"])
    index = (out / "reports" / "index.html").read_text(encoding="utf-8")
    assert "hostile/pipe.txt</code> (ingest)" in index and "named pipe" in index
    for page in (out / "reports").glob("*.html"):
        body = page.read_text(encoding="utf-8")
        assert "<img src=x onerror" not in body and "<script>alert(1)" not in body, page.name


def test_the_same_corpus_gives_the_same_bytes_whatever_the_hash_seed(two_seeds):
    _, (first, second) = two_seeds
    assert hashes(first) == hashes(second)
    assert set(hashes(first)) == set(TABLES)


def test_a_long_step_echoes_its_progress_bar_at_most_every_interval():
    import io

    from quotetrail.study.progress import ProgressEcho

    now = [0.0]
    out = io.StringIO()
    echo = ProgressEcho("02_quote_alignment", every=20, out=out, clock=lambda: now[0])
    for second in range(0, 61, 5):  # a bar redrawn every 5 seconds for a minute
        now[0] = float(second)
        echo.write(f"\rlinking articles:  {second}%|##   | {second}/100 [00:{second:02d}<?]")
    echo.write("\rlinking articles: 100%|#####| 100/100 [01:01<00:00]")
    lines = out.getvalue().splitlines()
    assert [line.split(":  ")[1].split("%")[0] for line in lines[:-1]] == ["0", "20", "40", "60"]
    assert lines[-1].endswith("[01:01<00:00]") and "02_quote_alignment" in lines[-1]
