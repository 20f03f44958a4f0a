"""Alignment: one statement across its printings, and which articles depend on which.

Every sentence here is made up for the tests.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest

from quotetrail.align import align
from quotetrail.align.links import longest_in_order
from quotetrail.align.neighbours import embedding_neighbours, run_neighbours
from quotetrail.align.occasions import find_occasion
from quotetrail.align.relations import relation, word_diff
from quotetrail.align.shingles import candidate_pairs, shingles, words
from quotetrail.schemas import validate

REMARK = ("We will rebuild every bridge that the flood destroyed before winter comes, "
          "and no family will be left without a road home.")
TRIMMED = "We will rebuild every bridge that the flood destroyed before winter comes"
PARAPHRASE = "The mayor promised to rebuild all the bridges destroyed by the flood before winter."


def tables(articles: list[dict]):
    """``documents`` and ``quotes`` from article specs: doc_id, text, published (or None),
    cited, outlet, and quotes as (kind, text, speaker, cue offset or None); each quote's
    offsets are where its text first stands in the article."""
    docs, quotes = [], []
    for a in articles:
        published = a.get("published")
        docs.append({"doc_id": a["doc_id"], "text": a["text"], "published": published,
                     "published_min": published, "published_max": published,
                     "outlet": a.get("outlet"), "cited_sources": a.get("cited", [])})
        for n, (kind, text, speaker, cue) in enumerate(a.get("quotes", [])):
            start = a["text"].index(text)
            quotes.append({"quote_id": f"{a['doc_id']}:q{n + 1:03d}", "doc_id": a["doc_id"],
                           "kind": kind, "text": text, "start": start,
                           "end": start + len(text), "speaker": speaker, "cue_start": cue})
    columns = ["quote_id", "doc_id", "kind", "text", "start", "end", "speaker", "cue_start"]
    return pd.DataFrame(docs), pd.DataFrame(quotes, columns=columns)


def by_quote(variants: pd.DataFrame) -> pd.DataFrame:
    return variants.set_index("quote_id")


def test_relation_kinds():
    assert relation(REMARK, REMARK)[:2] == ("exact", 1.0)
    rel, sim, _ = relation(REMARK, REMARK[:-1] + ",")
    assert rel == "near" and 0.9 < sim < 1
    assert relation(REMARK, TRIMMED)[0] == "truncated"
    spliced = "We will rebuild every bridge … no family will be left without a road home."
    assert relation(REMARK, spliced)[0] == "spliced"
    assert relation(REMARK, PARAPHRASE, 0.8)[:2] == ("paraphrase", 0.8)


@pytest.mark.parametrize("original, printed, change", [
    ("We will not trust the enemy when talks begin.",
     "We will not trust the Northland government when talks begin.", "referent"),
    ("We may return to the table next month.", "We will return to the table next month.",
     "strength"),
    ("The talks are useful for both sides.", "The talks are not useful for both sides.",
     "polarity"),
    ("We will sign the deal if they lift the sanctions first.", "We will sign the deal.",
     "condition dropped"),
])
def test_reframings_say_what_changed(original, printed, change):
    rel, _, changed = relation(original, printed)
    assert rel == "reframing" and changed.startswith(change)


def test_word_diff_shows_changes():
    assert word_diff("we act now.", "we act now,") == "-now. | +now,"
    assert word_diff("a b c", "a b c") == ""


def test_candidates_come_from_shared_shingles_only():
    items = [("a", shingles(words("the cat sat on the mat"), 3)),
             ("b", shingles(words("a cat sat on the mat today"), 3)),
             ("c", shingles(words("completely different words here"), 3))]
    assert candidate_pairs(items) == [("a", "b")]


def test_neighbours_are_few_and_stable():
    rng = np.random.default_rng(1)
    vectors = rng.normal(size=(300, 16)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    first, again = embedding_neighbours(vectors, k=5), embedding_neighbours(vectors, k=5)
    assert first == again and all(len(n) == 5 and i not in dict(n) for i, n in enumerate(first))
    exact = np.argsort(-(vectors @ vectors.T), axis=1)[:, 1]
    assert np.mean([first[i][0][0] == exact[i] for i in range(300)]) > 0.95
    stock = [["said", "the", "office", "today", str(i)] for i in range(100)]
    pair = [["kiln", "moss", "tern", "dune"], ["fjord", "kiln", "moss", "tern", "dune"]]
    near = run_neighbours(stock + pair)
    assert all(not n for n in near[:100])  # a run shared by 100 items is no evidence
    assert near[100] == {101}


def test_longest_in_order():
    matches = [(0, 0, 0.9), (1, 5, 0.9), (2, 1, 0.9), (3, 2, 0.9), (4, 3, 0.8)]
    assert [j for _, j, _ in longest_in_order(matches)] == [0, 1, 2, 3]
    assert longest_in_order([]) == []


@pytest.mark.parametrize("text, kind", [
    ("The mayor told the Harbour Gazette on Monday that the bridge would reopen.", "interview"),
    ("Speaking in a televised speech to students, the governor said taxes would fall.",
     "speech"),
    ("She said during a meeting with farmers that prices would rise.", "meeting"),
    ("The senator wrote on X that the vote was a disgrace.", "post"),
    ("The ministry said in a statement that it regretted the delay.", "statement"),
    ("The chief told reporters that no arrests had been made.", "press conference"),
    ("The mayor told City Hall reporters that the bridge would reopen.", "press conference"),
])
def test_occasions_are_read_from_the_attribution(text, kind):
    found = find_occasion(text, 0, len(text))
    assert found.kind == kind and text[found.start:found.end] == found.phrase
    assert find_occasion("The weather was mild, she said.", 0, 31) is None


def test_one_remark_printed_three_ways_is_one_statement():
    documents, quotes = tables([
        {"doc_id": "a", "published": date(2025, 3, 3), "outlet": "Valley Post",
         "text": f"Mayor Lena Ortiz spoke in a speech at the town hall. “{REMARK}” she said.",
         "quotes": [("direct", REMARK, "Lena Ortiz", None)]},
        {"doc_id": "b", "published": date(2025, 3, 4), "outlet": "River Times",
         "text": f"Ortiz said: “{TRIMMED}.” Crews were already at work.",
         "quotes": [("direct", TRIMMED, "Lena Ortiz", None)]},
        {"doc_id": "c", "published": date(2025, 3, 4), "outlet": "Hill News",
         "text": f"{PARAPHRASE} Residents cheered.",
         "quotes": [("indirect", PARAPHRASE, "Lena Ortiz", None)]},
    ])
    statements, variants, links, _ = align(documents, quotes)
    for table, name in ((statements, "statements"), (variants, "quote_variants"),
                        (links, "doc_links")):
        validate(table, name)
    assert variants["statement_id"].nunique() == 1
    v = by_quote(variants)
    assert v.loc["a:q001", "is_canonical"] and v.loc["a:q001", "relation"] == "exact"
    assert v.loc["b:q001", "relation"] == "truncated"
    assert v.loc["c:q001", "relation"] == "paraphrase"
    s = statements.iloc[0]
    assert s["speaker"] == "Lena Ortiz" and s["first_doc"] == "a" and s["n_docs"] == 3
    assert s["n_outlets"] == 3 and s["occasion"] == "speech"
    assert (s["n_exact"], s["n_truncated"], s["n_paraphrase"]) == (1, 1, 1)
    occasion_doc = documents.set_index("doc_id").loc[s["occasion_doc"], "text"]
    assert occasion_doc[s["occasion_start"]:s["occasion_end"]] == s["occasion_text"]


def remark_and_report() -> list[dict]:
    """Ortiz's remark quoted in one article, reported in other words in the next day's."""
    return [
        {"doc_id": "a", "published": date(2025, 3, 3), "text": f"Ortiz said: “{REMARK}”",
         "quotes": [("direct", REMARK, "Lena Ortiz", 6)]},
        {"doc_id": "b", "published": date(2025, 3, 4), "text": f"She added that {PARAPHRASE}",
         "quotes": [("indirect", PARAPHRASE, "Lena Ortiz", 4)]}]


def test_two_reports_in_one_article_join_by_their_words_only():
    text = f"Ortiz said: “{REMARK}” Later she added that {PARAPHRASE}"
    one_article = [{"doc_id": "a", "published": date(2025, 3, 3), "text": text,
                    "quotes": [("direct", REMARK, "Lena Ortiz", text.index("said")),
                               ("indirect", PARAPHRASE, "Lena Ortiz", text.index("added"))]}]
    v = by_quote(align(*tables(one_article))[1])
    assert v.loc["a:q002", "statement_id"] != v.loc["a:q001", "statement_id"]
    # the same two reports in two articles: the second restates the first's remark
    two_articles = remark_and_report()
    v = by_quote(align(*tables(two_articles))[1])
    assert v.loc["b:q001", "statement_id"] == v.loc["a:q001", "statement_id"]
    assert v.loc["b:q001", "relation"] == "paraphrase"
    # the second article also quotes the remark's first words under a cue of its own:
    # its report still restates the first article's remark, not its own quotation
    text = f"Ortiz said: “{TRIMMED}.” She added that {PARAPHRASE}"
    two_articles[1] = {"doc_id": "b", "published": date(2025, 3, 4), "text": text,
                       "quotes": [("direct", TRIMMED, "Lena Ortiz", text.index("said")),
                                  ("indirect", PARAPHRASE, "Lena Ortiz",
                                   text.index("added"))]}
    v = by_quote(align(*tables(two_articles))[1])
    assert v["statement_id"].nunique() == 1


def test_what_the_model_read_never_joins_another_article_by_its_words():
    articles = [{"doc_id": d, "published": date(2025, 3, n),
                 "text": f"Ortiz announced {PARAPHRASE}",
                 "quotes": [("indirect", PARAPHRASE, "Lena Ortiz", 6)]}
                for n, d in ((3, "a"), (4, "b"))]
    documents, quotes = tables(articles)
    v = by_quote(align(documents, quotes)[1])
    assert v.loc["a:q001", "statement_id"] == v.loc["b:q001", "statement_id"]  # the rules'
    quotes["reader"] = "model"
    v = by_quote(align(documents, quotes)[1])
    assert v.loc["a:q001", "statement_id"] != v.loc["b:q001", "statement_id"]


def printed_twice(speakers: tuple[str, str], days: tuple[date, date], lead: str = "said"):
    """The same remark in two articles, by the given speakers on the given days."""
    return align(*tables([
        {"doc_id": doc_id, "published": day, "text": f"{who.split()[-1]} {lead}: “{REMARK}”",
         "quotes": [("direct", REMARK, who, None)]}
        for doc_id, who, day in zip("ab", speakers, days, strict=True)]))


def test_a_long_run_of_the_same_words_is_one_remark_whoever_is_named():
    statements, variants, _, _ = printed_twice(("Lena Ortiz", "Tomas Brandt"),
                                            (date(2025, 3, 3), date(2025, 3, 4)))
    assert len(statements) == 1 and variants["statement_id"].nunique() == 1
    # the disagreement is a finding about the speaker, not a reason to split
    assert statements["speaker"].iloc[0] == "Lena Ortiz"
    assert statements["other_speakers"].iloc[0] == "Tomas Brandt"


def test_the_same_words_as_any_printing_join_not_only_the_canonical_form():
    """A third article copies the second's report word for word and names someone else:
    it prints the remark the report joined, though its words are far from the quotation."""
    copied = "Officials said the mayor promised to rebuild all the bridges destroyed by " \
             "the flood before winter."
    articles = remark_and_report() + [
        {"doc_id": "c", "published": date(2025, 3, 5), "text": f"Brandt noted that {copied}",
         "quotes": [("indirect", copied, "Tomas Brandt", 7)]}]
    v = by_quote(align(*tables(articles))[1])
    assert v.loc["b:q001", "statement_id"] == v.loc["a:q001", "statement_id"]
    assert v.loc["c:q001", "statement_id"] == v.loc["a:q001", "statement_id"]


def test_a_short_phrase_from_two_named_speakers_is_two_statements():
    phrase = "a disaster for the harbour"
    statements, _, _, _ = align(*tables([
        {"doc_id": d, "published": date(2025, 3, 3), "text": f"{who} called it “{phrase}”.",
         "quotes": [("partial", phrase, who, None)]}
        for d, who in (("a", "Lena Ortiz"), ("b", "Tomas Brandt"))]))
    assert len(statements) == 2


def test_speakers_one_person_when_one_name_ends_the_other():
    from quotetrail.align.statements import same_speaker

    assert same_speaker("Ortiz", "Mayor Lena Ortiz") == "same"
    assert same_speaker("Lena Ortiz", "Tomas Brandt") == "conflict"
    assert same_speaker("the report", "Lena Ortiz") == "unknown"  # a common noun names nobody


def test_same_words_years_apart_are_two_statements():
    statements, _, _, _ = printed_twice(("Lena Ortiz", "Lena Ortiz"),
                                     (date(2015, 6, 1), date(2025, 6, 2)), "said on Monday")
    assert len(statements) == 2
    assert statements["said_max"].tolist() == [date(2015, 6, 1), date(2025, 6, 2)]


def test_an_unattributed_printing_joins_with_lower_confidence():
    documents, quotes = tables([
        {"doc_id": "a", "published": date(2025, 3, 3), "text": f"Ortiz said: “{REMARK}”",
         "quotes": [("direct", REMARK, "Lena Ortiz", None)]},
        {"doc_id": "b", "published": date(2025, 3, 4), "text": f"A sign read: “{REMARK}”",
         "quotes": [("direct", REMARK, None, None)]},
    ])
    _, variants, _, _ = align(documents, quotes)
    v = by_quote(variants)
    assert v["statement_id"].nunique() == 1
    assert v.loc["b:q001", "membership"] < v.loc["a:q001", "membership"]


def test_fragments_join_through_their_cue_never_through_text():
    text_a = "Ortiz dismissed the report as “utter nonsense” on Friday."
    text_b = "Brandt, asked about the weather, said it was “utter nonsense” again."
    documents, quotes = tables([
        {"doc_id": "a", "published": date(2025, 3, 3), "text": text_a,
         "quotes": [("indirect", "the report as “utter nonsense”", "Lena Ortiz", 6),
                    ("partial", "utter nonsense", "Lena Ortiz", 6)]},
        {"doc_id": "b", "published": date(2025, 3, 3), "text": text_b,
         "quotes": [("partial", "utter nonsense", None, None)]},
    ])
    _, variants, _, _ = align(documents, quotes)
    v = by_quote(variants)
    assert v.loc["a:q001", "statement_id"] == v.loc["a:q002", "statement_id"]
    assert v.loc["b:q001", "statement_id"] != v.loc["a:q002", "statement_id"]
    assert v.loc["b:q001", "membership"] < 0.5  # a lone fragment: a statement of its own


OWN_A = [
    "The city council approved a new budget for public transport on Tuesday evening.",
    "The plan adds forty electric buses to the fleet by the end of next year.",
    "Fares for students and pensioners will be cut by a third from March.",
    "The opposition voted against the budget, calling it too expensive for the city.",
    "Construction of two new tram depots is expected to start in the autumn.",
]
OWN_B = [
    "On Tuesday evening, councillors in the city approved a fresh budget for public transport.",
    "Under the plan, forty electric buses will join the fleet before next year is out.",
    "From March, students and pensioners will pay a third less in fares.",
    "Opposition members rejected the budget, saying the city could not afford it.",
    "Builders should begin work on a pair of new tram depots in the autumn.",
]


def test_a_rewrite_that_rewords_every_sentence_is_a_rewrite():
    documents, quotes = tables([
        {"doc_id": "a", "published": date(2025, 2, 4), "text": " ".join(OWN_A)},
        {"doc_id": "b", "published": date(2025, 2, 5), "text": " ".join(OWN_B)},
    ])
    _, _, links, _ = align(documents, quotes)
    row = links.iloc[0]
    assert (row["source_doc"], row["derived_doc"], row["relation"]) == ("a", "b", "rewrite")
    assert row["reuse_score"] < 0.05 and row["align_score"] >= 0.8
    pair = row["aligned"][0]
    assert documents.loc[0, "text"][pair["source_start"]:pair["source_end"]].strip() == OWN_A[0]


def test_a_rewrite_matches_each_of_its_sentences_to_the_source_not_the_reverse():
    """The derived article's sentences are each matched to the source's, whichever
    article id sorts first: the best match is not symmetric. Here the later article "a"
    restates both of "b"'s sentences in order, while "b"'s second sentence is as close
    to "a"'s first as to its second."""
    import numpy as np

    from quotetrail.align.links import link_documents

    source = ["Harbour council members approved the Brandt plan for the Ortiz bridges.",
              "Engineers from Velmora inspected the Quill tunnels beside Sarnia yesterday."]
    derived = ["Velmora engineers and the harbour council backed Brandt proposals, said Ortiz.",
               "The Quill tunnels beside Sarnia got inspections; the engineers then reported."]
    x, y, z = np.eye(3, dtype=np.float32)
    by_word = {"approved": x, "inspected": y, "backed": (x + y) / np.sqrt(2),
               "inspections": (y + z) / np.sqrt(2)}

    def encode(texts):  # a stand-in sentence model with the cosines the case needs
        return np.stack([next(v for w, v in by_word.items() if w in t) for t in texts])

    documents, quotes = tables([
        {"doc_id": "b", "published": date(2025, 2, 4), "text": " ".join(source)},
        {"doc_id": "a", "published": date(2025, 2, 5), "text": " ".join(derived)},
    ])
    variants = pd.DataFrame(columns=["statement_id", "doc_id"])
    links = link_documents(documents, quotes, variants, encode=encode)
    assert links[["source_doc", "derived_doc", "relation"]].values.tolist() == [
        ["b", "a", "rewrite"]]
    text = dict(zip(documents["doc_id"], documents["text"], strict=True))
    assert [(text["b"][p["source_start"]:p["source_end"]].strip(),
             text["a"][p["derived_start"]:p["derived_end"]].strip())
            for p in links["aligned"].iloc[0]] == list(zip(source, derived, strict=True))


