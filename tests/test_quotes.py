"""Quotations: marks, kinds, speakers through names, pronouns, titles and aliases."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quotetrail.quotes import extract_quotes, quote_kind
from quotetrail.quotes.attribution import lemma_in
from quotetrail.quotes.speakers import assign_speakers, bare_name, canonical_names, speaker_kind
from quotetrail.quotes.works import names_a_work
from quotetrail.schemas import validate
from quotetrail.text.marks import Spans, marked_spans


def run(nlp, *texts: str, learned: bool = False) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The rules' reading of ``texts`` (these tests are the rules'; the content model,
    which only adds rows, has its own in test_learned.py)."""
    docs = pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(texts))], "text": list(texts)})
    return extract_quotes(docs, nlp, learned=learned)


def test_marked_spans_curly_straight_and_guillemets():
    text = 'He said “one two,” then "three four" and «cinq six».'
    assert [s.text for s in marked_spans(text)] == ["one two,", "three four", "cinq six"]
    for s in marked_spans(text):
        assert text[s.start:s.end] == s.text


def test_unbalanced_mark_does_not_swallow_the_article():
    text = "He said “this never closes.\n\nNext paragraph with “a real quote” here."
    assert [s.text for s in marked_spans(text)] == ["a real quote"]


def test_mixed_curly_and_straight_marks():
    text = '“We will win,” she said. “This is our year." Then "a straight quote” ended.'
    assert [s.text for s in marked_spans(text)] == ["We will win,", "This is our year.",
                                                    "a straight quote"]
    # a straight mark left open is not closed by the end of a curly pair inside
    assert [s.text for s in marked_spans('"HOST: He called it “Shark Tank.” Fine.')] == [
        "Shark Tank."]


def test_a_closing_mark_typed_for_an_opening_one_at_a_line_start():
    text = "”Fear. That is what I feel.” ― Ann Lee\nHe called it “fine” and ”good”."
    assert [s.text for s in marked_spans(text)] == ["Fear. That is what I feel.", "fine"]


def test_an_opening_mark_typed_for_the_closing_one_after_the_last_stop():
    text = "He wrote: “Rates rose. They will fall.“\n“Yes,“ she said.\nA “mid “word"
    assert [s.text for s in marked_spans(text)] == ["Rates rose. They will fall.", "Yes,"]


@pytest.mark.parametrize("text, expected", [
    ("She spoke on “Face the Nation,” and left.", True),
    ("It was Ruiz’s “Rise of the Ferry,” a memoir.", True),
    ("He read “The Art of the Deal” twice.", True),
    ("“Vote Them Out,” she said.", False),  # a slogan someone says, not a name
    ("“We will win,” she said.", False),
])
def test_names_of_works_in_marks(text, expected):
    span = marked_spans(text)[0]
    assert names_a_work(text, span.start, span.end) is expected


def test_a_quotation_inside_one_in_the_same_curly_marks():
    text = ("“I’d sooner sail to what they name “the edge” than stay.” ― Ann Lee\n"
            "“We said “no” and left,” she said. “Then “yes.” Fine.")
    assert [s.text for s in marked_spans(text)] == [
        "I’d sooner sail to what they name “the edge” than stay.", "We said “no” and left,",
        "Then “yes."]  # an inner one that never closes: the first closing mark ends it


def test_text_before_a_quotation_passes_over_marks_and_spaces():
    from quotetrail.text.marks import text_before

    assert text_before("“Yes,” she said", 1, "“ ") == ""  # nothing before the text's start
    assert text_before("He said: “no”", 10, "“ ", width=1) == ":"
    assert text_before("on “Face the Nation,”", 4, "“ ") == "on"


def test_apostrophes_and_inch_marks_are_not_quotes():
    assert marked_spans("It’s the 12\" pipe and the workers’ union.") == []


@pytest.mark.parametrize("text, kind", [
    ("She said, “We will win this election.”", "direct"),
    ("“We will win,” she said.", "direct"),
    ("He called the plan “a betrayal of voters” in a speech.", "partial"),
    ("Critics spoke of “murmurs” in the party.", "partial"),
    ("It failed.\u00a0“We lost the vote to the union” and the ferry.", "direct"),
    # a double hyphen is a dash in plain-text exports
    ("He took it as praise -- ''That proves I am right'' -- and moved on.", "direct"),
    ("It was an anti-“Washington Insider Politics” speech.", "partial"),
])
def test_quote_kind(text, kind):
    span = marked_spans(text)[0]
    assert quote_kind(text, span.start, span.end) == kind


def test_speaker_before_and_after_the_quote(nlp):
    quotes, speakers = run(
        nlp,
        "Prime Minister Anna Berg said, “We will cut taxes next year.”\n\n"
        "“The budget is balanced,” said Finance Minister Tom Ruiz.",
    )
    assert quotes["speaker"].tolist() == ["Anna Berg", "Tom Ruiz"]
    assert quotes["cue"].tolist() == ["said", "said"]
    assert set(quotes["attribution"]) == {"explicit"}
    validate(quotes, "quotes")
    validate(speakers, "speakers")


def test_pronoun_resolves_to_the_last_speaker(nlp):
    quotes, _ = run(
        nlp,
        "Mayor Lena Ortiz spoke to residents on Friday. She met Governor Paul Kim later.\n\n"
        "Ortiz said, “The bridge will reopen in May.”\n\n"
        "“We have no other choice,” she added.",
    )
    assert quotes["speaker"].tolist() == ["Lena Ortiz", "Lena Ortiz"]
    assert quotes["attribution"].tolist() == ["explicit", "pronoun"]
    assert quotes["confidence"].iloc[0] > quotes["confidence"].iloc[1]


def test_a_pronoun_never_stands_for_someone_named_inside_the_quotation(nlp):
    quotes, _ = run(nlp, "Mayor Lena Ortiz met the council on Friday.\n\n"
                         "“Governor Paul Kim has let this city down,” she said.")
    assert quotes["speaker"].tolist() == ["Lena Ortiz"]


def test_a_pronoun_prefers_the_subject_named_earlier_in_its_sentence(nlp):
    quotes, _ = run(nlp, "Mayor Lena Ortiz is close to replacing police chief Tom Ruiz, "
                         "she told reporters on Friday.")
    assert quotes["speaker"].tolist() == ["Lena Ortiz"]


def test_a_pronoun_prefers_a_person_named_in_full_over_a_lone_word(nlp):
    # "Gab" is tagged a person; Ortiz is the surname of someone the article names in full
    quotes, _ = run(nlp, "Mayor Lena Ortiz met the council on Friday.\n\nThe vote drew a "
                         "sharp reply from Ortiz, also on Gab, as she called on the council "
                         "to resign.")
    assert quotes["speaker"].tolist() == ["Lena Ortiz"]


@pytest.mark.parametrize("text, cue", [
    ("Sen. Anna Berg (R-Utah) showed “real warmth” toward the former mayor, Sen. Tom Ruiz "
     "(R-Iowa) speculated that the mayor could win every vote.", "speculated"),
    ("Rep. Anna Berg (R-Utah) voiced “deep respect” for the retired judge, Rep. Tom Ruiz "
     "(R-Iowa) guessed that Kim might win every vote.", "guessed"),
])
def test_a_name_right_before_a_verb_without_a_subject_is_its_speaker(nlp, text, cue):
    quotes, _ = run(nlp, text)
    assert quotes.loc[quotes["cue"] == cue, "speaker"].tolist() == ["Tom Ruiz"]


def test_title_resolves_to_the_person_introduced_with_it(nlp):
    quotes, _ = run(
        nlp,
        "Chief Justice Maria Santos opened the session on Monday.\n\n"
        "The chief justice said, “No one is above the law.”",
    )
    assert quotes.iloc[0]["speaker"] == "Maria Santos"
    assert quotes.iloc[0]["attribution"] == "role"
    assert quotes.iloc[0]["speaker_mention"].lower() == "the chief justice"


def test_aliases_merge_across_articles(nlp):
    quotes, speakers = run(
        nlp,
        "Senator Amelia Hart said, “The bill is dead.”",
        "Hart said, “We will try again in the autumn.”",
    )
    assert quotes["speaker"].tolist() == ["Amelia Hart", "Amelia Hart"]
    row = speakers.set_index("speaker").loc["Amelia Hart"]
    assert row["n_quotes"] == 2 and "Hart" in row["aliases"] and row["kind"] == "person"


def test_offsets_point_at_the_quotation(nlp):
    text = "“First,” said Ana Diaz. Later she said: “Second part here.”"
    quotes, _ = run(nlp, text)
    for q in quotes.itertuples():
        assert text[q.start:q.end] == q.text
        if pd.notna(q.speaker_start):
            assert text[int(q.speaker_start):int(q.speaker_end)] == q.speaker_mention


def test_no_quotes_gives_empty_valid_tables(nlp):
    quotes, speakers = run(nlp, "Nothing quoted here at all, just reporting.")
    assert quotes.empty and speakers.empty
    validate(quotes, "quotes")


def test_canonical_names():
    names = ["John Roe", "Mary Roe", "Roe", "President Jane Doe", "Doe"]
    canon = canonical_names(names)
    assert canon["Doe"] == "Jane Doe" == canon["President Jane Doe"]
    assert canon["Roe"] == "Roe"  # two people could be meant
    assert bare_name("Dr. Jane Doe’s") == "Jane Doe"


def test_canonical_names_take_the_longest_name_through_a_chain():
    names = ["Lee", "Anna Lee", "Mary Anna Lee", "ANNA LEE", "Kim", "Bo Kim", "Al Bo Kim",
             "Cy Bo Kim"]
    canon = canonical_names(names)
    # one longest name ends "Lee" and "Anna Lee" (whatever the case): it is theirs
    assert canon["Lee"] == canon["Anna Lee"] == canon["ANNA LEE"] == "Mary Anna Lee"
    # two longest names end "Kim" and "Bo Kim": neither is chosen
    assert canon["Kim"] == "Kim" and canon["Bo Kim"] == "Bo Kim"
    assert canon["Al Bo Kim"] == "Al Bo Kim"


