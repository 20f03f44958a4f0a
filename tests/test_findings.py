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
        "the narrowest: article b, published 2023-05-01 to 2023-06-30.")


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
    assert len(matrix.axes[0].get_yticklabels()) == 2
    assert quote_matrix(quotes, variants.iloc[0:0], documents) is None
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
    from quotetrail.findings.statements import confirmation_findings, headline_findings

    statements = pd.DataFrame({"statement_id": ["s0001"], "n_docs": [2], "n_independent": [1],
                               "canonical_text": ["The bridge may reopen to traffic in May "
                                                  "if the repairs hold."]})
    variants = pd.DataFrame({"statement_id": ["s0001", "s0001"], "quote_id": ["a:q1", "b:q1"],
                             "doc_id": ["a", "b"], "is_canonical": [True, False],
                             "relation": ["exact", "paraphrase"]})
    documents = pd.DataFrame({"doc_id": ["a", "b"], "outlet": ["Post", "Times"],
                              "title": ["Bridge will reopen to traffic in May",
                                        "Council weighs the budget"]})
    flagged = headline_findings(statements, variants, documents)[0]
    assert flagged["value"] == 1 and "condition dropped: if" in flagged["statement"]
    assert flagged["evidence"]["doc_ids"] == ["a"]
    alone, fidelity = confirmation_findings(statements, variants, documents)
    assert alone["value"] == 1 and fidelity["statement"].endswith("Times 0 of 1.")