def test_two_reports_of_one_press_conference_are_independent():
    said = "The new tunnel will open to traffic in May, two months ahead of schedule."
    documents, quotes = tables([
        {"doc_id": "a", "published": date(2025, 4, 1), "outlet": "Valley Post",
         "text": "Engineers at the site were visibly relieved after months of delays. "
                 f"The transport minister told reporters: “{said}” Shops nearby hope for "
                 "more customers once the road is free.",
         "quotes": [("direct", said, "Ana Ruiz", None)]},
        {"doc_id": "b", "published": date(2025, 4, 1), "outlet": "Hill News",
         "text": "Commuters have waited almost a decade for the link across the bay. "
                 f"At a news conference, Ruiz said: “{said}” Critics still question the "
                 "final cost of the project.",
         "quotes": [("direct", said, "Ana Ruiz", None)]},
    ])
    statements, _, links, _ = align(documents, quotes)
    assert links["relation"].tolist() == ["independent"]
    shared = statements[statements["n_docs"] == 2].iloc[0]
    assert shared["n_independent"] == 2


def test_quotations_framed_alike_do_not_make_a_rewrite():
    """Two articles quoting one speaker on different matters, every quotation framed
    "“…,” Ana Ruiz said at the meeting.": the frame is no sentence of the reporter's own
    (its speaker and verb are cut with the quotation), so the articles are not a rewrite
    of each other."""
    own = {"a": ["Flooding closed three roads in the north of the county overnight.",
                 "Emergency crews pumped water from a dozen basements until dawn."],
           "b": ["The library on Elm Street reopens next week after a long renovation.",
                 "Its reading room now holds twice as many desks as before."]}
    said = {"a": ["The drains on the ring road are forty years old",
                  "We will ask the region to pay for new pumps",
                  "Nobody should drive through standing water"],
            "b": ["The new building is open to everyone in the town",
                  "Children will find a whole floor of their own",
                  "We kept the old oak shelves because readers love them"]}
    docs, rows = [], []
    for d in ("a", "b"):
        text = own[d][0] + " "
        for k, quote in enumerate(said[d]):
            start = len(text) + 1
            text += f"“{quote},” Ana Ruiz said at the meeting. "
            speaker = start + len(quote) + 3
            rows.append({"quote_id": f"{d}:q{k + 1:03d}", "doc_id": d, "kind": "direct",
                         "text": quote, "start": start, "end": start + len(quote),
                         "speaker": "Ana Ruiz", "speaker_start": speaker,
                         "speaker_end": speaker + 8, "cue_start": speaker + 9,
                         "cue_end": speaker + 13})
        text += own[d][1]
        docs.append({"doc_id": d, "text": text, "published": date(2025, 5, 2 + len(docs)),
                     "published_min": None, "published_max": None, "outlet": None,
                     "cited_sources": []})
    documents, quotes = pd.DataFrame(docs), pd.DataFrame(rows)
    for col in ("published_min", "published_max"):
        documents[col] = documents["published"]
    assert all(t[q["speaker_start"]:q["cue_end"]] == "Ana Ruiz said" for t, q in
               ((documents.set_index("doc_id").loc[q["doc_id"], "text"], q)
                for q in rows))
    _, _, links, _ = align(documents, quotes)
    assert not links["relation"].isin(["copy", "rewrite"]).any()