@pytest.mark.parametrize("text, content, speaker", [
    ("The mayor, Lena Ortiz, said that the bridge would reopen in May after repairs.",
     "that the bridge would reopen in May after repairs", "Lena Ortiz"),
    ("The bridge will stay closed until the spring, Governor Paul Kim said on Friday.",
     "The bridge will stay closed until the spring", "Paul Kim"),
    ("According to the ministry, the new rules will take effect next year.",
     "the new rules will take effect next year", "ministry"),
    ("Senator Amelia Hart warned that the bill would raise costs for families.",
     "that the bill would raise costs for families", "Amelia Hart"),
    ("Senator Amelia Hart called for an independent inquiry into the contracts.",
     "an independent inquiry into the contracts", "Amelia Hart"),
    ("Senator Amelia Hart described the contracts as a waste of public money.",
     "the contracts as a waste of public money", "Amelia Hart"),
    ("Mayor Lena Ortiz asked the council to delay the vote until June.",
     "the council to delay the vote until June", "Lena Ortiz"),
    ("Senator Amelia Hart regrets that the vote was delayed until June.",
     "that the vote was delayed until June", "Amelia Hart"),
    ("The Riverside Gazette endorsed Lena Ortiz on Sunday.", "Lena Ortiz", "Riverside Gazette"),
    ("Senator Amelia Hart is confident that the bill will pass in June.",
     "that the bill will pass in June", "Amelia Hart"),
    ("Speaking to diplomats as well as officials form the ministry, Mayor Lena Ortiz said "
     "that talks could cause harm.", "that talks could cause harm", "Lena Ortiz"),
])
def test_reported_speech(nlp, text, content, speaker):
    quotes, _ = run(nlp, text)
    indirect = quotes[quotes["kind"] == "indirect"]
    assert indirect["text"].tolist() == [content]
    row = indirect.iloc[0]
    assert speaker in row["speaker"]
    assert text[row["start"]:row["end"]] == content
    assert text[int(row["cue_start"]):int(row["cue_end"])] == row["cue"]


def test_mixed_quotation_keeps_both_parts_under_one_cue(nlp):
    text = "Ortiz said ticket touting is “a huge, huge headache at every final.”"
    quotes, _ = run(nlp, text)
    assert set(quotes["kind"]) == {"indirect", "partial"}
    assert quotes["cue_start"].nunique() == 1  # one attribution, scored as one


def test_reported_speech_around_a_parenthetical_cue_comes_in_two_parts(nlp):
    text = "The new bridge, Mayor Lena Ortiz said, would open to traffic in May."
    quotes, _ = run(nlp, text)
    assert quotes["text"].tolist() == ["The new bridge", "would open to traffic in May"]
    assert quotes["cue_start"].nunique() == 1
    assert set(quotes["speaker"]) == {"Lena Ortiz"}


def test_according_to_at_the_end_of_a_paragraph(nlp):
    text = ("Turnout rose to 71 percent in the last election, according to the electoral "
            "commission.\n\nVoting closes at eight.")
    quotes, _ = run(nlp, text)
    assert quotes["text"].tolist() == ["Turnout rose to 71 percent in the last election"]


def test_according_to_a_source_the_parser_reads_as_a_verb(nlp):
    # "according to show insiders": "show" parsed as a verb with "insiders" its object
    text = ("As a reality TV host on “The Harbour Hour,” Tom Ruiz repeatedly mocked the "
            "council with crude jokes, according to show insiders.")
    quotes, _ = run(nlp, text)
    sourced = quotes[quotes["attribution"] == "according-to"]
    assert sourced["text"].tolist() == ["As a reality TV host on “The Harbour Hour,” Tom Ruiz "
                                        "repeatedly mocked the council with crude jokes"]
    assert sourced["speaker"].tolist() == ["insiders"]


def _hand_parsed(words, spaces, heads, deps, pos, lemmas, tags=None):
    """A ``Doc`` with a parse given by hand: a layout the small model produces only for
    some wordings, tested without hanging on the model's mood."""
    import spacy
    from spacy.tokens import Doc

    return Doc(spacy.blank("en").vocab, words=words, spaces=spaces, heads=heads, deps=deps,
               pos=pos, lemmas=lemmas, tags=tags)


def test_an_inverted_cue_before_a_colon_names_the_speaker_after_it():
    # "Said Marsh: “…”", the cue parsed as a compound of the name, the sentence's root
    from quotetrail.quotes.attribution import subject_of

    doc = _hand_parsed(
        words=["Said", "Marsh", ":", "“", "I", "doubt", "it", ".", "”"],
        spaces=[True, False, True, False, True, True, False, False, False],
        heads=[1, 1, 1, 1, 5, 1, 5, 1, 1],
        deps=["compound", "ROOT", "punct", "punct", "nsubj", "acl", "dobj", "punct", "punct"],
        pos=["VERB", "PROPN", "PUNCT", "PUNCT", "PRON", "VERB", "PRON", "PUNCT", "PUNCT"],
        lemmas=["say", "Marsh", ":", "“", "I", "doubt", "it", ".", "”"])
    quoted = Spans((s.start, s.end) for s in marked_spans(doc.text))
    assert subject_of(doc[0], quoted).text == "Marsh"


def test_words_after_an_aside_that_closes_a_quotation_are_not_reported():
    # the small model sometimes parses "“…,” they said, under Article 21 …" with the
    # aside's cue inside the quotation's clause and the rest hung on the quoted verb
    from quotetrail.quotes.reported import reported_speech

    words = ['"', "The", "plan", "will", "work", ",", '"', "they", "said", ",", "under",
             "Article", "21", "of", "the", "charter", "."]
    spaces = [False, True, True, True, False, False, True, True, False, True, True, True,
              True, True, True, False, False]
    heads = [4, 2, 4, 4, 4, 4, 4, 8, 4, 8, 4, 10, 11, 11, 15, 13, 4]
    deps = ["punct", "det", "nsubj", "aux", "ROOT", "punct", "punct", "nsubj", "parataxis",
            "punct", "prep", "pobj", "nummod", "prep", "det", "pobj", "punct"]
    pos = ["PUNCT", "DET", "NOUN", "AUX", "VERB", "PUNCT", "PUNCT", "PRON", "VERB", "PUNCT",
           "ADP", "PROPN", "NUM", "ADP", "DET", "NOUN", "PUNCT"]
    lemmas = [w.lower() for w in words]
    lemmas[8] = "say"
    doc = _hand_parsed(words, spaces, heads, deps, pos, lemmas)
    quoted = [(s.start, s.end) for s in marked_spans(doc.text)]
    assert quoted == [(1, 20)]
    assert reported_speech(doc, quoted) == []


def test_a_quotation_after_the_cue_and_a_participle_is_not_the_cues_content():
    # "“…,” Doe said, suggesting two questions, including, “Do you agree?”", which the
    # small model sometimes parses with the second quotation as the clause of "said"
    from quotetrail.quotes.reported import reported_speech

    words = ['"', "We", "will", "win", ",", '"', "Doe", "said", ",", "suggesting", "two",
             "questions", ",", "including", ",", '"', "Do", "you", "agree", "?", '"']
    spaces = [False, True, True, False, False, True, True, False, True, True, True, False,
              True, False, True, False, True, True, False, False, False]
    heads = [3, 3, 3, 7, 7, 7, 7, 7, 7, 18, 11, 9, 11, 11, 18, 18, 18, 18, 7, 18, 18]
    deps = ["punct", "nsubj", "aux", "ccomp", "punct", "punct", "nsubj", "ROOT", "punct",
            "advcl", "nummod", "dobj", "punct", "prep", "punct", "punct", "aux", "nsubj",
            "ccomp", "punct", "punct"]
    pos = ["PUNCT", "PRON", "AUX", "VERB", "PUNCT", "PUNCT", "PROPN", "VERB", "PUNCT", "VERB",
           "NUM", "NOUN", "PUNCT", "VERB", "PUNCT", "PUNCT", "AUX", "PRON", "VERB", "PUNCT",
           "PUNCT"]
    lemmas = [w.lower() for w in words]
    lemmas[7], lemmas[9] = "say", "suggest"
    doc = _hand_parsed(words, spaces, heads, deps, pos, lemmas)
    quoted = [(s.start, s.end) for s in marked_spans(doc.text)]
    assert len(quoted) == 2
    found = reported_speech(doc, quoted)
    assert "said" not in [r.cue.text for r in found]
    # and the participle's speaker is Doe, not the "you" inside the quotation
    assert [(r.cue.text, r.subject.text) for r in found] == [("suggesting", "Doe")]


@pytest.mark.parametrize("text, title", [
    ("his show, “Politicking.” Critics", True),
    ("her book, “Build the Bridge First,” argues", True),
    ("as the Ledger put it in an essay, “the insider.”", False),  # lower case, ends it
    ("in his book, “I was born in a small town by the river and never left it,” he "
     "wrote", False),  # a passage from the book
    ("the mayor, “Build the Bridge First,” said", False),  # a person, not a work
    ("the old marching anthem ''Over the Long Hills,'' she", True),
    ("the anthem “we shall not be moved,” she", False),
])
def test_a_title_set_off_after_a_work(text, title):
    from quotetrail.quotes.works import titled_work

    span = marked_spans(text)[0]
    assert titled_work(text, span.start, span.end) is title


