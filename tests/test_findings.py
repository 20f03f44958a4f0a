"""Findings: every statement is computed from the tables and points at its evidence."""

from __future__ import annotations

import re
from datetime import date

import pandas as pd

from quotetrail.findings import compute_findings
from quotetrail.findings.figures import quote_matrix, statement_timeline
from quotetrail.schemas import empty, rejected_table, rejection, validate


def _tables(speaker_b: str = "Ana Diaz"):
    documents = pd.DataFrame({
        "doc_id": ["a", "b"], "published": [date(2024, 1, 2), None],
        "published_how": ["stated", "inferred"],
        "published_min": [date(2024, 1, 2), date(2023, 5, 1)],
        "published_max": [date(2024, 1, 2), date(2023, 6, 30)]})
    rejected = rejected_table([rejection("bad.txt", "empty file")])
    quotes = pd.DataFrame({
        "quote_id": ["a:q001", "b:q001", "b:q002"], "doc_id": ["a", "b", "b"],
        "kind": ["direct", "direct", "partial"],
        "text": ["We will build the bridge this year.", "We will build the bridge this year,",
                 "a disgrace"],
        "speaker": ["Ana Diaz", speaker_b, None]})
    speakers = pd.DataFrame({"speaker": ["Ana Diaz"], "n_quotes": [2]})
    variants = pd.DataFrame({
        "statement_id": ["s0001", "s0001", "s0002"], "quote_id": ["a:q001", "b:q001", "b:q002"],
        "doc_id": ["a", "b", "b"], "is_canonical": [True, False, True],
        "relation": ["exact", "near", "exact"], "similarity": [1.0, 0.98, 1.0],
        "membership": [1.0, 0.98, 1.0], "diff": ["", "-year. | +year,", ""],
        "changed": ["", "", ""], "lag_min_days": pd.array([1, None, None], dtype="Int64"),
        "lag_max_days": pd.array([1, None, None], dtype="Int64")})
    links = pd.DataFrame([{"source_doc": "a", "derived_doc": "b", "shared_statements": 1,
                           "reuse_score": 0.8, "align_score": 0.0, "relation": "copy",
                           "direction_confidence": 0.9, "evidence": "x", "aligned": []}])
    events = pd.DataFrame({
        "event_id": ["a:e001", "a:e002", "b:e001", "a:e003"], "doc_id": ["a", "a", "b", "a"],
        "expression": ["2024-01-02", "on Monday", "last year", "1990"],
        "start": [None, 10, 5, 30], "end": [None, 19, 14, 34],
        "date_min": [date(2024, 1, 2), date(2024, 1, 1), None, date(1990, 1, 1)],
        "date_max": [date(2024, 1, 2), date(2024, 1, 1), None, date(1990, 12, 31)],
        "granularity": ["day", "day", "year", "year"],
        "anchor": ["explicit", "publication date", "unresolved", "explicit"],
        "kind": ["publication", "statement", "event", "event"],
        "quote_id": [None, "a:q001", None, None],
        "in_quote": [False, False, False, True]})
    return documents, rejected, quotes, speakers, variants, links, events


def test_findings_are_computed_from_the_tables():
    findings = compute_findings(*_tables()).set_index("finding")
    validate(findings.reset_index(), "findings")
    assert findings.loc["articles_read", "value"] == 2
    assert "bad.txt (empty file)" in findings.loc["files_rejected", "statement"]
    assert findings.loc["most_quoted_speaker", "statement"].startswith("Ana Diaz")
    assert findings.loc["most_quoted_speaker", "evidence"]["quote_ids"] == ["a:q001", "b:q001"]
    assert findings.loc["statements_in_several_articles", "value"] == 1
    assert findings.loc["altered_printings", "value"] == 1
    assert "1 copy" in findings.loc["related_article_pairs", "statement"]
    assert findings.loc["said_to_reported_days", "value"] == 1
    # the year inside a quotation is the speaker's, not one of the articles' references
    assert findings.loc["dated_references", "value"] == 1
    assert "span 2024–2024" in findings.loc["dated_references", "statement"]
    assert findings.loc["unattributed_quotations", "value"] == 1
    assert findings.loc["articles_dated_by_window", "statement"].endswith(
        "the narrowest: outlet unknown, untitled, opening “no text”, 2023-05-01 to 2023-06-30.")


