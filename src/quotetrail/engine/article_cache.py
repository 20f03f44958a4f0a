"""Per-article results kept across runs, so a rerun redoes only the articles that changed.

A per-article stage's result for one article (its rows, the persons it names, why it
was given up) is stored under a key hashed from everything that determines it: what
the stage reads of the article (the file's bytes and name for ingest; the columns of
``documents`` for quotations; those, the article's quotations and its settled window
for time expressions), the stage's settings (spaCy model and its version, the dating
context, the file size limit) and the code (``code_version``: the source of every
module the per-article stages run, the package version and ``CACHE_VERSION``). A
change to any of them is a miss, never a stale row; a hit is the result the stage
computed, pickled as it was (types included), so the tables come out the same bytes
as in a cold run.

One SQLite file per output folder, ``processed_dir/cache/articles.sqlite``, beside the
sentence vectors. Workers only read it (SQLite allows many readers); a partition
writes what it computed to a file of its own beside its part file, and the driver
adds those to the store once the stage is done, so no two processes ever write one
file. Entries of another code version are dropped then.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sqlite3
import uuid
import zlib
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from quotetrail import __version__
from quotetrail.paths import PACKAGE_DIR

CACHE_VERSION = 1  # raise to drop every stored result (a change the source hash misses)
CHUNK = 500  # keys per SELECT (SQLite limits the number of parameters)
# parts of the package the per-article stages never run: editing them keeps the cache
NOT_PER_ARTICLE = ("align", "findings", "study", "display.py", "lab.py", "cli.py")


def cache_path(processed_dir: str | os.PathLike) -> Path:
    return Path(processed_dir) / "cache" / "articles.sqlite"


@lru_cache(maxsize=1)
def code_version() -> str:
    """SHA-256 of the package version, ``CACHE_VERSION`` and the source (and model
    files) of every module a per-article stage may run."""
    h = hashlib.sha256(f"{__version__}\0{CACHE_VERSION}".encode())
    for path in sorted(PACKAGE_DIR.rglob("*")):
        rel = path.relative_to(PACKAGE_DIR)
        if (path.suffix not in (".py", ".json") or not path.is_file()
                or rel.parts[0] in NOT_PER_ARTICLE or "__pycache__" in rel.parts):
            continue
        h.update(rel.as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def spacy_version(name: str) -> str:
    """The model package's name and version and spaCy's, for the quotations' key."""
    from importlib import metadata

    def version(dist: str) -> str:
        try:
            return metadata.version(dist)
        except metadata.PackageNotFoundError:
            return "?"

    return f"{name}={version(name.replace('_', '-'))};spacy={version('spacy')}"


def article_key(stage: str, *parts) -> bytes:
    """The key of one article's result: ``parts`` are plain values (text, numbers,
    timestamps, tuples of them) whose ``repr`` says them exactly."""
    h = hashlib.sha256(f"{code_version()}\0{stage}\0".encode())
    h.update(repr(parts).encode("utf-8", "surrogatepass"))
    return h.digest()


class ArticleCache:
    """Read stored results (workers) and add new ones (the driver) in ``path``."""

    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        con = sqlite3.connect(self.path, timeout=120)
        con.execute("CREATE TABLE IF NOT EXISTS results (key BLOB PRIMARY KEY, "
                    "code TEXT NOT NULL, value BLOB NOT NULL) WITHOUT ROWID")
        return con

    def get(self, keys: Iterable[bytes]) -> dict[bytes, object]:
        """The stored results of those keys that have one."""
        keys = list(dict.fromkeys(keys))
        if not keys or not self.path.is_file():
            return {}
        found = {}
        con = self._connect()
        try:
            for s in range(0, len(keys), CHUNK):
                chunk = keys[s:s + CHUNK]
                rows = con.execute(f"SELECT key, value FROM results WHERE key IN "
                                   f"({','.join('?' * len(chunk))})", chunk)
                for key, blob in rows:
                    found[key] = pickle.loads(zlib.decompress(blob))
        finally:
            con.close()
        return found

    def add(self, batches: Iterable[str | os.PathLike]) -> int:
        """Add the entries of the files ``new_entries`` wrote (missing files skipped) and
        drop those of another code version; returns the number added."""
        con = self._connect()
        added = 0
        try:
            with con:
                for batch in batches:
                    try:
                        entries = Path(batch).read_bytes()
                    except FileNotFoundError:
                        continue
                    rows = [(k, code_version(), v) for k, v in pickle.loads(entries)]
                    con.executemany("INSERT OR REPLACE INTO results VALUES (?, ?, ?)", rows)
                    added += len(rows)
                con.execute("DELETE FROM results WHERE code != ?", [code_version()])
        finally:
            con.close()
        return added


def as_stored(value):
    """A fresh result as a cache hit returns it (a pickled copy: types as stored, and
    nothing the caller changes reaches the entry still to be written)."""
    return pickle.loads(pickle.dumps(value, protocol=5))


def new_entries(results: dict[bytes, object], path: str | os.PathLike) -> None:
    """Write one partition's new results for the driver to add, atomically (a retried
    partition never leaves half a file)."""
    if not results:
        return
    path = Path(path)
    blob = pickle.dumps([(k, zlib.compress(pickle.dumps(v, protocol=5), 1))
                         for k, v in results.items()], protocol=5)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{uuid.uuid4().hex}.tmp")
    tmp.write_bytes(blob)
    os.replace(tmp, path)


def entries_path(part: str | os.PathLike) -> str:
    """Where a partition writing ``part`` puts its new cache entries."""
    part = Path(part)
    return str(part.with_name(part.stem + ".cache"))
