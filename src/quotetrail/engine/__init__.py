"""The study's engine: per-article stages over partitions of the corpus on dask (this
process, a local cluster on every core, or an existing cluster), tables streamed
together from the partitions' Parquet files; the sentence model's big batches on the
same workers. See docs/scaling.md."""

from quotetrail.engine.cluster import client_for, local_cluster
from quotetrail.engine.encoding import encoding_on
from quotetrail.engine.stages import run_ingest, run_quotes, run_timeline

__all__ = ["client_for", "encoding_on", "local_cluster", "run_ingest", "run_quotes",
           "run_timeline"]
