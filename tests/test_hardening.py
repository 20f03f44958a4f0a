"""Hostile and careless input: every bad file or row is a `rejected` row with its reason,
never a crash, a hang, or a lost good article. One test per case of the hostile corpus
(tests/hostile.py), plus the limits and the helpers behind them."""

from __future__ import annotations

import json
import os
from datetime import date

import hostile
import pandas as pd
import pytest

from quotetrail.ingest import ingest
from quotetrail.ingest.readers import Rejected, decode, unique_id
from quotetrail.schemas import validate
from quotetrail.study import cache
from quotetrail.text.marks import marked_spans
from quotetrail.timeline import find_dates


@pytest.fixture(scope="module")
def hostile_ingest(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    good = hostile.write(folder)
    documents, rejected = ingest(folder)
    return good, documents, rejected


def _reason(rejected: pd.DataFrame, path: str, row: int | None = None) -> str:
    hit = rejected[(rejected["source_path"] == path)
                   & (rejected["row"].isna() if row is None else rejected["row"] == row)]
    assert len(hit) == 1, f"{path} row {row}: {rejected.to_dict('records')}"
    return hit.iloc[0]["reason"]


def test_every_good_article_survives_and_the_tables_hold_the_contract(hostile_ingest):
    good, documents, rejected = hostile_ingest
    assert set(good) <= set(documents["doc_id"])
    assert documents["doc_id"].is_unique
    validate(documents, "documents")
    validate(rejected, "rejected")
    assert set(rejected["stage"]) == {"ingest"}


@pytest.mark.parametrize("path, row, reason", [
    ("deep.jsonl", 1, "nested too deeply"),
    ("huge_number.jsonl", 1, r"not a string: a number \(int\)"),  # kept as text, not converted
    ("empty.txt", None, r"empty file \(0 bytes\)"),
    ("whitespace.txt", None, "^whitespace only"),  # spaces, tabs, no-break spaces, form feeds
    ("one_word.txt", None, r"^too short to be an article \(1 word;"),
    (".hiddendir", None, r"^hidden folder not read.*\(1 article file inside"),
    ("fields.jsonl", 1, r"^row's text is blank \(whitespace only\)$"),
    ("fields.jsonl", 2, r"^row's text is not a string: a number \(int\)$"),
    ("fields.jsonl", 3, r"^row's text is not a string: a number \(NaN\)$"),
    ("fields.jsonl", 4, r"^row's text is not a string: a number \(float\)$"),
    ("fields.jsonl", 5, r"^row's text is not a string: a list$"),
    ("fields.jsonl", 6, r"^row's text is null$"),
    ("fields.jsonl", 9, r"^not an object: the line is a number \(int\)$"),
    ("fields.csv", 2, r"^row's text is blank \(whitespace only\)$"),
    ("fields.csv", 3, r"^too short to be an article \(1 word;"),
    ("binary.txt", None, "binary|undecodable"),
    ("header_only.csv", None, "no rows"),
    ("noise.csv", None, "without a 'text' or 'html' column"),
    ("outside_link.txt", None, "outside the corpus"),
    ("proc_link.txt", None, "outside the corpus"),
    ("pipe.txt", None, "named pipe"),
    ("etc_link", None, "^link to a folder, not followed"),
    ("etc_link.txt", None, "outside the corpus"),
    ("very_long.txt", None, "too long"),
])
def test_bad_files_and_rows_are_rejected_with_their_reason(hostile_ingest, path, row, reason):
    import re

    _, _, rejected = hostile_ingest
    assert re.search(reason, _reason(rejected, path, row))


@pytest.mark.parametrize("path, words", [
    ("huge_number.jsonl", "bus routes"),  # row 2 of the file with the huge number
    ("surrogate.jsonl", "crowded \ufffd buses"),  # a lone surrogate becomes U+FFFD
    ("nested_record.jsonl", "bus routes"),  # a title that is an object is no title
    ("bad\\xffname.txt", "bus routes"),  # the name's bad byte is escaped, not lost
    ("$x$ and $y$ prices.txt", "bus routes"),
    ("<script>alert(1)</script>.txt", "bus routes"),
    ("long_field.csv", "read the report aloud"),  # a field over the csv module's 128 KiB
    ("utf16le_bom.txt", "Arlen"), ("utf16be.txt", "Brackwater"), ("utf16le.txt", "Cindervale"),
    ("utf32.txt", "Dunmore"),
    ("nul_inside.txt", "the council leader"),  # the NUL byte is dropped
    ("one_line.txt", "in its newsletter"),  # a one-line article is prose, not a prompt
    ("marks.txt", "again"),
    ("inside_link.txt", "Arlen"),  # a link that stays inside the corpus is read
    (".hidden.txt", "bus routes"), ("..dots...txt", "bus routes"),  # a dot hides nothing
    ("cut_emoji.txt", "The café’s owner said"),  # UTF-8 cut short: no mojibake
    ("mixed.txt", "The café was closed at noon"),  # the Latin-1 line among UTF-8 ones
    ("mixed.txt", "the café’s crowded buses"),
    ("deep.html", "bus routes"),  # 10,000 nested elements: read through the flat fallback
])
def test_awkward_but_readable_files_are_read(hostile_ingest, path, words):
    _, documents, _ = hostile_ingest
    texts = documents.loc[documents["source_path"] == path, "text"].tolist()
    assert len(texts) == 1 and words in texts[0]


def test_only_hidden_folders_with_articles_are_named_and_nothing_is_lost(hostile_ingest):
    _, documents, rejected = hostile_ingest
    assert not rejected["source_path"].str.startswith(".git").any()
    read = set(documents["source_path"]) | set(rejected["source_path"])
    assert ".hiddendir/inside.txt" not in read  # inside the folder named in its stead
    assert not any("Ã" in text or "â€" in text for text in documents["text"])


def test_the_hostile_benchmark_in_small_gives_every_class_its_true_outcome(tmp_path):
    """benchmarks/hostile_corpus.py at 300 files, ingest only: every file and row is a
    document or a rejection, and each class's is the true one."""
    from benchmarks import hostile_corpus as bench

    items = bench.make_corpus(300)
    bench.write_corpus(tmp_path, items)
    documents, rejected = ingest(tmp_path)
    result = bench.score(items, documents, rejected)
    assert result.files >= 300 and result.rows > 100
    assert (result.neither_files, result.neither_rows) == (0, 0)
    assert len(result.per_class) == len(bench.CLASSES) + 1
    wrong = {k: v for k, v in result.per_class.items() if v[0] != v[1]}
    assert not wrong


def test_a_number_or_nan_title_is_never_a_headline(hostile_ingest):
    _, documents, _ = hostile_ingest
    titles = documents.set_index(["source_path"]).loc[["fields.jsonl", "fields.csv"], "title"]
    assert len(titles) == 3
    assert not any(str(t).replace(".", "").isdigit() or str(t) == "NaN" for t in titles)


def test_the_deep_page_keeps_its_title_and_loses_no_line_to_decoding(hostile_ingest):
    _, documents, _ = hostile_ingest
    doc = documents.set_index("source_path").loc["deep.html"]
    assert doc["title"] == "Deep Page"
    cut = documents.set_index("source_path").loc["cut_emoji.txt"]
    assert cut["text"].endswith("would bring him more customers.")
    assert not any(r["reason"] == "copyright notice" for r in cut["removed"])


def test_ids_that_would_clash_are_made_unique_in_file_order(hostile_ingest):
    _, documents, _ = hostile_ingest
    ids = dict(zip(documents["source_path"], documents["doc_id"], strict=True))
    assert {ids["sub/twin.txt"], ids["twin.txt"]} == {"twin", "twin~2"}
    assert {ids["rows-00001.txt"], ids["rows.jsonl"]} == {"rows-00001", "rows-00001~2"}
    taken: set[str] = set()
    assert [unique_id(x, taken) for x in ("a", "a", "a~2", "a")] == ["a", "a~2", "a~2~2", "a~3"]


def test_placeholder_publication_dates_are_no_dates(hostile_ingest):
    _, documents, _ = hostile_ingest
    for path in ("far_future.jsonl", "year_one.jsonl"):
        doc = documents[documents["source_path"] == path].iloc[0]
        assert doc["published"] is None and doc["published_how"] != "metadata"
        # "next year" against the placeholder would overflow; it stays unresolved
        assert all(m.date_min is None or date(1700, 1, 1) <= m.date_min
                   for m in find_dates(doc["text"], date(9999, 12, 31), date(9999, 12, 31)))


def test_decode_reads_utf16_and_utf32_with_and_without_bom():
    text = "Café owners in Arlen said the rules were late.\n"
    for codec in ("utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"):
        assert decode(text.encode(codec)) == text, codec


def test_a_utf16_file_cut_short_keeps_all_but_its_last_half_character():
    text = "Dunmore's ferry will run again in May, the council said.\n"
    assert decode(text.encode("utf-16-le")[:-1]) == text[:-1]
    assert decode(text.encode("utf-32")[:-3]) == text[:-1]


def test_decode_drops_a_stray_nul_but_rejects_binary():
    assert decode(b"A quiet town\x00 voted on Monday.") == "A quiet town voted on Monday."
    with pytest.raises(Rejected, match="binary"):
        decode(b"\x00\x01\x02\x03" * 100)


def test_corpus_entries_are_hashed_without_following_links_out_or_blocking(tmp_path):
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "a.txt").write_text("words")
    os.symlink("/proc/self/status", folder / "proc.txt")
    os.mkfifo(folder / "pipe.txt")
    hashes = cache.tree_hashes(folder)  # a FIFO would block a read; it is never opened
    assert hashes["proc.txt"] == "link:/proc/self/status"
    assert hashes["pipe.txt"].startswith("special:")
    assert len(hashes["a.txt"]) == 64


