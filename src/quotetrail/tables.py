"""Reading and writing stage tables as Parquet, deterministically.

Only notebooks and the runner call these: the stages themselves never touch disk.
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from quotetrail.schemas import SCHEMAS, validate


def write_table(df: pd.DataFrame, name: str, folder: str | os.PathLike) -> Path:
    """Validate ``df`` against the contract for ``name`` and write ``folder/name.parquet``.

    The file is written to a temporary name and renamed, so a crash never leaves a
    half-written table behind; no run-time facts go into it, so reruns are byte-identical.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    df = validate(df, name)
    path = folder / f"{name}.parquet"
    tmp = path.with_suffix(".parquet.tmp")
    df.to_parquet(tmp, index=False, engine="pyarrow", compression="snappy")
    os.replace(tmp, path)
    return path


def read_table(name: str, folder: str | os.PathLike) -> pd.DataFrame:
    """Read ``folder/name.parquet`` and check it still honours the contract."""
    path = Path(folder) / f"{name}.parquet"
    if not path.is_file():
        raise FileNotFoundError(f"{path}: table '{name}' not found; run the stage that writes it")
    return validate(pd.read_parquet(path, engine="pyarrow"), name)


__all__ = ["SCHEMAS", "read_table", "write_table"]
