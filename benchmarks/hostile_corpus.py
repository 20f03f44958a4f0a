"""The whole study on 2,000 malformed files mixed with 50 good articles: does it finish,
keep every good article, and say why each other file was given up?

The malformed files are made here from a fixed seed: random bytes, truncated and
reshuffled UTF-8, UTF-16 and Latin-1 text, JSONL and CSV with broken rows, deep
nesting and huge numbers, HTML cut mid-tag, and articles full of stray quotation marks,
under file names with spaces, dollar signs, markup and bytes that are not UTF-8."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

N_BAD, N_GOOD = 2_000, 50


def _good(rng: random.Random, n: int) -> str:
    town = rng.choice(["Arlen", "Brackwater", "Dunmore", "Elsby", "Harwick"])
    return (f"Town of {town} Opens Library Number {n}\n\n"
            f"{town}, April {n % 28 + 1}, 2022 — The town of {town} opened its new library on "
            f"Saturday after {n + 2} years of building work and fund-raising by residents.\n\n"
            f"“Books are for everyone, and now there is room for them,” the librarian said, "
            f"adding that the library would open every day of the week.\n")


def _bad(rng: random.Random, n: int) -> tuple[bytes, bytes]:
    """(file name, content) of one malformed file."""
    text = _good(rng, n)
    kind = n % 12
    name = rng.choice([b"bad", b"$x$ ", b"<b>", b"caf\xe9 ", b"a b "]) + str(n).encode()
    if kind == 0:
        return name + b".txt", os.urandom(rng.randint(0, 3000))
    if kind == 1:
        cut = text.encode()[: rng.randint(0, len(text))]
        return name + b".txt", bytes(b for b in cut if rng.random() > 0.05)
    if kind == 2:
        return name + b".txt", text.encode(rng.choice(["utf-16", "utf-16-be", "utf-32"]))[
            : rng.randint(2, 400)]
    if kind == 3:
        return name + b".jsonl", ("[" * rng.randint(1, 100_000)).encode()
    if kind == 4:
        return name + b".jsonl", ('{"text": ' + "9" * rng.randint(1, 10_000) + "}").encode()
    if kind == 5:
        rows = [json.dumps({"text": text[: rng.randint(0, len(text))]}), '{"text": "\\ud800"}',
                "{broken", "null", json.dumps({"html": "<p>" * 500})]
        return name + b".jsonl", "\n".join(rng.sample(rows, 3)).encode()
    if kind == 6:
        return name + b".csv", os.urandom(rng.randint(0, 200))
    if kind == 7:
        return name + b".csv", ("text\n\"" + "x" * rng.randint(1, 300_000)).encode()
    if kind == 8:
        html = f"<html><body><article><p>{text}</p></article></body></html>"
        return name + b".html", html[: rng.randint(0, len(html))].encode()
    if kind == 9:
        return name + b".txt", ("He said “ and “ then " * rng.randint(1, 3000)).encode()
    if kind == 10:
        return name + b".txt", (text + "\x00" * rng.randint(1, 500)).encode("latin-1",
                                                                            "replace")
    return name + b".htm", b"<" * rng.randint(1, 5000)


def run(eval_dir: Path) -> None:  # noqa: ARG001 (no labelled data needed)
    rng = random.Random(13)
    with tempfile.TemporaryDirectory(prefix="quotetrail-hostile-") as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        for n in range(N_GOOD):
            (corpus / f"good{n:03d}.txt").write_text(_good(rng, n), encoding="utf-8")
        for n in range(N_BAD):
            name, data = _bad(rng, n)
            with open(os.path.join(os.fsencode(corpus), name), "wb") as fh:
                fh.write(data)
        started = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "quotetrail.cli", "study", "--corpus",
                               str(corpus), "--out", str(Path(tmp) / "out"), "--quiet"],
                              capture_output=True, text=True, check=False)
        seconds = time.perf_counter() - started
        if done.returncode != 0:
            print(f"  study FAILED (exit {done.returncode}) after {seconds:.0f}s:")
            print("  " + done.stderr.strip()[-2000:])
            return
        import pandas as pd

        from quotetrail.tables import read_rejected

        processed = Path(tmp) / "out" / "data" / "processed"
        docs = pd.read_parquet(processed / "documents.parquet")
        rejected = read_rejected(processed)
        kept = sum(f"good{n:03d}" in set(docs["doc_id"]) for n in range(N_GOOD))
        print(f"  {N_BAD:,} malformed files + {N_GOOD} good articles: study exit 0 in "
              f"{seconds:.0f}s; good articles kept {kept}/{N_GOOD}; documents "
              f"{len(docs):,}; rejected rows {len(rejected):,} "
              f"({', '.join(f'{k} {v}' for k, v in rejected['stage'].value_counts().items())})")
        reasons = rejected["reason"].str.replace(r"\d[\d,]*", "N", regex=True)
        for reason, count in reasons.value_counts().head(12).items():
            print(f"    {count:>5}  {reason}")
