"""Alignment on the cluster: each partition of the corpus is read where it is, and only
what the steps over the whole corpus need comes back to the driver.

A worker reads its articles and their quotations and returns their printings (each
quotation with the sentence, date and occasion its article gives it) and their own
wording (hashed five-word runs, candidate rare words, their own sentences); the
articles' texts never leave the partition. The driver then groups statements, links
articles and settles windows (``align.align_articles``) over those, with the articles'
ids, dates and outlets; the sentence model's big batches go back to the workers. The
result is the same bytes as ``align.align`` in one process.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq

from quotetrail.align import META_COLUMNS, align_articles, read_articles
from quotetrail.align.links import OwnWords
from quotetrail.align.statements import SAID_WITHIN_DAYS, Printing, printing_order
from quotetrail.engine.cluster import client_for, map_partitions, n_workers, partition_size, spans
from quotetrail.engine.encoding import encoding_with
from quotetrail.engine.parts import read_rows
from quotetrail.engine.stages import quote_ranges


def read_part(documents: str, quotes: str, lo: int, hi: int, qlo: int, qhi: int,
              said_within_days: int) -> tuple[list[Printing], dict[str, OwnWords]]:
    """On a worker: ``read_articles`` of articles ``lo``..``hi`` (their quotations are rows
    ``qlo``..``qhi`` of ``quotes``)."""
    return read_articles(read_rows(documents, lo, hi), read_rows(quotes, qlo, qhi),
                         said_within_days, first_row=qlo)


def article_meta(processed_dir: str | Path) -> pd.DataFrame:
    """The articles' ids, dates, outlets and cited sources, without their texts."""
    return pq.read_table(Path(processed_dir) / "documents.parquet",
                         columns=META_COLUMNS).to_pandas()


def run_align(processed_dir: str | Path, workers: int = 0, scheduler: str = "",
              progress: bool = True, size: int | None = None,
              said_within_days: int = SAID_WITHIN_DAYS, **settings
              ) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(statements, quote_variants, doc_links, doc_windows) of the corpus in
    ``processed_dir`` (its ``documents`` and ``quotes``), the articles read in partitions;
    ``settings`` go to ``align_articles``."""
    documents = str(Path(processed_dir) / "documents.parquet")
    quotes = str(Path(processed_dir) / "quotes.parquet")
    n = pq.ParquetFile(documents).metadata.num_rows
    with client_for(workers, scheduler, quiet=not progress) as client:
        cuts = spans(n, size or partition_size(n, n_workers(client)))
        ranges = quote_ranges(documents, quotes, cuts)
        tasks = [(documents, quotes, lo, hi, qlo, qhi, said_within_days)
                 for (lo, hi), (qlo, qhi) in zip(cuts, ranges, strict=True)]
        parts = map_partitions(client, read_part, tasks, "reading articles", progress)
        items = sorted((p for found, _ in parts for p in found), key=printing_order)
        owns = {d: own for _, found in parts for d, own in found.items()}
        del parts
        with encoding_with(client, settings.pop("encoder", None)) as encoder:
            return align_articles(article_meta(processed_dir), items, owns, encoder=encoder,
                                  progress=progress, **settings)
