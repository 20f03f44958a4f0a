"""End to end: `quotetrail study` on the seed corpus, as a user runs it."""

from __future__ import annotations

import html
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from conftest import SEED_CORPUS

from quotetrail.align.statements import is_name, same_speaker
from quotetrail.study.cache import file_sha256
from quotetrail.study.runner import STAGES
from quotetrail.tables import read_table

pytestmark = pytest.mark.e2e
TABLES = [t for stage in STAGES for t in stage.writes]


def study(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "quotetrail.cli", "study", *args],
                          capture_output=True, text=True, timeout=600, check=False)


def hashes(out: Path) -> dict[str, str]:
    return {t: file_sha256(out / "data" / "processed" / f"{t}.parquet") for t in TABLES}


@pytest.fixture(scope="module")
def seed_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("study")
    done = study("--corpus", str(SEED_CORPUS), "--out", str(out))
    assert done.returncode == 0, done.stderr
    return out, done


def test_every_table_is_written_and_valid(seed_run):
    out, _ = seed_run
    processed = out / "data" / "processed"
    tables = {name: read_table(name, processed) for name in TABLES}
    seeds = sorted(p.stem for p in SEED_CORPUS.glob("*.txt"))
    assert sorted(tables["documents"]["doc_id"]) == seeds
    assert tables["rejected"].empty
    quotes = tables["quotes"]
    assert len(quotes) >= len(seeds)
    texts = dict(zip(tables["documents"]["doc_id"], tables["documents"]["text"], strict=True))
    for q in quotes.itertuples():  # every quotation points at its exact span
        assert texts[q.doc_id][q.start:q.end] == q.text
    assert quotes["speaker"].notna().mean() > 0.8


def test_a_remark_in_two_articles_is_one_statement(seed_run):
    out, _ = seed_run
    processed = out / "data" / "processed"
    variants = read_table("quote_variants", processed)
    statements = read_table("statements", processed).set_index("statement_id")
    quotes = read_table("quotes", processed).set_index("quote_id")
    spread = variants.groupby("statement_id")["doc_id"].nunique()
    shared = spread[spread >= 2].index
    assert len(shared) >= 2
    assert (statements.loc[shared, "n_docs"] == spread[shared]).all()
    for sid in shared:  # one person per statement (or a disagreement it records), and its
        members = variants[variants["statement_id"] == sid]  # canonical form is printed
        named = {n for n in quotes.loc[members["quote_id"], "speaker"].dropna() if is_name(n)}
        others = statements.loc[sid, "other_speakers"]
        disputed = set(others.split("; ")) if isinstance(others, str) else set()
        assert all(same_speaker(n, statements.loc[sid, "speaker"]) == "same" or n in disputed
                   for n in named)
        assert statements.loc[sid, "canonical_quote_id"] in set(members["quote_id"])
    assert set(variants["quote_id"]) == set(
        quotes.index[quotes["kind"].isin(["direct", "partial", "block", "indirect"])])
    links = read_table("doc_links", processed)
    docs = set(variants[variants["statement_id"].isin(shared)]["doc_id"])
    assert docs <= set(links["source_doc"]) | set(links["derived_doc"])


