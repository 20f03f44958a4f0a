"""Finding article files in a corpus folder and decoding them into text.

One reader per file format, all behind ``read_file``: a new format is one new
function in ``READERS``. A file that cannot be read raises ``Rejected`` with the
reason, which the caller records instead of stopping the study.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_MAX_BYTES = 5_000_000


class Rejected(Exception):
    """A file (or a row in one) that is not a readable article; the message says why."""


@dataclass(frozen=True)
class RawArticle:
    """One article as read from disk, before any cleaning."""

    doc_id: str
    source_path: str  # relative to the corpus folder, with forward slashes
    sha256: str
    raw_text: str  # decoded, newlines normalised to \n
    meta: dict = field(default_factory=dict)  # fields the file states outright (title, url, …)


def decode(data: bytes) -> str:
    """Decode bytes as UTF-8 (with or without BOM), else as the detected legacy encoding.

    Binary data and text no detector can make sense of are rejected, never guessed.
    """
    if not data.strip():
        raise Rejected("empty file")
    if b"\x00" in data[:8192]:
        raise Rejected("binary file (contains NUL bytes)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is None:
            raise Rejected("undecodable: not UTF-8 and no legacy encoding fits") from None
        text = str(best)
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f")
    if controls > 0.01 * len(text):
        raise Rejected("binary file (control characters in the text)")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise Rejected("empty file (whitespace only)")
    return text


def read_txt(path: Path, data: bytes, rel: str, doc_id: str) -> Iterator[RawArticle]:
    """A plain-text file holds one article, usually pasted from a web page."""
    yield RawArticle(doc_id, rel, hashlib.sha256(data).hexdigest(), decode(data))


READERS: dict[str, Callable[[Path, bytes, str, str], Iterator[RawArticle]]] = {
    ".txt": read_txt,
}


def discover(corpus_dir: str | Path) -> list[Path]:
    """Every readable-looking file below ``corpus_dir``, in a stable order."""
    corpus_dir = Path(corpus_dir)
    if not corpus_dir.is_dir():
        raise FileNotFoundError(f"{corpus_dir}: corpus folder not found")
    return sorted(
        p for p in corpus_dir.rglob("*")
        if p.is_file() and p.suffix.lower() in READERS and not p.name.startswith(".")
    )


def _doc_id(rel: str, taken: set[str]) -> str:
    stem = Path(rel).stem
    doc_id = stem if stem not in taken else rel.rsplit(".", 1)[0].replace("/", "__")
    taken.add(doc_id)
    return doc_id


def read_corpus(
    corpus_dir: str | Path, max_bytes: int = DEFAULT_MAX_BYTES
) -> tuple[list[RawArticle], list[dict]]:
    """Read every article file below ``corpus_dir``.

    Returns the articles and a list of ``{"source_path", "reason"}`` records for the
    files that could not be read; one bad file never stops the others.
    """
    corpus_dir = Path(corpus_dir)
    articles: list[RawArticle] = []
    rejected: list[dict] = []
    taken: set[str] = set()
    for path in discover(corpus_dir):
        rel = path.relative_to(corpus_dir).as_posix()
        try:
            size = path.stat().st_size
            if size > max_bytes:
                raise Rejected(f"file too large ({size:,} bytes > limit {max_bytes:,})")
            data = path.read_bytes()
            reader = READERS[path.suffix.lower()]
            articles.extend(reader(path, data, rel, _doc_id(rel, taken)))
        except Rejected as err:
            rejected.append({"source_path": rel, "reason": str(err)})
        except OSError as err:
            rejected.append({"source_path": rel, "reason": f"unreadable: {err.strerror or err}"})
    return articles, rejected