def test_a_sentence_ends_at_a_stop_or_a_line_break_only(nlp):
    # the small model sometimes starts a sentence mid-phrase ("the 13th | Amendment",
    # "remarks | Ruiz had made"), which cuts a report in two
    for text in ("Ortiz said she thought the 4th Schedule was worth reading because “most "
                 "people skip it,” she said.",
                 "At the debate, Ortiz cited disparaging remarks Ruiz had made about the union "
                 "as examples of his contempt for workers."):
        assert len(list(nlp(text).sents)) == 1
    cited = nlp("At the debate, Ortiz cited disparaging remarks Ruiz had made about the union "
                "as examples of his contempt for workers. The union left in Eau Claire, Wis. "
                "And it did not come back.")
    assert len(list(cited.sents)) == 3


def test_a_cue_with_a_quoted_object_reports_the_object_not_the_sentence_before_it():
    # "… the anthem, she added the words, ''Vote Ortiz.''", which the small model may
    # parse with the sentence before the cue as its clause, as in "“…,” she added"
    from quotetrail.quotes.reported import reported_speech

    words = ["The", "crowd", "roared", ",", "she", "added", "the", "words", ",", "''", "Vote",
             "Ortiz", ".", "''"]
    spaces = [True, True, False, True, True, True, True, False, True, False, True, False,
              False, False]
    heads = [1, 2, 5, 5, 5, 5, 7, 5, 7, 7, 11, 7, 5, 5]
    deps = ["det", "nsubj", "ccomp", "punct", "nsubj", "ROOT", "det", "dobj", "punct",
            "punct", "compound", "appos", "punct", "punct"]
    pos = ["DET", "NOUN", "VERB", "PUNCT", "PRON", "VERB", "DET", "NOUN", "PUNCT", "PUNCT",
           "PROPN", "PROPN", "PUNCT", "PUNCT"]
    lemmas = [w.lower() for w in words]
    lemmas[2], lemmas[5] = "roar", "add"
    doc = _hand_parsed(words, spaces, heads, deps, pos, lemmas)
    quoted = [(s.start, s.end) for s in marked_spans(doc.text)]
    found = [(doc.text[r.start:r.end], r.cue.text) for r in reported_speech(doc, quoted)]
    assert found == [("the words, ''Vote Ortiz.''", "added")]


def test_an_article_the_rules_fail_on_is_skipped_with_a_warning(nlp, monkeypatch):
    import quotetrail.quotes as quotes_module

    real = quotes_module.quotes_in

    def failing(doc_id, text, parsed, *args):
        if doc_id == "b":
            raise RecursionError("maximum recursion depth exceeded")
        return real(doc_id, text, parsed, *args)

    monkeypatch.setattr(quotes_module, "quotes_in", failing)
    docs = pd.DataFrame({"doc_id": ["a", "b", "c"], "text": [
        "“The bridge is safe,” Mayor Lena Ortiz said.", "“Odd,” Tom Ruiz said.",
        "“The ferry is late,” Tom Ruiz said."]})
    failures = []
    with pytest.warns(UserWarning, match=r"quotations: b .*skipped.*RecursionError"):
        quotes, _ = extract_quotes(docs, nlp, failures=failures)
    assert quotes["doc_id"].tolist() == ["a", "c"]
    assert quotes["speaker"].tolist() == ["Lena Ortiz", "Tom Ruiz"]
    assert [(f["doc_id"], f["stage"]) for f in failures] == [("b", "quotes")]
    assert "RecursionError" in failures[0]["reason"]