def test_a_rewrite_is_no_confirmation_and_a_reframing_names_what_it_dropped(seed_run):
    """The shipped corpus: 001 rewords 000 sentence by sentence and keeps its quotations;
    003 restates in its own words a remark 000 quotes, without its condition."""
    out, _ = seed_run
    processed = out / "data" / "processed"
    links = read_table("doc_links", processed)
    variants = read_table("quote_variants", processed)
    statements = read_table("statements", processed).set_index("statement_id")
    docs = sorted(p.stem for p in SEED_CORPUS.glob("*.txt"))
    rewrite = links[(links["source_doc"] == docs[0]) & (links["derived_doc"] == docs[1])]
    assert rewrite["relation"].tolist() == ["rewrite"]
    derived = variants[variants["doc_id"] == docs[1]]
    shared = derived["statement_id"].isin(variants.loc[variants["doc_id"] == docs[0],
                                                        "statement_id"])
    assert shared.any() and not derived.loc[shared, "independent"].any()
    assert (derived.loc[shared, "source_doc"] == docs[0]).all()
    # one truth: the statements count what the printings say
    independent = variants[variants["independent"]].groupby("statement_id")["doc_id"].nunique()
    assert (statements["n_independent"] == independent.reindex(statements.index).fillna(0)
            ).all()
    reframed = variants[(variants["doc_id"] == docs[3]) & (variants["relation"] == "reframing")
                        & variants["changed"].str.contains("condition dropped")]
    assert len(reframed) >= 1
    sid = reframed["statement_id"].iloc[0]
    assert docs[0] in set(variants.loc[variants["statement_id"] == sid, "doc_id"])
    # printed more than once counts articles: no statement of one article travels
    spread = variants.groupby("statement_id")["doc_id"].nunique()
    assert (statements.loc[spread.index, "n_docs"] == spread).all()


def test_reports_show_the_findings(seed_run):
    out, done = seed_run
    reports = out / "reports"
    findings = read_table("findings", out / "data" / "processed")
    index = (reports / "index.html").read_text(encoding="utf-8")
    for row in findings.itertuples():  # a travelling statement is on the index as its trail
        if not row.finding.startswith("statement_"):
            assert html.escape(row.statement) in index, row.finding
    for stage in STAGES:
        page = (reports / f"{stage.name}.html").read_text(encoding="utf-8")
        assert "<html" in page and "Traceback" not in page
        assert f"{stage.name}.html" in index
    last = (reports / "04_findings.html").read_text(encoding="utf-8")
    assert findings["statement"].iloc[0].split(";")[0] in html.unescape(last)
    assert last.count("data:image/png;base64") >= 2  # the two figures
    assert "[1/4] 01_ingest" in done.stderr


