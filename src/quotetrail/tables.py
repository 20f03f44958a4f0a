"""Reading and writing stage tables as Parquet, deterministically.

Only notebooks and the runner call these: the stages themselves never touch disk.
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from quotetrail.schemas import SCHEMAS, rejected_table, validate

# Each stage records the articles it gave up in a table of its own, all of one schema
REJECTED_TABLES = ("rejected", "rejected_quotes", "rejected_timeline")


def schema_of(name: str) -> str:
    return "rejected" if name in REJECTED_TABLES else name


def write_table(df: pd.DataFrame, name: str, folder: str | os.PathLike) -> Path:
    """Validate ``df`` against the contract for ``name`` and write ``folder/name.parquet``.

    The file is written to a temporary name of this process and renamed, so a crash
    never leaves a half-written table behind and two writers never share a temporary
    file; no run-time facts go into it, so reruns are byte-identical.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    df = validate(df, schema_of(name))
    path = folder / f"{name}.parquet"
    tmp = folder / f".{name}.{os.getpid()}.parquet.tmp"
    df.to_parquet(tmp, index=False, engine="pyarrow", compression="snappy")
    os.replace(tmp, path)
    return path


def read_table(name: str, folder: str | os.PathLike) -> pd.DataFrame:
    """Read ``folder/name.parquet`` and check it still honours the contract."""
    path = Path(folder) / f"{name}.parquet"
    if not path.is_file():
        raise FileNotFoundError(f"{path}: table '{name}' not found; run the stage that writes it")
    return validate(pd.read_parquet(path, engine="pyarrow"), schema_of(name))


def read_rejected(folder: str | os.PathLike) -> pd.DataFrame:
    """Every article given up by any stage that has run: the ``rejected`` tables, joined."""
    parts = [read_table(name, folder) for name in REJECTED_TABLES
             if (Path(folder) / f"{name}.parquet").is_file()]
    return rejected_table([r for part in parts for r in part.to_dict("records")])


__all__ = ["REJECTED_TABLES", "SCHEMAS", "read_rejected", "read_table", "write_table"]