def test_findings_follow_the_data():
    findings = compute_findings(*_tables(speaker_b="Tom Ruiz")).set_index("finding")
    assert findings.loc["most_quoted_speaker", "value"] == 1


def test_findings_on_an_empty_study():
    documents = pd.DataFrame({"doc_id": [], "published": []})
    rejected = rejected_table([])
    tables = [empty(n) for n in ("quotes", "speakers", "quote_variants", "doc_links", "events")]
    findings = compute_findings(documents, rejected, *tables)
    validate(findings, "findings")
    assert "No quotation" in " ".join(findings["statement"])


def _statements(label: str = "Ana Diaz"):
    statements = pd.DataFrame({
        "statement_id": ["s0001", "s0002"], "speaker": [label, None],
        "said_min": [date(2024, 1, 1), None], "said_max": [date(2024, 1, 1), None],
        "canonical_text": ["We will build the bridge this year.", "a disgrace"],
        "n_docs": [2, 1], "n_printings": [2, 1]})
    windows = pd.DataFrame({"doc_id": ["a", "b"],
                            "published_min": [date(2024, 1, 2), date(2023, 5, 1)],
                            "published_max": [date(2024, 1, 2), None]})
    return statements, windows


def test_figures_draw_from_the_tables():
    documents, _, quotes, _, variants, _, events = _tables()
    matrix = quote_matrix(quotes, variants, documents)
    assert len(matrix.axes[0].get_yticklabels()) == 1  # only what two articles print
    columns = [t.get_text() for t in matrix.axes[0].get_xticklabels()]
    assert len(columns) == 2 and all(c.startswith("outlet unknown: ") for c in columns)
    assert quote_matrix(quotes, variants.iloc[0:0], documents) is None
    assert quote_matrix(quotes, variants[variants["doc_id"] == "b"], documents) is None
    statements, windows = _statements()
    fig = statement_timeline(statements, variants, windows)
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert labels[0].startswith("Ana Diaz: “We will build") and len(labels) == 2
    one = statement_timeline(statements, variants, windows, top_n=1)
    assert "1 more statements" in one.axes[0].get_title()
    undated = windows.assign(published_min=None, published_max=None)
    assert statement_timeline(statements.assign(said_min=None, said_max=None), variants,
                              undated) is None


def test_labels_with_dollar_signs_are_drawn_as_text():
    """A speaker named "$x$ and $y$" is a label, not mathematics for matplotlib."""
    _, _, _, _, variants, _, _ = _tables()
    statements, windows = _statements("$x$ and $y$")
    fig = statement_timeline(statements, variants, windows)
    fig.canvas.draw()  # typesetting "$x$" as mathematics would fail or change the label
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert any(label.startswith("$x$ and $y$: ") for label in labels)
    assert all(not t.get_parse_math() for t in fig.axes[0].get_yticklabels())


def test_tables_on_the_page_escape_text_in_lists_and_records():
    from quotetrail.display import preview

    hostile = "<img src=x onerror=alert(1)>"
    table = pd.DataFrame({"evidence": [{"doc_ids": [hostile]}], "ids": [[hostile]],
                          "text": [hostile * 3], "day": [date(2024, 1, 2)]})
    page = preview(table, width=40)._repr_html_()
    assert "<img" not in page and page.count("&lt;img") >= 3
    assert "2024-01-02" in page and ">0<" not in page  # no row numbers
    assert "The first 1 of 2 rows" in preview(pd.concat([table, table]), rows=1)._repr_html_()


def test_a_table_on_the_page_is_the_same_html_each_time():
    from quotetrail.display import preview

    table = pd.DataFrame({"speaker": ["Jane Doe", "Tom Roe"], "n": [3, 1]})
    page = preview(table)._repr_html_()
    assert page == preview(table.copy())._repr_html_()  # no random ids
    other = preview(table.head(1))._repr_html_()
    ids = {re.search(r'<table id="([^"]+)"', p).group(1) for p in (page, other)}
    assert len(ids) == 2  # two tables on one page keep apart


