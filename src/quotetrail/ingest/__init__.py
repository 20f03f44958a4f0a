"""Stage 1, ingest: a corpus folder in, the ``documents`` and ``rejected`` tables out."""

from __future__ import annotations

from pathlib import Path

from quotetrail.ingest.dating import Context, load_context
from quotetrail.ingest.documents import build_documents, parse_article
from quotetrail.ingest.readers import DEFAULT_MAX_BYTES, RawArticle, Rejected, read_corpus
from quotetrail.schemas import rejected_table


def ingest(corpus_dir: str | Path, max_bytes: int = DEFAULT_MAX_BYTES,
           context: Context | None = None):
    """Read and clean every article below ``corpus_dir``.

    Returns ``(documents, rejected)``; a file that cannot be used is a row of
    ``rejected`` naming the file and the reason, and the others go on. ``context``
    holds the reference tables that narrow undated articles' publication windows.
    """
    articles, rejected = read_corpus(corpus_dir, max_bytes=max_bytes)
    documents, more = build_documents(articles, context)
    return documents, rejected_table(rejected + more)


__all__ = ["DEFAULT_MAX_BYTES", "Context", "RawArticle", "Rejected", "build_documents",
           "ingest", "load_context", "parse_article", "read_corpus"]
