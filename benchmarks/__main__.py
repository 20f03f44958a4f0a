"""``python -m benchmarks --eval DIR [--only NAME ...]``: run the benchmarks and print tables."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from benchmarks import (
    alignment_growth,
    corpus_steps,
    encoder_speed,
    hostile_corpus,
    identity,
    ingest_speed,
    interviews,
    marks_growth,
    paraphrase,
    publication_dates,
    quote_extraction,
    rerun,
    rewrites,
    stories,
    study_growth,
    study_speed,
    timex,
)

BENCHMARKS = {
    "quote_extraction": quote_extraction.run,
    "publication_dates": publication_dates.run,
    "ingest_speed": ingest_speed.run,
    "study_speed": study_speed.run,
    "marks_growth": marks_growth.run,
    "hostile_corpus": hostile_corpus.run,
    "paraphrase": paraphrase.run,
    "identity": identity.run,
    "interviews": interviews.run,
    "rewrites": rewrites.run,
    "encoder_speed": encoder_speed.run,
    "alignment_growth": alignment_growth.run,
    "corpus_steps": corpus_steps.run,
    "stories": stories.run,
    "timex": timex.run,
    "rerun": rerun.run,
    "study_growth": study_growth.run,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--eval", type=Path, default=Path("../shared/eval"),
                        help="folder of the public labelled data sets (default ../shared/eval)")
    parser.add_argument("--only", nargs="*", choices=sorted(BENCHMARKS),
                        help="run only these benchmarks")
    args = parser.parse_args(argv)
    for name in args.only or BENCHMARKS:
        print(f"\n== {name}")
        BENCHMARKS[name](args.eval)
    return 0


if __name__ == "__main__":
    sys.exit(main())
