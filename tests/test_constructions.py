"""Each named construction of reported speech reads its own made-up example, and is the
one that reads it: the list in ``verbs.CONSTRUCTIONS`` and ``reported.CUE_KINDS`` is the
rulebook, in the order it is applied."""

import pytest

from quotetrail.quotes import speech_marks
from quotetrail.quotes.reported import AGENTLESS, BETWEEN_COMMAS, CUE_KINDS, reported_speech
from quotetrail.quotes.verbs import CONSTRUCTIONS

RULEBOOK = [BETWEEN_COMMAS, AGENTLESS, *CONSTRUCTIONS, *CUE_KINDS[1:]]


def _read(nlp, text):
    doc = nlp(text)
    quoted = [(s.start, s.end) for s in speech_marks(text)]
    return [(r.how, text[r.start:r.end]) for r in reported_speech(doc, quoted)]


def test_every_construction_has_a_name_of_its_own_and_an_example():
    names = [c.name for c in RULEBOOK]
    assert len(names) == len(set(names))
    assert all(c.example and c.reports in c.example for c in RULEBOOK)
    assert CUE_KINDS[0].name == "verb"  # a verb is read by CONSTRUCTIONS


@pytest.mark.parametrize("construction", RULEBOOK, ids=lambda c: c.name)
def test_a_construction_reads_its_example(nlp, construction):
    assert (construction.name, construction.reports) in _read(nlp, construction.example)


def test_the_first_construction_that_applies_reads_the_verb(nlp):
    # "described the plan as …" has an object ("object said" applies to "describe") and
    # a predicate: the predicate comes first, so what was said is both
    found = _read(nlp, "The union described the offer as an insult.")
    assert found == [("object and predicate", "the offer as an insult")]
    assert [c.name for c in CONSTRUCTIONS].index("object and predicate") < \
        [c.name for c in CONSTRUCTIONS].index("object said")


def test_a_verb_no_construction_reads_reports_nothing(nlp):
    assert _read(nlp, "The committee said nothing.") == []
    assert _read(nlp, "The ferry left at noon.") == []


def test_the_quotes_table_names_the_construction_of_each_report(nlp):
    import pandas as pd

    from quotetrail.quotes import extract_quotes

    text = ("The council rejected the new parking rules. “We will appeal,” said Tom Ruiz, "
            "who owns a garage.")
    quotes, _ = extract_quotes(pd.DataFrame({"doc_id": ["d"], "text": [text]}), nlp,
                               learned=False)
    read = {r.text: (r.kind, None if pd.isna(r.construction) else r.construction)
            for r in quotes.itertuples()}
    assert read["the new parking rules"] == ("indirect", "object said")
    assert read["We will appeal,"] == ("direct", None)  # a quotation: no construction


@pytest.mark.parametrize("text, holder", [
    ("The nurses raised the concern that the ward is understaffed.", "nurses"),
    # "cling" is lemmatised "cle" by the small model: the word as written counts
    ("The tenants cling to the hope that the landlord will relent.", "tenants"),
    ("The drivers marched in the hope that the fares would fall.", "drivers"),
    # a claim its subject weighs or rejects is not theirs: no one is named
    ("The mayor laughed at the suggestion that the bridge is unsafe.", None),
])
def test_a_claim_no_one_owns_is_held_by_whoever_voices_or_holds_it(nlp, text, holder):
    doc = nlp(text)
    found = [r for r in reported_speech(doc, []) if r.how == "noun of saying"]
    assert len(found) == 1
    assert (found[0].subject.text if found[0].subject is not None else None) == holder