def test_a_corpus_file_that_cannot_be_read_is_noted_not_fatal(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text("words")

    def refuse(path):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(cache, "file_sha256", refuse)
    assert cache.tree_hashes(tmp_path) == {"a.txt": "unreadable:Permission denied"}


def test_jsonl_with_only_bad_lines_keeps_each_reason(corpus):
    lines = ["[" * 50_000, '{"text": ' + "7" * 5_000 + "}", '{"text": ["a list"]}', "3"]
    _, rejected = ingest(corpus({"feed.jsonl": "\n".join(lines)}))
    reasons = dict(zip(rejected["row"], rejected["reason"], strict=True))
    assert "nested too deeply" in reasons[1] or "invalid JSON" in reasons[1]
    assert reasons[2] == "row's text is not a string: a number (int)"
    assert reasons[3] == "row's text is not a string: a list"
    assert reasons[4] == "not an object: the line is a number (int)"


def test_unbalanced_marks_pair_nothing_and_balanced_ones_still_pair():
    stray = "He said “ and then “ again " * 5_000
    assert marked_spans(stray) == []
    text = stray + "\n\nThen came the vote.\n\n“The vote is today,” she said."
    spans = marked_spans(text)
    assert [s.text for s in spans] == ["The vote is today,"]
    assert text[spans[0].start:spans[0].end] == spans[0].text


def test_many_dates_in_one_article_are_all_found():
    text = " ".join(f"On {d} May 2020 it rained." for d in range(1, 29)) * 150
    found = find_dates(text)
    assert len(found) == 28 * 150
    assert [m.start for m in found] == sorted(m.start for m in found)


def test_cited_sources_do_not_depend_on_the_hash_seed(tmp_path):
    """Two names starting at one offset ("Harbor Wire", "Harbor Wire News") come out in
    the same order whatever the hash seed: checked in fresh interpreters."""
    import subprocess
    import sys

    text = hostile.varied_article(3)
    script = ("import sys, json; from quotetrail.ingest.metadata import cited_sources; "
              "print(json.dumps(cited_sources(sys.stdin.read())))")
    runs = {subprocess.run([sys.executable, "-c", script], input=text, text=True,
                           capture_output=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": str(seed)}).stdout
            for seed in range(6)}
    assert len(runs) == 1 and len(json.loads(runs.pop())) >= 2


def test_the_ingest_chapter_lists_the_renamed_ids(hostile_ingest):
    from quotetrail.display import renamed_ids

    _, documents, _ = hostile_ingest
    renamed = renamed_ids(documents)
    assert sorted(renamed["doc_id"]) == ["rows-00001~2", "twin~2"]


def test_findings_and_rejections_reach_the_page_as_text():
    from quotetrail.display import bullet_list
    from quotetrail.schemas import rejected_table, rejection
    from quotetrail.study.render import index_page

    hostile_text = "“<img src=x onerror=alert(1)>” is *not* $x$ <script>alert(2)</script>"
    page = bullet_list([hostile_text])._repr_html_()
    assert "<img" not in page and "<script>" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "tex2jax_ignore" in page  # no $…$ typesetting over article text
    rejected = rejected_table([rejection("<script>alert(3)</script>.txt", hostile_text,
                                         stage="quotes", doc_id="x")])
    index = index_page("study", [], None, rejected)
    assert "<script>alert" not in index and "<img" not in index
    assert "&lt;script&gt;alert(3)&lt;/script&gt;.txt</code> (quotes)" in index


def test_a_paragraph_is_body_however_it_ends(corpus):
    """A one-line article, or a last paragraph ending in a figure rather than a full
    stop, is prose: its length and ordinary words say so, not its last character."""
    first = ("The harbour board of Elsby said on Monday that it would deepen the channel so "
             "that larger ships could reach the town's two quays, a plan that has been "
             "discussed for more than ten years.")
    last = ("Traffic through the port fell in the last year for which there are figures, "
            "and the board expects the deeper channel to bring it back to the level of "
            "2019, when it grew by 4.5%")
    documents, rejected = ingest(corpus({"one_line.txt": f"{first} {last}\n",
                                         "two.txt": f"Harbour Plan\n\n{first}\n\n{last}\n"}))
    assert rejected.empty
    assert all(text.endswith("grew by 4.5%") for text in documents["text"])


def test_the_index_counts_files_and_rows_apart_and_lists_rejections_by_reason():
    from quotetrail.ingest.rejections import by_reason, reason_kind
    from quotetrail.schemas import rejected_table, rejection
    from quotetrail.study.render import index_page

    rejected = rejected_table([
        rejection("a.txt", "too short to be an article (1 word; an article has at least 15)"),
        rejection("b.txt", "too short to be an article (3 words; an article has at least 15)"),
        rejection("f.jsonl", "too short to be an article (2 words; an article has at least 15)",
                  row=4),
        rejection("f.jsonl", "row's text is null", row=2),
        rejection("c.txt", "looks like UTF-16-LE", stage="quotes", doc_id="c")])
    assert reason_kind("a UTF-16 file of 1,234 bytes (12 words)") == \
        "a UTF-16 file of N bytes (N words)"
    groups = by_reason(rejected)
    assert [(g.reason[:26], g.files, g.rows) for g in groups] == [
        ("too short to be an article", 2, 1), ("row's text is null", 0, 1),
        ("looks like UTF-16-LE", 1, 0)]  # the largest first, then by stage and reason
    index = index_page("study", [], None, rejected)
    assert "3 files and 2 rows (records of JSONL or CSV files) were given up" in index
    assert index.count("<details>") == 3
    first = index.index("<summary>2 files and 1 row: too short to be an article (N words")
    assert first < index.index("<code>a.txt</code> (ingest): too short to be an article (1 word")
    assert first < index.index("<summary>1 file: looks like UTF-16-LE (quotes)")
