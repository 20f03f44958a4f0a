"""How grouping quotations into statements grows with their number.

Synthetic printings are made from the BBC articles' quotations: each base quotation
is printed as is, trimmed, re-punctuated and with two words dropped (four printings
of one statement, by one of twenty speakers), in articles of five quotations. The
sentence model's time (linear: every text is encoded once) and the grouping's time
(neighbour search, content model, assignment) are timed apart, with peak memory, and
the growth exponent of the grouping is fitted between the sizes. Sizes:
``QUOTETRAIL_GROWTH_SIZES`` (default 1000,3000,10000; the 100k point takes about 20
minutes of encoding on two cores). Last, the sentence model's articles/s on BBC beside
the spaCy parse of the same articles.
"""

from __future__ import annotations

import os
import random
import re
import time
import tracemalloc
from pathlib import Path

import numpy as np
import pandas as pd

from quotetrail.align.encoder import Encoder
from quotetrail.align.pairs import load_model
from quotetrail.align.statements import ContentScorer, by_article, group, printings

_QUOTED = re.compile(r"\"([^\"\n]{40,400})\"")


def base_quotations(eval_dir: Path) -> list[str]:
    out = []
    for path in sorted((Path(eval_dir) / "bbc-news").rglob("*.txt")):
        text = path.read_bytes().decode("utf-8", errors="replace")
        out.extend(m.group(1).strip() for m in _QUOTED.finditer(text))
    return list(dict.fromkeys(out))


def synthetic(base: list[str], n: int, seed: int = 0) -> tuple[pd.DataFrame, pd.DataFrame]:
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        text = base[(i // 4) % len(base)]
        words = text.split()
        form = i % 4
        if form == 1:
            text = " ".join(words[: max(4, len(words) * 2 // 3)])
        elif form == 2:
            text = text.replace(",", "").rstrip(".") + "."
        elif form == 3 and len(words) > 6:
            drop = set(rng.sample(range(1, len(words) - 1), 2))
            text = " ".join(w for k, w in enumerate(words) if k not in drop)
        rows.append({"quote_id": f"d{i // 5:06d}:q{i % 5:03d}", "doc_id": f"d{i // 5:06d}",
                     "kind": "direct", "text": text, "start": 0, "end": len(text),
                     "speaker": f"Speaker {(i // 4) % 20}", "cue_start": None})
    quotes = pd.DataFrame(rows)
    docs = pd.DataFrame({"doc_id": sorted(set(quotes["doc_id"]))})
    docs["text"] = [" ".join(quotes.loc[quotes["doc_id"] == d, "text"]) for d in docs["doc_id"]]
    for col in ("published", "published_min", "published_max"):
        docs[col] = None
    return docs, quotes


def run(eval_dir: Path) -> None:
    sizes = [int(s) for s in os.environ.get("QUOTETRAIL_GROWTH_SIZES",
                                            "1000,3000,10000").split(",")]
    base = base_quotations(eval_dir)
    encoder, model = Encoder(), load_model()
    print(f"{len(base)} distinct BBC quotations as the base")
    print(f"{'quotations':>10} {'encode s':>9} {'group s':>8} {'peak MB':>8} {'statements':>10}")
    points = []
    for n in sizes:
        docs, quotes = synthetic(base, n)
        items = printings(docs, by_article(quotes))
        started = time.perf_counter()
        matrix = encoder.encode([p.text for p in items])
        encode_s = time.perf_counter() - started
        vectors = {p.row: matrix[k] for k, p in enumerate(items)}
        tracemalloc.start()
        started = time.perf_counter()
        statements = group(items, vectors, ContentScorer(model, vectors, encoder.encode))
        group_s = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1] / 1e6
        tracemalloc.stop()
        points.append((n, group_s))
        print(f"{n:>10} {encode_s:9.1f} {group_s:8.1f} {peak:8.0f} {len(statements):>10}")
    if len(points) > 1:
        (n0, t0), (n1, t1) = points[0], points[-1]
        print(f"grouping growth exponent {np.log(t1 / t0) / np.log(n1 / n0):.2f} "
              f"({n0} to {n1}; target <= 1.2)")
    embedding_speed(eval_dir)


SPEED_SAMPLE = 300  # BBC articles for the embedding step beside the parse


def embedding_speed(eval_dir: Path) -> None:
    """Articles/s of the sentence model over every sentence of BBC articles (the most
    the study ever encodes of an article), beside the spaCy parse of the same articles,
    in the same run."""
    from quotetrail.quotes import load_model as load_parser
    from quotetrail.text.sentences import sentence_bounds

    paths = sorted((Path(eval_dir) / "bbc-news" / "bbc").glob("*/*.txt"))
    texts = [p.read_bytes().decode("utf-8", "replace")
             for p in paths[::max(1, len(paths) // SPEED_SAMPLE)][:SPEED_SAMPLE]]
    if not texts:
        return
    nlp = load_parser()
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=16):
        pass
    parse_s = time.perf_counter() - started
    sentences = [t[s:e].strip() for t in texts for s, e in sentence_bounds(t)]
    started = time.perf_counter()
    Encoder().encode(sentences)  # a fresh cache: every sentence encoded
    encode_s = time.perf_counter() - started
    print(f"BBC News, {len(texts)} articles ({len(sentences):,} sentences): spaCy parse "
          f"{len(texts) / parse_s:.1f} articles/s, sentence model on every sentence "
          f"{len(texts) / encode_s:.1f} articles/s ({len(sentences) / encode_s:.0f} "
          f"sentences/s); encoding / parse time {encode_s / parse_s:.2f}")
