"""Finding article files in a corpus folder and decoding them into text.

One reader per file format, all behind ``read_file``: a new format is one new
function in ``READERS``. A file that cannot be read raises ``Rejected`` with the
reason, which the caller records instead of stopping the study.

Limits, each with its reason in the rejection: ``max_bytes`` per file (a corpus
folder is not a place for disk images), the csv module's field limit raised to the
file limit (an article is one field), JSON numbers kept as text (a thousand-digit
integer is not worth converting) and JSON nested deeper than the interpreter's
recursion limit rejected. Only regular files inside the corpus are read: a link
out of it, a pipe or a device is rejected, never opened.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import stat
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from quotetrail.schemas import rejection

DEFAULT_MAX_BYTES = 5_000_000
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
MAX_NUL_SHARE = 0.01  # more NUL bytes than this (outside UTF-16/32) is a binary file …
MAX_STRAY_NULS = 8  # … unless there are only a few of them, in a short text


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
    row: int | None = None  # row number in a multi-article file (JSONL, CSV)


@dataclass(frozen=True)
class RowRejected:
    """A row of a multi-article file that could not be used (the file's other rows go on)."""

    source_path: str
    row: int
    reason: str


def clean_text(text: str) -> str:
    """Text any later stage can store: lone surrogates (a JSON ``"\\ud800"`` escape, a file
    name that is not UTF-8) become U+FFFD, NUL characters go."""
    return _SURROGATE.sub("\ufffd", text).replace("\x00", "")


_UTF32_BOMS = ((b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"))
_UTF16_BOMS = ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))


def _wide_encoding(data: bytes) -> tuple[str, int] | None:
    """(codec, BOM length) for UTF-32 or UTF-16 text, with or without a byte-order mark.
    Without one, mostly-Latin text gives itself away by where its NUL bytes stand."""
    for bom, codec in _UTF32_BOMS + _UTF16_BOMS:
        if data.startswith(bom):
            return codec, len(bom)
    head = data[:4096]
    if len(head) < 8:
        return None
    if len(head) % 4 == 0:
        quads = len(head) // 4
        if sum(head[k:k + 3] == b"\x00\x00\x00" for k in range(1, len(head), 4)) > 0.9 * quads:
            return "utf-32-le", 0
        if sum(head[k:k + 3] == b"\x00\x00\x00" for k in range(0, len(head), 4)) > 0.9 * quads:
            return "utf-32-be", 0
    pairs = len(head) // 2
    if head[1::2].count(0) > 0.6 * pairs and head[0::2].count(0) < 0.1 * pairs:
        return "utf-16-le", 0
    if head[0::2].count(0) > 0.6 * pairs and head[1::2].count(0) < 0.1 * pairs:
        return "utf-16-be", 0
    return None


def decode(data: bytes) -> str:
    """Decode bytes as UTF-8 (with or without BOM), UTF-16/32 (with or without BOM), else
    as the detected legacy encoding.

    Binary data and text no detector can make sense of are rejected, never guessed; a
    few stray NUL bytes in text are dropped.
    """
    if not data.strip():
        raise Rejected("empty file")
    wide = _wide_encoding(data)
    if wide:
        codec, skip = wide
        unit = 4 if "32" in codec else 2
        body = data[skip:]
        try:  # a file cut short mid-character loses that character, not the article
            text = body[: len(body) - len(body) % unit].decode(codec)
        except UnicodeDecodeError:
            raise Rejected(f"undecodable: looks like {codec.upper()} but is not") from None
    else:
        if data.count(0) > max(MAX_STRAY_NULS, MAX_NUL_SHARE * len(data)):
            raise Rejected("binary file (contains NUL bytes)")
        data = data.replace(b"\x00", b"")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = _decode_legacy(data)
    text = clean_text(text)
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

    if isinstance(html, bytes):
        wide = _wide_encoding(html)
        if wide:
            html = decode(html)
        elif b"\x00" in html[:8192]:
            raise Rejected("binary file (contains NUL bytes)")
    else:
        html = clean_text(html)
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
    return clean_text(doc.text), {k: clean_text(str(v)) for k, v in meta.items() if v}


def read_html(path: Path, data: bytes, rel: str, doc_id: str) -> Iterator[RawArticle]:
    """A saved web page: the article is extracted before any cleaning of our own."""
    if not data.strip():
        raise Rejected("empty file")
    text, meta = extract_html(data)
    yield RawArticle(doc_id, rel, hashlib.sha256(data).hexdigest(), text, meta, extracted=True)


ROW_FIELDS = ("title", "url", "published", "outlet", "author")
BODY_FIELDS = ("text", "html")


def _json_record(line: str) -> tuple[dict | None, str | None]:
    """(record, problem) for one JSONL line. Numbers stay text: converting a number of
    thousands of digits is refused by Python and none of our fields is a number."""
    try:
        record = json.loads(line, parse_int=str, parse_float=str, parse_constant=str)
    except RecursionError:
        return None, "JSON nested too deeply"
    except ValueError as err:
        return None, f"invalid JSON ({getattr(err, 'msg', err)})"
    return (record, None) if isinstance(record, dict) else (None, "not an object")


def _rows(path: Path, data: bytes, max_bytes: int) -> Iterator[tuple[int, dict | None, str | None]]:
    """(row number, record or None, problem) for each record of a JSONL or CSV file."""
    text = decode(data)
    if path.suffix.lower() == ".jsonl":
        for n, line in enumerate(text.split("\n"), start=1):
            if line.strip():
                yield (n, *_json_record(line))
        return
    # an article is one field: the csv module's 128 KiB default would cut long ones
    csv.field_size_limit(max(csv.field_size_limit(), max_bytes))
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        columns = {(c or "").strip().lower() for c in reader.fieldnames or ()}
        if not columns & set(BODY_FIELDS):
            raise Rejected("CSV without a 'text' or 'html' column")
        for n, record in enumerate(reader, start=1):
            yield n, {(k or "").strip().lower(): v for k, v in record.items()}, None
    except csv.Error as err:
        raise Rejected(f"malformed CSV ({err})") from None


def _scalar(value) -> str | None:
    """A metadata field's text; lists, objects and blanks are not a title or a date."""
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        text = clean_text(str(value)).strip()
        return text or None
    return None


def read_records(path: Path, data: bytes, rel: str, doc_id: str,
                 max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[RawArticle | RowRejected]:
    """JSONL or CSV: one article per row, with ``text`` or ``html`` and optional
    title, url, published, outlet and author. A bad row is rejected on its own."""
    digest = hashlib.sha256(data).hexdigest()
    seen = 0
    for n, record, problem in _rows(path, data, max_bytes):
        seen += 1
        try:
            if problem:
                raise Rejected(problem)
            meta = {k: v for k in ROW_FIELDS if (v := _scalar(record.get(k)))}
            html, text = record.get("html"), record.get("text")
            if isinstance(html, str) and html.strip():
                body, found = extract_html(html, meta.get("url"))
                meta = {**found, **meta}
                extracted = True
            elif isinstance(text, str) and text.strip():
                body = clean_text(text).replace("\r\n", "\n").replace("\r", "\n")
                extracted = False
            elif html is not None or text is not None:
                raise Rejected("row's text or html is not a string")
            else:
                raise Rejected("row has neither text nor html")
            if meta.get("url") and not meta.get("outlet"):
                meta["outlet"] = _host(meta["url"])
            yield RawArticle(f"{doc_id}-{n:05d}", rel, digest, body, meta, extracted, row=n)
        except Rejected as err:
            yield RowRejected(rel, n, str(err))
    if not seen:
        raise Rejected(f"no rows: a {path.suffix.lower().lstrip('.').upper()} file with no "
                       "records")


READERS: dict[str, Callable[..., Iterator]] = {
    ".txt": read_txt,
    ".html": read_html,
    ".htm": read_html,
    ".jsonl": read_records,
    ".csv": read_records,
}


def discover(corpus_dir: str | Path) -> list[Path]:
    """Every entry below ``corpus_dir`` named like an article file (regular or not: links
    and special files are judged by ``read_corpus``), in a stable order. Linked folders
    are not entered."""
    corpus_dir = Path(corpus_dir)
    if not corpus_dir.is_dir():
        raise FileNotFoundError(f"{corpus_dir}: corpus folder not found")
    found = []
    for folder, dirs, files in os.walk(corpus_dir, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found += [Path(folder) / f for f in files
                  if not f.startswith(".") and Path(f).suffix.lower() in READERS]
    return sorted(found, key=lambda p: [os.fsencode(part) for part in p.parts])


def display_path(path: Path, corpus_dir: Path) -> str:
    """The path relative to the corpus folder, as text: bytes of a name that is not UTF-8
    are written as ``\\xff`` escapes, so the name is stored, shown and still unique."""
    rel = os.fsencode(path.relative_to(corpus_dir).as_posix())
    return rel.decode("utf-8", "backslashreplace")


_KINDS = {stat.S_IFIFO: "a named pipe", stat.S_IFSOCK: "a socket", stat.S_IFCHR: "a device",
          stat.S_IFBLK: "a device", stat.S_IFDIR: "a folder"}


def open_regular(path: Path, corpus_dir: Path, max_bytes: int) -> bytes:
    """The bytes of a regular file inside the corpus. A link is followed only when it
    stays inside the corpus folder; anything else is rejected before it is opened."""
    if path.is_symlink():
        try:
            target = path.resolve(strict=True)
        except (OSError, RuntimeError):
            raise Rejected("broken symbolic link") from None
        if not target.is_relative_to(corpus_dir.resolve()):
            raise Rejected("symbolic link to a file outside the corpus folder")
        path = target
    mode = path.stat().st_mode
    if not stat.S_ISREG(mode):
        raise Rejected(f"not a regular file ({_KINDS.get(stat.S_IFMT(mode), 'special file')})")
    with open(path, "rb") as fh:
        size = os.fstat(fh.fileno()).st_size
        if size > max_bytes:
            raise Rejected(f"file too large ({size:,} bytes > limit {max_bytes:,})")
        return fh.read(max_bytes + 1)


def _file_id(rel: str, taken: set[str]) -> str:
    """The file's stem, or its path with ``__`` for ``/`` when another file has the stem
    (``bbc/tech/001.txt`` → ``bbc__tech__001``)."""
    stem = clean_text(Path(rel).stem)
    return stem if stem not in taken else clean_text(rel.rsplit(".", 1)[0].replace("/", "__"))


def unique_id(doc_id: str, taken: set[str]) -> str:
    """``doc_id`` itself, or with the first free ``~2``, ``~3`` … suffix: two files never
    share an id (``a.txt`` and ``sub/a.txt``; a JSONL row and a file named like it)."""
    candidate, k = doc_id, 1
    while candidate in taken:
        k += 1
        candidate = f"{doc_id}~{k}"
    taken.add(candidate)
    return candidate


def read_file(path: Path, rel: str, corpus_dir: Path, max_bytes: int,
              doc_id: str) -> tuple[list[RawArticle | RowRejected], str | None]:
    """What one file holds: its articles (ids from ``doc_id``, the file's id, not yet made
    unique) and rejected rows, in file order; and the reason the file was given up, if it
    was (the rows read before a multi-article file broke are kept). The per-file half of
    ``read_corpus``, which partitioned ingest runs on workers."""
    items: list[RawArticle | RowRejected] = []
    try:
        data = open_regular(path, corpus_dir, max_bytes)
        reader = READERS[path.suffix.lower()]
        extra = {"max_bytes": max_bytes} if reader is read_records else {}
        for item in reader(path, data, rel, doc_id, **extra):
            items.append(item)
    except Rejected as err:
        return items, str(err)
    except OSError as err:
        return items, f"unreadable: {err.strerror or err}"
    return items, None


def read_corpus(
    corpus_dir: str | Path, max_bytes: int = DEFAULT_MAX_BYTES
) -> tuple[list[RawArticle], list[dict]]:
    """Read every article file below ``corpus_dir``.

    Returns the articles and ``rejected`` records for the files and rows that could not
    be read; one bad file never stops the others. Ids are file stems, made unique in
    the files' sorted order (``_file_id``, ``unique_id``); ``source_path`` says which
    file each came from.
    """
    corpus_dir = Path(corpus_dir)
    articles: list[RawArticle] = []
    rejected: list[dict] = []
    taken: set[str] = set()
    for path in discover(corpus_dir):
        rel = display_path(path, corpus_dir)
        items, problem = read_file(path, rel, corpus_dir, max_bytes, _file_id(rel, taken))
        for item in items:
            if isinstance(item, RowRejected):
                rejected.append(rejection(item.source_path, item.reason, row=item.row))
            else:
                articles.append(replace(item, doc_id=unique_id(item.doc_id, taken)))
        if problem:
            rejected.append(rejection(rel, problem))
    return articles, rejected
