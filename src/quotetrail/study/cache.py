"""Knowing when a notebook's inputs are unchanged, so a rerun can skip it.

A notebook's fingerprint covers its source, its parameters, the package's code and
version, the input files, and the tables written by the notebooks before it. A
notebook is skipped only when the fingerprint matches its last successful run and
the tables it wrote are still there, byte for byte.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
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


def _entry_hash(path: Path) -> str:
    """A corpus entry's fingerprint without ever blocking or leaving the folder: a
    regular file's SHA-256, a link's target, a special file's kind. A file that cannot
    be read gets a note, and ingest rejects it with the reason."""
    try:
        mode = path.lstat().st_mode
        if stat.S_ISLNK(mode):
            return "link:" + os.readlink(path)
        if not stat.S_ISREG(mode):
            return f"special:{stat.S_IFMT(mode):o}"
        return file_sha256(path)
    except OSError as err:
        return f"unreadable:{err.strerror or err}"


def tree_hashes(folder: Path | None) -> dict[str, str]:
    """Fingerprint of every entry below ``folder`` (relative path -> hash); {} if it is
    absent. Linked and hidden folders are not entered (a hidden one is noted with the
    number of article files in it); names that are not UTF-8 are escaped."""
    if folder is None or not Path(folder).is_dir():
        return {}
    folder = Path(folder)
    from quotetrail.ingest.readers import hidden_article_files

    out = {}

    def rel(path: Path) -> str:
        return os.fsencode(path.relative_to(folder).as_posix()).decode("utf-8",
                                                                       "backslashreplace")

    for parent, dirs, files in os.walk(folder, followlinks=False):
        for name in dirs:  # not entered, but named in `rejected`
            path = Path(parent) / name
            if path.is_symlink():
                out[rel(path)] = _entry_hash(path)
            elif name.startswith("."):
                out[rel(path) + "/"] = f"hidden:{hidden_article_files(path)}"
        dirs[:] = sorted(d for d in dirs if not d.startswith(".")
                         and not (Path(parent) / d).is_symlink())
        for name in sorted(files):
            path = Path(parent) / name
            out[rel(path)] = _entry_hash(path)
    return dict(sorted(out.items()))


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
    """Write the cache by rename, so an interruption never leaves half a file."""
    reports_dir.mkdir(parents=True, exist_ok=True)
    tmp = reports_dir / f".{CACHE_FILE}.{os.getpid()}.tmp"
    tmp.write_text(json.dumps(cache, indent=1, sort_keys=True), encoding="utf-8")
    os.replace(tmp, reports_dir / CACHE_FILE)


def outputs_intact(entry: dict, processed_dir: Path) -> bool:
    """Whether every table recorded for a notebook still has the hash it was written with."""
    for name, digest in entry.get("outputs", {}).items():
        path = processed_dir / f"{name}.parquet"
        if not path.is_file() or file_sha256(path) != digest:
            return False
    return True
