"""The corpus-wide steps alone, on synthetic quotations: how they grow to 100k.

The per-article stages (parse, quotations, time expressions) run on dask partitions,
and so does alignment's reading of the articles (their printings and own wording:
timed here in one process, as "reading articles"); what stays corpus-wide is the
speakers' reduce and alignment's decisions: grouping printings into statements,
linking articles, settling windows and summing up.
This benchmark times those steps on made-up corpora of 10k, 30k and 100k quotations
(``QUOTETRAIL_STEPS_SIZES``), each size in a fresh interpreter for its peak memory,
and fits the growth exponent of each step between the smallest and largest size.

The corpus is made so that the hard cases grow with it:

- speakers are Zipf-distributed (the most quoted one says about a tenth of all
  quotations, as a head of government does in a newsroom's archive), printed by full
  name or surname;
- about a third of the quotations reprint a recent remark, verbatim, trimmed or with
  two words dropped, by another article; some name an occasion;
- one article in twenty is a rewrite of an earlier one (its sentences with a word
  changed, the same quotations);
- articles span two years, and one in seven has no date at all (open windows).

The sentence model is replaced by a hashed bag of words (a fixed random vector per
word, summed and normalised): encoding is a per-text map, timed on real text by
``encoder_speed``, and this benchmark is about the steps that see the whole corpus.
Each printing is weighed against a bounded number of candidate statements (nearest
neighbours, shared word runs, the latest statements of its speaker and occasion); the
benchmark prints how many, so growth that comes from candidates filling up towards
those bounds shows apart from growth per candidate.
``python -m benchmarks.corpus_steps [--sizes 10000,30000]``.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd

SIZES = "10000,30000,100000"
QUOTES_PER_ARTICLE = 8
REPRINT = 0.35  # share of quotations that reprint a recent remark
RECENT = 400  # remarks a reprint is drawn from (the news of the last days)
REWRITE = 0.05  # share of articles that rewrite an earlier one
UNDATED = 1 / 7
N_SPEAKERS = 3000
N_WORDS = 6000
DIM = 384
_SYLLABLES = ("ka lo mi ra ten vor sel dun pa ri mo zen tal bri cor fen gal hin jur lek "
              "nas pol quin rud sam tov ul vek wen yar").split()


def _words(rng: np.random.Generator, n: int, parts: tuple[int, int]) -> list[str]:
    """``n`` distinct made-up words of ``parts`` syllables."""
    out: dict[str, None] = {}
    while len(out) < n:
        k = int(rng.integers(parts[0], parts[1] + 1))
        out["".join(rng.choice(_SYLLABLES, k))] = None
    return list(out)


class Corpus:
    """A synthetic corpus of ``n`` quotations: ``documents``, ``quotes`` and the columns
    the speakers' reduce reads."""

    def __init__(self, n: int, seed: int = 0):
        rng = np.random.default_rng(seed)
        self.vocab = _words(rng, N_WORDS, (1, 3))
        zipf = 1 / np.sqrt(np.arange(1, N_WORDS + 1))  # flatter than prose: hashed vectors
        # of the commonest words would make any two sentences alike
        self.word_p = zipf / zipf.sum()
        first = _words(rng, 400, (2, 2))
        last = _words(rng, 2000, (2, 3))
        self.speakers = list(dict.fromkeys(
            f"{rng.choice(first).title()} {rng.choice(last).title()}"
            for _ in range(N_SPEAKERS * 2)))[:N_SPEAKERS]
        pop = 1 / np.arange(1, len(self.speakers) + 1)
        self.speaker_p = pop / pop.sum()
        self.outlets = [f"The {w.title()} Herald" for w in _words(rng, 40, (2, 3))]
        self.rng = rng
        self.docs: list[dict] = []
        self.quotes: list[dict] = []
        self.raw: list[str] = []
        recent: list[tuple[str, str]] = []  # (speaker, words) of recent remarks
        n_docs = self.n_docs = max(2, n // QUOTES_PER_ARTICLE)
        for d in range(n_docs):
            if self.docs and rng.random() < REWRITE:
                self._rewrite(d)
                continue
            slots = []
            for _ in range(QUOTES_PER_ARTICLE):
                if recent and rng.random() < REPRINT:
                    speaker, text = recent[int(rng.integers(len(recent)))]
                    text = self._reprint(text)
                else:
                    speaker = self.speakers[rng.choice(len(self.speakers), p=self.speaker_p)]
                    text = self._sentence(8, 30)
                    recent = (recent + [(speaker, text)])[-RECENT:]
                slots.append((speaker, text))
            self._article(d, slots)

    def _sentence(self, lo: int, hi: int) -> str:
        k = int(self.rng.integers(lo, hi + 1))
        words = list(self.rng.choice(self.vocab, k, p=self.word_p))
        return " ".join([words[0].capitalize(), *words[1:]])

    def _reprint(self, text: str) -> str:
        words = text.split()
        form = self.rng.random()
        if form < 0.5:
            return text
        if form < 0.75:
            return " ".join(words[:max(5, len(words) * 2 // 3)])
        drop = set(self.rng.choice(np.arange(1, len(words)), 2, replace=False).tolist())
        return " ".join(w for k, w in enumerate(words) if k not in drop)

    def _dates(self, d: int) -> tuple[date | None, str]:
        if self.rng.random() < UNDATED:
            return None, "none"
        return date(2024, 1, 1) + timedelta(days=int(730 * d / self.n_docs)), "metadata"

    def _article(self, d: int, slots: list[tuple[str, str]],
                 fillers: list[str] | None = None) -> None:
        doc_id = f"a{d:06d}"
        parts, at = [], 0
        fillers = fillers or [self._sentence(12, 22) + "." for _ in slots]
        for k, ((speaker, text), filler) in enumerate(zip(slots, fillers, strict=True)):
            mention = speaker if self.rng.random() < 0.6 else speaker.split()[-1]
            occasion = [" at a press conference", " in an interview", ""][k % 3]
            lead = filler + "\n\n"
            parts.append(lead)
            at += len(lead)
            start = at + 1
            sentence = f"\u201c{text},\u201d {mention} said{occasion}. "
            m_start = start + len(text) + 3
            cue = m_start + len(mention) + 1
            self.quotes.append({
                "quote_id": f"{doc_id}:q{k:03d}", "doc_id": doc_id, "kind": "direct",
                "text": text, "start": start, "end": start + len(text), "speaker": mention,
                "speaker_mention": mention, "speaker_start": m_start,
                "speaker_end": m_start + len(mention), "cue": "said", "cue_start": cue,
                "cue_end": cue + 4, "attribution": "explicit", "confidence": 0.9,
                "reader": "rules", "construction": None})
            self.raw.append(mention)
            parts.append(sentence)
            at += len(sentence)
        published, how = self._dates(d)
        outlet = self.outlets[int(self.rng.integers(len(self.outlets)))] \
            if self.rng.random() < 0.9 else None
        self.docs.append({
            "doc_id": doc_id, "source_path": f"{doc_id}.txt", "sha256": doc_id, "title": None,
            "outlet": outlet, "author": None, "url": None, "published": published,
            "published_how": how, "published_min": published, "published_max": published,
            "published_evidence": None, "language": "en", "text": "".join(parts),
            "cited_sources": [], "removed": [], "_slots": slots, "_fillers": fillers})

    def _rewrite(self, d: int) -> None:
        """An earlier article, every sentence of its own with a word changed."""
        source = self.docs[int(self.rng.integers(max(0, len(self.docs) - 50), len(self.docs)))]
        fillers = []
        for sentence in source["_fillers"]:
            words = sentence.rstrip(".").split()
            words[int(self.rng.integers(len(words)))] = str(self.rng.choice(self.vocab))
            fillers.append(" ".join(words) + ".")
        self._article(d, source["_slots"], fillers)

    def tables(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        docs = pd.DataFrame(self.docs).drop(columns=["_slots", "_fillers"])
        return docs, pd.DataFrame(self.quotes)


class HashedEncoder:
    """A bag of words through fixed random vectors: the encoder's interface, without
    the sentence model's cost (see the module's docstring)."""

    def __init__(self, dim: int = DIM):
        self.dim = dim
        self.computed = 0
        self._vectors: dict[str, np.ndarray] = {}

    def _word(self, w: str) -> np.ndarray:
        if w not in self._vectors:
            seed = int.from_bytes(w.encode()[:16].ljust(16, b"\0"), "little") % (2 ** 32)
            self._vectors[w] = np.random.default_rng(seed).standard_normal(self.dim)
        return self._vectors[w]

    def encode(self, texts, progress=None) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, t in enumerate(texts):
            words = t.lower().split()
            if words:
                v = np.sum([self._word(w) for w in words], axis=0)
                out[i] = v / (np.linalg.norm(v) or 1.0)
        self.computed += len(texts)
        return out


def one(n: int) -> dict:
    """Build a corpus of ``n`` quotations and time the corpus-wide steps on it."""
    import quotetrail.align.statements as statements_module
    from quotetrail.align import align
    from quotetrail.quotes.speakers import assign_speakers

    judged = [0]  # statements a printing is weighed against: bounded per printing
    identity = statements_module.identity

    def counted(*args, **kwargs):
        judged[0] += 1
        return identity(*args, **kwargs)

    statements_module.identity = counted

    started = time.perf_counter()
    corpus = Corpus(n)
    docs, quotes = corpus.tables()
    made = time.perf_counter() - started
    timings: dict[str, float] = {}
    started = time.perf_counter()
    canonical, _ = assign_speakers(list(quotes["speaker"]), list(quotes["speaker_mention"]),
                                   ["PERSON"] * len(quotes), [None] * len(quotes),
                                   corpus.speakers)
    quotes["speaker"] = canonical
    timings["speakers' reduce"] = time.perf_counter() - started
    statements, variants, links, _ = align(docs, quotes, encoder=HashedEncoder(),
                                           timings=timings)
    for step in ("embedding quotations", "embedding sentences of quotations"):
        timings.pop(step, None)  # the hashed stand-in: not a corpus step
    return {"quotations": len(quotes), "articles": len(docs), "made_s": round(made, 1),
            "steps": {k: round(v, 2) for k, v in timings.items()},
            "total_s": round(sum(timings.values()), 2), "statements": len(statements),
            "candidates_per_quotation": round(judged[0] / len(quotes), 1),
            "travelled": int((statements["n_docs"] > 1).sum()),
            "links": dict(links["relation"].value_counts()) if len(links) else {},
            "peak_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}


def _exponent(n0: int, t0: float, n1: int, t1: float) -> float:
    return float(np.log(max(t1, 1e-3) / max(t0, 1e-3)) / np.log(n1 / n0))


def run(eval_dir: Path | None = None, sizes: str | None = None) -> list[dict]:
    sizes = sizes or os.environ.get("QUOTETRAIL_STEPS_SIZES", SIZES)
    points = []
    for n in (int(s) for s in sizes.split(",")):
        done = subprocess.run([sys.executable, "-m", "benchmarks.corpus_steps", "--one",
                               str(n)], capture_output=True, text=True, check=False)
        if done.returncode:
            print(f"{n:,} quotations: failed\n{done.stderr[-2000:]}")
            return points
        point = json.loads(done.stdout.strip().splitlines()[-1])
        points.append(point)
        links = ", ".join(f"{k} {v}" for k, v in sorted(point["links"].items()))
        print(f"{point['quotations']:,} quotations in {point['articles']:,} articles: "
              f"{point['total_s']:.1f} s, peak {point['peak_mib']} MiB; "
              f"{point['statements']:,} statements ({point['travelled']:,} travel), "
              f"{point['candidates_per_quotation']} candidate statements weighed per "
              f"quotation; "
              f"links: {links}")
        for step, s in point["steps"].items():
            print(f"    {step:<24} {s:8.2f} s")
    if len(points) > 1:
        a, b = points[0], points[-1]
        n0, n1 = a["quotations"], b["quotations"]
        print(f"growth exponent of time, {n0:,} to {n1:,} quotations:")
        for step in a["steps"]:
            print(f"    {step:<24} {_exponent(n0, a['steps'][step], n1, b['steps'][step]):.2f}")
        print(f"    {'all corpus-wide steps':<24} "
              f"{_exponent(n0, a['total_s'], n1, b['total_s']):.2f}")
        print(f"peak memory {a['peak_mib']} -> {b['peak_mib']} MiB "
              f"({b['peak_mib'] / a['peak_mib']:.1f}x for {n1 / n0:.0f}x the quotations)")
    return points


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.corpus_steps",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=None, help=f"quotation counts (default {SIZES})")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(one(args.one), default=str))
        return 0
    run(sizes=args.sizes)
    return 0


if __name__ == "__main__":
    sys.exit(main())
