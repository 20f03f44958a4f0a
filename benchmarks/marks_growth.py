"""How ingest and quotation time grow with the number of quotation marks in one article.

Articles of made-up sentences carry from 100 to 10,000 quotation marks, in the shapes that
made pairing slow before: openers that never close, stray closers, straight marks, and
paragraphs that each open a quotation. Times are the best of three; the exponent is the
slope of log(time) against log(marks) (1 is linear growth). spaCy's tokenizer on the same
text runs beside it as the linear reference."""

from __future__ import annotations

import math
import time
from pathlib import Path

COUNTS = (100, 300, 1_000, 3_000, 10_000)
# each unit carries two marks and a sentence of made-up prose ({k}: its number)
UNITS = {
    "openers that never close": "The clerk said “ and then “ paused {k} times. ",
    "straight and curly mixed": "A \"first note\" and a ” stray one, number {k}. ",
    "a quotation per paragraph": "“Paragraph {k} opens one, and none closes “here, he said.\n\n",
}


def _best(fn, repeat: int = 3) -> float:
    best = math.inf
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - started)
    return best


def _slope(xs: list[float], ys: list[float]) -> float:
    lx, ly = [math.log(x) for x in xs], [math.log(max(y, 1e-6)) for y in ys]
    mx, my = sum(lx) / len(lx), sum(ly) / len(ly)
    return sum((a - mx) * (b - my) for a, b in zip(lx, ly, strict=True)) / sum(
        (a - mx) ** 2 for a in lx)


def run(eval_dir: Path) -> None:  # noqa: ARG001 (no labelled data needed)
    import pandas as pd

    from quotetrail.ingest.documents import parse_article
    from quotetrail.ingest.readers import RawArticle
    from quotetrail.quotes import extract_quotes, load_model
    from quotetrail.text.marks import marked_spans

    nlp = load_model()
    print(f"  {'shape':<28}{'marks':>7}{'pairing s':>11}{'ingest s':>10}{'quotes s':>10}"
          f"{'tokenizer s':>13}")
    for shape, unit in UNITS.items():
        times: dict[str, list[float]] = {"pairing": [], "ingest": [], "quotes": [], "tok": []}
        for n in COUNTS:
            body = "".join(unit.format(k=k) for k in range(n // 2))
            text = "Clerk Reads the Minutes\n\n" + body + "\nThe meeting ended.\n"
            raw = RawArticle("m", "m.txt", "0" * 64, text)
            doc = parse_article(raw)
            docs = pd.DataFrame([doc])
            row = {
                "pairing": _best(lambda: marked_spans(text)),  # noqa: B023
                "ingest": _best(lambda: parse_article(raw)),  # noqa: B023
                "quotes": _best(lambda: extract_quotes(docs, nlp), repeat=1),  # noqa: B023
                "tok": _best(lambda: nlp.tokenizer(doc["text"])),  # noqa: B023
            }
            for key, value in row.items():
                times[key].append(value)
            print(f"  {shape:<28}{n:>7}{row['pairing']:>11.4f}{row['ingest']:>10.3f}"
                  f"{row['quotes']:>10.2f}{row['tok']:>13.4f}")
        slopes = {k: _slope(list(COUNTS), v) for k, v in times.items()}
        print(f"  {'growth exponent':<35}{slopes['pairing']:>11.2f}{slopes['ingest']:>10.2f}"
              f"{slopes['quotes']:>10.2f}{slopes['tok']:>13.2f}")