def test_a_text_the_parser_refuses_costs_only_itself(nlp):
    docs = pd.DataFrame({"doc_id": ["a", "long", "c"], "source_path": ["a.txt", "l.txt", "c.txt"],
                         "text": ["“The bridge is safe,” Mayor Lena Ortiz said.",
                                  "Too long. " * (nlp.max_length // 10 + 1),
                                  "“The ferry is late,” Tom Ruiz said."]})
    failures = []
    with pytest.warns(UserWarning, match="long"):
        quotes, _ = extract_quotes(docs, nlp, batch_size=8, failures=failures)
    assert quotes["doc_id"].tolist() == ["a", "c"]
    assert [(f["source_path"], f["stage"]) for f in failures] == [("l.txt", "quotes")]


def test_words_someone_put_it_in_are_only_the_quoted_ones():
    # "as Ruiz put it in a profile, “the fixer.”": "it" stands for what was put, and the
    # profile is where; the small model hangs both on "put" beside the quoted phrase
    from quotetrail.quotes.verbs import _quoting_complement

    words = ["as", "Ruiz", "put", "it", "in", "a", "profile", ",", "“", "the", "fixer", ".",
             "”"]
    spaces = [True, True, True, True, True, True, False, True, False, True, False, False,
              False]
    heads = [2, 2, 2, 2, 2, 6, 4, 2, 2, 10, 2, 2, 2]
    deps = ["mark", "nsubj", "ROOT", "dobj", "prep", "det", "pobj", "punct", "punct", "det",
            "dobj", "punct", "punct"]
    pos = ["SCONJ", "PROPN", "VERB", "PRON", "ADP", "DET", "NOUN", "PUNCT", "PUNCT", "DET",
           "NOUN", "PUNCT", "PUNCT"]
    doc = _hand_parsed(words, spaces, heads, deps, pos, [w.lower() for w in words])
    quoted = [(s.start, s.end) for s in marked_spans(doc.text)]
    assert [t.text for t in _quoting_complement(doc[2], quoted)] == ["the", "fixer"]


def test_a_report_opening_with_a_quotation_ends_where_its_comma_closes_it(nlp):
    # "Ruiz saying, “That makes me smart,” when Ortiz blasted him": the parser may hang the
    # when-clause on the quoted verb; the report is then the quotation alone
    from quotetrail.quotes.contents import Reported, closing

    text = "Ruiz said, “That makes me smart,” when Ortiz blasted him."
    doc = nlp(text)
    (s, e), = [(m.start, m.end) for m in marked_spans(text)]
    r = Reported(s, text.index("."), doc[1], doc[0])
    assert closing(r, [(s, e)], text).end == e


def test_a_cue_in_a_clause_after_the_quotation_saying_when_is_not_its_cue(nlp):
    text = ("The ad ends with video of Ruiz saying during the forum last month, “That keeps "
            "me busy,” when Ortiz criticized him for not filing the forms.")
    quotes, _ = run(nlp, text)
    direct = quotes[quotes["kind"] == "direct"].iloc[0]
    assert (direct["speaker"], direct["cue"]) == ("Ruiz", "saying")


def test_infinitives_the_parser_coordinates_with_the_cue_are_what_is_wanted():
    # "Ortiz wants to double the fleet, grow the harbor": the small model sometimes hangs
    # the second infinitive on "wants"; a bare infinitive is not a second act of hers
    from quotetrail.quotes.reported import reported_speech

    words = ["Ortiz", "wants", "to", "double", "the", "fleet", ",", "grow", "the", "harbor",
             "."]
    spaces = [True, True, True, True, True, False, True, True, True, False, False]
    heads = [1, 1, 3, 1, 5, 3, 1, 1, 9, 7, 1]
    deps = ["nsubj", "ROOT", "aux", "xcomp", "det", "dobj", "punct", "conj", "det", "dobj",
            "punct"]
    pos = ["PROPN", "VERB", "PART", "VERB", "DET", "NOUN", "PUNCT", "VERB", "DET", "NOUN",
           "PUNCT"]
    tags = ["NNP", "VBZ", "TO", "VB", "DT", "NN", ",", "VB", "DT", "NN", "."]
    lemmas = [w.lower() for w in words]
    lemmas[1] = "want"
    doc = _hand_parsed(words, spaces, heads, deps, pos, lemmas, tags)
    found = reported_speech(doc, [])
    assert [doc.text[r.start:r.end] for r in found] == ["to double the fleet, grow the harbor"]


def test_a_modal_verb_the_parser_coordinates_with_the_cue_is_what_was_said():
    # "Doe says it would cut costs, but would add fees": "add" hung on "says" is not
    # Doe adding something, whatever its lemma
    from quotetrail.quotes.reported import reported_speech

    words = ["Doe", "says", "it", "would", "cut", "costs", ",", "but", "would", "add", "fees",
             "."]
    spaces = [True, True, True, True, True, False, True, True, True, True, False, False]
    heads = [1, 1, 4, 4, 1, 4, 1, 1, 9, 1, 9, 1]
    deps = ["nsubj", "ROOT", "nsubj", "aux", "ccomp", "dobj", "punct", "cc", "aux", "conj",
            "dobj", "punct"]
    pos = ["PROPN", "VERB", "PRON", "AUX", "VERB", "NOUN", "PUNCT", "CCONJ", "AUX", "VERB",
           "NOUN", "PUNCT"]
    tags = ["NNP", "VBZ", "PRP", "MD", "VB", "NNS", ",", "CC", "MD", "VB", "NNS", "."]
    lemmas = [w.lower() for w in words]
    lemmas[1] = "say"
    doc = _hand_parsed(words, spaces, heads, deps, pos, lemmas, tags)
    found = reported_speech(doc, [])
    assert [doc.text[r.start:r.end] for r in found] == ["it would cut costs, but would add fees"]


def test_a_quotation_closed_by_a_full_stop_is_not_the_next_sentences_cue(nlp):
    text = ('When my uncle asked about the comet, I smiled. He got so cross that I had '
            'to take it back: "Sure, I think the comet is real. I was only teasing." To '
            'which he said, "Good, at least you still think the comet is real."')
    quotes, _ = run(nlp, text)
    direct = quotes[quotes["kind"] == "direct"]
    said = text.index("said")
    assert direct["cue_start"].tolist()[1] == said  # "To which she said, “…”"
    assert direct["cue_start"].tolist()[0] != said  # not the next sentence's cue


def test_what_someone_wants_to_do_is_reported(nlp):
    quotes, _ = run(nlp, "Senator Amelia Hart wants to double the size of the rail network.")
    assert quotes["text"].tolist() == ["to double the size of the rail network"]


def test_labelled_turns_in_headlines_and_transcripts(nlp):
    text = ("Ortiz: Bridge Will Reopen Before the Summer\n\n"
            "Mayor Lena Ortiz spoke to the host Tom Ruiz on Sunday.\n\n"
            "RUIZ: When will the bridge reopen to traffic?\n\n"
            "ORTIZ: We expect it to reopen in May, before the summer.\n\n"
            "UPDATE: This story was corrected on Monday.")
    quotes, _ = run(nlp, text)
    turns = quotes[quotes["kind"].isin(["block", "indirect"]) & (quotes["cue"] == ":")]
    assert turns["text"].tolist() == ["Bridge Will Reopen Before the Summer",
                                      "When will the bridge reopen to traffic?",
                                      "We expect it to reopen in May, before the summer"]
    assert turns["kind"].tolist() == ["indirect", "block", "block"]
    assert turns["speaker_mention"].tolist() == ["Ortiz", "RUIZ", "ORTIZ"]
    assert "This story was corrected" not in " ".join(quotes["text"])
    quotes, _ = run(nlp, "Senator Amelia Hart Grills Bank Chief: ‘You Should Resign Today.’\n\n"
                         "The hearing lasted four hours.")
    assert quotes["speaker"].tolist() == ["Amelia Hart", "Amelia Hart"]  # turn, quote


def test_quoted_words_inside_what_a_verb_reports(nlp):
    text = "Mayor Lena Ortiz recalled the “long and bitter winter of the strike” with a smile."
    quotes, _ = run(nlp, text)
    assert quotes["cue"].tolist() == ["recalled", "recalled"]  # one attribution, two rows
    reported = quotes[quotes["kind"] == "indirect"].iloc[0]
    assert reported["text"] == "the “long and bitter winter of the strike”"


def test_casting_someone_as_quoted_words_is_a_report(nlp):
    text = "At the rally, Senator Amelia Hart likened the contractors to a “pack of wolves.”"
    quotes, _ = run(nlp, text)
    assert quotes["cue"].tolist() == ["likened", "likened"]
    assert quotes[quotes["kind"] == "indirect"]["text"].tolist() == [
        "the contractors to a “pack of wolves.”"]
    # likened to a quotation and nothing else: the quotation is what was said, and hers
    text = "At the rally, Senator Amelia Hart likened the contract to “robbing the town” - a jab."
    quotes, _ = run(nlp, text)
    assert quotes[["kind", "text", "cue", "speaker"]].values.tolist() == [
        ["partial", "robbing the town", "likened", "Amelia Hart"]]


def test_a_noun_of_saying_reports_its_that_clause(nlp):
    text = "Senator Amelia Hart stood by her claim that the contract was never tendered."
    quotes, _ = run(nlp, text)
    row = quotes[quotes["cue"] == "claim"].iloc[0]
    assert row["text"] == "that the contract was never tendered"
    assert row["speaker"] == "Amelia Hart"  # "her": the person named before


# One sentence or three, and what the extractor must read in them: each row names the
# layout it covers; the columns not given are not checked. ``None`` is no speaker.
LAYOUTS = [
    ("noun of perceiving, its that-clause",
     "The crisis forced a recognition that the borders were being defended by the weakest "
     "states.",
     {"text": ["that the borders were being defended by the weakest states"],
      "speaker": [None]}),  # not "the weakest states", the passive's agent
    ("claim presented as evident, no speaker",
     "It is clear that the council wanted to hide the audit. The sky was clear.",
     {"text": ["that the council wanted to hide the audit"], "attribution": ["none"]}),
    ("wanting inside what was said is not a report of its own",
     "Mayor Lena Ortiz said that she wanted to rebuild the old bridge.",
     {"cue": ["said"]}),
    ("a report inside what was said is not counted twice",
     "The mayor said that she believes the old bridge must be rebuilt before winter.",
     {"cue": ["said"], "text": ["that she believes the old bridge must be rebuilt before winter"]}),
    ("words before a quotation are not what its aside reports",
     "Senator Amelia Hart scolded him: “The audit office is almost unanimous against you on "
     "every count,” she said.",
     {"kind": ["direct"], "speaker": ["Amelia Hart"]}),
    ("signalling or hinting reports the message",
     "At the summit, Mayor Lena Ortiz signalled a potential shift in transport policy. Her "
     "deputy hinted toward a softer stance on parking fees.",
     {"text": ["a potential shift in transport policy", "a softer stance on parking fees"],
      "cue": ["signalled", "hinted"]}),
    ("verbs of the manner of speaking are cues",
     "Protesters marching through the streets chanted “No more cuts!” until midnight. A woman "
     "at the back shouted that the council had lied.",
     {"cue": ["chanted", "shouted"], "speaker": ["Protesters", "woman"]}),
    ("a position taken on something",
     "The minister downplayed the risks of the new dam. Her rival championed a ban on "
     "dredging. The council accepted the auditor's findings.",
     {"text": ["the risks of the new dam", "a ban on dredging", "the auditor's findings"],
      "cue": ["downplayed", "championed", "accepted"]}),
    ("what someone speaks or thinks about",
     "Two senators railed against the banks. Voters wondered about his health.",
     {"text": ["the banks", "his health"], "speaker": ["Two senators", "Voters"]}),
    ("what someone mentions, even a name",
     "In her speech the mayor mentioned Tom Ruiz twice.",
     {"text": ["Tom Ruiz"], "speaker": ["mayor"]}),
    ("as someone pointed out, the clause is theirs; not 'as predicted'",
     "As one of the mayor’s advisers pointed out, the island rarely gets two hurricanes in a "
     "row. The old bridge failed as predicted.",
     {"text": ["the island rarely gets two hurricanes in a row"],
      "speaker": ["one of the mayor’s advisers"]}),
    ("what an owned noun of intent means to do",
     "Parents protested against the council's decision to close the library.",
     {"text": ["to close the library"], "speaker": ["council"]}),
    ("what someone feels about",
     "Senators were not too concerned about the shift. The mayor is proud of the new bridge.",
     {"text": ["the shift", "the new bridge"], "speaker": ["Senators", "mayor"]}),
    ("what someone is implored to do; letting says nothing",
     "The mayor implored the council to keep the library open. Congress let the law expire.",
     {"text": ["the council to keep the library open"], "speaker": ["mayor"]}),
    ("what someone outlines or urges",
     "The governor outlined her plan for the port. The envoy urged restraint on both sides.",
     {"text": ["her plan for the port", "restraint on both sides"],
      "cue": ["outlined", "urged"]}),
    ("according to X, a sentence with quoted words in it is X's",
     "According to the harbour authority, the ferry crossed the bay in “record” time.",
     {"kind": ["indirect", "partial"], "attribution": ["according-to", "according-to"],
      "text": ["the ferry crossed the bay in “record” time", "record"]}),
    ("a quotation after a sentence that introduces it is its subject's",
     "Mayor Lena Ortiz spoke at noon. \"The bridge will open in May,\" she said.\n\n"
     "Senator Amelia Hart gave three reasons for the delay. \"The steel is late. The money "
     "is gone. The river is rising.\"",
     {"kind": ["direct", "direct"], "speaker": ["Lena Ortiz", "Amelia Hart"]}),
    ("a reported clause the parser ends inside a quotation runs to its closing mark",
     "The council said the audit “has offended taxpayers, the auditors and the press with "
     "its delays, and it has neither the staff nor the money to finish.”",
     {"kind": ["indirect", "partial"],
      "text": ["the audit “has offended taxpayers, the auditors and the press with its "
               "delays, and it has neither the staff nor the money to finish.”",
               "has offended taxpayers, the auditors and the press with its delays, and it "
               "has neither the staff nor the money to finish."]}),
    ("a clause coordinated with the cue and quoting the speaker is more of what was said",
     "At a press conference, the mayor said that it was too soon to say whether the blaze "
     "was deliberate, and there was “no sign” so far that it was arson.",
     {"kind": ["indirect", "partial"],
      "text": ["that it was too soon to say whether the blaze was deliberate, and there was "
               "“no sign” so far that it was arson", "no sign"]}),
    ("a name in marks is a title, also beside a cue; not when someone is cast as it",
     "Mayor Lena Ortiz praised the rescue crews during a “Town Hall Forum” hosted by the "
     "Courier. The Courier hailed Ortiz as “The Comeback Mayor” after the vote.",
     {"kind": ["indirect", "title", "indirect", "partial"],
      "speaker": ["Lena Ortiz", None, "Courier", "Courier"]}),
    ("exhorting someone to do something reports it",
     "Senator Amelia Hart exhorted voters to “reject the toll” in the spring.",
     {"cue": ["exhorted", "exhorted"], "speaker": ["Amelia Hart", "Amelia Hart"]}),
    ("a run of speech shares its cue past a report set in the cue's sentence, not past "
     "a later report",
     "“The bridge is safe,” Mayor Lena Ortiz said, stressing that the inspectors had signed "
     "off. “We will open it in May.”\n\n“The ferry is safe,” Tom Ruiz said. The repairs were "
     "“too slow,” he added later. “We lost a year.”",
     {"cue": ["said", "stressing", "said", "said", "added", "added", "added"],
      "attribution": ["explicit", "explicit", "inherited", "explicit", "pronoun", "pronoun",
                      "inherited"]}),
    ("a report set in the sentence of a quotation's cue does not take over the run",
     "“The ferry is late again,” said Tom Ruiz, a lawyer for the riders' union, which has "
     "criticized the transit agency for months. “Nobody tells us anything.”",
     {"speaker": ["Tom Ruiz", "riders' union", "Tom Ruiz"],
      "cue": ["said", "criticized", "said"],
      "attribution": ["explicit", "explicit", "inherited"]}),
    ("after a cue that closes a quotation, a clause set off by a comma is the reporter's",
     "“You should step down and you should pay back the money,” Ortiz told Ruiz, after he "
     "admitted under questioning he had not read the audit.",
     {"text": ["You should step down and you should pay back the money,"], "cue": ["told"]}),
    ("a sentence before a colon and the quotation a cue closes is not what the cue says",
     "The council also cited the cost of the bridge: “This toll will outlive all of us and "
     "our children,” the council wrote.",
     {"text": ["the cost of the bridge", "This toll will outlive all of us and our children,"],
      "cue": ["cited", "wrote"]}),
    ("a reply by saying something is what was said, not whom it answered",
     "Ortiz responded to the union on Tuesday by saying the new toll was a “necessary” step.",
     {"text": ["the new toll was a “necessary” step", "necessary"],
      "cue": ["saying", "saying"], "speaker": ["Ortiz", "Ortiz"]}),
    ("a bare infinitive coordinated with the cue goes with the clause's infinitive, and a "
     "show's name in marks is a title, its comma and all",
     "On Tuesday’s episode of “Face the Nation,” the former mayor of the city and current "
     "candidate for governor said he wanted to talk “directly to commuters” and let them know "
     "that “the ferry is coming back.”",
     {"kind": ["title", "indirect", "partial", "partial"],
      "text": ["Face the Nation,", "he wanted to talk “directly to commuters” and let them "
               "know that “the ferry is coming back.”", "directly to commuters",
               "the ferry is coming back."],
      "cue": [None, "said", "said", "said"]}),
    ("a few words in marks set off after a book or a show are its title, not speech, and "
     "not what the next cue reports",
     "In her 2019 book, ''Build the Bridge First,'' Mayor Lena Ortiz suggested looking at the "
     "cost of the ferry before the vote. Tom Ruiz's column, \"Commuters, stop paying for the "
     "mayor's ferry,\" drew letters. The documentary, “Rivers,” opens Friday.",
     {"kind": ["title", "title", "title"],
      "text": ["Build the Bridge First,", "Commuters, stop paying for the mayor's ferry,",
               "Rivers,"]}),
    ("a cue in a phrase saying when ('before asking') is not the cue of the quotation "
     "before it, only of the one after",
     "“Keep your lights on for me,” Ortiz sings to the crowd before asking them, “Who will "
     "pay for the ferry now?”",
     {"cue": [None, "asking"], "speaker": [None, "Ortiz"]}),
    ("a cue coordinated after the clause that holds a quotation is the speaker's next act, "
     "not its cue",
     "Ortiz has used the phrase “toll robbery” often in her campaign, and criticized Ruiz for "
     "not stopping it.",
     {"kind": ["scare", "indirect"], "cue": [None, "criticized"]}),
    ("a bare verb coordinated with a participle after a preposition is the speaker's next "
     "act, with the speaker of the verb the participle hangs on",
     "Ruiz took to the radio overnight to accuse the mayor’s office of being “duped” by “a "
     "con man” and encourage drivers to avoid what he called the “toll trap.”",
     {"text": ["of being “duped” by “a con man”", "duped", "a con man",
               "drivers to avoid what he called the “toll trap.”", "toll trap."],
      "cue": ["accuse", "accuse", "accuse", "encourage", "encourage"],
      "speaker": ["Ruiz"] * 5}),
    ("a source named after a semicolon sources the whole sentence, and a speech or a "
     "statement speaks for whoever made it",
     "The toll is not about revenue; it is meant to curb traffic and fund the ferry, according "
     "to a speech Mayor Lena Ortiz delivered on Monday. The bridge will reopen in May, "
     "according to a statement from the transit union.",
     {"text": ["The toll is not about revenue; it is meant to curb traffic and fund the ferry",
               "The bridge will reopen in May"],
      "speaker": ["Lena Ortiz", "transit union"]}),
    ("a phrase fronted before an aside says when, in the reporter's words; a condition is "
     "part of what was said",
     "During her six years in office, Mayor Lena Ortiz said, the ferry lost half of its "
     "riders. Even if the toll is dropped, Ortiz said, the bridge will be rebuilt.",
     {"text": ["the ferry lost half of its riders", "Even if the toll is dropped",
               "the bridge will be rebuilt"], "cue": ["said", "said", "said"]}),
    ("words quoted in a report go with it, not with a cue before it that the parse reaches",
     "Mayor Lena Ortiz is once again questioning the safety of the old bridge, encouraging "
     "commuters to visit the site on Sunday to check that all of it is “above board.”",
     {"kind": ["indirect", "indirect", "partial"],
      "cue": ["questioning", "encouraging", "encouraging"]}),
    ("a medium that speaks through a relative clause is the speaker itself, not its "
     "relative word (which would name the medium again, without end)",
     "The new bulletin will work closely with the Radio 4 breakfast show, which suggests the "
     "ferry timetable may move to Sundays.",
     {"text": ["the ferry timetable may move to Sundays"],
      "speaker": ["Radio 4 breakfast show"]}),
    ("a coordinated cue whose subject is the pronoun the clause opened with goes on with it",
     "Ortiz says she hopes to be reelected in the fall, but she knows that “the ferry will "
     "always come first.”",
     {"text": ["she hopes to be reelected in the fall, but she knows that “the ferry will "
               "always come first.”", "the ferry will always come first."],
      "cue": ["says", "says"]}),
    ("a clause the parser splits in two, the second where the first ends, is one",
     "But Ruiz said Ortiz has “enormous respect” for the ferry crews and his toll remark was "
     "really a sign of impatience with the budget.",
     {"text": ["Ortiz has “enormous respect” for the ferry crews and his toll remark was "
               "really a sign of impatience with the budget", "enormous respect"]}),
    ("a modal verb coordinated with the cue goes on with what was said",
     "Ruiz said the ferry was ready to sail in May, but would not carry cars until June.",
     {"text": ["the ferry was ready to sail in May, but would not carry cars until June"]}),
    ("a cue coordinated inside what was said is the speaker's next act, not more content",
     "The ministry said it was “firmly against” the toll and warned the council to "
     "drop it before the vote.",
     {"text": ["it was “firmly against” the toll", "firmly against",
               "the council to drop it before the vote"], "cue": ["said", "said", "warned"]}),
    ("a relative clause, participle or concession the reporter adds at the end is not "
     "what was said",
     "The mayor said the bridge would reopen in May, which would end a year of detours for "
     "commuters. Tom Ruiz praised the new ferry schedule, citing the longer evening service "
     "on weekdays. The council said the levy had raised $3 million, although it gave no "
     "breakdown by district.",
     {"text": ["the bridge would reopen in May", "the new ferry schedule",
               "the longer evening service on weekdays", "the levy had raised $3 million"]}),
    ("so is a participle set off by a comma after an adverb of the reporter's",
     "The governor told farmers the drought aid was “long overdue” for the valley, quietly "
     "putting pressure on the legislature.",
     {"text": ["the drought aid was “long overdue” for the valley", "long overdue"]}),
    ("a saying set off by a comma at the end of a report is a report of its own",
     "Ortiz told the council that she thinks the county should keep paying for schemes that "
     "make up for the lost ferry service in the hills, saying that “the bridge alone is not "
     "enough” for the commuters in the valley.",
     {"text": ["that she thinks the county should keep paying for schemes that make up for the "
               "lost ferry service in the hills", "that “the bridge alone is not enough” for "
               "the commuters in the valley", "the bridge alone is not enough"],
      "cue": ["told", "saying", "saying"], "speaker": ["Ortiz", "Ortiz", "Ortiz"]}),
    ("what a relative clause's naming verb casts as quoted words includes the noun it names",
     "Twelve people were hurt by a fire that Mayor Lena Ortiz described as “a deliberate act "
     "of sabotage.”",
     {"text": ["a fire that", "as “a deliberate act of sabotage.”",
               "a deliberate act of sabotage."], "cue": ["described"] * 3}),
    ("nor where or when a naming verb named it, between its object and the quoted words",
     "The Harbor Gazette called the toll in an article last week “a tax on commuters.”",
     {"text": ["the toll", "a tax on commuters."], "cue": ["called", "called"]}),
    ("praise is for what it names, not where it was given",
     "In January, Gov. Tom Ruiz of Ohio lauded Ms. Ortiz in his budget speech "
     "for helping build \"fresh and bold plans.\"",
     {"text": ["Ms. Ortiz", "for helping build \"fresh and bold plans.\"",
               "fresh and bold plans."], "cue": ["lauded"] * 3,
      "speaker": ["Tom Ruiz"] * 3}),
    ("a phrase hung on a naming verb right after its predicate is part of the predicate",
     "A former partner at the firm, Tom Ruiz, called her a master at pushing impossible "
     "budgets through the council.",
     {"text": ["her a master at pushing impossible budgets through the council"],
      "speaker": ["Tom Ruiz"]}),
    ("words put in writing are quoted words with a writer",
     "On her discharge form, a nurse had typed “severe dehydration.”",
     {"kind": ["partial"], "cue": ["typed"], "speaker": ["nurse"]}),
    ("where it was said is not what was said",
     "The transit agency described the new bridge toll as a “necessary evil” in a statement.",
     {"text": ["the new bridge toll as a “necessary evil”", "necessary evil"]}),
    ("a predicate coordinated after the first is more of what was said",
     "In a statement, Mayor Lena Ortiz condemned Friday's closure as \"reckless and "
     "unplanned\" and a \"grave threat\" to the city's ferry service.",
     {"text": ["Friday's closure as \"reckless and unplanned\" and a \"grave threat\" to the "
               "city's ferry service", "reckless and unplanned", "grave threat"]}),
    ("a content never ends on the conjunction that joins it to the next act",
     "Mayor Lena Ortiz said Friday that she thinks the report ought to be printed but said "
     "\"the problem is the date.\"",
     {"text": ["that she thinks the report ought to be printed",
               "the problem is the date."]}),
    ("a mixed quotation runs on through the phrase the parse hangs after its closing mark",
     "The deputy mayor called the audit \"a true wake-up call\" to her coalition of "
     "supporters. At a rally, Tom Ruiz likened the new toll to a “daylight robbery” in a "
     "song about a ferry that never comes.",
     {"text": ["the audit \"a true wake-up call\" to her coalition of supporters",
               "a true wake-up call", "the new toll to a “daylight robbery” in a song about a "
               "ferry that never comes", "daylight robbery"]}),
    ("a dash after the quoted words of a mixed quotation ends it",
     "The mayor proposed charging so-called ''weekend'' parking at a flat 4 dollar "
     "fee -- far lower than the 9 dollar fee she has proposed for weekdays.",
     {"text": ["charging so-called ''weekend'' parking at a flat 4 dollar fee",
               "weekend"]}),
    ("a pronoun cast as quoted words: what was said is who was called what, one report",
     "The mayor called them “reckless vandals.”",
     {"kind": ["indirect", "partial"], "text": ["them “reckless vandals.”", "reckless vandals."],
      "cue": ["called", "called"], "construction": ["object and predicate", None]}),
    ("a rubric before a colon is not a speaker",
     "The vote was held on Monday.\n\nCorrection: An earlier version of this article gave "
     "the wrong date for the council vote.",
     {"speaker": []}),
    ("a pronoun alone is not what a passive report says",
     "The tax was first proposed by Mayor Lena Ortiz in 1990. It was later defended by the "
     "council.",
     {"text": ["The tax"], "speaker": ["Lena Ortiz"]}),
    ("'In the latest poll' is a source like 'according to'",
     "In the latest poll, the mayor leads her rival by five points. In the morning, the rain "
     "stopped.",
     {"text": ["the mayor leads her rival by five points"], "attribution": ["according-to"],
      "speaker": ["latest poll"]}),
    ("seeing something as something is a judgement",
     "Critics see the new law as a gift to developers.",
     {"text": ["the new law as a gift to developers"], "speaker": ["Critics"]}),
    ("deriding something as something is a judgement",
     "Critics derided the deal as toothless.",
     {"text": ["the deal as toothless"]}),
    ("words quoted in a report inside a report go with the outer one",
     "The mayor said that she believed the bridge plan was “dead on arrival” this year.",
     {"kind": ["indirect", "partial"], "cue": ["said", "said"],  # one attribution, not two
      "text": ["that she believed the bridge plan was “dead on arrival” this year",
               "dead on arrival"]}),
    ("a mixed quotation ends before an aside",
     "Senator Amelia Hart described the new budget as a “crazy system” — a charge that stung "
     "the mayor.",
     {"text": ["the new budget as a “crazy system”", "crazy system"]}),
    ("a pronoun object is content only with words of its own",
     "The senator proposed nothing that would raise taxes. She backed some of his proposals "
     "but attacked it.",
     {"text": ["nothing that would raise taxes", "some of his proposals"]}),
    ("declining to comment",
     "The mayor declined to comment.",
     {"text": ["to comment"]}),
    ("a noun of saying that a verb puts forward",
     "Two senators raised questions about the audit. The mayor lodged a request to publish "
     "the minutes.",
     {"text": ["the audit", "to publish the minutes"], "speaker": ["Two senators", "mayor"]}),
    ("an owned noun of saying reports its topic",
     "The mayor's criticism of the closure plan was sharp.",
     {"text": ["the closure plan"]}),
    ("questions faced come from others, not named",
     "The mayor has faced questions about the audit.",
     {"text": ["the audit"], "speaker": [None]}),
    ("a report whose speaker the parse cannot find is kept without one",
     "She spoke at a news conference announcing that the city would sue the developer.",
     {"text": ["that the city would sue the developer"], "cue": ["announcing"],
      "speaker": [None], "attribution": ["none"]}),
    ("what someone told a meeting (a that-clause parsed as a relative clause)",
     "Mayor Lena Ortiz told a meeting of harbour workers that not many people grasped the "
     "cost of the strike.",
     {"text": ["that not many people grasped the cost of the strike"],
      "speaker": ["Lena Ortiz"]}),
    ("a possessive pronoun names its speaker; support is not speech",
     "Mayor Lena Ortiz met the council on Monday. Despite her earlier warnings against selling "
     "the port, the council signed the deal. The city's support for local militias "
     "complicates efforts to lift the curfew.",
     {"text": ["selling the port"], "speaker": ["Lena Ortiz"]}),
    ("the speaker after an opening prepositional phrase",  # the parser hangs the name on
     "In a recent interview with the Daily Star, Tom Ruiz, a senior adviser to the mayor, "
     "conveyed a surprising openness towards the harbour plan.",  # "the Daily Star"
     {"speaker": ["Tom Ruiz"]}),
    ("a charge: who is charged, and with what",
     "Senator Amelia Hart accused the council of hiding the audit.",
     {"text": ["the council of hiding the audit"], "cue": ["accused"],
      "speaker": ["Amelia Hart"]}),
    ("a charge read as one span",
     "The minister spoke on Monday, accusing Portugal of raising tariffs.",
     {"text": ["Portugal of raising tariffs"]}),
    ("a report before an aside repeating its cue: the aside reports all of it, as a report "
     "holds the reports nested in it",
     "Ortiz said she felt the bridge was worth saving because “most people cross it every "
     "day,” she said.",
     {"text": ["Ortiz said she felt the bridge was worth saving because “most people cross it "
               "every day,”", "most people cross it every day,"],
      "speaker": ["Ortiz", "Ortiz"]}),
    ("a cue and its speaker set between commas inside the clause they report",
     "These employees, Ruiz explained earlier in the hearing, were “well-paid,” earning more "
     "than most. Such plans, the council warned in a letter, would be “a disaster for the "
     "harbour.”",
     {"text": ["These employees", "were “well-paid,” earning more than most", "well-paid,",
               "Such plans", "would be “a disaster for the harbour.”",
               "a disaster for the harbour."],
      "speaker": ["Ruiz"] * 3 + ["council"] * 3}),
    ("an aside the parser reads as one keeps its own parse: another speaker's words after "
     "it are not what it reports",
     "Acts of protest, Mayor Lena Ortiz said, are acts of courage, whether it was marching on "
     "the bridge or wearing a shirt with the words ''We will not move,'' as Tom Ruiz, "
     "standing in the rain, said before he left.",
     {"kind": ["indirect", "indirect", "partial"],
      "text": ["Acts of protest", "are acts of courage, whether it was marching on the bridge "
               "or wearing a shirt with the words", "We will not move,"]}),
    ("according to a source, when the parser folds the clause into the phrase",
     "According to conservative talk radio host Tom Ruiz, the toll plan reeks of “fear” and "
     "desperation.",
     {"text": ["the toll plan reeks of “fear” and desperation", "fear"],
      "cue": ["According", "According"], "speaker": ["Tom Ruiz", "Tom Ruiz"]}),
    ("words quoted in what a source says share the source's cue",
     "According to a lawsuit filed Monday, the builders ran a “massive fraudulent scheme” for "
     "years.",
     {"kind": ["indirect", "partial"], "cue": ["According", "According"],
      "speaker": ["lawsuit", "lawsuit"]}),
    ("a cue in a phrase fronted before a quotation is not its cue",
     "After saying the river was “higher than the bridge,” Mayor Lena Ortiz was “rushed off "
     "to the shelter” by her aides.",
     {"text": ["the river was “higher than the bridge,”", "higher than the bridge,",
               "rushed off to the shelter"], "cue": ["saying", "saying", None]}),
    ("support or concern put forward by a reporting verb: the object, with what it is for "
     "or about",
     "Mayor Lena Ortiz voiced support for the harbour plan. The auditor expressed deep "
     "concern about the ferry contract. The poll shows 40 percent support for the plan.",
     {"text": ["support for the harbour plan", "deep concern about the ferry contract",
               "40 percent support for the plan"],
      "speaker": ["Lena Ortiz", "auditor", "poll"]}),
    ("a charge in quoted words is what was said; who is charged is the reporter's",
     "Senator Amelia Hart accused the harbour board of “reckless spending.” Tom Ruiz accused "
     "the mayor's office of being “asleep at the wheel.” Lena Ortiz praised the crews for "
     "their “quiet courage.”",
     {"text": ["of “reckless spending.”", "reckless spending.", "of being “asleep at the wheel.”",
               "asleep at the wheel.", "the crews for their “quiet courage.”", "quiet courage."]}),
    ("a charge on a pronoun: only the charge is content",
     "Tom Ruiz accused her of hiding the audit.",
     {"text": ["hiding the audit"]}),
    ("a passive report that names no one",
     "The contractor was accused of inflating the bridge repair costs.",
     {"text": ["The contractor", "inflating the bridge repair costs"],
      "speaker": [None, None],  # the contractor is charged, not speaking
      "attribution": ["none", "none"]}),
]


@pytest.mark.parametrize("text, expected", [pytest.param(t, e, id=i) for i, t, e in LAYOUTS])
def test_layouts_of_reported_speech_and_attribution(nlp, text, expected):
    quotes, _ = run(nlp, text)
    for column, values in expected.items():
        found = quotes[column].astype(object).where(quotes[column].notna(), None).tolist()
        assert found == values, column


RULE_COLUMNS = ["kind", "text", "start", "end", "speaker", "cue", "cue_start", "attribution",
                "confidence"]


@pytest.mark.parametrize("text", [pytest.param(t, id=i) for i, t, _ in LAYOUTS])
def test_the_content_model_only_adds_rows_to_the_rules(nlp, text):
    rules, _ = run(nlp, text)
    full, _ = run(nlp, text, learned=True)
    def rows(table):
        return {tuple(None if pd.isna(v) else v for v in r)
                for r in table[RULE_COLUMNS].astype(object).itertuples(index=False)}

    assert rows(rules) <= rows(full)  # every row the rules find, unchanged
    added = full[~full.set_index(["start", "end", "kind"]).index.isin(
        rules.set_index(["start", "end", "kind"]).index)]
    assert set(added["kind"]) <= {"indirect"}
    assert (added["confidence"] < 0.9).all()
    assert list(full["quote_id"]) == [f"d0:q{n:03d}" for n in range(1, len(full) + 1)]


def test_words_quoted_in_what_a_report_governs_go_with_it(nlp):
    text = ('Harwick Mayor Lena Ortiz said Friday that she thinks the audit should be made '
            'public but said "the worry is the cost."')
    quotes, _ = run(nlp, text)
    assert quotes["kind"].tolist() == ["indirect", "partial"]
    assert quotes["cue_start"].nunique() == 1  # one attribution, as the parse hangs it
    quotes, _ = run(nlp, "When the auditors examined the mayor’s claim, it was labeled "
                         "“Mostly True.”")
    labeled = quotes[quotes["text"] == "Mostly True."].iloc[0]
    # a report that names no one: the quoted words are its, not a scare quote
    assert (labeled["kind"], labeled["cue"]) == ("partial", "labeled")


def test_the_speaker_of_a_saying_set_in_a_phrase(nlp):
    text = ("Mayor Lena Ortiz spoke for an hour. After saying the bridge was “older than "
            "anyone in this room,” she was driven back to city hall.")
    quotes, _ = run(nlp, text)
    assert "an hour" not in quotes["text"].tolist()  # speaking for a time says nothing
    partial = quotes[quotes["kind"] == "partial"].iloc[0]
    assert (partial["speaker"], partial["cue"]) == ("Lena Ortiz", "saying")
    text = ('"Bringing that up again is absurd," Ruiz said, going on to claim that this town '
            'spent "years arguing over this bridge, and nobody wants to hear it again."')
    quotes, _ = run(nlp, text)
    assert quotes["speaker"].tolist() == ["Ruiz", "Ruiz", "Ruiz"]
    # what he went on to claim, with the quoted words in it (a mixed quotation)
    assert quotes["cue"].tolist() == ["said", "claim", "claim"]
    assert quotes["text"][1].startswith("that this town spent")


def test_quotations_signed_with_a_dash(nlp):
    text = ("“The rail plan is the best news this town has had in years.” ― Maria Lopez\n"
            "“I will believe it when I see the trains.” — Tom Ruiz.\n"
            "“Nobody asked us.”\u00a0― Ann Lee\u00a0\n")  # no-break spaces, as pasted
    quotes, _ = run(nlp, text)
    assert quotes["speaker"].tolist() == ["Maria Lopez", "Tom Ruiz", "Ann Lee"]
    assert quotes["speaker_mention"].tolist() == ["Maria Lopez", "Tom Ruiz", "Ann Lee"]
    assert set(quotes["cue"]) <= {"―", "—"}  # the dash is the cue
    # quotations opening a line signed at its end are all the signer's, one attribution
    text = ("“The rail plan is the best news in years.” ― Maria Lopez\n"
            "“We waited ten years. Nobody asked us.” And the council “never listens.” ― Ann Lee\n"
            "The vote is on Monday.")
    quotes, _ = run(nlp, text)
    assert quotes["speaker"].tolist() == ["Maria Lopez", "Ann Lee", "Ann Lee"]
    assert quotes["cue_start"].tolist()[1:] == [text.rindex("―")] * 2


def test_a_cue_in_the_next_paragraph_does_not_attribute_a_quotation(nlp):
    text = ("''If you are ninety, you have lived through a lot of these floods,'' she added. "
            "''Watching it is, for them, painful.''\n\n"
            "''These are the stories that nobody knows,'' Mayor Lena Ortiz said.")
    quotes, _ = run(nlp, text)
    cues = dict(zip(quotes["text"], quotes["cue_start"], strict=True))
    said = text.index("said")
    assert cues["These are the stories that nobody knows,"] == said
    assert cues["Watching it is, for them, painful."] != said


def test_passive_cue_speaks_through_its_agent_not_its_subject(nlp):
    quotes, _ = run(nlp, "The new budget was described as “reckless” by Senator Amelia Hart.")
    assert set(quotes["speaker"]) == {"Amelia Hart"}
    quotes, _ = run(nlp, "The new budget was described as a reckless and cruel plan.")
    assert "budget" not in " ".join(quotes["speaker"].dropna())


def test_split_quotation_is_not_hung_on_a_verb_of_its_second_half(nlp):
    text = "“If she calls that cheap,” the announcer says, “what will she call yours?”"
    quotes, _ = run(nlp, text)
    assert quotes["cue"].tolist() == ["says", "says"]
    assert quotes["speaker_mention"].tolist() == ["the announcer", "the announcer"]


def test_passive_report_is_about_its_subject(nlp):
    text = "The new budget was called a betrayal of voters by Senator Amelia Hart."
    quotes, _ = run(nlp, text)
    assert quotes["text"].tolist() == ["The new budget", "a betrayal of voters"]
    assert set(quotes["speaker"]) == {"Amelia Hart"}


def test_as_someone_put_it(nlp):
    text = "As the economist Maria Lopez put it, “the plan pays for itself in ten years.”"
    quotes, _ = run(nlp, text)
    assert quotes["speaker"].tolist() == ["Maria Lopez"]
    assert quotes["cue"].tolist() == ["put"]


def test_question_then_the_speaker_after_the_closing_mark(nlp):
    text = ("Senators pressed the chief executive on Tuesday.\n\n"
            "“Why did nobody stop this for five years?” Hart demanded. “Nobody at all?”")
    quotes, _ = run(nlp, text)
    speech = quotes[quotes["kind"] == "direct"]
    assert speech["speaker"].tolist() == ["Hart", "Hart"]
    assert speech["cue"].tolist() == ["demanded", "demanded"]


@pytest.mark.parametrize("text, speaker", [
    # a name the tagger takes for an adverb ("-ly"): the speaker all the same
    ("“We know the owners well,” said Fennelly.", "Fennelly"),
    ("“We know the owners well,” said Fennelly, adding that the deal was fair.", "Fennelly"),
    # the speaker parsed as what was asked ("asked [the boy]")
    ("“Can we still win?” asked the boy in the front row.", "the boy"),
])
def test_after_a_closing_mark_the_speaker_follows_the_verb(nlp, text, speaker):
    quotes, _ = run(nlp, text)
    row = quotes[quotes["kind"] == "direct"].iloc[0]
    assert (row["speaker_mention"], row["attribution"]) == (speaker, "explicit")
    assert row["cue"] in ("said", "asked")



def test_a_speaker_before_the_verb_is_not_taken_for_the_one_after(nlp):
    quotes, _ = run(nlp, "“Can we still win?” the coach asked the boy.")
    row = quotes[quotes["kind"] == "direct"].iloc[0]
    assert row["speaker_mention"] == "the coach"


def test_who_names_the_noun_it_stands_for(nlp):
    text = "The plan was backed by Mayor Lena Ortiz, who said that it would cut traffic by half."
    quotes, _ = run(nlp, text)
    row = quotes[quotes["cue"] == "said"].iloc[0]
    assert row["speaker"] == "Lena Ortiz" and row["speaker_mention"] == "who"


def test_quoted_judgement_is_one_attribution_with_its_object(nlp):
    text = "Governor Paul Kim called the budget “a disgrace to this state.”"
    quotes, _ = run(nlp, text)
    assert quotes["cue_start"].nunique() == 1
    spans = sorted(zip(quotes["start"], quotes["end"], quotes["kind"], strict=True))
    assert text[spans[0][0]:spans[0][1]].startswith("the budget")  # the reported part
    assert {k for *_, k in spans} == {"indirect", "partial"}


def test_split_quotation_with_mixed_marks_is_one_speaker_run(nlp):
    text = ("“We will not back down,” Senator Amelia Hart said on “Morning Talk.” "
            "“This is our fight and we will win it.\"")
    quotes, _ = run(nlp, text)
    speech = quotes[quotes["kind"] == "direct"]
    assert speech["text"].tolist() == ["We will not back down,",
                                       "This is our fight and we will win it."]
    assert speech["speaker"].tolist() == ["Amelia Hart", "Amelia Hart"]  # not the show
    assert speech["cue_start"].nunique() == 1


def test_quotation_text_is_not_reported_speech_again(nlp):
    text = "“The plan failed because we never funded it,” Mayor Lena Ortiz said."
    quotes, _ = run(nlp, text)
    assert quotes["kind"].tolist() == ["direct"]


def test_scare_quotes_and_titles_are_not_speech(nlp):
    text = ("Critics spoke of “murmurs” in the party. He read “The Art of the Possible” on "
            "the plane.")
    quotes, _ = run(nlp, text)
    assert quotes["kind"].tolist() == ["scare", "title"]
    assert quotes["speaker"].isna().all()


def test_it_refers_back_to_the_organisation_that_spoke(nlp):
    quotes, _ = run(nlp, "The report from the World Bank said that growth would slow. It "
                         "warned that debt levels were rising fast in poorer countries.")
    indirect = quotes[quotes["kind"] == "indirect"]
    assert len(indirect) == 2
    assert indirect["speaker"].iloc[1] == indirect["speaker"].iloc[0]
    assert indirect["attribution"].iloc[1] == "pronoun"


def test_title_in_apposition_names_the_speaker(nlp):
    quotes, _ = run(nlp, "The country's chief justice, Maria Santos, said that no one is above "
                         "the law.")
    assert quotes.iloc[0]["speaker"] == "Maria Santos"


def test_quotation_over_several_paragraphs_is_one():
    text = ("He said: “The first part goes on.\n\n“The second part ends here.”\n\n"
            "Then “a new one” follows.")
    spans = marked_spans(text)
    assert [s.text for s in spans] == ["The first part goes on.\n\n“The second part ends here.",
                                       "a new one"]


def test_straight_quotation_over_several_paragraphs_is_one_but_transcript_turns_are_not():
    text = ('The Courier reports:\n\n"The first part goes on.\n\n"The second part ends '
            'here."\n\nTranscript:\n\n"HOST: Why now?\n\n"ORTIZ: Because the bridge is old."'
            '\n\nThen "a new one" follows.')
    spans = marked_spans(text)
    assert [s.text for s in spans] == ['The first part goes on.\n\n"The second part ends here.',
                                       "ORTIZ: Because the bridge is old.", "a new one"]


def test_a_follow_prompt_in_marks_is_not_speech(nlp):
    text = ('“The bridge is safe,” Mayor Lena Ortiz said.\n\n"Follow Tom Ruiz on Twitter '
            '@truiz."\n\nShe said her aides “follow the debate on Twitter every day.”')
    quotes, _ = run(nlp, text)
    assert "Follow Tom Ruiz" not in " ".join(quotes["text"])
    assert "follow the debate on Twitter every day." in quotes["text"].tolist()


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 60), st.integers(1, 12)), max_size=8),
       st.integers(0, 70), st.integers(1, 12))