def test_a_copy_is_not_independent_confirmation():
    said = "The new tunnel will open to traffic in May, two months ahead of schedule."
    body = ("Engineers at the site were visibly relieved after months of delays and cost "
            f"overruns. The transport minister said: “{said}” Shops nearby hope for more "
            "customers once the road is free.")
    documents, quotes = tables([
        {"doc_id": "a", "published": date(2025, 4, 1), "text": body,
         "quotes": [("direct", said, "Ana Ruiz", None)]},
        {"doc_id": "b", "published": date(2025, 4, 2), "text": body,
         "quotes": [("direct", said, "Ana Ruiz", None)]},
    ])
    statements, _, links, _ = align(documents, quotes)
    assert links["relation"].tolist() == ["copy"]
    assert statements.iloc[0]["n_independent"] == 1


@pytest.mark.parametrize("quote_text", ["", "Yes", "It", "word " * 5000])
def test_odd_quotations_give_sensible_statements(quote_text):
    text = f"Someone said “{quote_text}” here."
    documents, quotes = tables([
        {"doc_id": "a", "published": None, "text": text,
         "quotes": [("direct", quote_text, None, None)]},
        {"doc_id": "b", "published": None, "text": text,
         "quotes": [("direct", quote_text, None, None)]},
    ])
    statements, variants, links, _ = align(documents, quotes)
    validate(statements, "statements")
    validate(variants, "quote_variants")
    assert len(variants) == 2 and variants["quote_id"].is_unique
    assert statements["first_confidence"].max() <= 0.5  # nothing is dated


