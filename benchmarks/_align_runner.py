"""Run one revision's alignment on saved tables (started by ``identity`` with that
revision's ``src`` first on the path; imports nothing of today's benchmarks).

    python _align_runner.py WORK N

Reads WORK/{i}-documents.parquet and WORK/{i}-quotes.parquet for i < N and writes that
revision's quote_variants to WORK/{i}-variants.parquet.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

from quotetrail.align import align


def main(work: Path, n: int) -> None:
    for i in range(n):
        docs = pd.read_parquet(work / f"{i}-documents.parquet")
        quotes = pd.read_parquet(work / f"{i}-quotes.parquet")
        align(docs, quotes)[1].to_parquet(work / f"{i}-variants.parquet")


if __name__ == "__main__":
    main(Path(sys.argv[1]), int(sys.argv[2]))
