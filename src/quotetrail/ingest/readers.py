"""Finding article files in a corpus folder and decoding them into text.

One reader per file format, all behind ``read_file``: a new format is one new
function in ``READERS``. A file that cannot be read raises ``Rejected`` with the
reason, which the caller records instead of stopping the study.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_MAX_BYTES = 5_000_000
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")


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
    extracted: bool = False  # already cut from its web page by an extractor (HTML)


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
        text = _decode_legacy(data)
    if len(_CONTROL.findall(text)) > 0.01 * len(text):
        raise Rejected("binary file (control characters in the text)")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise Rejected("empty file (whitespace only)")
    return text


def _decode_legacy(data: bytes) -> str:
    """Text that is not UTF-8. Mostly-ASCII letters with a few high bytes are Western
    (Windows-1252, else Latin-1): with so little evidence a detector guesses wildly
    (a lone £ sign reads as Japanese). Otherwise charset-normalizer decides."""
    high = sum(b >= 0x80 for b in data)
    ascii_letters = sum(65 <= b <= 90 or 97 <= b <= 122 for b in data)
    if high <= 0.3 * (ascii_letters + high):
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            return data.decode("latin-1")
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise Rejected("undecodable: not UTF-8 and no legacy encoding fits")
    return str(best)


def read_txt(path: Path, data: bytes, rel: str, doc_id: str) -> Iterator[RawArticle]:
    """A plain-text file holds one article, usually pasted from a web page."""
    yield RawArticle(doc_id, rel, hashlib.sha256(data).hexdigest(), decode(data))


def _host(url: str | None) -> str | None:
    m = re.match(r"^[a-z][a-z0-9+.-]*://(?:www\.)?([^/:?#]+)", url or "", re.I)
    return m.group(1).lower() if m else None


def extract_html(html: bytes | str, url: str | None = None) -> tuple[str, dict]:
    """The article in a web page, with trafilatura: body text and what the page says about
    itself (title, author, site name, date found by htmldate, canonical URL)."""
    import trafilatura

    if isinstance(html, bytes) and b"\x00" in html[:8192]:
        raise Rejected("binary file (contains NUL bytes)")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            doc = trafilatura.bare_extraction(
                html, url=url, with_metadata=True, include_comments=False,
                include_tables=False, date_extraction_params={"original_date": True,
                                                              "extensive_search": True})
        except Exception as err:  # malformed or hostile markup: reject, never crash
            raise Rejected(f"unparseable HTML ({type(err).__name__})") from None
    if doc is None or not (doc.text or "").strip():
        raise Rejected("HTML page with no article body")
    url = doc.url or url
    meta = {"title": doc.title, "author": doc.author, "url": url,
            "outlet": doc.sitename or _host(url), "published": doc.date}
    return doc.text, {k: v for k, v in meta.items() if v}


def read_html(path: Path, data: bytes, rel: str, doc_id: str) -> Iterator[RawArticle]:
    """A saved web page: the article is extracted before any cleaning of our own."""
    if not data.strip():
        raise Rejected("empty file")
    text, meta = extract_html(data)
    yield RawArticle(doc_id, rel, hashlib.sha256(data).hexdigest(), text, meta, extracted=True)


ROW_FIELDS = ("title", "url", "published", "outlet", "author")


def _rows(path: Path, data: bytes) -> Iterator[tuple[int, dict | None, str | None]]:
    """(row number, record or None, problem) for each record of a JSONL or CSV file."""
    text = decode(data)
    if path.suffix.lower() == ".jsonl":
        for n, line in enumerate(text.split("\n"), start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except ValueError as err:
                yield n, None, f"invalid JSON ({err.msg})"
                continue
            yield (n, record, None) if isinstance(record, dict) else (n, None, "not an object")
    else:
        for n, record in enumerate(csv.DictReader(io.StringIO(text)), start=1):
            yield n, record, None


def read_records(path: Path, data: bytes, rel: str, doc_id: str) -> Iterator[RawArticle]:
    """JSONL or CSV: one article per row, with ``text`` or ``html`` and optional
    title, url, published, outlet and author. A bad row is rejected on its own."""
    digest = hashlib.sha256(data).hexdigest()
    for n, record, problem in _rows(path, data):
        where = f"{rel}#{n}"
        try:
            if problem:
                raise Rejected(problem)
            meta = {k: str(record[k]).strip() for k in ROW_FIELDS if record.get(k)}
            extracted = bool(record.get("html"))
            if extracted:
                text, found = extract_html(str(record["html"]), meta.get("url"))
                meta = {**found, **meta}
            elif record.get("text") and str(record["text"]).strip():
                text = str(record["text"]).replace("\r\n", "\n").replace("\r", "\n")
            else:
                raise Rejected("row has neither text nor html")
            if meta.get("url") and not meta.get("outlet"):
                meta["outlet"] = _host(meta["url"])
            yield RawArticle(f"{doc_id}-{n:05d}", where, digest, text, meta, extracted)
        except Rejected as err:
            yield RowRejected(where, str(err))


@dataclass(frozen=True)
class RowRejected:
    """A row of a multi-article file that could not be used (the file's other rows go on)."""

    source_path: str
    reason: str


READERS: dict[str, Callable[[Path, bytes, str, str], Iterator[RawArticle]]] = {
    ".txt": read_txt,
    ".html": read_html,
    ".htm": read_html,
    ".jsonl": read_records,
    ".csv": read_records,
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
            for item in reader(path, data, rel, _doc_id(rel, taken)):
                if isinstance(item, RowRejected):
                    rejected.append({"source_path": item.source_path, "reason": item.reason})
                else:
                    articles.append(item)
        except Rejected as err:
            rejected.append({"source_path": rel, "reason": str(err)})
        except OSError as err:
            rejected.append({"source_path": rel, "reason": f"unreadable: {err.strerror or err}"})
    return articles, rejected