def test_spans_overlap_as_a_scan_over_them_says(pairs, start, width):
    spans = [(s, s + w) for s, w in pairs]  # nested and overlapping ones too
    end = start + width
    assert Spans(spans).overlaps(start, end) == any(s < end and start < e for s, e in spans)


def test_single_curly_quotes_but_not_apostrophes():
    text = "The minister called it ‘a betrayal of voters’ and the workers’ union agreed it’s bad."
    assert [s.text for s in marked_spans(text)] == ["a betrayal of voters"]


def test_block_quotation_after_an_introduction(nlp):
    text = ("The ceremony was brief. Mayor Lena Ortiz spoke last, when she addressed the "
            "graduates of the academy.\n\n"
            "We built this school together. I remember the first winter, when the roof leaked "
            "and nobody came. …\n\n"
            "I believe our city is stronger for it.\n\n"
            "The graduates then marched to the square.")
    quotes, _ = run(nlp, text)
    block = quotes[quotes["kind"] == "block"]
    assert len(block) == 1
    assert block.iloc[0]["text"].startswith("We built") and block.iloc[0]["text"].endswith(
        "stronger for it.")
    assert block.iloc[0]["speaker"] == "Lena Ortiz"
    assert "marched" not in block.iloc[0]["text"]
    assert not (quotes["kind"] == "indirect").any()  # "I believe …" is inside the block


