"""Partition files and the tables assembled from them, in Parquet.

Each partition of a per-article stage writes its rows to a file of its own; the
table is then streamed together from those files in partition order, so no process
ever holds the whole corpus. The result does not depend on how the corpus was cut:
row groups hold a fixed number of rows whatever the partitions, and the column
types and pandas metadata are settled over all parts (a part whose column is all
null takes the type the other parts give it), so 1, 2 or N workers write the same
bytes.
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from pyarrow.pandas_compat import get_logical_type

from quotetrail.schemas import empty
from quotetrail.tables import write_table

ROW_GROUP = 4096  # rows per row group of an assembled table, whatever the partitions


def write_part(df: pd.DataFrame | pa.Table, path: str | os.PathLike) -> Path:
    """Write one partition's rows; atomically, under a name unique to this attempt, so an
    attempt killed mid-write never leaves a part that looks finished, and a retry after
    it never shares a temporary file with it."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{uuid.uuid4().hex}.tmp")
    if isinstance(df, pa.Table):
        pq.write_table(df, tmp, compression="snappy")
    else:
        df.to_parquet(tmp, index=False, engine="pyarrow", compression="snappy")
    os.replace(tmp, path)
    return path


def read_rows(path: str | os.PathLike, lo: int, hi: int,
              columns: Sequence[str] | None = None) -> pd.DataFrame:
    """Rows ``lo`` to ``hi`` of a Parquet file, reading only the row groups that hold them."""
    pf = pq.ParquetFile(path)
    groups, first, start = [], None, 0
    for i in range(pf.num_row_groups):
        n = pf.metadata.row_group(i).num_rows
        if start < hi and start + n > lo:
            groups.append(i)
            first = start if first is None else first
        start += n
    if not groups:
        return pf.schema_arrow.empty_table().select(list(columns or pf.schema_arrow.names)) \
            .to_pandas()
    table = pf.read_row_groups(groups, columns=list(columns) if columns else None)
    return table.slice(lo - first, hi - lo).to_pandas()


def _pandas_metadata(first: pa.Schema, schema: pa.Schema) -> bytes:
    """pandas' metadata of the first part, for the columns kept, with each column's
    logical type read from the settled Arrow type (a part of all-null values says
    'empty' where the whole table says 'unicode')."""
    meta = json.loads(first.metadata[b"pandas"])
    kept = {c["name"]: c for c in meta["columns"] if c["name"] in schema.names}
    for name, col in kept.items():
        col["pandas_type"] = get_logical_type(schema.field(name).type)
    meta["columns"] = [kept[name] for name in schema.names]
    return json.dumps(meta).encode()


def assemble(parts: Sequence[str | os.PathLike], dest_dir: str | os.PathLike, name: str,
             drop: Sequence[str] = (),
             replace: Callable[[int, pa.Table], pa.Table] | None = None) -> Path:
    """Stream ``parts`` (in order) into ``dest_dir/name.parquet``: columns in ``drop``
    left out, ``replace(offset, table)`` applied to each part (``offset``: its first
    row's number in the whole table), rows regrouped into ``ROW_GROUP``-row groups. A
    table with no rows is written as the contract's empty table, as the stage itself
    would write it."""
    dest = Path(dest_dir) / f"{name}.parquet"
    schemas = [pq.read_schema(p) for p in parts]
    total = sum(pq.ParquetFile(p).metadata.num_rows for p in parts)
    if not total:
        return write_table(empty(name), name, dest_dir)
    keep = [n for n in schemas[0].names if n not in drop]
    bare = [pa.schema([s.field(n) for n in keep]) for s in schemas]
    unified = pa.unify_schemas(bare, promote_options="permissive")
    schema = unified.with_metadata({b"pandas": _pandas_metadata(schemas[0], unified)})
    tmp = dest.with_name(f".{dest.name}.{os.getpid()}.tmp")
    pending: list[pa.Table] = []
    held = offset = 0
    with pq.ParquetWriter(tmp, schema, compression="snappy") as writer:
        for part in parts:
            table = pq.read_table(part).select(keep)
            if replace is not None:
                table = replace(offset, table)
            offset += table.num_rows
            pending.append(table.cast(schema))
            held += table.num_rows
            while held >= ROW_GROUP:
                whole = pa.concat_tables(pending)
                _write_group(writer, whole.slice(0, ROW_GROUP))
                pending, held = [whole.slice(ROW_GROUP)], held - ROW_GROUP
        if held:
            _write_group(writer, pa.concat_tables(pending))
    os.replace(tmp, dest)
    return dest


def _write_group(writer: pq.ParquetWriter, rows: pa.Table) -> None:
    """One row group, from one contiguous array per column: the writer cuts pages where
    its input's chunks end, so rows chunked as the partitions were would be paged (and
    their bytes written) differently for another cut of the same rows."""
    writer.write_table(rows.combine_chunks(), row_group_size=ROW_GROUP)


def replaced(table: pa.Table, column: str, values: list) -> pa.Table:
    """``table`` with ``column``'s values replaced, its type kept."""
    i = table.schema.get_field_index(column)
    typ = table.schema.field(column).type
    array = pa.array(values, type=pa.string() if pa.types.is_null(typ) else typ)
    return table.set_column(i, column, array)
