"""Turning raw articles into the ``documents`` table (one row per article)."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from quotetrail.ingest import clutter, metadata
from quotetrail.ingest.dating import EMPTY_CONTEXT, Context, date_article
from quotetrail.ingest.readers import RawArticle, Rejected
from quotetrail.schemas import SCHEMAS, empty, failure_reason, rejection

MIN_BODY_WORDS = 15  # fewer words than this is a page fragment, not an article
# spaCy's own limit on one text: longer ones are books or dumps, and parsing them at once
# needs memory in proportion; the article is rejected with the reason instead
MAX_ARTICLE_CHARS = 1_000_000


def _words(n: int) -> str:
    return f"{n:,} word{'' if n == 1 else 's'}"


def no_body_reason(page: clutter.Page, kept: int = 0) -> str:
    """Why no article body is left, in the words of what happened: too short from the
    start, no paragraph of running text, or clutter removed (how much of it); ``kept``
    is the body's word count when there is a body."""
    total = sum(len(line.words) for line in page.lines)
    if total < MIN_BODY_WORDS:
        return (f"too short to be an article ({_words(total)}; an article has at least "
                f"{MIN_BODY_WORDS})")
    if not page.body and len(page.reasons) < len(page.lines):
        removed = len(page.reasons)
        return (f"no paragraph of running text ({_words(total)} in {len(page.lines):,} "
                f"line{'' if len(page.lines) == 1 else 's'}, none a sentence of 8 words or "
                f"more" + (f"; {removed:,} removed as clutter)" if removed else ")"))
    return (f"no article body found after removing page clutter ({_words(total - kept)} "
            f"of {total:,} removed, {_words(kept)} left; an article has at least "
            f"{MIN_BODY_WORDS})")


def parse_article(raw: RawArticle, context: Context | None = None) -> dict:
    """One ``documents`` row: clean body, metadata, and every removed span with its reason."""
    page = clutter.classify(raw.raw_text, zoned=not raw.extracted)
    reasons = dict(page.reasons)
    if not page.body:
        raise Rejected(no_body_reason(page))
    meta = raw.meta
    around = page.header + page.trailer

    title = meta.get("title")
    if not title:
        heads = [ln for ln in page.header if metadata.is_headline(ln)]
        if heads:
            title = heads[-1].text
            reasons[heads[-1].index] = "headline"

    published, how, evidence = metadata.parse_date(meta.get("published")), "metadata", None
    if published:
        evidence = f"publication date given with the article: {meta['published']!r}"
    else:
        for line in around:
            stated = metadata.dateline(line)
            if stated:
                published, how, evidence = stated, "stated", f"dateline: {line.text!r}"
                reasons[line.index] = "dateline"
                break

    author = meta.get("author")
    body = []
    in_body = {line.index for line in page.body}
    for line in page.body + around:
        name = metadata.byline(line)
        if name:
            author = author or name
            reasons[line.index] = "byline"
        elif line.index in in_body:
            body.append(line)
    kept = sum(len(line.words) for line in body)
    if kept < MIN_BODY_WORDS:
        raise Rejected(no_body_reason(page, kept))
    size = sum(len(line.text) + 2 for line in body)
    if size > MAX_ARTICLE_CHARS:
        raise Rejected(f"article too long ({size:,} characters > limit {MAX_ARTICLE_CHARS:,})")

    outlet = meta.get("outlet")
    for line in page.trailer:
        name = metadata.signature(line) if line.index not in reasons and not outlet else None
        if name:
            outlet = name
            reasons[line.index] = "outlet signature"
    if not outlet:
        holders = [metadata.copyright_holder(ln) for ln in page.lines if ln.index in reasons]
        outlet = next((h for h in holders if h), None)

    for line in page.header:
        reasons.setdefault(line.index, "page header (banner, menu or section label)")
    for line in page.trailer:
        reasons.setdefault(line.index, "page footer")

    text = "\n\n".join(line.text.replace("\u00a0", " ") for line in body)
    dating = date_article(text, context or EMPTY_CONTEXT, published, how, evidence)
    removed = [
        {"start": ln.start, "end": ln.end, "reason": reasons[ln.index], "text": ln.text}
        for ln in page.lines
        if ln.index in reasons
    ]
    return {
        "doc_id": raw.doc_id,
        "source_path": raw.source_path,
        "sha256": raw.sha256,
        "title": title,
        "outlet": outlet,
        "author": author,
        "url": meta.get("url"),
        "published": dating.published,
        "published_how": dating.how,
        "published_min": dating.date_min,
        "published_max": dating.date_max,
        "published_evidence": dating.evidence,
        "language": metadata.language(text),
        "text": text,
        "cited_sources": metadata.cited_sources(text, outlet),
        "removed": removed,
    }


def document_or_reason(raw: RawArticle, context: Context | None = None
                       ) -> tuple[dict | None, str | None]:
    """(row, None) for an article that parses, (None, why) for one given up: a bug met on
    one article must not lose the others."""
    try:
        return parse_article(raw, context), None
    except Rejected as err:
        return None, str(err)
    except Exception as err:
        return None, failure_reason(err)


def build_documents(
    articles: Iterable[RawArticle], context: Context | None = None
) -> tuple[pd.DataFrame, list[dict]]:
    """Parse every article; those that fail become rejection records, never exceptions."""
    rows, rejected = [], []
    for raw in articles:
        row, reason = document_or_reason(raw, context)
        if row is not None:
            rows.append(row)
        else:
            rejected.append(rejection(raw.source_path, reason, row=raw.row, doc_id=raw.doc_id))
    if not rows:
        return empty("documents"), rejected
    return pd.DataFrame(rows, columns=list(SCHEMAS["documents"].columns)), rejected