def test_first_person_paragraph_without_introduction_is_not_a_block(nlp):
    text = ("Prices rose again in March.\n\nWe asked readers what they thought and I was "
            "surprised by the answers.")
    quotes, _ = run(nlp, text)
    assert "block" not in set(quotes["kind"])


def test_a_quotation_with_its_attribution_introduces_no_block(nlp):
    # "“…,” he added." closes a quotation; the paragraph after it is the writer's, even
    # where a first-person word stands inside a compound
    text = ("The festival opened on Friday. “We sold out the first night,” the organiser "
            "added.\n\n"
            "Tickets for the closing concert are still on sale, and the come-as-I-am party "
            "on Sunday is free.\n\n"
            "The festival ends on Monday.")
    quotes, _ = run(nlp, text)
    assert "block" not in set(quotes["kind"])
    said = quotes[quotes["text"].str.startswith("We sold out")]
    assert len(said) == 1 and said.iloc[0]["speaker"] == "organiser"


def test_a_colon_after_a_quotation_still_introduces_a_block(nlp):
    text = ("“It was a long year,” the head teacher Ana Reyes said, and then read her "
            "letter to the parents:\n\n"
            "I thank you all for your patience. We will open the new wing in May.\n\n"
            "The parents applauded.")
    quotes, _ = run(nlp, text)
    block = quotes[quotes["kind"] == "block"]
    assert block["text"].tolist() == [
        "I thank you all for your patience. We will open the new wing in May."]


