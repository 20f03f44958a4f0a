"""Readers: one per format behind one interface; bad files and rows are rejected, not fatal."""

from __future__ import annotations

import json
from datetime import date

import pytest
from conftest import article

from quotetrail.ingest import ingest
from quotetrail.ingest.readers import Rejected, decode, extract_html

PARAGRAPHS = [
    "The water minister, Jane Okafor, said on Monday that prices would be frozen for a year "
    "after months of protests in the capital and several northern towns.",
    "“We will not let families pay for our mistakes,” Okafor told reporters outside the "
    "ministry, adding that the freeze would cost the treasury about two billion.",
    "Opposition leaders called the move a pre-election stunt and demanded an inquiry into "
    "how the utility had set its tariffs over the past decade.",
]
BODY = "\n\n".join(PARAGRAPHS)


def page(title: str = "Water Prices Frozen for a Year", date_meta: str = "2023-03-12") -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'>"
        f"<title>{title} | Daily Planet</title>"
        f"<meta property='og:title' content='{title}'>"
        "<meta property='og:site_name' content='Daily Planet'>"
        "<link rel='canonical' href='https://www.dailyplanet.example/news/water-prices'>"
        f"<meta property='article:published_time' content='{date_meta}T09:15:00Z'>"
        "<meta name='author' content='Maria Lopez'>"
        "</head><body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>{title}</h1>{paragraphs}</article>"
        "<footer>© 2025 Daily Planet. All rights reserved. <a href='/privacy'>Privacy</a>"
        "</footer></body></html>"
    )


def test_html_article_and_its_metadata(corpus):
    documents, rejected = ingest(corpus({"news/water.html": page()}))
    assert rejected.empty
    doc = documents.iloc[0]
    assert doc["doc_id"] == "water" and doc["source_path"] == "news/water.html"
    assert doc["title"] == "Water Prices Frozen for a Year"
    assert doc["published"] == date(2023, 3, 12) and doc["published_how"] == "metadata"
    assert doc["outlet"] == "Daily Planet" and doc["author"] == "Maria Lopez"
    assert doc["url"] == "https://www.dailyplanet.example/news/water-prices"
    assert "Okafor told reporters" in doc["text"]
    assert "Privacy" not in doc["text"] and "Home" not in doc["text"]


@pytest.mark.parametrize("html, reason", [
    ("<html><body><nav>Home | About</nav></body></html>",
     "too short to be an article (2 words;"),
    ("", "empty file (0 bytes)"),
    ("  \n\t ", "whitespace only"),
    ("<html><body><p></p></body></html>", "HTML page with no article body"),
    # deeper than lxml reads: read through the flat fallback, then too short
    ("<html>" + "<div>" * 5000 + "deep" + "</div>" * 5000 + "</html>",
     "too short to be an article (1 word;"),
    ("<html>" + "<div>" * 5000 + "</div>" * 5000 + "</html>",
     "HTML page with no text (elements nested 5,001 deep)"),
])
def test_html_without_article_is_rejected(corpus, html, reason):
    documents, rejected = ingest(corpus({"bad.html": html, "good.txt": article(BODY)}))
    assert documents["doc_id"].tolist() == ["good"]
    assert reason in rejected.set_index("source_path").loc["bad.html", "reason"]


def test_hostile_html_does_not_leak_script(corpus):
    hostile = page().replace(
        "<article>", "<article><script>document.write('<p>INJECTED</p>')</script>"
        "<style>p{}</style><iframe src='javascript:alert(1)'></iframe>"
        "<img src=x onerror=alert(1)>")
    documents, rejected = ingest(corpus({"x.htm": hostile}))
    assert rejected.empty
    text = documents.iloc[0]["text"]
    assert "INJECTED" not in text and "alert" not in text and "Okafor" in text


def test_html_binary_is_rejected():
    with pytest.raises(Rejected, match="binary"):
        extract_html(b"\x00\x01<html>")


def test_jsonl_rows_are_articles_and_bad_rows_are_rejected(corpus):
    rows = [
        {"text": BODY, "title": "Prices Frozen", "url": "https://news.example.org/a",
         "published": "2023-03-12", "author": "Maria Lopez"},
        {"html": page(title="From Html Field"), "outlet": "Wire Service"},
        {"title": "no body"},
        "not an object",
    ]
    lines = [json.dumps(r) for r in rows] + ["{broken json", ""]
    documents, rejected = ingest(corpus({"feed.jsonl": "\n".join(lines)}))
    assert documents["doc_id"].tolist() == ["feed-00001", "feed-00002"]
    first, second = documents.iloc[0], documents.iloc[1]
    assert first["published"] == date(2023, 3, 12) and first["outlet"] == "news.example.org"
    assert first["title"] == "Prices Frozen" and first["author"] == "Maria Lopez"
    assert second["title"] == "From Html Field" and second["outlet"] == "Wire Service"
    assert set(rejected["source_path"]) == {"feed.jsonl"}
    assert set(rejected["stage"]) == {"ingest"}
    reasons = dict(zip(rejected["row"], rejected["reason"], strict=True))
    assert reasons == {3: "row has neither text nor html",
                       4: "not an object: the line is a string",
                       5: reasons[5]}
    assert "invalid JSON" in reasons[5]


def test_csv_rows_with_legacy_encoding(corpus):
    text = "Le café de la gare a fermé, a déclaré le maire à Orléans. " * 3
    csv_text = f'text,title,published\n"{BODY}",Prices,12 March 2023\n"{text}",Café,\n'
    documents, _ = ingest(corpus({"rows.csv": csv_text.encode("cp1252")}))
    assert len(documents) == 2
    assert documents.iloc[0]["published"] == date(2023, 3, 12)
    assert documents.iloc[1]["title"] == "Café" and "Orléans" in documents.iloc[1]["text"]
    assert documents.iloc[1]["language"] == "fr"


def test_undecodable_bytes_never_crash():
    noise = bytes(range(128, 256)) * 40
    try:
        decode(noise)
    except Rejected as err:
        assert "undecodable" in str(err) or "binary" in str(err)


def test_crlf_and_bom_give_the_same_article(corpus):
    unix = article(BODY)
    windows = ("\ufeff" + unix.replace("\n", "\r\n")).encode("utf-8")
    documents, _ = ingest(corpus({"a.txt": unix, "b.txt": windows}))
    assert documents.iloc[0]["text"] == documents.iloc[1]["text"]
