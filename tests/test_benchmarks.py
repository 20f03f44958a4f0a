"""The benchmarks' own logic: the quotation scorer (what counts as the right speaker),
resampling, annotator agreement, the rules' history, the encoder trial's inputs."""

from dataclasses import replace

from benchmarks.quote_extraction import Span, speaker_right


def _pair(text: str, source: str, predicted: str, name: str) -> tuple[Span, Span]:
    s, p = text.index(source), text.index(predicted)
    gold = Span("d", [(0, 1)], [(s, s + len(source))], "direct")
    pred = Span("d", [(0, 1)], [(p, p + len(predicted))], "direct", name)
    return gold, pred


def test_the_name_before_an_apposition_names_the_source():
    text = ("Jane Doe was in Ohio. “We will win,” said Jane Doe, a senior adviser to the "
            "Smith campaign.")
    # the prediction points at the earlier mention, so only the name can match
    gold, pred = _pair(text, "Jane Doe, a senior adviser to the Smith campaign.",
                       "Jane Doe was", "Jane Doe")
    assert speaker_right(text, gold, pred)
    # the campaign's name inside the apposition is not the source's
    gold, pred = _pair(text, "Jane Doe, a senior adviser to the Smith campaign.",
                       "Jane Doe was", "Tom Smith")
    assert not speaker_right(text, gold, pred)


def test_a_bracket_after_the_name_and_a_pronoun_source():
    text = "Sen. Jane Doe (D-Ohio) spoke. She said so. Doe agreed."
    gold, pred = _pair(text, "Sen. Jane Doe (D-Ohio)", "Doe agreed", "Jane Doe")
    assert speaker_right(text, gold, pred)
    gold, pred = _pair(text, "She", "Doe agreed", "Jane Doe")
    assert not speaker_right(text, gold, pred)  # a pronoun names no one by itself


def test_rows_are_scored_in_the_gold_classes():
    from benchmarks.quote_extraction import scored_kind

    text = 'WALLACE: Where is she?\n"PENCE: She said “no.”\nHe said she left.'
    turn, marked = text.index("Where"), text.index("She said")
    assert scored_kind(text, "block", turn, turn + 13) == "indirect"  # no marks at all
    assert scored_kind(text, "block", marked, marked + 14) == "direct"  # quoted words in it
    assert scored_kind(text, "direct", 0, 5) == "direct"
    assert scored_kind(text, "indirect", text.index("she left"), len(text) - 1) == "indirect"


def test_cues_are_matched_one_to_one_by_overlap():
    from benchmarks.quote_extraction import cue_score

    gold = [Span("d", [(0, 1)], [], "direct", cue=[(10, 14)]),
            Span("d", [(0, 1)], [], "direct", cue=[(30, 36)]),
            Span("d", [(0, 1)], [], "indirect", cue=[(30, 36)])]  # one cue, two contents
    pred = [Span("d", [(0, 1)], [], "direct", cue=[(9, 12)]),  # overlaps the first
            Span("d", [(0, 1)], [], "direct", cue=[(50, 54)]),  # overlaps nothing
            Span("e", [(0, 1)], [], "direct", cue=[(30, 36)])]  # another article
    p, r, f = cue_score(gold, pred)
    assert (round(p, 3), r, round(f, 3)) == (0.333, 0.5, 0.4)


def test_the_rules_rows_are_scored_by_the_construction_that_read_them():
    from benchmarks.quote_extraction import by_construction

    text = "Doe said the bridge was safe. Roe backed the plan. Poe backed the fund."
    def at(words: str) -> list[tuple[int, int]]:
        return [(text.index(words), text.index(words) + len(words))]

    gold = [Span("d", at("the bridge was safe"), at("Doe"), "indirect"),
            Span("d", at("the plan"), at("Roe"), "indirect")]
    pred = [Span("d", at("the bridge was safe"), at("Roe"), "indirect", "Roe",
                 construction="reported clause"),  # right words, wrong speaker
            Span("d", at("the plan"), at("Roe"), "indirect", "Roe", construction="side taken"),
            Span("d", at("the fund"), at("Poe"), "indirect", "Poe", construction="side taken"),
            Span("d", at("Doe said"), [], "direct")]  # not a construction's row
    table = by_construction({"d": text}, gold, pred)
    assert table == {"reported clause": (1, 1.0, 0.0), "side taken": (2, 0.5, 1.0)}


