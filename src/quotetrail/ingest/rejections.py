"""The ``rejected`` table told by reason: a thousand files given up for one reason are
one line with a count, and files are counted apart from rows of JSONL or CSV files."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

# a number inside a reason (a word count, a size), not one inside a name ("UTF-16")
_NUMBER = re.compile(r"(?<![\w-])\d+(?:[,.]\d+)*")


_SINGULAR = re.compile(r"\bN (word|file|line|row|byte|character)\b")


def reason_kind(reason: str) -> str:
    """The reason with its numbers written N: "too short to be an article (N words; …)"
    for 1 word and for 3 alike."""
    return _SINGULAR.sub(r"N \1s", _NUMBER.sub("N", reason))


def counts(rejected: pd.DataFrame) -> tuple[int, int]:
    """(files, rows): whole files (or articles) given up, and rows of JSONL or CSV files."""
    rows = int(rejected["row"].notna().sum()) if len(rejected) else 0
    return len(rejected) - rows, rows


def files_and_rows(files: int, rows: int) -> str:
    """ "3 files and 1 row", "2 files", "1 row"."""
    parts = [f"{files:,} file{'' if files == 1 else 's'}" if files else "",
             f"{rows:,} row{'' if rows == 1 else 's'}" if rows else ""]
    return " and ".join(p for p in parts if p) or "nothing"


@dataclass(frozen=True)
class ReasonGroup:
    stage: str
    reason: str  # reason_kind of its members' reasons
    files: int
    rows: int
    records: list[dict]  # the rejected rows, each with its own full reason

    @property
    def count(self) -> str:
        return files_and_rows(self.files, self.rows)


def by_reason(rejected: pd.DataFrame) -> list[ReasonGroup]:
    """Rejections grouped by stage and reason kind, the largest group first."""
    if not len(rejected):
        return []
    table = rejected.assign(kind=rejected["reason"].astype(str).map(reason_kind),
                            stage=rejected["stage"].fillna("ingest"))
    groups = []
    for (stage, kind), part in table.groupby(["stage", "kind"], sort=True):
        files, rows = counts(part)
        groups.append(ReasonGroup(stage, kind, files, rows,
                                  part.drop(columns="kind").to_dict("records")))
    return sorted(groups, key=lambda g: -len(g.records))


def summary(rejected: pd.DataFrame) -> pd.DataFrame:
    """One row per reason: stage, reason, files, rows (for a notebook's table)."""
    return pd.DataFrame([{"stage": g.stage, "reason": g.reason, "files": g.files,
                          "rows": g.rows} for g in by_reason(rejected)],
                        columns=["stage", "reason", "files", "rows"])