def test_no_article_and_one_article():
    documents, quotes = tables([])
    documents = pd.DataFrame(columns=["doc_id", "text", "published", "published_min",
                                      "published_max", "outlet", "cited_sources"])
    statements, variants, links, _ = align(documents, quotes)
    assert statements.empty and variants.empty and links.empty
    documents, quotes = tables([{"doc_id": "a", "text": f"Ortiz said: “{REMARK}”",
                                 "quotes": [("direct", REMARK, "Lena Ortiz", None)]}])
    statements, variants, links, _ = align(documents, quotes)
    assert len(statements) == 1 and links.empty
    assert statements.iloc[0]["said_min"] is None  # an undated article: no window


def test_a_date_in_one_attribution_bounds_the_other_printings():
    documents, quotes = tables([
        {"doc_id": "a", "published": date(2025, 3, 13),
         "text": f"Ortiz said on Tuesday: “{REMARK}”",
         "quotes": [("direct", REMARK, "Lena Ortiz", None)]},
        {"doc_id": "b", "published": None, "text": f"Ortiz said: “{REMARK}”",
         "quotes": [("direct", REMARK, "Lena Ortiz", None)]},
    ])
    statements, variants, _, windows = align(documents, quotes)
    s = statements.iloc[0]
    assert s["said_min"] == s["said_max"] == date(2025, 3, 11)
    text = documents.set_index("doc_id").loc[s["said_doc"], "text"]
    assert text[s["said_start"]:s["said_end"]] == "on Tuesday"
    w = windows.set_index("doc_id")
    assert w.loc["b", "published_min"] == date(2025, 3, 11) and w.loc["b", "narrowed"]
    assert "prints" in w.loc["b", "how"] and not w.loc["a", "narrowed"]
    lags = variants.set_index("doc_id")
    assert (lags.loc["a", "lag_min_days"], lags.loc["a", "lag_max_days"]) == (2, 2)
    assert lags.loc["b", "lag_min_days"] == 0 and pd.isna(lags.loc["b", "lag_max_days"])


