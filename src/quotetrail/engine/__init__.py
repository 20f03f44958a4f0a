"""The study's engine: per-article stages over partitions of the corpus on dask (this
process, a local cluster on every core, or an existing cluster), tables streamed
together from the partitions' Parquet files; alignment reads its articles in the same
partitions, and the sentence model's big batches run on the same workers. See
docs/scaling.md."""

from quotetrail.engine.alignment import article_meta, run_align
from quotetrail.engine.cluster import client_for, local_cluster
from quotetrail.engine.encoding import encoding_on
from quotetrail.engine.stages import run_ingest, run_quotes, run_timeline

__all__ = ["article_meta", "client_for", "encoding_on", "local_cluster", "run_align",
           "run_ingest", "run_quotes", "run_timeline"]
