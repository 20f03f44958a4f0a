"""Finding article files in a corpus folder and decoding them into text.

One reader per file format, all behind ``read_file``: a new format is one new
function in ``READERS``. A file that cannot be read raises ``Rejected`` with the
reason, which the caller records instead of stopping the study.

Limits, each with its reason in the rejection: ``max_bytes`` per file (a corpus
folder is not a place for disk images), the csv module's field limit raised to the
file limit (an article is one field), JSON numbers kept as text (a thousand-digit
integer is not worth converting) and JSON nested deeper than the interpreter's
recursion limit rejected. Only regular files inside the corpus are read: a link
out of it, a pipe or a device is rejected, never opened. A file whose name starts with a
dot is read like any other; a hidden folder that holds article files, and a link to a
folder, are not entered but are a ``rejected`` row of their own (``skipped_reason``).
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

from quotetrail.ingest import flat_html
from quotetrail.ingest.decoding import Rejected, clean_text, decode, wide_encoding
from quotetrail.schemas import rejection

DEFAULT_MAX_BYTES = 5_000_000


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
        wide = wide_encoding(html)
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


def read_page(html: bytes | str, url: str | None = None) -> tuple[str, dict, bool]:
    """(text, meta, extracted) of a web page: trafilatura's cut (``extract_html``), or,
    when the markup nests deeper than lxml reads, the whole page's text from
    ``flat_html`` (``extracted`` False: our clutter rules then find the body)."""
    try:
        return (*extract_html(html, url), True)
    except Rejected as err:
        if not str(err).startswith(("HTML page with no article body", "unparseable HTML")):
            raise
        try:
            page = flat_html.flatten(decode(html) if isinstance(html, bytes) else html)
        except Rejected:
            raise err from None
        if page.depth <= flat_html.LXML_MAX_DEPTH:
            raise err from None
        if not page.text:
            raise Rejected(f"HTML page with no text (elements nested {page.depth:,} deep)") \
                from None
        meta = {"title": clean_text(page.title)} if page.title else {}
        return clean_text(page.text), meta, False


def read_html(path: Path, data: bytes, rel: str, doc_id: str) -> Iterator[RawArticle]:
    """A saved web page: the article is extracted before any cleaning of our own."""
    if not data:
        raise Rejected("empty file (0 bytes)")
    if not data.strip():
        raise Rejected(f"whitespace only ({len(data):,} bytes of spaces, tabs or line "
                       "breaks; no text)")
    text, meta, extracted = read_page(data)
    yield RawArticle(doc_id, rel, hashlib.sha256(data).hexdigest(), text, meta, extracted)


ROW_FIELDS = ("title", "url", "published", "outlet", "author")
BODY_FIELDS = ("text", "html")


class JsonInt(str):
    """A JSON integer kept as its digits: converting one of thousands of digits is
    refused by Python, and none of our fields is a number; the class says what it was."""


class JsonFloat(str):
    """A JSON number with a fraction or exponent, kept as written."""


class JsonConstant(str):
    """NaN, Infinity or -Infinity, which Python's JSON reader accepts."""


def json_type(value) -> str:
    """What a JSON value is, for a reason: "a number (int)", "a list", "null" …"""
    if isinstance(value, JsonInt):
        return "a number (int)"
    if isinstance(value, JsonFloat):
        return "a number (float)"
    if isinstance(value, JsonConstant):
        return f"a number ({value})"
    if isinstance(value, bool):
        return f"a boolean ({str(value).lower()})"
    if value is None:
        return "null"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return "a string"


def _is_number(value) -> bool:
    """A JSON number, or text that reads as one ("12345", "NaN", "inf" in a CSV)."""
    if isinstance(value, (JsonInt, JsonFloat, JsonConstant)):
        return True
    try:
        float(value)
    except (TypeError, ValueError):
        return False
    return True


def _json_record(line: str) -> tuple[dict | None, str | None]:
    """(record, problem) for one JSONL line; numbers are kept as text (``JsonInt`` …)."""
    try:
        record = json.loads(line, parse_int=JsonInt, parse_float=JsonFloat,
                            parse_constant=JsonConstant)
    except RecursionError:
        return None, "JSON nested too deeply"
    except ValueError as err:
        return None, f"invalid JSON ({getattr(err, 'msg', err)})"
    if isinstance(record, dict):
        return record, None
    return None, f"not an object: the line is {json_type(record)}"


def _rows(path: Path, data: bytes, max_bytes: int) -> Iterator[tuple[int, dict | None, str | None]]:
    """(row number, record or None, problem) for each record of a JSONL or CSV file."""
    text = decode(data)
    if suffix(path.name) == ".jsonl":
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


NAME_FIELDS = ("title", "outlet", "author")  # a number is never a headline or a name


def _scalar(value, key: str) -> str | None:
    """A metadata field's text; lists, objects and blanks are not a title or a date, and
    a number (JSON's, or a CSV's "12345" or "NaN") is not a title, outlet or author."""
    if not isinstance(value, str) or (key in NAME_FIELDS and _is_number(value)):
        return None
    return clean_text(str(value)).strip() or None