def test_a_date_inside_the_quotation_is_not_when_it_was_said():
    said = "We will open the bridge on Monday, March 3, whatever the weather."
    documents, quotes = tables([
        {"doc_id": "a", "published": date(2025, 2, 28),
         "text": f"Ortiz said on Friday: “{said}”", "quotes": [("direct", said, "Lena Ortiz",
                                                              None)]}])
    statements, _, _, _ = align(documents, quotes)
    s = statements.iloc[0]
    assert s["said_min"] == date(2025, 2, 28) and s["said_start"] < len("Ortiz said on Friday")


def test_a_rewrite_of_a_dated_article_gets_a_lower_bound():
    documents, quotes = tables([
        {"doc_id": "a", "published": date(2025, 2, 4), "text": " ".join(OWN_A)},
        {"doc_id": "b", "published": None, "text": " ".join(OWN_B)},
    ])
    _, _, links, windows = align(documents, quotes)
    assert links.iloc[0]["relation"] == "rewrite"
    w = windows.set_index("doc_id")
    assert w.loc["b", "published_min"] == date(2025, 2, 4)
    assert "derived from a" in w.loc["b", "how"]


def test_a_rule_that_would_empty_a_window_is_a_conflict_not_applied():
    from quotetrail.align.windows import Window

    w = Window(date(2025, 1, 1), date(2025, 1, 31), "stated", "stated")
    assert not w.raise_lo(date(2025, 2, 10), "a source printed later")
    assert w.lo == date(2025, 1, 1) and "a source printed later" in w.conflicts[0]
    assert w.lower_hi(date(2025, 1, 20), "printed by x") and w.hi == date(2025, 1, 20)


