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
from quotetrail.align.links import REWRITE_SHARE, REWRITE_THRESHOLD, link_documents
from quotetrail.align.pairs import PairModel, load_model
from quotetrail.align.statements import (
    SAID_WITHIN_DAYS,
    ContentScorer,
    describe,
    group,
    printings,
    statement_table,
)
from quotetrail.align.windows import propagate, window_table, with_lags
from quotetrail.schemas import SCHEMAS


def align(
    documents: pd.DataFrame,
    quotes: pd.DataFrame,
    said_within_days: int = SAID_WITHIN_DAYS,
    rewrite_threshold: float = REWRITE_THRESHOLD,
    rewrite_share: float = REWRITE_SHARE,
    encoder: Encoder | None = None,
    model: PairModel | None = None,
    progress: bool = False,
    timings: dict[str, float] | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(statements, quote_variants, doc_links, doc_windows) of the corpus.

    ``timings``, when given, receives each step's seconds (the corpus-wide steps'
    benchmark reads them)."""
    model = model or load_model()
    clock = [time.perf_counter()]

    def lap(step: str) -> None:
        now = time.perf_counter()
        if timings is not None:
            timings[step] = timings.get(step, 0.0) + now - clock[0]
        clock[0] = now

    def bar(desc: str, unit: str):
        """A progress bar over an iterable, or none (every long step shows one)."""
        return (lambda it: tqdm(it, desc=desc, unit=unit)) if progress else None

    items = printings(documents, quotes, said_within_days, progress=bar("reading quotations",
                                                                        "quote"))
    lap("reading quotations")
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
    statements = group(items, vectors, scorer, progress=bar("grouping statements", "quote"))
    variants = pd.DataFrame(describe(statements, scorer),
                            columns=list(SCHEMAS["quote_variants"].columns))
    lap("grouping statements")
    if len(documents) > 1 and encoder is None:
        encoder = shared_encoder()
    links = link_documents(documents, quotes, variants,
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


__all__ = ["ModelMissing", "align", "link_documents"]