def _articles() -> tuple[dict, list[Span], list[Span]]:
    """Three made-up articles: one read right, one with a quotation missed and a report
    read with the wrong speaker, one with a quotation invented."""
    texts = {"a": "“We will build it,” said Jane Doe. She said the bridge would open soon.",
             "b": "“Taxes will fall,” said Tom Roe. Roe said the plan was fair.",
             "c": "The council met. “Nothing was decided,” a clerk said."}
    def span(doc, words, kind, speaker=None, name=None):
        text = texts[doc]
        s = text.index(words)
        src = [(text.index(speaker), text.index(speaker) + len(speaker))] if speaker else []
        return Span(doc, [(s, s + len(words))], src, kind, name)
    gold = [span("a", "We will build it,", "direct", "Jane Doe"),
            span("a", "the bridge would open soon", "indirect", "She"),
            span("b", "Taxes will fall,", "direct", "Tom Roe"),
            span("b", "the plan was fair", "indirect", "Roe")]
    pred = [span("a", "We will build it,", "direct", "Jane Doe", "Jane Doe"),
            span("a", "the bridge would open soon", "indirect", "She", "Jane Doe"),
            span("b", "the plan was fair", "indirect", "Taxes", "Taxes"),
            span("c", "Nothing was decided,", "direct", "a clerk", "a clerk")]
    return texts, gold, pred


def test_the_resampled_scores_are_the_scores_of_the_articles_drawn():
    from benchmarks.quote_extraction import (
        _article_counts,
        _headline,
        interval,
        resampled,
        score,
    )

    texts, gold, pred = _articles()
    whole = score(texts, gold, pred)
    summed = _headline(_article_counts(texts, gold, pred).sum(axis=0))
    assert summed.round(6).tolist() == [round(whole[("direct", "≥0.8")][2], 6),
                                        round(whole[("indirect", "≥0.3")][2], 6),
                                        round(whole["speaker_acc"], 6)]
    # direct: 1 of 2 gold found, 1 of 2 predictions right; speakers: 2 of the 3 matched
    assert summed.round(3).tolist() == [0.5, 1.0, 0.667]
    draws = resampled(texts, gold, pred, draws=500, seed=3)
    assert draws.shape == (500, 3)
    assert (draws == resampled(texts, gold, pred, draws=500, seed=3)).all()  # seeded
    lo, hi = interval(draws[:, 0])
    assert lo < summed[0] < hi  # the articles differ, so the interval has width
    # drawing only article "a" (all right) or only "c" (all wrong) bounds the direct F1
    assert draws[:, 0].min() == 0.0 and draws[:, 0].max() == 1.0


def test_articles_alike_give_an_interval_of_no_width():
    from benchmarks.quote_extraction import interval, resampled

    texts, gold, pred = _articles()
    only_a = {"a": texts["a"], "a2": texts["a"]}
    gold_a = [g for g in gold if g.doc == "a"] + [replace(g, doc="a2") for g in gold
                                                   if g.doc == "a"]
    pred_a = [p for p in pred if p.doc == "a"] + [replace(p, doc="a2") for p in pred
                                                   if p.doc == "a"]
    draws = resampled(only_a, gold_a, pred_a, draws=200)
    assert interval(draws[:, 0]) == (1.0, 1.0)
    assert interval(draws[:, 2]) == (1.0, 1.0)


def _brat(text: str, content: str, source: str, cue: str, n: int = 1) -> str:
    """Attribution ``n`` of ``text`` in PolNeAR's brat form."""
    spans = []
    for k, (label, words) in enumerate((("Content", content), ("Source", source),
                                        ("Cue", cue))):
        at = text.index(words)
        spans.append(f"T{3 * n + k}\t{label} {at} {at + len(words)}\t{words}")
    c, s, q = 3 * n, 3 * n + 1, 3 * n + 2
    return "\n".join(spans) + f"\nE{n}\tAttribution:T{q} Content:T{c} Source:T{s} Cue:T{q}\n"


def test_annotators_are_scored_against_the_first_in_the_split_asked(tmp_path):
    from benchmarks.quote_extraction import annotator_agreement

    text = ("“The bridge stays shut until spring,” the engineer said.\n\n"
            "The mayor hinted that the budget would grow.\n")
    base = tmp_path / "polnear-train" / "data" / "v1"
    (base / "text").mkdir(parents=True)
    (base / "attributions").mkdir()
    (base / "text" / "art1.txt").write_text(text, encoding="utf-8")
    (base / "text" / "art2.txt").write_text(text, encoding="utf-8")
    quote = _brat(text, "“The bridge stays shut until spring,”", "the engineer", "said")
    hint = _brat(text, "that the budget would grow", "The mayor", "hinted", n=2)
    # the first annotator reads both; the second only the quotation; art2 has one reader
    (base / "attributions" / "art1_1.ann").write_text(quote + hint, encoding="utf-8")
    (base / "attributions" / "art1_2.ann").write_text(quote, encoding="utf-8")
    (base / "attributions" / "art2_1.ann").write_text(quote, encoding="utf-8")
    articles, r = annotator_agreement(tmp_path, "train")
    assert articles == ["art1"]
    assert r[("direct", "≥0.8")][2] == 1.0
    assert r[("indirect", "≥0.3")][:2] == (0.0, 0.0)  # the second missed the hint
    assert r["speaker_acc"] == 1.0
    assert annotator_agreement(tmp_path, "dev")[0] == []  # no dev split here


