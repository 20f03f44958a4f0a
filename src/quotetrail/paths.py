"""One place for the project's folders, so notebooks and the runner agree."""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def find_root(start: Path | None = None) -> Path:
    """The repository root: the nearest folder holding ``notebooks/`` and ``pyproject.toml``.

    Searched upward from ``start`` (default: the working directory), then from the
    package itself (an editable install lives inside the repository).
    """
    candidates = [Path(start or Path.cwd()).resolve(), PACKAGE_DIR]
    for base in candidates:
        for folder in (base, *base.parents):
            if (folder / "notebooks").is_dir() and (folder / "pyproject.toml").is_file():
                return folder
    raise FileNotFoundError(
        "cannot find the quotetrail repository (a folder with notebooks/ and pyproject.toml) "
        f"above {candidates[0]}"
    )


def default_dirs(root: Path) -> dict[str, Path]:
    """The repository's own corpus, table and report folders."""
    return {
        "corpus": root / "data" / "raw",
        "context": root / "data" / "context",
        "processed": root / "data" / "processed",
        "reports": root / "reports",
        "notebooks": root / "notebooks",
    }
