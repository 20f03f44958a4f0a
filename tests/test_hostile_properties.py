"""One property test (hypothesis) per class of the hostile corpus (benchmarks/hostile_corpus.py):
dot names, hidden folders, UTF-8 cut short, UTF-8 mixed with Latin-1, whitespace only,
fields that are not strings, and HTML nested deeper than lxml reads. Each says what must
come out: the article, or a rejection whose reason is the true one."""

from __future__ import annotations

import json
import math
import tempfile
from pathlib import Path

import hostile
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from quotetrail.ingest.decoding import Rejected, decode
from quotetrail.ingest.documents import parse_article
from quotetrail.ingest.readers import RawArticle, RowRejected, read_corpus, read_page, read_records

EXAMPLES = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])
ARTICLE = hostile.good_article(5)
# text a file may hold: no control characters, surrogates or byte-order mark
LINE_CHARS = st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="\ufeff")


@settings(max_examples=40, deadline=None)
@given(dots=st.integers(1, 3), stem=st.text("abc XYZ-_.0123456789", max_size=12),
       ext=st.sampled_from([".txt", ".TXT", ".jsonl"]))
def test_a_name_starting_with_a_dot_is_read_like_any_other(dots, stem, ext):
    name = "." * dots + stem + ext
    data = json.dumps({"text": ARTICLE}) + "\n" if ext == ".jsonl" else ARTICLE
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / name).write_text(data, encoding="utf-8")
        articles, rejected = read_corpus(tmp)
    assert rejected == []
    assert [a.source_path for a in articles] == [name]
    assert "bus routes" in articles[0].raw_text


@settings(max_examples=30, deadline=None)
@given(folder=st.text("abcXYZ-_.", min_size=1, max_size=8), n=st.integers(0, 3))
def test_a_hidden_folder_is_one_rejected_row_naming_its_articles(folder, n):
    name = "." + folder
    assume(name != "..")
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "top.txt").write_text(ARTICLE, encoding="utf-8")
        inside = Path(tmp) / name / "deeper"
        inside.mkdir(parents=True)
        for k in range(n):
            (inside / f"{k}.txt").write_text(ARTICLE, encoding="utf-8")
        (inside / "notes.md").write_text("not an article file")
        articles, rejected = read_corpus(tmp)
    assert [a.source_path for a in articles] == ["top.txt"]
    if n:  # nothing lost silently: the folder is named, with how many articles it holds
        assert [r["source_path"] for r in rejected] == [name]
        assert f"({n} article file{'s' if n > 1 else ''} inside" in rejected[0]["reason"]
    else:  # a .git or .cache without article files is nothing lost
        assert rejected == []


@EXAMPLES
@given(body=st.text(LINE_CHARS | st.sampled_from(" \n"), max_size=200),
       last=st.characters(min_codepoint=0x80, blacklist_categories=("Cs",)),
       data=st.data())
def test_utf8_cut_short_loses_only_its_broken_last_character(body, last, data):
    assume(body.strip() and not body.startswith("\ufeff"))
    whole = (body + last).encode("utf-8")
    cut = data.draw(st.integers(1, len(last.encode("utf-8")) - 1))
    assert decode(whole[:-cut]) == body


LATIN1_WORDS = ["café", "élan", "naïve", "façade", "déjà", "Zoë", "Müller", "señor", "crème",
                "the", "council", "said", "town", "river", "on", "Monday", "plan", "vote"]


@EXAMPLES
@given(lines=st.lists(st.tuples(st.booleans(), st.data()), min_size=1, max_size=8))
def test_a_file_mixing_utf8_and_latin1_lines_gives_back_every_line(lines):
    texts, encoded = [], []
    for is_utf8, data in lines:
        if is_utf8:
            text = data.draw(st.text(LINE_CHARS, max_size=60))
            encoded.append(text.encode("utf-8"))
        else:  # Western words with ASCII around them, as Latin-1 text is
            words = data.draw(st.lists(st.sampled_from(LATIN1_WORDS), min_size=1, max_size=8))
            text = "The council said " + " ".join(words) + " on Monday."
            encoded.append(text.encode("latin-1"))
        texts.append(text)
    assume("".join(texts).strip() and not texts[0].startswith("\ufeff"))
    assert decode(b"\n".join(encoded) + b"\n") == "\n".join(texts) + "\n"


@EXAMPLES
@given(text=st.text(" \t\n\r\x0b\x0c\u00a0\u2003\u3000", min_size=1, max_size=300),
       codec=st.sampled_from(["utf-8", "utf-16", "utf-16-le", "latin-1"]))
def test_a_file_of_whitespace_is_whitespace_only_not_binary(text, codec):
    # UTF-16 without a byte-order mark shows itself from 8 bytes on (``wide_encoding``)
    assume(codec != "utf-16-le" or len(text) >= 4)
    try:
        data = text.encode(codec)
    except UnicodeEncodeError:
        data = text.encode("utf-8")
    try:
        decode(data)
    except Rejected as err:
        assert str(err).startswith("whitespace only")
    else:
        raise AssertionError("whitespace was read as text")


def _expected(value) -> str:
    """The reason a JSONL row gives for a text field of ``value``."""
    if value is None:
        return "row's text is null"
    if isinstance(value, str):
        return "row's text is blank " + ("(whitespace only)" if value else "(an empty string)")
    if isinstance(value, bool):
        kind = f"a boolean ({str(value).lower()})"
    elif isinstance(value, int):
        kind = "a number (int)"
    elif isinstance(value, float):
        kind = ("a number (float)" if math.isfinite(value)
                else f"a number ({json.dumps(value)})")
    else:
        kind = "a list" if isinstance(value, list) else "an object"
    return f"row's text is not a string: {kind}"


NOT_TEXT = (st.integers() | st.floats() | st.booleans() | st.none()
            | st.lists(st.integers(), max_size=3)
            | st.dictionaries(st.text(max_size=3), st.integers(), max_size=2)
            | st.text(" \t\n\u00a0", max_size=5))
NOT_TITLE = (st.integers() | st.floats() | st.booleans() | st.lists(st.integers(), max_size=2)
             | st.integers().map(str) | st.sampled_from(["NaN", "nan", "inf", "1e5"]))


@EXAMPLES
@given(value=NOT_TEXT, title=NOT_TITLE)
def test_a_field_that_is_not_text_says_what_it_is_and_is_never_a_headline(value, title):
    rows = [{"text": value}, {"text": ARTICLE, "title": title}]
    data = "\n".join(json.dumps(r) for r in rows).encode()
    items = list(read_records(Path("feed.jsonl"), data, "feed.jsonl", "feed"))
    assert isinstance(items[0], RowRejected) and items[0].reason == _expected(value)
    assert isinstance(items[1], RawArticle) and "title" not in items[1].meta
    doc = parse_article(items[1])
    assert doc["title"] != str(title)


@settings(max_examples=25, deadline=None)
@given(depth=st.integers(1, 12_000), tag=st.sampled_from(["div", "span", "section", "b"]))
def test_an_article_nested_at_any_depth_is_read(depth, tag):
    paragraphs = "".join(f"<p>{p}</p>" for p in ARTICLE.split("\n\n"))
    page = (f"<html><head><title>Deep</title></head><body>{f'<{tag}>' * depth}{paragraphs}"
            f"{f'</{tag}>' * depth}</body></html>")
    text, meta, extracted = read_page(page.encode())
    doc = parse_article(RawArticle("deep", "deep.html", "x", text, meta, extracted))
    assert "voted on Tuesday to add 8 bus routes" in doc["text"]
    assert "“The villages are forgotten again,” said a shopkeeper" in doc["text"]