@pytest.mark.parametrize("attribution, dated", [
    ("Since the March election, Ortiz said, the town has changed.", False),
    ("At a Friday briefing, Ortiz said the town has changed.", True),
])
def test_a_date_that_names_another_event_is_not_the_saying(attribution, dated):
    from quotetrail.align.statements import stated_date

    found = stated_date(attribution, (0, len(attribution)), (0, 0), date(2025, 5, 20),
                        date(2025, 5, 20))
    assert (found is not None) == dated


def test_the_saying_is_dated_by_the_date_nearest_its_cue_outside_quoted_words():
    from quotetrail.align.statements import stated_date
    from quotetrail.text.marks import Spans

    text = "Lena Ortiz, mayor from 2001 to 2009, said on Tuesday that taxes would fall."
    found = stated_date(text, (0, len(text)), (text.index("that"), len(text)),
                        date(2025, 5, 20), date(2025, 5, 20), cue=text.index("said"))
    assert found.expression.endswith("Tuesday")
    quoted = "“We won in 1998,” Ortiz said. “We will win again.”"
    second = quoted.index("We will")
    marked = Spans([(1, quoted.index("”")), (second, len(quoted) - 1)])
    assert stated_date(quoted, (0, len(quoted)), (second, len(quoted) - 1), date(2025, 5, 20),
                       date(2025, 5, 20), cue=quoted.index("said"), marked=marked) is None


