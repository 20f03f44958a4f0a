"""Stage 2b, alignment: ``quotes`` in; ``statements``, ``quote_variants``, ``doc_links`` and
``doc_windows`` out.

Quotations are grouped into statements (one utterance, by one speaker, on one
occasion, however it was printed); articles are then linked by the statements they
share and by how much of their own wording and sentences one takes from the other;
then the dates settle: when each statement was said and each article printed, bounds
that inform each other (see ``windows``); finally each statement is summed up: when it
was said, its first printing, independent printings, fidelity.
"""

from __future__ import annotations

import time

import pandas as pd
from tqdm.auto import tqdm

from quotetrail.align.encoder import Encoder, ModelMissing, shared_encoder
from quotetrail.align.independence import with_independence
from quotetrail.align.links import (
    REWRITE_SHARE,
    REWRITE_THRESHOLD,
    OwnWords,
    article_words,
    link_articles,
    link_documents,
)
from quotetrail.align.pairs import PairModel, load_model
from quotetrail.align.statements import (
    SAID_WITHIN_DAYS,
    ContentScorer,
    Printing,
    by_article,
    describe,
    group,
    printings,
    statement_table,
)
from quotetrail.align.windows import propagate, window_table, with_lags
from quotetrail.schemas import SCHEMAS

META_COLUMNS = ["doc_id", "published", "published_min", "published_max", "outlet",
                "cited_sources"]  # what the steps over the corpus read of an article


def read_articles(documents: pd.DataFrame, quotes: pd.DataFrame,
                  said_within_days: int = SAID_WITHIN_DAYS, progress=None, first_row: int = 0
                  ) -> tuple[list[Printing], dict[str, OwnWords]]:
    """All that the steps over the corpus read from the articles' texts: their
    quotations as printings, in printing order, and their own wording. Each article is
    read on its own, so partitions of the corpus can be read apart (``engine``);
    ``quotes`` holds rows ``first_row`` onwards of the corpus's table."""
    quoted = by_article(quotes, first_row)
    return (printings(documents, quoted, said_within_days, progress=progress),
            article_words(documents, quoted))


def align(documents: pd.DataFrame, quotes: pd.DataFrame,
          said_within_days: int = SAID_WITHIN_DAYS, progress: bool = False,
          timings: dict[str, float] | None = None, **settings
          ) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(statements, quote_variants, doc_links, doc_windows) of a corpus held in one
    process: ``read_articles``, then ``align_articles``.

    ``timings``, when given, receives each step's seconds (the corpus-wide steps'
    benchmark reads them)."""
    clock = time.perf_counter()
    items, owns = read_articles(documents, quotes, said_within_days, progress=(
        (lambda it: tqdm(it, desc="reading articles", unit="article")) if progress else None))
    if timings is not None:
        timings["reading articles"] = timings.get("reading articles", 0.0) + \
            time.perf_counter() - clock
    return align_articles(documents, items, owns, progress=progress, timings=timings,
                          **settings)


def align_articles(
    documents: pd.DataFrame,
    items: list[Printing],
    owns: dict[str, OwnWords],
    rewrite_threshold: float = REWRITE_THRESHOLD,
    rewrite_share: float = REWRITE_SHARE,
    encoder: Encoder | None = None,
    model: PairModel | None = None,
    progress: bool = False,
    timings: dict[str, float] | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(statements, quote_variants, doc_links, doc_windows) from what ``read_articles``
    read: ``documents`` needs only ``META_COLUMNS`` (no text)."""
    model = model or load_model()
    documents = documents[META_COLUMNS]
    clock = [time.perf_counter()]

    def lap(step: str) -> None:
        now = time.perf_counter()
        if timings is not None:
            timings[step] = timings.get(step, 0.0) + now - clock[0]
        clock[0] = now

    def bar(desc: str, unit: str):
        """A progress bar over an iterable, or none (every long step shows one)."""
        return (lambda it: tqdm(it, desc=desc, unit=unit)) if progress else None

    ident = [p for p in items if p.identifiable]
    if ident:
        encoder = encoder or shared_encoder()
        matrix = encoder.encode([p.text for p in ident],
                                progress=bar("embedding quotations", "batch"))
        vectors = {p.row: matrix[k] for k, p in enumerate(ident)}
    else:
        vectors = {}
    lap("embedding quotations")
    scorer = ContentScorer(model, vectors, encoder.encode if encoder else None)
    scorer.prepare(ident, progress=bar("embedding sentences of quotations", "batch"))
    lap("embedding sentences of quotations")
    statements = group(items, vectors, scorer, progress=bar("grouping statements", "quote"))
    variants = pd.DataFrame(describe(statements, scorer),
                            columns=list(SCHEMAS["quote_variants"].columns))
    lap("grouping statements")
    if len(documents) > 1 and encoder is None:
        encoder = shared_encoder()
    links = link_articles(documents, owns, variants,
                          encode=(encoder.encode if encoder else None),
                          rewrite_threshold=rewrite_threshold, rewrite_share=rewrite_share,
                          progress=bar("linking articles", "pair"),
                          encode_progress=bar("embedding article sentences", "batch"))
    lap("linking articles")
    variants = with_independence(variants, links)
    windows, said = propagate(documents, statements, links)
    variants = with_lags(variants, statements, windows, said)
    lap("settling windows")
    table = statement_table(statements, variants, documents, links, said)
    windows = window_table(documents, windows)
    lap("summing up statements")
    return table, variants, links, windows


__all__ = ["META_COLUMNS", "ModelMissing", "align", "align_articles", "link_documents",
           "read_articles"]
