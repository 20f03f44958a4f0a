"""One study run at a time per output folder, and a run that lands whole or not at all.

A run works in staging folders beside the real ones (``data/.processed.partial``,
``.reports.partial``), seeded from the last finished study. Only when the run ends
(every notebook done, or a notebook failed and its report says so) are the staging
folders swapped in place of the real ones. A run that is killed or interrupted leaves
the last study untouched and its staging folders behind; the next run resumes from
them, skipping the notebooks that finished. A lock file in each output folder keeps a
second run out while one is going.
"""

from __future__ import annotations

import fcntl
import os
import shutil
from contextlib import contextmanager
from pathlib import Path

LOCK_FILE = ".quotetrail.lock"


class StudyBusy(RuntimeError):
    """Another run holds the output folder."""


def partial(folder: Path) -> Path:
    """The staging folder of ``folder``: a hidden sibling."""
    return folder.with_name(f".{folder.name}.partial")


def _previous(folder: Path) -> Path:
    return folder.with_name(f".{folder.name}.previous")


@contextmanager
def locked(folders: list[Path]):
    """Hold the run lock of every folder's parent for the duration of the block; refuse
    at once, naming the holder, if another run has one. The operating system releases
    the lock when the holder dies, so a killed run never leaves a stale lock."""
    handles = []
    try:
        for parent in sorted({f.parent for f in folders}):
            parent.mkdir(parents=True, exist_ok=True)
            path = parent / LOCK_FILE
            fh = open(path, "a+", encoding="utf-8")  # noqa: SIM115 (held until the end)
            handles.append(fh)
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                fh.seek(0)
                holder = fh.read().strip() or "another process"
                raise StudyBusy(
                    f"{parent}: another study is running into this folder ({holder}); "
                    "wait for it to finish or choose another --out") from None
            fh.seek(0)
            fh.truncate()
            fh.write(f"pid {os.getpid()}\n")
            fh.flush()
        yield
    finally:
        for fh in handles:
            fh.close()  # closing releases the lock


def recover(folder: Path) -> None:
    """Finish a swap a crash cut between its two renames: the previous study comes back
    if the new one never landed."""
    previous = _previous(folder)
    if previous.exists():
        if folder.exists():
            shutil.rmtree(previous)
        else:
            os.replace(previous, folder)


def _copy_tree(source: Path, target: Path) -> None:
    """Copy ``source`` into ``target``; tables are hard-linked where the file system
    allows (they are only ever replaced by rename, never written in place)."""
    for path in sorted(source.rglob("*")):
        dest = target / path.relative_to(source)
        if path.is_dir():
            dest.mkdir(parents=True, exist_ok=True)
            continue
        if not path.is_file() or path.name == LOCK_FILE:
            continue
        dest.parent.mkdir(parents=True, exist_ok=True)
        if path.suffix == ".parquet":
            try:
                os.link(path, dest)
                continue
            except OSError:
                pass
        shutil.copy2(path, dest)


def open_staging(folder: Path) -> tuple[Path, bool]:
    """The staging folder for ``folder`` and whether it is a resumed one: an interrupted
    run's is kept as it is; otherwise a fresh one is seeded from ``folder``."""
    recover(folder)
    stage = partial(folder)
    if stage.is_dir():
        return stage, True
    tmp = folder.with_name(f".{folder.name}.seeding")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    if folder.is_dir():
        _copy_tree(folder, tmp)
    os.replace(tmp, stage)  # a half-seeded staging folder never looks resumable
    return stage, False


def commit(folder: Path) -> None:
    """Put the staging folder in place of ``folder``: two renames, the old study removed
    only once the new one is there (``recover`` finishes a swap a crash cut short)."""
    stage, previous = partial(folder), _previous(folder)
    if folder.exists():
        os.replace(folder, previous)
    os.replace(stage, folder)
    shutil.rmtree(previous, ignore_errors=True)
