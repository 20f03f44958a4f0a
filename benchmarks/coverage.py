"""Cross-outlet coverage for labelling and scoring: basil-dev events and SemEval-2022 pairs.

Both are read into articles with one body text each, so that labelled pairs of
printings can be stored as character offsets into it (never as words):

- basil-dev: ``"\\n\\n".join(" ".join(p) for p in body-paragraphs)``, as the eval README
  says; an article's key is its file name relative to ``basil-dev/articles``
  (``2019/<uuid>_1.json``), its event the ``triplet-uuid``;
- SemEval-2022 task 8 (BL.Research copy): ``text_1`` / ``text_2`` of the row whose
  ``ligne`` is N, keys ``semeval:N:1`` and ``semeval:N:2``; the pair is one event when
  ``Overall`` ≤ 1.5 (the same story).

``python -m benchmarks.coverage show KEY --eval DIR`` prints an article paragraph by
paragraph with the offset of each paragraph's first character, for reading and
labelling; ``events`` lists the events and their articles.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from dataclasses import dataclass
from pathlib import Path

SAME_STORY = 1.5  # SemEval Overall at or under this: the same story


@dataclass(frozen=True)
class Article:
    key: str
    event: str
    outlet: str
    title: str
    published: str | None
    text: str


def basil(eval_dir: Path) -> list[Article]:
    root = Path(eval_dir) / "basil-dev" / "articles"
    out = []
    for path in sorted(root.rglob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        text = "\n\n".join(" ".join(p) for p in data.get("body-paragraphs") or [])
        out.append(Article(path.relative_to(root).as_posix(), "basil:" + data["triplet-uuid"],
                           str(data.get("source") or ""), str(data.get("title") or ""),
                           data.get("date"), text))
    return out


def semeval(eval_dir: Path, same_story: float = SAME_STORY) -> list[Article]:
    path = Path(eval_dir) / "semeval2022-task8-en-blresearch" / "corpus_en_notes.csv"
    csv.field_size_limit(sys.maxsize)
    out = []
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            if float(row["Overall"]) > same_story:
                continue
            n = row["ligne"]
            for side in ("1", "2"):
                text = row[f"text_{side}"] or ""
                if text.strip():
                    out.append(Article(f"semeval:{n}:{side}", f"semeval:{n}", "",
                                       row[f"title_{side}"] or "", None, text))
    return out


def articles(eval_dir: Path) -> dict[str, Article]:
    """Every article of both sets by key."""
    return {a.key: a for a in basil(eval_dir) + semeval(eval_dir)}


def show(article: Article) -> str:
    lines = [f"# {article.key}  event={article.event}  outlet={article.outlet}  "
             f"date={article.published}", f"# title: {article.title}", ""]
    pos = 0
    for para in article.text.split("\n\n"):
        lines.append(f"[{pos}] {para}")
        pos += len(para) + 2
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.coverage", description=__doc__)
    parser.add_argument("--eval", type=Path, default=Path("../shared/eval"))
    sub = parser.add_subparsers(dest="cmd", required=True)
    sub.add_parser("events")
    s = sub.add_parser("show")
    s.add_argument("key")
    args = parser.parse_args(argv)
    found = articles(args.eval)
    if args.cmd == "events":
        by_event: dict[str, list[Article]] = {}
        for a in found.values():
            by_event.setdefault(a.event, []).append(a)
        for event, members in sorted(by_event.items()):
            print(event, " ".join(f"{a.key}({a.outlet or '-'},{len(a.text)})" for a in members))
    else:
        print(show(found[args.key]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
