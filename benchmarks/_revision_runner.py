"""Run one revision's quotation rules on saved parses (started by ``rules_history`` with
that revision's ``src`` first on the path; imports nothing of today's benchmarks).

    python _revision_runner.py WORK REV MODEL SPLIT [SPLIT ...]

Reads WORK/SPLIT.spacy (the parses) and WORK/SPLIT.parquet (doc_id, text); writes the
revision's quotes table, rules alone, to WORK/REV-SPLIT.parquet. MODEL is the spaCy
model that made the parses (for its vocabulary).
"""

from __future__ import annotations

import inspect
import sys
from pathlib import Path

import pandas as pd
import spacy
from spacy.tokens import DocBin

import quotetrail.quotes as quotes_stage


class SavedParses:
    """Stands in for the spaCy pipeline: each text's saved parse."""

    pipe_names: list[str] = []

    def __init__(self, docs: dict[str, object]):
        self.docs = docs

    def pipe(self, texts, **_):
        for text in texts:
            yield self.docs[text]

    def __call__(self, text):
        return self.docs[text]


def main(work: Path, rev: str, model: str, splits: list[str]) -> None:
    vocab = spacy.load(model).vocab
    options = inspect.signature(quotes_stage.extract_quotes).parameters
    for split in splits:
        docs = pd.read_parquet(work / f"{split}.parquet")
        parsed = list(DocBin().from_bytes((work / f"{split}.spacy").read_bytes()).get_docs(vocab))
        nlp = SavedParses(dict(zip(docs["text"], parsed, strict=True)))
        found = quotes_stage.extract_quotes(docs, nlp, **(
            {"learned": False} if "learned" in options else {}))
        table = found[0] if isinstance(found, tuple) else found
        if "attribution" not in table:  # before the column: a row with a speaker had one
            table["attribution"] = table["speaker"].notna().map({True: "explicit",
                                                                 False: "none"})
        for column in ("cue_start", "cue_end", "speaker_start", "speaker_end"):
            if column not in table:
                table[column] = None
        table.to_parquet(work / f"{rev}-{split}.parquet")


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4:])
