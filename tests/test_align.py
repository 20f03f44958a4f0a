"""Alignment: the same quotation across articles, and which articles depend on which."""

from __future__ import annotations

from datetime import date

import pandas as pd

from quotetrail.align import align
from quotetrail.align.clusters import relation, word_diff
from quotetrail.align.shingles import candidate_pairs, shingles, words
from quotetrail.schemas import validate

QUOTE = "We will not let families pay for the mistakes of the past, and we will act now."


def tables(items: list[tuple[str, str, date | None, list[str]]]):
    """documents and quotes from (doc_id, text, published, cited_sources); quotes are the
    spans set in curly marks."""
    docs, quotes = [], []
    for doc_id, text, published, cited in items:
        docs.append({"doc_id": doc_id, "text": text, "published": published,
                     "cited_sources": cited})
        pos, n = 0, 0
        while (start := text.find("“", pos)) >= 0:
            end = text.find("”", start)
            n += 1
            quotes.append({"quote_id": f"{doc_id}:q{n:03d}", "doc_id": doc_id, "kind": "direct",
                           "text": text[start + 1:end], "start": start + 1, "end": end})
            pos = end + 1
    return pd.DataFrame(docs), pd.DataFrame(quotes)


def test_relation_kinds():
    assert relation(QUOTE, QUOTE, 0.9, 0.95) == ("exact", 1.0)
    rel, sim = relation(QUOTE, QUOTE[:-1] + ",", 0.9, 0.95)
    assert rel == "near" and 0.9 < sim < 1
    assert relation(QUOTE, "We will not let families pay for the mistakes of the past",
                    0.9, 0.95)[0] == "truncated"
    assert relation(QUOTE, "Taxes will rise for everyone in the spring.", 0.9, 0.95)[0] \
        == "paraphrase"


def test_word_diff_shows_changes():
    assert word_diff("we act now.", "we act now,") == "-now. | +now,"
    assert word_diff("a b c", "a b c") == ""


def test_candidates_come_from_shared_shingles_only():
    items = [("a", shingles(words("the cat sat on the mat"), 3)),
             ("b", shingles(words("a cat sat on the mat today"), 3)),
             ("c", shingles(words("completely different words here"), 3))]
    assert candidate_pairs(items) == [("a", "b")]


def test_clusters_and_links():
    filler = " ".join(f"word{i}" for i in range(60))
    own = "The minister spoke at length about water prices in the northern regions today. "
    documents, quotes = tables([
        ("a", f"{own}She said: “{QUOTE}” {filler}", date(2024, 5, 1), ["Reuters"]),
        ("b", f"{own}She said: “{QUOTE[:-1]},” {filler}", date(2024, 5, 2), []),
        ("c", f"Officials briefed the press. “{QUOTE[:58]}” Other news.", date(2024, 5, 3),
         ["Reuters"]),
        ("d", "Nothing in common with the others, “Unrelated words entirely here.”", None, []),
    ])
    variants, links = align(documents, quotes)
    validate(variants, "quote_variants")
    validate(links, "doc_links")
    by_doc = variants.set_index("doc_id")
    assert by_doc.loc["a", "cluster_id"] == by_doc.loc["b", "cluster_id"] \
        == by_doc.loc["c", "cluster_id"] != by_doc.loc["d", "cluster_id"]
    assert bool(by_doc.loc["a", "is_origin"])  # earliest publication date
    assert by_doc.loc["b", "relation"] == "near"
    assert by_doc.loc["c", "relation"] == "truncated"
    rel = {(r.source_doc, r.derived_doc): r.relation for r in links.itertuples()}
    assert rel[("a", "b")] == "copy"
    assert rel[("a", "c")] == "same-source"
    assert rel[("b", "c")] == "independent"
    assert not any("d" in pair for pair in rel)


def test_empty_quotes_give_empty_tables():
    documents, quotes = tables([("a", "no quotes", None, [])])
    quotes = pd.DataFrame(columns=["quote_id", "doc_id", "kind", "text", "start", "end"])
    variants, links = align(documents, quotes)
    assert variants.empty and links.empty
