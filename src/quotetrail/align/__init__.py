"""Stage 2b, alignment: ``quotes`` in, ``quote_variants`` and ``doc_links`` out."""

from __future__ import annotations

import pandas as pd

from quotetrail.align.clusters import NEAR_THRESHOLD, cluster_quotes
from quotetrail.align.links import REWRITE_THRESHOLD, link_documents


def align(
    documents: pd.DataFrame,
    quotes: pd.DataFrame,
    near_threshold: float = NEAR_THRESHOLD,
    rewrite_threshold: float = REWRITE_THRESHOLD,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Cluster quotations across articles, then link the articles that share them."""
    variants = cluster_quotes(quotes, documents, near_threshold=near_threshold)
    links = link_documents(documents, quotes, variants, rewrite_threshold=rewrite_threshold)
    return variants, links


__all__ = ["align", "cluster_quotes", "link_documents"]
