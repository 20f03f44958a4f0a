"""Ingest: reading files, removing clutter, and what an article says about itself."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from conftest import article

from quotetrail.ingest import ingest
from quotetrail.ingest.clutter import classify
from quotetrail.ingest.metadata import cited_sources, language
from quotetrail.ingest.readers import Rejected, decode
from quotetrail.schemas import validate

BODY = (
    "The water minister, Jane Okafor, said on Monday that prices would be frozen for a year.\n\n"
    "“We will not let families pay for our mistakes,” Okafor told reporters in the capital.\n"
)


def test_decode_handles_bom_crlf_and_latin1():
    assert decode(b"\xef\xbb\xbfHello\r\nworld") == "Hello\nworld"
    latin = "Caf\u00e9 owners in M\u00fcnchen said the r\u00e9forme was late.".encode("latin-1")
    assert "Café" in decode(latin) and "München" in decode(latin)


@pytest.mark.parametrize(
    "data, reason",
    [(b"", "empty"), (b"   \n\t ", "whitespace only"), (b"\x00\x01\x02binary\x00", "binary"),
     (bytes(range(1, 32)) * 50, "binary")],
)
def test_decode_rejects_empty_and_binary(data, reason):
    with pytest.raises(Rejected, match=reason):
        decode(data)


def test_bad_files_are_rejected_and_the_rest_survive(corpus):
    folder = corpus({
        "good.txt": article(BODY),
        "empty.txt": "",
        "binary.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR",
        "huge.txt": "word " * 5000,
        "menu-only.txt": "twitter\nfacebook\nsearch\n" * 6,
        "notes.md": "ignored: not an article format",
    })
    documents, rejected = ingest(folder, max_bytes=20_000)
    assert documents["doc_id"].tolist() == ["good"]
    reasons = dict(zip(rejected["source_path"], rejected["reason"], strict=True))
    assert set(reasons) == {"empty.txt", "binary.txt", "huge.txt", "menu-only.txt"}
    assert "too large" in reasons["huge.txt"]
    assert reasons["menu-only.txt"].startswith(
        "no article body found after removing page clutter (18 words of 18 removed, 0 words")
    validate(documents, "documents")
    validate(rejected, "rejected")


def test_missing_corpus_folder_names_it(tmp_path):
    with pytest.raises(FileNotFoundError, match="nowhere"):
        ingest(tmp_path / "nowhere")


def test_clutter_lines_are_removed_with_reasons(corpus):
    page = (
        "facebook\ntwitter\nDaily Planet © 2023. All rights reserved.\nWORLD\n"
        "Minister Vows Action on Water Prices\n\n12 March 2023 09:15\n\n"
        + BODY
        + "Photo: A reservoir near the capital (credit: Staff photographer)\n"
        "Photo: A reservoir near the capital (credit: Staff photographer)\n"
        "Prices have risen by a third since the drought began, officials say.\n\n"
        "By Maria Lopez\n\nDaily Planet\nViews: 1,204\nShare this on social media!\n"
        "Ссылка скопирована\nWe use cookies to improve your experience. Accept\n"
    )
    documents, _ = ingest(corpus({"a.txt": page}))
    doc = documents.iloc[0]
    assert doc["title"] == "Minister Vows Action on Water Prices"
    assert doc["published"] == date(2023, 3, 12) and doc["published_how"] == "stated"
    assert doc["author"] == "Maria Lopez"
    assert doc["outlet"] == "Daily Planet"
    assert doc["text"].startswith("The water minister")
    assert doc["text"].endswith("officials say.")
    for junk in ("facebook", "©", "credit:", "Views", "cookies", "Ссылка", "Share this"):
        assert junk not in doc["text"]
    reasons = {r["reason"] for r in doc["removed"]}
    assert {"menu or social-media link", "copyright notice", "photo caption or credit",
            "counter", "consent notice", "interface text in another script",
            "headline", "dateline", "byline", "outlet signature"} <= reasons
    raw = page
    for r in doc["removed"]:  # every removed span points at its text in the raw file
        assert raw[r["start"]:r["end"]] == r["text"]


def test_a_social_media_follow_prompt_is_clutter_but_a_sentence_about_one_is_not(corpus):
    page = ("Ferry Returns to the Harbour\n\n" + BODY
            + "Commuters said they would follow the vote on Twitter and on the radio.\n\n"
            "Follow Maria Lopez on Twitter @marialopezDP.\n")
    doc = ingest(corpus({"a.txt": page}))[0].iloc[0]
    assert doc["text"].endswith("on the radio.")
    assert "social-media follow prompt" in {r["reason"] for r in doc["removed"]}


def test_copyright_year_is_not_a_publication_date(corpus):
    page = "Example News © 2025\n\nRiver Levels Fall Again\n\n" + BODY
    documents, _ = ingest(corpus({"a.txt": page}))
    assert pd.isna(documents.iloc[0]["published"])
    assert documents.iloc[0]["published_how"] == "unknown"


def test_section_headings_inside_the_body_are_kept(corpus):
    body = BODY + "\nWhat Comes Next\n\nThe freeze will be reviewed by parliament in the spring.\n"
    documents, _ = ingest(corpus({"a.txt": article(body)}))
    assert "What Comes Next" in documents.iloc[0]["text"]


def test_banner_above_headline_is_not_the_title():
    page = classify("My Cooking Blog\n\nMinister Vows Action on Water Prices\n\n" + BODY)
    assert [ln.text for ln in page.header] == ["My Cooking Blog",
                                               "Minister Vows Action on Water Prices"]


def test_cited_sources():
    text = ("According to the state news agency Xinhua, talks resumed. The minister told the "
            "Financial Times that he was hopeful. Reuters reported that markets rose. "
            "He spoke in an interview with Le Monde.")
    assert cited_sources(text) == ["Xinhua", "Financial Times", "Reuters", "Le Monde"]
    assert cited_sources("Daily Planet reports that it rained.", outlet="Daily Planet") == []


def test_language_flags_non_english():
    assert language("The minister said that the prices would be frozen for a year.") == "en"
    assert language("Le ministre a déclaré que les prix seraient gelés pour un an et que la "
                    "hausse est finie.") == "fr"
    assert language("Der Minister sagte, dass die Preise für ein Jahr eingefroren werden.") == "de"
    assert language("Министр заявил, что цены будут заморожены на год.") == "und"
    assert language("12 34 56") == "und"


def test_ingest_is_deterministic(corpus):
    folder = corpus({"a.txt": article(BODY), "b.txt": article(BODY, title="Another Headline Here")})
    first, _ = ingest(folder)
    second, _ = ingest(folder)
    pd.testing.assert_frame_equal(first, second)


def test_duplicate_stems_get_distinct_ids(corpus):
    folder = corpus({"x/a.txt": article(BODY), "y/a.txt": article(BODY)})
    documents, _ = ingest(folder)
    assert documents["doc_id"].is_unique and len(documents) == 2


def test_markup_in_text_files_does_not_break_ingest(corpus):
    hostile = ("<script>alert('x')</script>\n<div onload=evil()>\n" + article(BODY)
               + "<iframe src=//ads></iframe>\n")
    documents, rejected = ingest(corpus({"a.txt": hostile}))
    assert len(documents) == 1 and rejected.empty
    assert "Okafor" in documents.iloc[0]["text"]