def test_the_two_halves_of_a_split_quotation_are_one_statement_in_parts():
    first, second = "We will rebuild the bridge first", "and the school will follow next spring"
    text = f"“{first},” said Ortiz, “{second}.”"
    documents, quotes = tables([
        {"doc_id": "a", "published": date(2025, 3, 3), "text": text,
         "quotes": [("direct", first, "Lena Ortiz", text.index("said")),
                    ("direct", second, "Lena Ortiz", text.index("said"))]}])
    statements, variants, _, _ = align(documents, quotes)
    assert len(statements) == 1
    assert sorted(variants["relation"]) == ["exact", "part"]
    assert statements.iloc[0]["n_part"] == 1


def test_a_printing_in_a_rewrite_of_another_printing_article_is_not_independent():
    from quotetrail.align.independence import independent_docs, with_independence

    variants = pd.DataFrame({
        "statement_id": ["s1", "s1", "s1", "s2"],
        "quote_id": ["a:q1", "b:q1", "c:q1", "b:q2"],
        "doc_id": ["a", "b", "c", "b"],
    })
    links = pd.DataFrame({
        "source_doc": ["a", "a", "a"], "derived_doc": ["b", "c", "d"],
        "relation": ["rewrite", "independent", "copy"],
    })
    out = with_independence(variants, links)
    assert out["independent"].tolist() == [True, False, True, True]  # s2 is b's own
    assert [s if isinstance(s, str) else None for s in out["source_doc"]] == \
        [None, "a", None, None]
    assert independent_docs(out).to_dict() == {"s1": 2, "s2": 1}


