"""The content model (quotes/learned.py) and its trainer (quotes/train.py), on sentences
written here."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from quotetrail.quotes import extract_quotes, quotes_in
from quotetrail.quotes.learned import (
    MODEL_FILE,
    ContentModel,
    candidates,
    features,
    kept,
    layout,
    learned_reports,
    load_model,
    open_candidates,
)
from quotetrail.quotes.train import (
    Gold,
    examples,
    f1_at,
    fit,
    fold_models,
    read_attributions,
)
from quotetrail.text.marks import Spans

SOUGHT = "The mayor of Eastbrook sought a second term after the flood.\n"


def _find(doc, cue: str, relation: str):
    return next(c for c in candidates(doc) if c.cue.text == cue and c.relation == relation)


def test_a_cue_and_its_object_make_a_candidate_with_the_subject_as_source(nlp):
    doc = nlp(SOUGHT)
    c = _find(doc, "sought", "dobj")
    assert SOUGHT[c.start:c.end] == "a second term"
    assert c.subject.text == "mayor"


def test_a_preposition_object_and_an_infinitive_are_candidates(nlp):
    doc = nlp("Ms. Okafor referred to the audit. The council seemed to favour a new vote.\n")
    assert doc.text[slice(*_span(_find(doc, "referred", "prep:to")))] == "the audit"
    seemed = _find(doc, "seemed", "xcomp")
    assert doc.text[seemed.start:seemed.end] == "to favour a new vote"
    assert seemed.subject.text == "council"


def _span(c):
    return c.start, c.end


def test_features_name_the_word_its_class_and_the_structure(nlp):
    doc = nlp(SOUGHT)
    names = features(_find(doc, "sought", "dobj"), Spans(), layout(doc))
    assert {"lem=seek", "rel=dobj", "lemrel=seek|dobj", "first=a", "headline",
            "firstsent"} <= set(names)
    assert "cls=INTENT_VERBS" in names  # "seek" is a verb of intent in the lexicon
    assert "inquote" not in names


def test_the_model_keeps_the_best_complement_of_a_cue_above_its_threshold(nlp):
    doc = nlp(SOUGHT)
    model = ContentModel({"lemrel=seek|dobj": 6.0}, -3.0, 0.5)
    found = learned_reports(doc, Spans(), set(), [], model)
    assert [(doc.text[c.start:c.end], round(p, 3)) for c, p in found] == [
        ("a second term", round(1 / (1 + np.exp(-3.0)), 3))]
    strict = ContentModel({"lemrel=seek|dobj": 6.0}, -3.0, 0.99)
    assert learned_reports(doc, Spans(), set(), [], strict) == []


def test_a_report_inside_another_is_part_of_it_and_one_content_is_read_once():
    # "the union kept [pressing to delay the vote]": "pressing" lies in what was kept up
    assert kept({2: (0.6, {3, 4, 5, 6, 7}), 3: (0.9, {5, 6, 7})}) == [2]
    # two cues on the same words: the more probable one reads them
    assert kept({2: (0.4, {5, 6, 7}), 9: (0.7, {5, 6, 7, 8})}) == [9]
    assert kept({2: (0.5, {5, 6, 7}), 9: (0.5, {5, 6, 7})}) == [2]  # a tie: the first
    # reports apart are all kept
    assert kept({2: (0.4, {3, 4}), 9: (0.7, {10, 11})}) == [2, 9]


def test_the_model_reads_the_outer_of_two_nested_reports(nlp):
    doc = nlp("The union kept pressing to delay the vote.\n")
    model = ContentModel({"lem=keep": 3.0, "lem=press": 5.0}, -1.0, 0.5)
    found = [(c.cue.text, doc.text[c.start:c.end]) for c, _ in
             learned_reports(doc, Spans(), set(), [], model)]
    assert found == [("kept", "pressing to delay the vote")]


def test_what_the_rules_read_is_left_to_them(nlp):
    doc = nlp(SOUGHT)
    cue = next(t for t in doc if t.text == "sought")
    assert all(c.cue.i != cue.i for c in open_candidates(doc, {cue.idx}, []))
    start = SOUGHT.index("a second")
    taken = open_candidates(doc, set(), [(start, start + len("a second term"))])
    assert all(SOUGHT[c.start:c.end] != "a second term" for c in taken)


def test_a_candidate_with_no_subject_is_left_out(nlp):
    # "the plan to widen the road" names no one who plans: the model reads who said what
    doc = nlp("The plan to widen the road was shelved. The mayor sought a second term.")
    found = [(c.cue.text, c.subject.text) for c in open_candidates(doc, set(), [])]
    assert ("sought", "mayor") in found
    assert all(cue != "plan" for cue, _ in found)
    assert any(c.cue.text == "plan" for c in candidates(doc))  # a candidate, but not open


def test_the_shipped_model_loads_and_says_how_it_was_made():
    model = load_model()
    spec = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    assert 0 < model.threshold < 1 and len(model.weights) > 1000
    assert spec["how"]["data"].startswith("polnear-train")  # never the dev split
    assert str(model.threshold) in spec["how"]["reported_f1_by_threshold_out_of_fold"]


def test_a_missing_model_file_names_the_make_target(tmp_path):
    with pytest.raises(FileNotFoundError, match="make train"):
        load_model(tmp_path / "absent.json")


def test_the_shipped_model_reads_an_intent_no_rule_lists(nlp):
    text = "Councillor Jane Okafor is seeking a fresh inquiry into the harbour contract.\n"
    learned = quotes_in("d", text, nlp(text))
    alone = quotes_in("d", text, nlp(text), learned=False)
    assert not [r for r in alone if r["kind"] == "indirect"]
    rows = [r for r in learned if r["kind"] == "indirect"]
    assert [r["text"] for r in rows] == ["a fresh inquiry into the harbour contract"]
    assert rows[0]["speaker"].endswith("Jane Okafor") and rows[0]["cue"] == "seeking"
    assert 0 < rows[0]["confidence"] < 0.9  # the speaker's confidence times the model's


def test_learned_rows_keep_the_table_in_text_order_with_numbered_ids(nlp):
    text = ("Councillor Jane Okafor is seeking a fresh inquiry into the harbour contract. "
            "“We were misled,” she said.\n")
    docs = pd.DataFrame({"doc_id": ["d"], "text": [text]})
    quotes, _ = extract_quotes(docs, nlp)
    assert list(quotes["start"]) == sorted(quotes["start"])
    assert list(quotes["quote_id"]) == [f"d:q{n:03d}" for n in range(1, len(quotes) + 1)]
    assert "direct" in set(quotes["kind"])


ANN = """T1\tSource 0 9\tThe mayor
T2\tCue 10 16\tsought
T3\tContent 17 30\ta second term
T4\tAttribution 10 16\tsought
E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1
"""


def test_read_attributions_reads_a_brat_file(tmp_path):
    path = tmp_path / "a_1.ann"
    path.write_text(ANN, encoding="utf-8")
    text = "The mayor sought a second term.\n"
    (gold,) = read_attributions(path, text)
    assert gold.parts == ((17, 30),) and gold.source == ((0, 9),) and not gold.marked


def test_a_candidate_is_right_only_with_the_content_and_the_source(nlp):
    text = "The mayor sought a second term.\n"
    doc = nlp(text)
    right = Gold(((17, 30),), ((0, 9),), ((10, 16),), False)
    feats, labels, contents, rules, golds = examples("a", text, doc, [right])
    by_text = {text[c.start:c.end]: y for c, y in zip(
        open_candidates(doc, set(), []), labels, strict=False)}
    assert by_text.get("a second term") == 1 and sum(labels) == 1
    elsewhere = Gold(((17, 30),), ((25, 30),), ((10, 16),), False)  # another source
    assert sum(examples("a", text, doc, [elsewhere])[1]) == 0


def test_fit_learns_a_separable_rule_and_is_deterministic():
    feats = [["a", "x"]] * 20 + [["b", "x"]] * 20
    labels = [1] * 20 + [0] * 20
    weights, bias = fit(feats, labels, l2=0.1)
    model = ContentModel(weights, bias, 0.5)
    assert model.probability(["a", "x"]) > 0.9 > 0.1 > model.probability(["b", "x"])
    assert fit(feats, labels, l2=0.1) == (weights, bias)
    assert fit(feats, labels)[0]["a"] < weights["a"]  # the default penalty holds it back


def test_f1_and_folds_score_articles_the_model_was_not_fitted_on():
    article = ([["a"], ["b"]], [1, 0], [(0, {1, 2}), (5, {7, 8})], [], [{1, 2}])
    assert f1_at(0.5, [article], [np.array([0.9, 0.1])]) == 1.0
    assert f1_at(0.5, [article], [np.array([0.1, 0.9])]) == 0.0
    models = fold_models([article] * 10, k=5)
    assert len(models) == 10 and len({id(m) for m in models}) == 5
