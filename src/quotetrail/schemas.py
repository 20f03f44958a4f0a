"""The data contract between stages, as pandera schemas.

Every table a stage returns is validated here before it is written, and again when
it is read, so a broken stage fails at its own boundary rather than three notebooks
later. The column descriptions double as the README's data dictionary
(``python -m quotetrail.schemas``).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
import pandera.pandas as pa


def _is_list_column(series: pd.Series) -> bool:
    return bool(series.map(lambda v: isinstance(v, (list, tuple, np.ndarray))).all())


def _is_dict_column(series: pd.Series) -> bool:
    return bool(series.map(lambda v: isinstance(v, Mapping)).all())


LIST = pa.Check(_is_list_column, error="every value must be a list")
RECORD = pa.Check(_is_dict_column, error="every value must be a record")


def _col(dtype, description: str, nullable: bool = False, checks=None, unique: bool = False):
    return pa.Column(
        dtype, nullable=nullable, checks=checks, unique=unique, description=description,
        coerce=dtype not in (object,),
    )


def _text(description: str, nullable: bool = False, isin=None, unique: bool = False):
    checks = [pa.Check.isin(sorted(isin))] if isin else None
    return _col(str, description, nullable=nullable, checks=checks, unique=unique)


def _list(description: str):
    return _col(object, description, checks=[LIST])


def _date(description: str):
    return _col(object, description, nullable=True)


def _offset(description: str, nullable: bool = False):
    return _col("Int64", description, nullable=nullable, checks=[pa.Check.ge(0)])


PUBLISHED_HOW = {"stated", "metadata", "inferred", "unknown"}
QUOTE_KINDS = {"direct", "partial", "block", "indirect", "scare", "title"}
RELATIONS = {"exact", "near", "truncated", "spliced", "part", "paraphrase", "reframing"}
OCCASIONS = {"interview", "press conference", "meeting", "speech", "post", "statement"}
LINK_RELATIONS = {"copy", "rewrite", "same-source", "independent"}
GRANULARITIES = {"time", "day", "week", "month", "quarter", "season", "year", "decade", "century",
                 "duration", "set", "ref"}
TIMEX_TYPES = {"DATE", "TIME", "DURATION", "SET"}
ANCHORS = {"explicit", "publication date", "event", "unresolved"}
EVENT_KINDS = {"statement", "event", "publication"}
STAGE_NAMES = {"ingest", "quotes", "timeline"}

SCHEMAS: dict[str, pa.DataFrameSchema] = {
    "documents": pa.DataFrameSchema(
        {
            "doc_id": _text("file stem (plus row number for multi-article files)", unique=True),
            "source_path": _text("path of the input file, relative to the corpus folder"),
            "sha256": _text("SHA-256 of the input file's bytes"),
            "title": _text("headline, not a site banner or section heading", nullable=True),
            "outlet": _text("publication that printed the article, where it says so",
                            nullable=True),
            "author": _text("byline", nullable=True),
            "url": _text("address of the article, where known", nullable=True),
            "published": _date("publication date the article states (date or null)"),
            "published_how": _text("where `published` came from", isin=PUBLISHED_HOW),
            "published_min": _date("earliest possible publication date"),
            "published_max": _date("latest possible publication date"),
            "published_evidence": _text("why the date or window holds", nullable=True),
            "language": _text("ISO 639-1 code of the body's language, 'und' if unsure"),
            "text": _text("clean body; every offset in other tables points into it"),
            "cited_sources": _list("who the article says its information came from"),
            "removed": _list(
                "boilerplate spans of the raw text: records of start, end, reason, text"
            ),
        },
        strict=True,
        name="documents",
    ),
    "rejected": pa.DataFrameSchema(
        {
            "source_path": _text("path of the input file, relative to the corpus folder"),
            "row": _col("Int64", "row of a multi-article file (JSONL, CSV), else null",
                        nullable=True),
            "stage": _text("stage that gave the article up (ingest, quotes, timeline)",
                           isin=STAGE_NAMES),
            "doc_id": _text("the article's id, when it got that far", nullable=True),
            "reason": _text("why it was not read as an article, or what failed on it"),
        },
        strict=True,
        name="rejected",
    ),
    "quotes": pa.DataFrameSchema(
        {
            "quote_id": _text("doc_id:q<n>, stable across reruns", unique=True),
            "doc_id": _text("article the quotation is in"),
            "kind": _text("direct, partial, block, indirect (reported speech), scare (a word "
                          "or two in marks, unattributed) or title (a name in marks)",
                          isin=QUOTE_KINDS),
            "text": _text("the quoted words, exactly documents.text[start:end]"),
            "start": _offset("character offset of the quotation in documents.text"),
            "end": _offset("end offset (exclusive)"),
            "speaker": _text("canonical speaker (see the speakers table)", nullable=True),
            "speaker_mention": _text("how the article names the speaker here", nullable=True),
            "speaker_start": _offset("offset of the speaker mention", nullable=True),
            "speaker_end": _offset("end offset of the speaker mention", nullable=True),
            "cue": _text("reporting word linking speaker and quotation (said, stated, …)",
                         nullable=True),
            "cue_start": _offset("offset of the cue (fragments of one quotation share it)",
                                 nullable=True),
            "cue_end": _offset("end offset of the cue", nullable=True),
            "attribution": _text(
                "how the speaker was found",
                isin={"explicit", "pronoun", "role", "inherited", "according-to", "none"},
            ),
            "confidence": _col(float, "0–1, reflects how the speaker was found (and, for "
                               "the model's rows, its probability)",
                               checks=[pa.Check.in_range(0, 1)]),
            "reader": _text("what read it: the rules, or the model of reported speech the "
                            "rules do not name (quotes/learned.py)", isin={"rules", "model"}),
            "construction": _text("for reported speech the rules read, the named construction "
                                  "that read it (reported clause, object said, according to, "
                                  "…: quotes/verbs.py, quotes/reported.py)", nullable=True),
        },
        strict=True,
        name="quotes",
    ),
    "speakers": pa.DataFrameSchema(
        {
            "speaker": _text("canonical name", unique=True),
            "aliases": _list("every form the corpus uses for this speaker"),
            "role": _text("title or description the corpus gives the speaker", nullable=True),
            "kind": _text("person or organisation", isin={"person", "organisation"}),
            "n_quotes": _col("int64", "quotations attributed to this speaker"),
        },
        strict=True,
        name="speakers",
    ),
    "statements": pa.DataFrameSchema(
        {
            "statement_id": _text("s<n>, numbered by first printing", unique=True),
            "speaker": _text("canonical speaker (null when no printing names one)",
                             nullable=True),
            "other_speakers": _text("other speakers its printings name (\"; \"-joined): a "
                                    "disagreement about who said it", nullable=True),
            "occasion": _text("how it was said, as an article names it", nullable=True,
                              isin=OCCASIONS),
            "occasion_text": _text("the words naming the occasion", nullable=True),
            "occasion_doc": _text("article those words are in", nullable=True),
            "occasion_start": _offset("offset of those words in its text", nullable=True),
            "occasion_end": _offset("end offset", nullable=True),
            "said_min": _date("earliest date it can have been said (null: unknown)"),
            "said_max": _date("latest date it can have been said (null: unknown)"),
            "said_how": _text("the evidence for both bounds, and any conflict between rules"),
            "said_doc": _text("article whose attribution dates the saying", nullable=True),
            "said_start": _offset("offset of that date expression", nullable=True),
            "said_end": _offset("end offset", nullable=True),
            "canonical_quote_id": _text("the fullest verbatim printing, which stands for it"),
            "canonical_text": _text("its words"),
            "first_doc": _text("the article that printed it first"),
            "first_how": _text("why that article is taken to be first"),
            "first_confidence": _col(float, "0–1 confidence in first_doc",
                                     checks=[pa.Check.in_range(0, 1)]),
            "n_printings": _col("int64", "quotations that print it"),
            "n_docs": _col("int64", "articles that print it"),
            "n_outlets": _col("int64", "named outlets that print it (an article whose "
                              "outlet is unknown adds none)"),
            "n_independent": _col("int64", "articles not copied or rewritten from another "
                                  "article that prints it"),
            "n_exact": _col("int64", "printings identical to the canonical form"),
            "n_near": _col("int64", "printings differing in typography or a few letters"),
            "n_truncated": _col("int64", "printings that are a piece of it"),
            "n_spliced": _col("int64", "printings joining pieces of it"),
            "n_paraphrase": _col("int64", "printings saying it in other words"),
            "n_reframing": _col("int64", "printings that change a referent, strength, "
                                "hedge, polarity or condition"),
            "n_part": _col("int64", "other pieces of the remark, joined through their cue "
                           "(a quotation split by \"she said\", quoted words in a reported "
                           "clause)"),
            "confidence": _col(float, "mean membership confidence of its printings",
                               checks=[pa.Check.in_range(0, 1)]),
        },
        strict=True,
        name="statements",
    ),
    "quote_variants": pa.DataFrameSchema(
        {
            "statement_id": _text("the statement this quotation prints"),
            "quote_id": _text("a quotation (direct, partial, block or indirect)", unique=True),
            "doc_id": _text("its article"),
            "is_canonical": _col(bool, "true for the statement's canonical form"),
            "relation": _text("how this printing relates to the canonical form",
                              isin=RELATIONS),
            "similarity": _col(float, "0–1: word similarity, or the content model's "
                               "probability for a paraphrase or reframing",
                               checks=[pa.Check.in_range(0, 1)]),
            "membership": _col(float, "0–1 confidence that it belongs to the statement",
                               checks=[pa.Check.in_range(0, 1)]),
            "diff": _text("word-level changes from the canonical form (-removed +added)"),
            "changed": _text("for a reframing, what changed in meaning (else empty)"),
            "independent": _col(bool, "false when its article is a copy or rewrite of "
                                "another article that prints the same statement"),
            "source_doc": _text("that other article (null when independent)", nullable=True),
            "lag_min_days": _col("Int64", "fewest days between saying and this printing",
                                 nullable=True, checks=[pa.Check.ge(0)]),
            "lag_max_days": _col("Int64", "most days between saying and this printing",
                                 nullable=True, checks=[pa.Check.ge(0)]),
        },
        strict=True,
        name="quote_variants",
    ),
    "doc_links": pa.DataFrameSchema(
        {
            "source_doc": _text("the earlier article of the pair"),
            "derived_doc": _text("the later article"),
            "shared_statements": _col("int64", "statements both articles print"),
            "reuse_score": _col(float, "share of the later article's own wording (outside "
                                "quotations) found in the earlier one",
                                checks=[pa.Check.in_range(0, 1)]),
            "align_score": _col(float, "share of the shorter article's own sentences that "
                                "restate the other's, in order",
                                checks=[pa.Check.in_range(0, 1)]),
            "relation": _text("copy, rewrite, same-source or independent", isin=LINK_RELATIONS),
            "direction_confidence": _col(float, "0–1 confidence in which came first",
                                         checks=[pa.Check.in_range(0, 1)]),
            "evidence": _text("why the relation and the direction were chosen"),
            "aligned": _list("sentence pairs that restate each other: records of "
                             "source_start, source_end, derived_start, derived_end, score"),
        },
        strict=True,
        name="doc_links",
    ),
    "doc_windows": pa.DataFrameSchema(
        {
            "doc_id": _text("the article", unique=True),
            "published_min": _date("earliest date it can have been published"),
            "published_max": _date("latest date it can have been published"),
            "how": _text("the evidence for both bounds (its own date, a source it copies, a "
                         "statement it prints), and any conflict"),
            "narrowed": _col(bool, "true where the corpus narrowed the article's own window"),
        },
        strict=True,
        name="doc_windows",
    ),
    "events": pa.DataFrameSchema(
        {
            "event_id": _text("doc_id:e<n>, stable across reruns", unique=True),
            "doc_id": _text("article the expression is in"),
            "expression": _text("the date expression as written"),
            "start": _offset("offset in documents.text (null for metadata dates)", nullable=True),
            "end": _offset("end offset", nullable=True),
            "date_min": _date("earliest date the expression can mean"),
            "date_max": _date("latest date the expression can mean"),
            "granularity": _text("grain of the expression: time, day, week, month, quarter, "
                                 "season, year, decade, century; duration, set or ref(erence) "
                                 "where it "
                                 "names no date", isin=GRANULARITIES),
            "anchor": _text("what a relative expression was resolved against", isin=ANCHORS),
            "kind": _text("statement, event or publication", isin=EVENT_KINDS),
            "quote_id": _text("the quotation, when the event is its statement", nullable=True),
            "type": _text("TIMEX3 type: DATE, TIME, DURATION or SET", isin=TIMEX_TYPES),
            "value": _text("TIMEX3 value at the expression's grain (2024-08-27, 2024-W35, "
                           "P3D, PRESENT_REF); null where the window leaves it open",
                           nullable=True),
            "in_quote": _col(bool, "true where the expression is inside a quotation: the "
                                   "speaker's date, kept but never a statement date"),
            "dates": _text("what the expression dates, where that is known: the statement "
                           "(quote_id), the article's publication, or an event it modifies "
                           "(\"the July election\"); null where unknown, and for durations, "
                           "sets and references", nullable=True, isin=EVENT_KINDS),
        },
        strict=True,
        name="events",
    ),
    "findings": pa.DataFrameSchema(
        {
            "finding": _text("short name of the finding", unique=True),
            "value": _col(float, "the number behind it", nullable=True),
            "evidence": _col(object, "quote_ids, doc_ids and event_ids it rests on",
                             checks=[RECORD]),
            "statement": _text("human-readable sentence computed from the data"),
        },
        strict=True,
        name="findings",
    ),
}


def validate(df: pd.DataFrame, name: str) -> pd.DataFrame:
    """Validate ``df`` as table ``name``; columns come back in contract order."""
    schema = SCHEMAS[name]
    df = df.reindex(columns=list(schema.columns)) if set(df.columns) == set(schema.columns) else df
    try:
        return schema.validate(df, lazy=True)
    except pa.errors.SchemaErrors as err:
        summary = err.failure_cases[["column", "check", "failure_case"]].head(10).to_string()
        raise ValueError(f"table '{name}' breaks the data contract:\n{summary}") from None


def empty(name: str) -> pd.DataFrame:
    """An empty table with the contract's columns, for stages with nothing to report."""
    return pd.DataFrame({col: pd.Series([], dtype=object) for col in SCHEMAS[name].columns})


