"""Shared fixtures: the spaCy model (loaded once) and small corpora written by the tests."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED_CORPUS = ROOT / "data" / "raw"


@pytest.fixture(scope="session")
def nlp():
    from quotetrail.quotes import load_model

    return load_model()


@pytest.fixture
def corpus(tmp_path):
    """A function that writes {name: text or bytes} into a fresh corpus folder."""

    def make(files: dict[str, str | bytes]) -> Path:
        folder = tmp_path / "corpus"
        folder.mkdir(exist_ok=True)
        for name, content in files.items():
            path = folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        return folder

    return make


def article(body: str, title: str = "Minister Vows Action on Water Prices", extra: str = "") -> str:
    """A small web-page-like article for tests: headline, body paragraphs, optional clutter."""
    return f"{title}\n\n{body}\n{extra}"