def test_doubled_apostrophes_as_quotation_marks():
    text = "''This isn't reform,'' said Ann Lee. ''It's anti-reform.'' The workers'' union."
    assert [s.text for s in marked_spans(text)] == ["This isn't reform,", "It's anti-reform."]


PIECES = ["Mayor Lena Ortiz said", "“We will", "rebuild it,”", "she added.", '"Never',
          "again\"", "— Tom Ruiz", "RUIZ:", "according to the council,", "that the bridge",
          "would reopen", "''soon''", "‘maybe’", "«jamais»", "described it as", "“a disgrace”",
          "\n\n", "\n", ",", ".", ":", "who", "the report", "wants to", "it"]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=30))
def test_offsets_always_point_at_the_text(nlp, pieces):
    text = " ".join(pieces)
    quotes, speakers = run(nlp, text)
    validate(quotes, "quotes")
    validate(speakers, "speakers")
    for q in quotes.itertuples():
        assert 0 <= q.start < q.end <= len(text)
        assert text[q.start:q.end] == q.text
        if pd.notna(q.speaker_start):
            assert text[int(q.speaker_start):int(q.speaker_end)] == q.speaker_mention
        if pd.notna(q.cue_start):
            assert text[int(q.cue_start):int(q.cue_end)] == q.cue