def test_numbers_on_the_page_read_as_numbers():
    from quotetrail.display import preview

    table = pd.DataFrame({"confidence": [0.64, 0.2816, None], "value": [19.0, 1234.5, 2.0]})
    page = preview(table)._repr_html_()
    cells = re.findall(r'<td [^>]*>([^<]*)</td>', page)
    assert cells == ["0.64", "19", "0.282", "1,234.5", "", "2"]


def test_a_headline_that_drops_the_hedge_is_flagged():
    from quotetrail.findings.flags import headline_flags
    from quotetrail.findings.names import article_names
    from quotetrail.findings.statements import confirmation_findings
    from quotetrail.findings.trails import build_trails

    statements = pd.DataFrame({"statement_id": ["s0001"], "speaker": ["Ana Diaz"],
                               "canonical_text": ["The bridge may reopen to traffic in May "
                                                  "if the repairs hold."],
                               "occasion_text": [None], "said_min": [None], "said_max": [None],
                               "first_doc": ["a"], "first_how": ["dated"]})
    variants = pd.DataFrame({"statement_id": ["s0001", "s0001"], "quote_id": ["a:q1", "b:q1"],
                             "doc_id": ["a", "b"], "is_canonical": [True, False],
                             "relation": ["exact", "paraphrase"], "diff": ["", ""],
                             "changed": ["", ""], "independent": [True, True],
                             "source_doc": [None, None]})
    quotes = pd.DataFrame({"quote_id": ["a:q1", "b:q1"], "text": ["x", "y"]})
    documents = pd.DataFrame({"doc_id": ["a", "b"], "outlet": ["Post", "Times"],
                              "title": ["Bridge will reopen to traffic in May",
                                        "Council weighs the budget"]})
    names = article_names(documents)
    [flag] = headline_flags(statements, variants, documents, names)
    assert flag.key == "a" and "drops the condition “if”" in flag.sentence
    assert flag.doc_ids == ("a",) and flag.quote_ids == ("a:q1",)
    nobody = statements.assign(speaker=None)  # no speaker: no ground for a headline flag
    assert headline_flags(nobody, variants, documents, names) == []
    trails = build_trails(statements, variants, quotes, names)
    alone, fidelity = confirmation_findings(trails, variants, documents)
    assert alone["value"] == 0 and fidelity["statement"].endswith("Times 0 of 1.")


