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
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(statements, quote_variants, doc_links, doc_windows) of the corpus."""
    model = model or load_model()
    items = printings(documents, quotes, said_within_days)
    ident = [p for p in items if p.identifiable]
    if ident:
        encoder = encoder or shared_encoder()
        bar = (lambda it: tqdm(it, desc="embedding quotations", unit="batch")) \
            if progress else None
        matrix = encoder.encode([p.text for p in ident], progress=bar)
        vectors = {p.row: matrix[k] for k, p in enumerate(ident)}
    else:
        vectors = {}
    bar = (lambda it: tqdm(it, desc="grouping statements", unit="quote")) if progress else None
    scorer = ContentScorer(model, vectors, encoder.encode if encoder else None)
    statements = group(items, vectors, scorer, progress=bar)
    variants = pd.DataFrame(describe(statements, scorer),
                            columns=list(SCHEMAS["quote_variants"].columns))
    if len(documents) > 1 and encoder is None:
        encoder = shared_encoder()
    links = link_documents(documents, quotes, variants,
                           encode=(encoder.encode if encoder else None),
                           rewrite_threshold=rewrite_threshold, rewrite_share=rewrite_share)
    variants = with_independence(variants, links)
    windows, said = propagate(documents, statements, links)
    variants = with_lags(variants, statements, windows, said)
    table = statement_table(statements, variants, documents, links, said)
    return table, variants, links, window_table(documents, windows)


__all__ = ["ModelMissing", "align", "link_documents"]