def test_verb_lemmas_the_model_clips_are_recognised(nlp):
    hoped = nlp("She hoped to win the seat.")[1]
    walked = nlp("He walked home.")[1]
    assert lemma_in(hoped, frozenset({"hope"}))
    assert not lemma_in(walked, frozenset({"hope", "talk"}))
    assert lemma_in(walked, frozenset({"walk"}))


@pytest.mark.parametrize("label, mention, kind", [
    ("PERSON", "Jane Doe", "person"),
    ("ORG", "the World Bank", "organisation"),
    (None, "the new poll", "organisation"),
    (None, "the move", "organisation"),
    (None, "Doe’s remarks", "organisation"),  # words spoken, not a person
    (None, "Senior analysts", "person"),
])
def test_speaker_kind(label, mention, kind):
    assert speaker_kind(label, mention) == kind


def test_a_relative_pronoun_is_neither_alias_nor_clue_to_the_kind():
    canonical, table = assign_speakers(["the move", "Jane Doe"], ["that", "who"],
                                       [None, "PERSON"], [None, None], ["Jane Doe"])
    assert canonical == ["move", "Jane Doe"]  # the article dropped, as for any name
    kinds = dict(zip(table["speaker"], table["kind"], strict=True))
    assert kinds == {"move": "organisation", "Jane Doe": "person"}
    assert not any("that" in a or "who" in a for a in table["aliases"].astype(str))


def test_a_sentence_capital_does_not_make_another_speaker():
    canonical, table = assign_speakers(
        ["Economists", "economists", "Harbor Trust", "harbor trust"],
        ["Economists", "economists", "Harbor Trust", "harbor trust"],
        [None, None, "ORG", None], [None] * 4, [])
    assert canonical == ["economists", "economists", "Harbor Trust", "harbor trust"]
    assert dict(zip(table["speaker"], table["n_quotes"], strict=True))["economists"] == 2


def test_speakers_settled_part_by_part_are_those_settled_at_once():
    """The engine's reduce: names and case forms from each part, settled once, then each
    part's speakers and tallies added up in order, give what one pass gives: the same
    canonical names, one case across parts, counts, aliases, titles, and each speaker's
    kind from its first quotation."""
    from quotetrail.quotes.speakers import (
        add_name_keys,
        add_tallies,
        case_forms,
        fixed_labels,
        name_keys,
        settled,
        speakers_table,
        surnames_of,
        tally,
    )

    raw = ["Lindqvist", "Analysts", "the harbour board", "Mara Lindqvist", "analysts",
           "Harbour Board", "Lindqvist", None, "Jon Ek"]
    mentions = ["Lindqvist", "Analysts", "the harbour board", "she", "analysts",
                "Harbour Board", "Ms Lindqvist", None, "Ek"]
    labels = [None, None, None, "PERSON", None, "ORG", "PERSON", None, "PERSON"]
    titles = [None, None, None, "chair", None, None, "chair", None, None]
    known = ["Mara Lindqvist", "Jon Ek"]
    whole, table = assign_speakers(raw, mentions, labels, titles, known)
    assert whole[0] == whole[3] == "Mara Lindqvist" and whole[1] == whole[4] == "analysts"

    cuts = [(0, 2), (2, 5), (5, 9)]
    surnames = surnames_of(known)
    found = [name_keys(raw[a:b], fixed_labels(raw[a:b], labels[a:b], surnames))
             for a, b in cuts]
    persons, forms = add_name_keys(found)
    canon, case = canonical_names(sorted(persons | set(known))), case_forms(forms)
    speakers, tallies = [], []
    for a, b in cuts:
        fixed = fixed_labels(raw[a:b], labels[a:b], surnames)
        part = settled(raw[a:b], fixed, canon, case)
        speakers += part
        tallies.append(tally(part, raw[a:b], mentions[a:b], fixed, titles[a:b]))
    assert speakers == whole
    assert speakers_table(add_tallies(tallies)).equals(table)


def test_sentences_end_at_paragraph_breaks_but_not_at_wrapped_lines(nlp):
    doc = nlp("Mayor Vows Bridge Will Reopen\n\nThe mayor said the bridge\nwould reopen in May.")
    assert [s.text.strip() for s in doc.sents] == [
        "Mayor Vows Bridge Will Reopen", "The mayor said the bridge\nwould reopen in May."]
