"""How the quotation rules of past revisions score on PolNeAR train and dev: which
changes carried to train and which fitted dev alone.

    python -m benchmarks.rules_history --eval ../shared/eval REV [REV ...]
    python -m benchmarks.rules_history --eval ../shared/eval --range A..B

Each revision's ``quotetrail.quotes`` is checked out into a temporary git worktree and
run, rules alone, in a process of its own on the same parses (made once with today's
pipeline, so a revision is judged by its rules, not by how it split sentences). Today's
scorer scores every revision, and the table gives each one's change over the revision
before it that ran (a revision whose rules stop on an article is named and passed over).
A change that moves dev by a quotation or two and train by nothing was
fitted to dev's sentences; one that lowers train is one that train would not choose.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pandas as pd

from benchmarks.quote_extraction import SPLITS, load_gold, score, scored_spans

RUNNER = Path(__file__).with_name("_revision_runner.py")
SCORES = (("direct", "≥0.8"), ("indirect", "≥0.3"))  # the F1s shown, then speaker accuracy


def revisions(repo: Path, spec: list[str], span: str | None) -> list[str]:
    """The short hashes of ``spec``, or of the commits in ``span`` ("A..B", A included)
    that touched ``src/quotetrail/quotes``, oldest first."""
    if span:
        first, last = span.split("..")
        spec = [first] + git(repo, "log", "--reverse", "--format=%h", f"{first}..{last}",
                             "--", "src/quotetrail/quotes").split()
    return [git(repo, "rev-parse", "--short", rev).strip() for rev in spec]


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True,
                          text=True).stdout


def parse_once(texts: dict[str, dict[str, str]], work: Path) -> None:
    """Parse each split's texts once, with today's pipeline, into ``work`` for the
    runners."""
    from spacy.tokens import DocBin

    from quotetrail.quotes import load_model, parse_all

    nlp = load_model()
    for split, by_doc in texts.items():
        bin_ = DocBin(store_user_data=True)
        for doc in parse_all(nlp, list(by_doc.values())):
            bin_.add(doc)
        (work / f"{split}.spacy").write_bytes(bin_.to_bytes())
        pd.DataFrame({"doc_id": list(by_doc), "text": list(by_doc.values())}).to_parquet(
            work / f"{split}.parquet")


def run_revision(repo: Path, rev: str, work: Path, splits: list[str]) -> dict[str, Path] | None:
    """Run ``rev``'s rules on the saved parses: the quotes table of each split, or None
    when they stop on an article (the runner's error is printed)."""
    from quotetrail.quotes import DEFAULT_MODEL

    tree = work / f"tree-{rev}"
    git(repo, "worktree", "add", "--detach", "--quiet", str(tree), rev)
    try:
        ran = subprocess.run([sys.executable, str(RUNNER), str(work), rev, DEFAULT_MODEL,
                              *splits], env={**os.environ, "PYTHONPATH": str(tree / "src")})
    finally:
        git(repo, "worktree", "remove", "--force", str(tree))
    return {split: work / f"{rev}-{split}.parquet" for split in splits} \
        if ran.returncode == 0 else None


def headline(texts: dict[str, str], gold, quotes: pd.DataFrame) -> tuple[float, ...]:
    """Direct F1 at τ≥0.8, reported-speech F1 at τ≥0.3, speaker accuracy."""
    r = score(texts, gold, scored_spans(texts, quotes))
    return tuple(r[(kind, tau)][2] for kind, tau in SCORES) + (r["speaker_acc"],)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.rules_history",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("revs", nargs="*", help="revisions, oldest first")
    parser.add_argument("--range", help="A..B: A and every later commit to the quotation rules")
    parser.add_argument("--eval", type=Path, default=Path("../shared/eval"))
    parser.add_argument("--repo", type=Path, default=Path("."))
    args = parser.parse_args(argv)
    revs = revisions(args.repo, args.revs, args.range)
    loaded = {split: load_gold(args.eval, split) for split in SPLITS}
    texts = {split: t for split, (t, _, _) in loaded.items() if t}
    gold = {split: g for split, (_, _, g) in loaded.items()}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        parse_once(texts, work)
        print(f"{'revision':<10}" + "".join(f"{split + ' ' + name:>16}" for split in texts
                                            for name in ("direct", "reported", "speaker")))
        before = None
        for rev in revs:
            tables = run_revision(args.repo, rev, work, list(texts))
            if tables is None:
                print(f"{rev:<10}  stopped on an article (above); the next is compared "
                      "with the last that ran")
                continue
            now = [v for split, path in tables.items()
                   for v in headline(texts[split], gold[split], pd.read_parquet(path))]
            print(f"{rev:<10}" + "".join(f"{v:>16.4f}" for v in now))
            if before is not None:
                print(f"{'  change':<10}" + "".join(f"{v - b:>+16.4f}" for v, b in
                                                   zip(now, before, strict=True)))
            before = now
    return 0


if __name__ == "__main__":
    sys.exit(main())