def test_the_history_reads_the_commits_that_touched_the_rules(tmp_path):
    import subprocess

    from benchmarks.rules_history import git, revisions

    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    rules = tmp_path / "src" / "quotetrail" / "quotes"
    rules.mkdir(parents=True)
    made = []
    for name, folder in (("a", rules), ("b", tmp_path), ("c", rules), ("d", rules)):
        (folder / f"{name}.py").write_text(f"# {name}\n", encoding="utf-8")
        git(tmp_path, "add", "-A")
        git(tmp_path, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q",
            "-m", name)
        made.append(git(tmp_path, "rev-parse", "--short", "HEAD").strip())
    first, outside, third, last = made
    # a range: its first revision, then each later one that changed the rules
    assert revisions(tmp_path, [], f"{first}..{last}") == [first, third, last]
    assert revisions(tmp_path, [outside, "HEAD"], None) == [outside, last]


def test_a_candidate_is_written_out_as_its_sentence_with_cue_and_content_marked(nlp):
    from benchmarks.content_encoder import marked

    from quotetrail.quotes.learned import candidates

    text = ("Rain fell all morning. The mayor hoped that the ferry would run again by "
            "spring. Nobody replied.")
    doc = nlp(text)
    hoped = next(c for c in candidates(doc) if c.cue.text == "hoped" and c.head.text == "run")
    line = marked(text, hoped)
    # the cue's sentence alone, the cue in << >>, its complement in [ ]
    assert line.startswith("The mayor << hoped >> [ ")
    assert line.endswith("by spring ] .")
    assert "Rain" not in line and "Nobody" not in line


def test_the_synthetic_corpus_reprints_rewrites_and_leaves_undated():
    """The corpus-wide steps' benchmark measures what it says only if its corpus holds
    the hard cases: remarks printed again by other articles, rewritten articles, articles
    with no date, quotations whose offsets point at their words."""
    from benchmarks.corpus_steps import QUOTES_PER_ARTICLE, Corpus

    docs, quotes = Corpus(800, seed=3).tables()
    assert len(quotes) == 800 and len(docs) == 800 // QUOTES_PER_ARTICLE
    text = dict(zip(docs["doc_id"], docs["text"], strict=True))
    assert all(text[d][s:e] == q for d, s, e, q in
               zip(quotes["doc_id"], quotes["start"], quotes["end"], quotes["text"], strict=True))
    printed = quotes.groupby("text")["doc_id"].nunique()
    assert (printed > 1).sum() > 20  # remarks reprinted verbatim elsewhere
    assert docs["published"].isna().sum() > 0
    surnames = quotes["speaker"].str.split().str[-1].value_counts()
    assert surnames.iloc[0] > len(quotes) / 20  # one speaker quoted again and again


def test_growth_copies_differ_from_each_other_and_keep_their_quotations(tmp_path):
    from benchmarks.study_growth import build, edited

    text = ("Harbour workers returned to the docks on Monday after a long strike. "
            "“We never wanted this dispute to last all winter,” said the union leader, "
            "adding that talks would resume when the owners offered a fairer contract.")
    copies = [edited(text, k) for k in range(4)]
    assert copies[0] == text and len(set(copies)) == 4
    for c in copies:
        assert "“We never wanted this dispute to last all winter,”" in c
        assert len(c.split()) == len(text.split())
    root = tmp_path / "eval" / "bbc-news" / "business"
    root.mkdir(parents=True)
    (root / "001.txt").write_text(text, encoding="utf-8")
    (root / "002.txt").write_text(text.replace("Monday", "Friday"), encoding="utf-8")
    assert build(tmp_path / "eval", 5, tmp_path / "corpus") == 5
    written = sorted(p.relative_to(tmp_path / "corpus").as_posix()
                     for p in (tmp_path / "corpus").rglob("*.txt"))
    assert written == ["copy000/business/001.txt", "copy000/business/002.txt",
                       "copy001/business/001.txt", "copy001/business/002.txt",
                       "copy002/business/001.txt"]
    assert len({p.read_text(encoding="utf-8") for p in (tmp_path / "corpus").rglob("*.txt")}) == 5