def test_manifest_records_the_run(seed_run):
    out, _ = seed_run
    manifest = json.loads((out / "reports" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["finished"] is True
    inputs = set(manifest["inputs_sha256"])
    assert {p.name for p in SEED_CORPUS.glob("*.txt")} <= inputs
    assert {"context/events.csv", "context/offices.csv"} <= inputs
    assert manifest["versions"]["spacy"] and manifest["versions"]["quotetrail"]
    assert [n["status"] for n in manifest["notebooks"]] == ["ran"] * len(STAGES)
    processed = str(out / "data" / "processed")
    assert manifest["parameters"]["processed_dir"] == processed
    assert {n["parameters"]["processed_dir"] for n in manifest["notebooks"]} == {processed}
    assert all(n["seconds"] > 0 for n in manifest["notebooks"])


def test_second_run_skips_everything_and_changes_nothing(seed_run):
    out, _ = seed_run
    before = hashes(out)
    done = study("--corpus", str(SEED_CORPUS), "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert done.stderr.count("skipped") == len(STAGES)
    assert hashes(out) == before


def pages(out: Path) -> dict[str, str]:
    """The report pages' hashes; not the index, which says how this run went (a notebook
    "ran" or was "skipped")."""
    return {p.relative_to(out).as_posix(): file_sha256(p)
            for p in sorted((out / "reports").rglob("*.html")) if p.name != "index.html"}


def test_forced_rerun_gives_identical_tables_and_pages(seed_run):
    out, _ = seed_run
    before, shown = hashes(out), pages(out)
    done = study("--corpus", str(SEED_CORPUS), "--out", str(out), "--force", "--quiet")
    assert done.returncode == 0, done.stderr
    assert hashes(out) == before
    assert len(shown) > len(STAGES) and pages(out) == shown  # what a reader sees, too


def test_fresh_rerun_redoes_every_article_to_the_same_bytes(seed_run):
    """``--fresh`` reruns every notebook without reading the article cache: the forced
    rerun above read it, this one does not, and both write a cold run's bytes."""
    out, _ = seed_run
    before, shown = hashes(out), pages(out)
    assert (out / "data" / "processed" / "cache" / "articles.sqlite").is_file()
    done = study("--corpus", str(SEED_CORPUS), "--out", str(out), "--fresh", "--quiet")
    assert done.returncode == 0, done.stderr
    assert hashes(out) == before and pages(out) == shown
    manifest = json.loads((out / "reports" / "manifest.json").read_text(encoding="utf-8"))
    assert [n["status"] for n in manifest["notebooks"]] == ["ran"] * len(STAGES)
    assert [n["parameters"].get("reuse") for n in manifest["notebooks"]] == [False] * 3 + [None]


def test_unknown_parameter_lists_the_valid_ones(tmp_path):
    done = study("--out", str(tmp_path), "-p", "rewrite_treshold=0.8")
    assert done.returncode == 2
    assert "rewrite_treshold" in done.stderr and "rewrite_threshold" in done.stderr
    assert "spacy_model" in done.stderr
    assert not (tmp_path / "reports").exists()


def test_failing_notebook_exits_non_zero_and_names_it(tmp_path):
    done = study("--corpus", str(SEED_CORPUS), "--out", str(tmp_path), "--quiet",
                 "-p", "spacy_model=no_such_model")
    assert done.returncode == 1
    assert "02_quote_alignment" in done.stderr and "cell" in done.stderr
    assert "no_such_model" in done.stderr
    assert (tmp_path / "reports" / "02_quote_alignment.ipynb").is_file()  # partial notebook
    manifest = json.loads((tmp_path / "reports" / "manifest.json").read_text(encoding="utf-8"))
    assert [n["status"] for n in manifest["notebooks"]] == ["ran", "failed", "not run", "not run"]


def test_bad_files_are_reported_and_the_study_goes_on(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(SEED_CORPUS, corpus)
    (corpus / "empty.txt").write_text("")
    (corpus / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    config = tmp_path / "params.yml"
    config.write_text("rewrite_share: 0.5\ntop_n: 5\n")
    done = study("--corpus", str(corpus), "--out", str(tmp_path / "out"), "--config",
                 str(config), "--quiet")
    assert done.returncode == 0, done.stderr
    rejected = read_table("rejected", tmp_path / "out" / "data" / "processed")
    assert sorted(rejected["source_path"]) == ["empty.txt", "image.txt"]
    index = (tmp_path / "out" / "reports" / "index.html").read_text(encoding="utf-8")
    assert "empty.txt" in index and "image.txt" in index
    manifest = json.loads((tmp_path / "out" / "reports" / "manifest.json").read_text())
    assert manifest["parameters"]["rewrite_share"] == 0.5


def test_exports_open_in_other_tools(seed_run):
    out, _ = seed_run
    processed = out / "data" / "processed"
    package = json.loads((processed / "datapackage.json").read_text(encoding="utf-8"))
    described = {r["path"]: r for r in package["resources"]}
    for name in TABLES:
        fields = [f["name"] for f in described[f"{name}.parquet"]["schema"]["fields"]]
        assert fields == list(read_table(name, processed).columns)
    statements = pd.read_csv(processed / "statements.csv")
    assert list(statements["statement_id"]) == list(read_table("statements", processed)
                                                   ["statement_id"])
    findings = pd.read_csv(processed / "findings.csv")
    assert json.loads(findings.loc[0, "evidence"])["quote_ids"]


def test_the_index_answers_who_said_what_first(seed_run):
    out, _ = seed_run
    index = (out / "reports" / "index.html").read_text(encoding="utf-8")
    statements = read_table("statements", out / "data" / "processed")
    named = statements[statements["speaker"].notna()]
    top = named.sort_values(["n_docs", "n_printings", "statement_id"],
                            ascending=[False, False, True]).iloc[0]
    first = f'<article class="trail" id="{top["statement_id"]}"><h3>{html.escape(top["speaker"])}'
    assert first in index and f"Printed by {top['n_docs']} articles" in index
    assert index.index(first) < index.index("articles read from the corpus")
    assert "Content-Security-Policy" in index and "width=device-width" in index