def _story():
    """Four articles: Post prints a remark; an article with no outlet copies Post without
    naming it (and reports a claim nobody is named as making); Times reframes the remark,
    dropping its condition, under a headline that drops it too; a fourth article has the
    copy's headline, outlet and window. Post also quotes one remark twice, which has not
    travelled."""
    documents = pd.DataFrame({
        "doc_id": ["a", "b", "c", "d"], "outlet": ["Post", None, "Times", None],
        "title": ["Mayor on the bridge", "Bridge news", "Bridge will reopen to traffic in May",
                  "Bridge news"],
        "text": ["The mayor spoke.", "The mayor spoke, it was said.", "Times text.", "Other."],
        "published": [date(2024, 3, 1), None, None, None],
        "published_min": [date(2024, 3, 1), date(2024, 3, 1), date(2024, 3, 2),
                          date(2024, 3, 1)],
        "published_max": [date(2024, 3, 1), None, date(2024, 4, 30), None]})
    quotes = pd.DataFrame({
        "quote_id": ["a:q1", "b:q1", "c:q1", "b:q2", "a:q2", "a:q3"],
        "doc_id": ["a", "b", "c", "b", "a", "a"],
        "kind": ["direct", "direct", "indirect", "indirect", "direct", "direct"],
        "text": ["The bridge may reopen to traffic in May if the repairs hold.",
                 "The bridge may reopen to traffic in May if the repairs hold.",
                 "that the bridge will reopen to traffic in May",
                 "that the <b>tolls</b> will double", "Thank you all.", "Thank you all."],
        "speaker": ["Ana Diaz", "Ana Diaz", "Ana Diaz", None, "Ana Diaz", "Ana Diaz"]})
    variants = pd.DataFrame({
        "statement_id": ["s1", "s1", "s1", "s2", "s3", "s3"],
        "quote_id": ["a:q1", "b:q1", "c:q1", "b:q2", "a:q2", "a:q3"],
        "doc_id": ["a", "b", "c", "b", "a", "a"],
        "is_canonical": [True, False, False, True, True, False],
        "relation": ["exact", "exact", "reframing", "exact", "exact", "exact"],
        "diff": ["", "", "-may | +will | -if the repairs hold.", "", "", ""],
        "changed": ["", "", "strength: may → will; condition dropped: if", "", "", ""],
        "lag_min_days": pd.array([None] * 6, dtype="Int64"),
        "lag_max_days": pd.array([None] * 6, dtype="Int64")})
    statements = pd.DataFrame({
        "statement_id": ["s1", "s2", "s3"], "speaker": ["Ana Diaz", None, "Ana Diaz"],
        "occasion_text": ["at a council meeting", None, None],
        "said_min": [None, None, None], "said_max": [date(2024, 3, 1), None, None],
        "canonical_text": ["The bridge may reopen to traffic in May if the repairs hold.",
                           "that the <b>tolls</b> will double", "Thank you all."],
        "first_doc": ["a", "b", "a"], "first_how": ["dated", "only one", "only one"],
        "n_docs": [3, 1, 1], "n_printings": [3, 1, 2]})
    links = pd.DataFrame([{"source_doc": "a", "derived_doc": "b", "shared_statements": 1,
                           "reuse_score": 0.8, "align_score": 0.5, "relation": "copy",
                           "direction_confidence": 0.9, "evidence": "x", "aligned": []},
                          {"source_doc": "a", "derived_doc": "c", "shared_statements": 1,
                           "reuse_score": 0.01, "align_score": 0.0,
                           "relation": "independent", "direction_confidence": 0.9,
                           "evidence": "x", "aligned": []}])
    from quotetrail.align.independence import with_independence

    return documents, quotes, with_independence(variants, links), statements, links


def _independent_by_links(statement_id, doc_id, variants, links) -> bool:
    """Read straight from doc_links: no copy or rewrite of an article printing the same
    statement."""
    printers = set(variants.loc[variants["statement_id"] == statement_id, "doc_id"])
    derived = links[links["relation"].isin(["copy", "rewrite"])
                    & (links["derived_doc"] == doc_id)]
    return not set(derived["source_doc"]) & printers


def test_each_finding_reads_back_against_the_tables():
    from quotetrail.findings.flags import KINDS
    from quotetrail.findings.names import article_names
    from quotetrail.findings.trails import build_trails

    documents, quotes, variants, statements, links = _story()
    speakers = pd.DataFrame({"speaker": ["Ana Diaz"], "n_quotes": [5]})
    findings = compute_findings(documents, rejected_table([]), quotes, speakers, variants,
                                links, _tables()[-1].iloc[0:0], statements=statements)
    validate(findings, "findings")
    trails = build_trails(statements, variants, quotes, article_names(documents))
    assert [t.statement_id for t in trails] == ["s1"]  # articles, not printings: s3 stays
    for t in trails:
        for p in t.printings:
            assert p.independent == _independent_by_links(t.statement_id, p.doc_id, variants,
                                                          links), p
    by = findings.set_index("finding")
    told = by.loc["statement_s1", "statement"]
    printers = variants[variants["statement_id"] == "s1"]
    independent = {d for d in printers["doc_id"]
                   if _independent_by_links("s1", d, variants, links)}
    assert independent == {"a", "c"}
    assert f"Printed by {printers['doc_id'].nunique()} articles" in told
    outlets = documents.set_index("doc_id").loc[sorted(set(printers["doc_id"])), "outlet"]
    assert f"from {outlets.dropna().nunique()} outlets and 1 with outlet unknown" in told
    assert f"{len(independent)} of them independent" in told
    flags = by[by.index.str.startswith("flag:")]
    kinds = {f.split(":")[1] for f in flags.index}
    assert kinds == set(KINDS)
    for finding in flags.index:
        _, kind, key = finding.split(":", 2)
        if kind == "copy":
            assert ((links["derived_doc"] == key) & links["relation"].isin(["copy", "rewrite"])
                    ).any()
        elif kind == "reframing":
            assert variants.set_index("quote_id").loc[key, "relation"] == "reframing"
        elif kind == "unattributed":
            q = quotes.set_index("quote_id").loc[key]
            assert q["kind"] == "indirect" and pd.isna(q["speaker"])
        elif kind == "headline":
            assert key == "c"
    assert "drops the condition “if”" in by.loc["flag:reframing:c:q1", "statement"]
    assert "&lt;" not in by.loc["flag:unattributed:b:q2", "statement"]  # escaped on pages
    ids = set(quotes["quote_id"]) | {"b", "c", "d"}
    for sentence in findings["statement"]:  # names people read, never an id
        assert not any(re.search(rf"(?<![\w:]){re.escape(i)}(?![\w:])", sentence)
                       for i in ids if len(i) > 1), sentence
    assert by.loc["statements_without_independent_confirmation", "value"] == 0