def test_a_one_word_reply_printed_twice_is_one_statement_of_its_speaker():
    def article(doc_id: str, speaker: str, day: int) -> dict:
        text = f"Asked whether the bridge would reopen, {speaker} replied: “Nope.”"
        return {"doc_id": doc_id, "published": date(2025, 3, day), "text": text,
                "quotes": [("direct", "Nope.", speaker, text.index("replied"))]}

    documents, quotes = tables([article("a", "Lena Ortiz", 3), article("b", "Ortiz", 4),
                                article("c", "Tom Ruiz", 4)])
    v = by_quote(align(documents, quotes)[1])
    assert v.loc["a:q001", "statement_id"] == v.loc["b:q001", "statement_id"]
    assert v.loc["c:q001", "statement_id"] != v.loc["a:q001", "statement_id"]


def test_a_restatement_in_other_words_is_not_charged_with_what_it_reworded():
    from quotetrail.align.relations import restatement_changes

    remark = ("Nothing stops us from talking to the council when it is useful. "
              "However, we will not depend on its promises.")
    # the condition and the caveat come back in other words: nothing dropped
    reworded = ("while wary of the council's promises, the group sees room for talks "
                "whenever they help")
    assert restatement_changes(remark, remark.split(". ")[0], reworded) == ""
    # the condition and the caveat are gone: both named
    bare = "the group says there are no obstacles to talks with the council"
    changed = restatement_changes(remark, remark.split(". ")[0], bare)
    assert "condition dropped: when" not in changed  # "when it is useful" is no listed phrase
    assert "caveat not carried: However, we will not depend" in changed
    necessary = "We will meet them when necessary. However, we will not rely on them."
    changed = restatement_changes(necessary, necessary.split(". ")[0],
                                  "the group is open to meeting them")
    assert changed.startswith("condition dropped: when necessary")


def test_a_negation_is_compared_only_where_a_restatement_keeps_the_words():
    from quotetrail.align.relations import restatement_changes

    piece = "We will not sign the fishing deal this year."
    assert "polarity: negation dropped" in restatement_changes(
        piece, piece, "they will sign the fishing deal this year")
    assert "polarity" not in restatement_changes(
        piece, piece, "an agreement on boats is off the table until next spring")
