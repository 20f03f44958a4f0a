"""quotetrail: how a public figure's statements travel through the news.

Each stage is a pure function from tables to tables; Parquet is read and
written only at the edges (notebooks and the study runner).
"""

__version__ = "0.1.0"
