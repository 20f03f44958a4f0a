"""Sentence vectors kept across runs in one SQLite file, keyed by model and text.

A rerun of the study after adding articles then encodes only the new texts. The key
holds the model's identity (weights' SHA-256, graph version, runtime version), so a
vector is never reused by another model or runtime; the text is keyed by its SHA-256.
Vectors are stored as the encoder's float32 bytes, so a vector read back is the one
computed. Several processes may share the file: SQLite locks it for each write.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterable, Mapping
from pathlib import Path

import numpy as np

CHUNK = 500  # texts per SELECT (SQLite limits the number of parameters)


def _key(text: str) -> bytes:
    return hashlib.sha256(text.encode("utf-8")).digest()


class EmbeddingStore:
    """get/put float32 vectors of one model in ``path`` (created when missing)."""

    def __init__(self, path: str | Path, model: str):
        self.path, self.model = Path(path), model
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as con:
            con.execute("CREATE TABLE IF NOT EXISTS vectors (model TEXT NOT NULL, "
                        "text_sha256 BLOB NOT NULL, vector BLOB NOT NULL, "
                        "PRIMARY KEY (model, text_sha256)) WITHOUT ROWID")

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self.path, timeout=120)

    def get(self, texts: Iterable[str]) -> dict[str, np.ndarray]:
        """The stored vectors of those texts that have one."""
        by_key = {_key(t): t for t in texts}
        keys, found = list(by_key), {}
        con = self._connect()
        try:
            for s in range(0, len(keys), CHUNK):
                chunk = keys[s:s + CHUNK]
                rows = con.execute(
                    f"SELECT text_sha256, vector FROM vectors WHERE model = ? AND text_sha256 "
                    f"IN ({','.join('?' * len(chunk))})", [self.model, *chunk])
                for key, blob in rows:
                    found[by_key[key]] = np.frombuffer(blob, dtype=np.float32).copy()
        finally:
            con.close()
        return found

    def put(self, vectors: Mapping[str, np.ndarray]) -> None:
        """Keep these vectors (a text already stored keeps its first vector)."""
        rows = [(self.model, _key(t), np.asarray(v, dtype=np.float32).tobytes())
                for t, v in vectors.items()]
        if not rows:
            return
        con = self._connect()
        try:
            with con:
                con.executemany("INSERT OR IGNORE INTO vectors VALUES (?, ?, ?)", rows)
        finally:
            con.close()

    def __len__(self) -> int:
        con = self._connect()
        try:
            return con.execute("SELECT COUNT(*) FROM vectors WHERE model = ?",
                               [self.model]).fetchone()[0]
        finally:
            con.close()