def test_articles_are_named_as_readers_know_them():
    from quotetrail.findings.names import article_names

    documents, *_ = _story()
    names = article_names(documents)
    assert names["a"].label == "Post, “Mayor on the bridge”, 2024-03-01"
    assert names["b"].label == "outlet unknown, “Bridge news” (1 of 2), after 2024-03-01"
    assert names["d"].label == "outlet unknown, “Bridge news” (2 of 2), after 2024-03-01"
    assert names["a"].tag == "" and names["c"].when == "2024-03-02 to 2024-04-30"


def test_a_trail_is_drawn_with_its_copies_and_escaped():
    from quotetrail.findings.names import article_names, page_files
    from quotetrail.findings.trail_view import trail_card, trail_svg
    from quotetrail.findings.trails import build_trails

    documents, quotes, variants, statements, links = _story()
    documents.loc[0, "outlet"] = "<script>alert(1)</script>"
    statements.loc[0, "speaker"] = "Ana <img src=x onerror=alert(2)>"
    names = article_names(documents)
    [trail] = build_trails(statements, variants, quotes, names)
    svg = trail_svg(trail)
    assert svg.count("<circle") == 2 and svg.count("<rect") >= 1  # verbatim ×2, reframing
    assert svg.count('fill="#fff"') == 1  # the copy is hollow …
    assert svg.count("stroke-dasharray") == 1  # … with a line to its source
    assert "outlet unknown" in svg and "<script" not in svg
    card = trail_card(trail, page_files(names))
    assert "<script" not in card and "<img" not in card and "&lt;img src=x" in card
    assert 'href="articles/b.html#q-b:q1"' in card and 'title="b"' in card
    assert "copied or rewritten from &lt;script&gt;" in card
    assert "<del>if the repairs hold.</del>" in card and "drops the condition" in card


def test_a_trail_figure_stays_small_on_a_large_corpus():
    """Sixty printings from thirty outlets: at most ten rows and forty marks are drawn, and
    the note says the list has them all."""
    from quotetrail.findings.names import ArticleName
    from quotetrail.findings.trail_view import MAX_DRAWN, MAX_ROWS, trail_svg
    from quotetrail.findings.trails import Printing, Trail

    printings = [Printing(f"d{i}:q1", f"d{i}", ArticleName(
        f"d{i}", f"Outlet {i % 30}", "Head", True, date(2024, 1, 1 + i % 28),
        date(2024, 1, 1 + i % 28), True), "exact", "verbatim", True, None, "w", "", "")
        for i in range(60)]
    svg = trail_svg(Trail("s1", "Ana Diaz", "w", None, None, None, printings))
    assert svg.count('class="tq-row"') == MAX_ROWS and "other outlets" in svg
    assert svg.count("<circle") == MAX_DRAWN and "all 60 are listed below" in svg
