"""Knowing when a notebook's inputs are unchanged, so a rerun can skip it.

A notebook's fingerprint covers its source, its parameters, the package's code and
version, the input files, and the tables written by the notebooks before it. A
notebook is skipped only when the fingerprint matches its last successful run and
the tables it wrote are still there, byte for byte.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from quotetrail import __version__
from quotetrail.paths import PACKAGE_DIR

CACHE_FILE = ".quotetrail-cache.json"


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def tree_hashes(folder: Path | None) -> dict[str, str]:
    """SHA-256 of every file below ``folder`` (relative path -> hash); {} if it is absent."""
    if folder is None or not Path(folder).is_dir():
        return {}
    folder = Path(folder)
    return {p.relative_to(folder).as_posix(): file_sha256(p)
            for p in sorted(folder.rglob("*")) if p.is_file() and not p.name.startswith(".")}


def code_fingerprint() -> str:
    """The package version and the hash of its source, so editing the code invalidates
    the cache even when the version number does not change."""
    h = hashlib.sha256(__version__.encode())
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        h.update(path.relative_to(PACKAGE_DIR).as_posix().encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def fingerprint(**parts) -> str:
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()


def load(reports_dir: Path) -> dict:
    try:
        return json.loads((reports_dir / CACHE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def save(reports_dir: Path, cache: dict) -> None:
    reports_dir.mkdir(parents=True, exist_ok=True)
    (reports_dir / CACHE_FILE).write_text(json.dumps(cache, indent=1, sort_keys=True),
                                          encoding="utf-8")


def outputs_intact(entry: dict, processed_dir: Path) -> bool:
    """Whether every table recorded for a notebook still has the hash it was written with."""
    for name, digest in entry.get("outputs", {}).items():
        path = processed_dir / f"{name}.parquet"
        if not path.is_file() or file_sha256(path) != digest:
            return False
    return True
