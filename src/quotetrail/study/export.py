"""Exports beside the Parquet tables, for tools that do not read Parquet.

``statements.csv`` and ``findings.csv`` (lists and records as JSON text), and a
Frictionless ``datapackage.json`` describing every table, generated from the pandera
schemas, so the column meanings travel with the data.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd

from quotetrail.schemas import SCHEMAS
from quotetrail.tables import schema_of

CSV_TABLES = ("statements", "findings")
_TYPES = {"int64": "integer", "Int64": "integer", "float64": "number", "bool": "boolean",
          "str": "string", "object": "any"}


def _json_cell(value):
    if isinstance(value, np.ndarray):
        value = value.tolist()
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    return value


def _field(name: str, column) -> dict:
    dtype = str(column.dtype) if column.dtype is not None else "object"
    kind = _TYPES.get(dtype, "string")
    if column.description and "date" in name and kind == "any":
        kind = "date"
    return {"name": name, "type": kind, "description": column.description or ""}


def write_exports(processed: Path) -> list[Path]:
    """Write the CSV exports and ``datapackage.json`` into ``processed``; return them."""
    written = []
    for name in CSV_TABLES:
        path = processed / f"{name}.parquet"
        if path.is_file():
            df = pd.read_parquet(path)
            for col in df.columns:
                if df[col].dtype == object:
                    df[col] = df[col].map(_json_cell)
            target = processed / f"{name}.csv"
            df.to_csv(target, index=False, lineterminator="\n")
            written.append(target)
    resources = []
    for path in sorted(processed.glob("*.parquet")):
        name = path.stem
        schema = SCHEMAS[schema_of(name)]
        resources.append({
            "name": name.replace("_", "-"), "path": f"{name}.parquet", "format": "parquet",
            "schema": {"fields": [_field(c, col) for c, col in schema.columns.items()]},
        })
        if name in CSV_TABLES:
            resources.append({"name": f"{name.replace('_', '-')}-csv", "path": f"{name}.csv",
                              "format": "csv", "schema": resources[-1]["schema"]})
    package = {"name": "quotetrail-study", "profile": "data-package",
               "description": "Tables of a quotetrail study; see docs/data-dictionary.md.",
               "resources": resources}
    target = processed / "datapackage.json"
    target.write_text(json.dumps(package, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    written.append(target)
    return written