def _no_body(record: dict, is_csv: bool) -> str:
    """Why a row has no usable text or html: missing, blank, or not a string (and what)."""
    key = next((k for k in BODY_FIELDS if k in record and record[k] is not None), None)
    if key is None:
        if is_csv:
            return "row's text is missing (the row has fewer fields than the header)"
        key = next((k for k in BODY_FIELDS if k in record), None)
        return f"row's {key} is null" if key else "row has neither text nor html"
    value = record[key]
    if isinstance(value, (JsonInt, JsonFloat, JsonConstant)) or not isinstance(value, str):
        return f"row's {key} is not a string: {json_type(value)}"
    if not value:
        return f"row's {key} is blank (an empty string)"
    return f"row's {key} is blank (whitespace only)"


def read_records(path: Path, data: bytes, rel: str, doc_id: str,
                 max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[RawArticle | RowRejected]:
    """JSONL or CSV: one article per row, with ``text`` or ``html`` and optional
    title, url, published, outlet and author. A bad row is rejected on its own."""
    digest = hashlib.sha256(data).hexdigest()
    is_csv = suffix(path.name) == ".csv"
    seen = 0
    for n, record, problem in _rows(path, data, max_bytes):
        seen += 1
        try:
            if problem:
                raise Rejected(problem)
            meta = {k: v for k in ROW_FIELDS if (v := _scalar(record.get(k), k))}
            html, text = _string(record.get("html")), _string(record.get("text"))
            if html:
                body, found, extracted = read_page(html, meta.get("url"))
                meta = {**found, **meta}
            elif text:
                body = clean_text(text).replace("\r\n", "\n").replace("\r", "\n")
                extracted = False
            else:
                raise Rejected(_no_body(record, is_csv))
            if meta.get("url") and not meta.get("outlet"):
                meta["outlet"] = _host(meta["url"])
            yield RawArticle(f"{doc_id}-{n:05d}", rel, digest, body, meta, extracted, row=n)
        except Rejected as err:
            yield RowRejected(rel, n, str(err))
    if not seen:
        raise Rejected(f"no rows: a {suffix(path.name).lstrip('.').upper()} file with no "
                       "records")


def _string(value) -> str | None:
    """A body field that is text with something in it (a JSON number is not)."""
    if isinstance(value, str) and not isinstance(value, (JsonInt, JsonFloat, JsonConstant)):
        return value if value.strip() else None
    return None


READERS: dict[str, Callable[..., Iterator]] = {
    ".txt": read_txt,
    ".html": read_html,
    ".htm": read_html,
    ".jsonl": read_records,
    ".csv": read_records,
}


def suffix(name: str) -> str:
    """A file name's extension in lower case, also when the name starts with a dot
    (``.txt``, ``.hidden.txt``, ``..dots...txt`` are all text files)."""
    _, dot, ext = name.rpartition(".")
    return f".{ext.lower()}" if dot else ""


def is_article_name(name: str) -> bool:
    return suffix(name) in READERS


def hidden_article_files(folder: Path) -> int:
    """How many files named like articles a hidden folder holds, at any depth."""
    return sum(is_article_name(f) for _, _, files in os.walk(folder, followlinks=False)
               for f in files)


def discover(corpus_dir: str | Path) -> tuple[list[Path], list[Path]]:
    """Every entry below ``corpus_dir`` named like an article file (regular or not: links
    and special files are judged by ``read_corpus``), in a stable order, and the folders
    not entered: links to folders, and hidden folders (name starting with a dot) that
    hold article files. A file's own leading dot hides nothing; a link to a folder named
    like an article file is judged as a file (and rejected)."""
    corpus_dir = Path(corpus_dir)
    if not corpus_dir.is_dir():
        raise FileNotFoundError(f"{corpus_dir}: corpus folder not found")
    found, skipped = [], []
    for folder, dirs, files in os.walk(corpus_dir, followlinks=False):
        linked = [d for d in dirs if (Path(folder) / d).is_symlink()]
        skipped += [Path(folder) / d for d in dirs if d.startswith(".") and d not in linked
                   and hidden_article_files(Path(folder) / d)]
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in linked)
        found += [Path(folder) / f for f in files + linked if is_article_name(f)]
        skipped += [Path(folder) / d for d in linked if not is_article_name(d)]

    def order(p: Path) -> list[bytes]:
        return [os.fsencode(part) for part in p.parts]

    return sorted(found, key=order), sorted(skipped, key=order)


def skipped_reason(folder: Path) -> str:
    """Why a folder was not entered: a link to a folder, or a hidden one (with how many
    article files it holds)."""
    if folder.is_symlink():
        return ("link to a folder, not followed: it may lead out of the corpus or round in "
                "a loop (copy the folder in to read it)")
    n = hidden_article_files(folder)
    return (f"hidden folder not read: its name starts with a dot, as a .git or .cache "
            f"folder's does, which is not part of a corpus ({n:,} article "
            f"file{'s' if n != 1 else ''} inside; rename the folder to read them)")


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
        reader = READERS[suffix(path.name)]
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
    files, skipped = discover(corpus_dir)
    for folder in skipped:
        rejected.append(rejection(display_path(folder, corpus_dir), skipped_reason(folder)))
    for path in files:
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