def rejection(source_path: str, reason: str, stage: str = "ingest", row: int | None = None,
              doc_id: str | None = None) -> dict:
    """One row of the ``rejected`` table: what was given up, where, at which stage, why."""
    return {"source_path": source_path, "row": row, "stage": stage, "doc_id": doc_id,
            "reason": reason}


def rejected_table(records: list[dict]) -> pd.DataFrame:
    """The ``rejected`` table from ``rejection`` records, in a stable order."""
    df = pd.DataFrame(records, columns=list(SCHEMAS["rejected"].columns))
    df["row"] = df["row"].astype("Int64")
    return df.sort_values(["source_path", "row", "stage"], ignore_index=True,
                          na_position="first")


def failure_reason(err: BaseException) -> str:
    """What a stage says when its code fails on one article: the error's type and
    message, one line, bounded (the message may quote the article)."""
    message = " ".join(str(err).split())
    return f"could not be processed ({type(err).__name__}: {message[:200]})"


def data_dictionary() -> str:
    """Markdown tables describing every column of every table."""
    out = []
    for name, schema in SCHEMAS.items():
        out.append(f"### `{name}`\n\n| column | meaning |\n|---|---|")
        out += [f"| `{c}` | {col.description} |" for c, col in schema.columns.items()]
        out.append("")
    return "\n".join(out)


if __name__ == "__main__":
    print(data_dictionary())
