"""Quotations and speakers on PolNeAR, train and dev side by side, against textacy's
direct_quotations. Rules are tuned and models trained on train; dev only checks (a gap
between the two is what tuning to dev sentences looks like).

Scoring follows ../shared/eval/README.md: the first annotator's file per article;
a speaker is right when it overlaps the gold Source or names the same person (the
Source's surname ends the predicted canonical name);
a predicted quotation matches a gold ``Content`` when token overlap / union ≥ τ
(exact, 0.8, 0.3), one to one, best overlap first; gold contents with a quotation
mark are direct (direct and mixed), the others indirect. Scare quotes, titles and
partial quotations attributed to no one are not attributions and are not scored.
Speaker accuracy is over
matched quotations: the predicted speaker mention overlaps the gold ``Source``.
End to end: content matched at τ = 0.3 and speaker right. Both extractors run on
the same spaCy model, each article's text as it is (no ingest cleaning, so the
offsets are the annotation's).
"""

from __future__ import annotations

import re
import time
from collections import defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import pandas as pd

from quotetrail.quotes import extract_quotes, load_model, parse_all
from quotetrail.quotes.learned import load_model as load_content_model
from quotetrail.quotes.train import (
    MARKS,
    annotator_files,
    examples,
    fold_models,
    read_attributions,
    read_polnear,
)

TAUS = (("exact", 1.0), ("≥0.8", 0.8), ("≥0.3", 0.3))
_TOKEN = re.compile(r"\w+|[^\w\s]")
NOT_TOKENS = set("“”\"«»'’‘`")  # marks are not words on either side


@dataclass
class Span:
    """A quotation (gold or predicted): its character fragments and speaker fragments."""

    doc: str
    parts: list[tuple[int, int]]
    speaker: list[tuple[int, int]]
    kind: str  # direct / indirect
    speaker_name: str | None = None  # a prediction's canonical speaker
    cue: list[tuple[int, int]] = field(default_factory=list)  # the cue's fragments
    construction: str | None = None  # the rules' construction that read it (reported speech)

    def tokens(self, text: str) -> set[tuple[int, str]]:
        out = set()
        for s, e in self.parts:
            out |= {(s + m.start(), m.group()) for m in _TOKEN.finditer(text[s:e])
                    if m.group() not in NOT_TOKENS}
        return out


def _spans(article: str, golds) -> list[Span]:
    """Scored spans of one article's annotated attributions (``train.Gold``)."""
    return [Span(article, list(g.parts), list(g.source), "direct" if g.marked else "indirect",
                 cue=list(g.cue)) for g in golds]


def _annotations(path: Path, text: str, article: str) -> list[Span]:
    """The attributions of one annotator's file: each content with its source."""
    return _spans(article, read_attributions(path, text))


SPLITS = ("train", "dev")


def _annotator_files(eval_dir: Path, split: str = "dev") -> tuple[Path, dict[str, list[Path]]]:
    folder = eval_dir / f"polnear-{split}"
    return annotator_files(folder) if folder.is_dir() else (folder, {})


def load_gold(eval_dir: Path, split: str = "dev") -> tuple[dict[str, str], dict, list[Span]]:
    """Each article's text and first annotator's attributions, as the content model's
    trainer reads them (``train.Gold`` by article), and all of them as scored spans."""
    folder = eval_dir / f"polnear-{split}"
    texts, by_article = read_polnear(folder) if folder.is_dir() else ({}, {})
    return texts, by_article, [s for a in texts for s in _spans(a, by_article[a])]


def annotator_agreement(eval_dir: Path, split: str = "dev") -> tuple[list[str], dict]:
    """Where several people annotated an article of ``split``, each other annotator
    scored against the first, as a system would be: how far people agree under this
    scoring, the ceiling a target on the first annotator's reading sits under."""
    text_dir, files = _annotator_files(eval_dir, split)
    texts, gold, other = {}, [], []
    for article, paths in sorted(files.items()):
        if len(paths) < 2:
            continue
        text = (text_dir / f"{article}.txt").read_text(encoding="utf-8")
        first = _annotations(paths[0], text, article)  # read once, scored once per pair
        for path in paths[1:]:
            pair = f"{article}#{path.stem.rsplit('_', 1)[1]}"
            texts[pair] = text
            gold += [replace(g, doc=pair) for g in first]
            other += _annotations(path, text, pair)
    return sorted({k.split("#")[0] for k in texts}), score(texts, gold, other)


def scored_kind(text: str, kind: str, start: int, end: int) -> str:
    """The class a quotetrail row is scored in. The classes are the gold's: direct is a
    content holding a quotation mark, so a block quotation set off without marks (a
    transcript's turn) is scored with the indirect ones, as its gold content is."""
    if kind == "indirect":
        return "indirect"
    if kind == "block" and not any(m in text[max(0, start - 1) : end + 1] for m in MARKS):
        return "indirect"
    return "direct"


def ours(texts: dict[str, str], nlp, parsed: list | None = None, learned: bool = True,
         models: list | None = None) -> tuple[list[Span], float]:
    """quotetrail's quotations, from ``parsed`` when given (else it parses); with the
    shipped content model, none (``learned`` false), or each article's own from
    ``models`` (the model fitted on the folds the article is not in)."""
    docs = pd.DataFrame({"doc_id": list(texts), "text": list(texts.values())})
    started = time.perf_counter()
    if models is None:
        quotes, _ = extract_quotes(docs, nlp, parsed=parsed, learned=learned)
    else:  # one model per fold: each fold's articles read by their own model
        parts = []
        for model in {id(m): m for m in models}.values():
            mine = [m is model for m in models]
            parts.append(extract_quotes(docs[mine], nlp, content_model=model, parsed=[
                d for d, k in zip(parsed, mine, strict=True) if k])[0])
        quotes = pd.concat(parts).sort_values("quote_id", kind="stable")
    seconds = time.perf_counter() - started
    return scored_spans(texts, quotes), seconds


def scored_spans(texts: dict[str, str], quotes: pd.DataFrame) -> list[Span]:
    """The rows of a ``quotes`` table as the spans scored against PolNeAR: the parts of
    one attribution (a quotation split by its cue, a reported clause with quoted words
    in it) share the cue and are scored as one, direct if any part is. Scare quotes,
    titles and quoted phrases attributed to no one (a partial quotation with no speaker,
    even one inside a report that names no one) are not claims that someone said
    something, and PolNeAR labels only attributions, so they are left out. Tables from
    older revisions may lack the later columns (``construction``)."""
    claims = ~quotes["kind"].isin(["scare", "title"]) & ~(
        (quotes["kind"] == "partial") & (quotes["attribution"] == "none"))
    grouped: dict[tuple, Span] = {}
    for q in quotes[claims].itertuples():
        speaker = ([(int(q.speaker_start), int(q.speaker_end))]
                   if pd.notna(q.speaker_start) else [])
        kind = scored_kind(texts[q.doc_id], q.kind, int(q.start), int(q.end))
        key = (q.doc_id, int(q.cue_start)) if pd.notna(q.cue_start) else (q.doc_id, q.quote_id)
        if key in grouped:
            grouped[key].parts.append((int(q.start), int(q.end)))
            if kind == "direct":
                grouped[key].kind = "direct"
        else:
            name = q.speaker if isinstance(q.speaker, str) else None
            cue = [(int(q.cue_start), int(q.cue_end))] if pd.notna(q.cue_start) else []
            construction = getattr(q, "construction", None)
            grouped[key] = Span(q.doc_id, [(int(q.start), int(q.end))], speaker, kind, name,
                                cue, construction if isinstance(construction, str) else None)
    return list(grouped.values())


def textacy_baseline(texts: dict[str, str], nlp) -> tuple[list[Span], float]:
    from textacy.extract.triples import direct_quotations

    out = []
    started = time.perf_counter()
    failed = 0
    for article, doc in zip(texts, nlp.pipe(texts.values()), strict=True):
        try:
            found = list(direct_quotations(doc))
        except ValueError:  # textacy bails out on an unclosed quotation mark: no quotes
            failed += 1
            found = []
        for dq in found:
            content = dq.content
            start = content[0].idx
            end = content[-1].idx + len(content[-1])
            speaker = [(t.idx, t.idx + len(t)) for t in dq.speaker]
            name = " ".join(t.text for t in dq.speaker) or None
            cue = [(t.idx, t.idx + len(t)) for t in dq.cue]
            out.append(Span(article, [(start, end)], speaker, "direct", name, cue))
    if failed:
        print(f"  (textacy gave up on {failed} articles with an unclosed quotation mark)")
    return out, time.perf_counter() - started


def _overlap(a: set, b: set) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def _hits(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "him", "her", "them", "his"}


def speaker_right(text: str, gold: Span, pred: Span) -> bool:
    """The predicted speaker overlaps the gold Source, or names the same entity: the gold
    source's name (not a pronoun) ends the predicted canonical name ("Limbaugh" found
    through an earlier "Rush Limbaugh"); the name is what comes before an apposition or
    a bracket ("Jane Doe, a senior adviser to the Smith campaign," names Doe)."""
    if _hits(gold.speaker, pred.speaker):
        return True
    source = " ".join(text[s:e] for s, e in gold.speaker).strip()
    words = re.findall(r"[A-Z][\w'’-]+", re.split(r"[,(]", source)[0])
    if not pred.speaker_name or not words or source.lower() in PRONOUNS:
        return False
    return pred.speaker_name.split()[-1].lower() == words[-1].lower().removesuffix("’s")


def matches(texts, gold: list[Span], pred: list[Span], tau: float) -> list[tuple[Span, Span]]:
    """Gold and predicted spans matched one to one, best token overlap first, where the
    overlap is at least ``tau``."""
    gold_by, pred_by = defaultdict(list), defaultdict(list)
    for g in gold:
        gold_by[g.doc].append(g)
    for p in pred:
        pred_by[p.doc].append(p)
    found = []
    for doc in texts:
        gs, ps = gold_by[doc], pred_by[doc]
        gt = [g.tokens(texts[doc]) for g in gs]
        pt = [p.tokens(texts[doc]) for p in ps]
        pairs = sorted(((_overlap(gt[i], pt[j]), i, j) for i in range(len(gs))
                        for j in range(len(ps)) if gt[i] & pt[j]), reverse=True)
        used_g, used_p = set(), set()
        for ov, i, j in pairs:
            if ov + 1e-9 >= tau and i not in used_g and j not in used_p:
                used_g.add(i)
                used_p.add(j)
                found.append((gs[i], ps[j]))
    return found


def score(texts, gold: list[Span], pred: list[Span]) -> dict:
    """P/R/F1 per class and τ, speaker accuracy, end-to-end P/R/F1."""
    result = {}
    for name, tau in TAUS:
        paired = matches(texts, gold, pred, tau)
        matched_g = {id(g) for g, _ in paired}
        matched_p = {id(p) for _, p in paired}
        for kind in ("direct", "indirect"):
            n_gold = sum(g.kind == kind for g in gold)
            n_pred = sum(p.kind == kind for p in pred)
            tp_r = sum(g.kind == kind and id(g) in matched_g for g in gold)
            tp_p = sum(p.kind == kind and id(p) in matched_p for p in pred)
            prec = tp_p / n_pred if n_pred else 0.0
            rec = tp_r / n_gold if n_gold else 0.0
            f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
            result[(kind, name)] = (prec, rec, f1)
        if tau == 0.3:
            right = [g for g, p in paired if g.speaker and speaker_right(texts[g.doc], g, p)]
            with_source = [m for m in paired if m[0].speaker]
            result["speaker_acc"] = len(right) / len(with_source) if with_source else 0.0
            prec = len(right) / len(pred) if pred else 0.0
            rec = len(right) / len(gold) if gold else 0.0
            result["e2e"] = (prec, rec, 2 * prec * rec / (prec + rec) if prec + rec else 0.0)
    return result


def by_construction(texts, gold: list[Span],
                    pred: list[Span]) -> dict[str, tuple[int, float, float]]:
    """For each construction of the rules, its reported-speech rows: how many, the share
    matched to a gold attribution (τ≥0.3: precision), and the share of those with a
    source whose speaker is right. Where the rules err, by construction."""
    paired = {id(p): g for g, p in matches(texts, gold, pred, 0.3)}
    rows: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for p in pred:
        if p.construction is None or p.kind != "indirect":
            continue
        counts, g = rows[p.construction], paired.get(id(p))
        counts[0] += 1
        counts[1] += g is not None
        if g is not None and g.speaker:
            counts[2] += 1
            counts[3] += speaker_right(texts[p.doc], g, p)
    return {name: (n, hit / n, right / sourced if sourced else float("nan"))
            for name, (n, hit, sourced, right) in rows.items()}


DRAWS = 2000  # resamples of the articles for an interval
HEADLINE = ("direct F1 τ≥0.8", "indirect F1 τ≥0.3", "speaker accuracy")


def _article_counts(texts, gold: list[Span], pred: list[Span]) -> np.ndarray:
    """Per article, the counts the headline scores are sums of: for direct at τ≥0.8 and
    indirect at τ≥0.3, gold matched, gold, predictions matched, predictions; then
    matched quotations with a source whose speaker is right, and those with a source."""
    docs = {d: k for k, d in enumerate(texts)}
    counts = np.zeros((len(docs), 10))
    for col, (kind, tau) in enumerate((("direct", 0.8), ("indirect", 0.3))):
        paired = matches(texts, gold, pred, tau)
        for g in gold:
            counts[docs[g.doc], 4 * col + 1] += g.kind == kind
        for p in pred:
            counts[docs[p.doc], 4 * col + 3] += p.kind == kind
        for g, p in paired:
            counts[docs[g.doc], 4 * col] += g.kind == kind
            counts[docs[p.doc], 4 * col + 2] += p.kind == kind
            if tau == 0.3 and g.speaker:
                counts[docs[g.doc], 8] += speaker_right(texts[g.doc], g, p)
                counts[docs[g.doc], 9] += 1
    return counts


def _headline(total: np.ndarray) -> np.ndarray:
    """The headline scores from summed counts (one row, or one per draw)."""
    def f1(c):
        prec = np.divide(c[..., 2], c[..., 3], out=np.zeros_like(c[..., 2]), where=c[..., 3] > 0)
        rec = np.divide(c[..., 0], c[..., 1], out=np.zeros_like(c[..., 0]), where=c[..., 1] > 0)
        both = prec + rec
        return np.divide(2 * prec * rec, both, out=np.zeros_like(both), where=both > 0)
    right, sourced = total[..., 8], total[..., 9]
    acc = np.divide(right, sourced, out=np.zeros_like(right), where=sourced > 0)
    return np.stack([f1(total[..., 0:4]), f1(total[..., 4:8]), acc], axis=-1)


def resampled(texts, gold: list[Span], pred: list[Span], draws: int = DRAWS,
              seed: int = 0) -> np.ndarray:
    """The headline scores (``HEADLINE``) of ``draws`` resamples of the articles, with
    replacement (seeded): how much the scores of a split this size move with which
    articles it holds. Its percentiles are a 95% interval."""
    counts = _article_counts(texts, gold, pred)
    picks = np.random.default_rng(seed).integers(0, len(counts), (draws, len(counts)))
    return _headline(counts[picks].sum(axis=1))


def interval(values: np.ndarray) -> tuple[float, float]:
    lo, hi = np.percentile(values, [2.5, 97.5])
    return float(lo), float(hi)


def cue_score(gold: list[Span], pred: list[Span]) -> tuple[float, float, float]:
    """P, R, F1 of cues: each distinct gold cue (an attribution's Cue span) is found when a
    distinct predicted cue overlaps it by a character, one to one, in text order."""
    def distinct(spans):
        return sorted({(s.doc, tuple(s.cue)) for s in spans if s.cue})

    golds, preds = distinct(gold), distinct(pred)
    by_doc: dict[str, list] = defaultdict(list)
    for doc, parts in preds:
        by_doc[doc].append(parts)
    used, hits = set(), 0
    for doc, parts in golds:
        for k, other in enumerate(by_doc[doc]):
            if (doc, k) not in used and _hits(list(parts), list(other)):
                used.add((doc, k))
                hits += 1
                break
    p = hits / len(preds) if preds else 0.0
    r = hits / len(golds) if golds else 0.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def _mixed(text: str, gold: Span) -> bool:
    """A reporter's words around quoted ones, not a quotation standing whole in marks."""
    return any(not re.match(r"[“\"'‘«].*[”\"'’»][.,!?]?$", text[s:e].strip(" ,.\n"), re.S)
               for s, e in gold.parts)


def direct_misses(texts, gold: list[Span], pred: list[Span], tau: float = 0.8) -> dict:
    """Direct gold contents by form (whole quotations, mixed), and how many of each no
    prediction overlaps by ``tau``: where the direct errors lie."""
    by_doc = defaultdict(list)
    for p in pred:
        by_doc[p.doc].append(p.tokens(texts[p.doc]))
    out = {"whole": [0, 0], "mixed": [0, 0]}
    for g in gold:
        if g.kind != "direct":
            continue
        tokens = g.tokens(texts[g.doc])
        counts = out["mixed" if _mixed(texts[g.doc], g) else "whole"]
        counts[0] += 1
        counts[1] += not any(_overlap(tokens, t) + 1e-9 >= tau for t in by_doc[g.doc])
    return out


BBC_SAMPLE = 300  # articles of BBC News for the speed comparison


def bbc_speed(eval_dir: Path, nlp) -> None:
    """Articles per second of both extractors on the same BBC News articles."""
    paths = sorted((eval_dir / "bbc-news" / "bbc").glob("*/*.txt"))
    step = max(1, len(paths) // BBC_SAMPLE)
    texts = {p.stem + p.parent.name: p.read_bytes().decode("utf-8", "replace")
             for p in paths[::step][:BBC_SAMPLE]}
    # each twice, in turn, the faster run counted: one run swings by a fifth with the
    # machine's other work
    base = mine = float("inf")
    for _ in range(2):
        base = min(base, textacy_baseline(texts, nlp)[1])
        mine = min(mine, ours(texts, nlp)[1])
    print(f"BBC News, {len(texts)} articles: textacy {len(texts) / base:.1f} articles/s, "
          f"quotetrail {len(texts) / mine:.1f} articles/s (both parse with the same model; "
          f"ratio {base / mine:.2f})")


def _row(r: dict, kind: str, tau: str) -> str:
    return "{:>7.3f}{:>7.3f}{:>7.3f}".format(*r[(kind, tau)])


def run(eval_dir: Path) -> None:
    nlp = load_model()
    splits = {}
    for split in SPLITS:
        texts, by_article, gold = load_gold(eval_dir, split)
        if not texts:
            print(f"PolNeAR {split}: not found under {eval_dir}")
            continue
        started = time.perf_counter()
        parsed = list(parse_all(nlp, list(texts.values())))
        parse_s = time.perf_counter() - started
        models = None
        if split == "train":  # the shipped model was fitted on train: score it out of fold
            articles = [examples(a, texts[a], d, by_article[a])
                        for a, d in zip(texts, parsed, strict=True)]
            models = fold_models(articles, load_content_model().threshold)
        full, seconds = ours(texts, nlp, parsed, models=models)
        systems = {"textacy direct_quotations (baseline)": textacy_baseline(texts, nlp),
                   "quotetrail": (full, parse_s + seconds),
                   "quotetrail, rules alone": ours(texts, nlp, parsed, learned=False)}
        scores = {name: score(texts, gold, pred) for name, (pred, _) in systems.items()}
        splits[split] = (texts, gold, systems, scores)
        n_direct = sum(g.kind == "direct" for g in gold)
        print(f"PolNeAR {split}: {len(texts)} articles, {len(gold)} gold attributions "
              f"({n_direct} direct or mixed, {len(gold) - n_direct} indirect); "
              + "; ".join(f"{name} {len(texts) / seconds:.1f} articles/s"
                          for name, (_, seconds) in list(systems.items())[:2])
              + (" (quotetrail on train: the content model fitted on the other four folds "
                 "of articles)" if models else ""))
    names = list(next(iter(splits.values()))[3]) if splits else []
    header = "".join(f"{split + ' P':>7}{'R':>7}{'F1':>7}" for split in splits)
    for name in names:
        print(f"  {name}")
        print(f"    {'class':<10}{'τ':<7}{header}")
        for kind in ("direct", "indirect"):
            for tau, _ in TAUS:
                print(f"    {kind:<10}{tau:<7}"
                      + "".join(_row(sp[3][name], kind, tau) for sp in splits.values()))
        for split, sp in splits.items():
            r = sp[3][name]
            p, rec, f = r["e2e"]
            print(f"    {split}: speaker accuracy on matched quotations {r['speaker_acc']:.3f}; "
                  f"end to end (τ≥0.3 and speaker) P {p:.3f} R {rec:.3f} F1 {f:.3f}")
            gold, pred = sp[1], sp[2][name][0]
            print("    {}: cues P {:.3f} R {:.3f} F1 {:.3f}".format(split, *cue_score(gold, pred)))
    if {"train", "dev"} <= set(splits):
        print("  the content model (learned.py) against the rules alone, reported speech "
              "F1 τ≥0.3: " + ", ".join(
                  f"{split} {sp[3]['quotetrail, rules alone'][('indirect', '≥0.3')][2]:.3f} → "
                  f"{sp[3]['quotetrail'][('indirect', '≥0.3')][2]:.3f}"
                  for split, sp in splits.items()))
        ours_train, ours_dev = splits["train"][3]["quotetrail"], splits["dev"][3]["quotetrail"]
        gaps = {"direct F1 τ≥0.8": ours_dev[("direct", "≥0.8")][2]
                - ours_train[("direct", "≥0.8")][2],
                "indirect F1 τ≥0.3": ours_dev[("indirect", "≥0.3")][2]
                - ours_train[("indirect", "≥0.3")][2],
                "speaker accuracy": ours_dev["speaker_acc"] - ours_train["speaker_acc"]}
        print("  quotetrail dev minus train: "
              + ", ".join(f"{k} {v:+.3f}" for k, v in gaps.items()))
        # which articles a split holds moves its scores: 95% intervals from resampling
        # each split's articles, and of the gap from pairing the two splits' draws
        draws = {split: resampled(sp[0], sp[1], sp[2]["quotetrail"][0], seed=k)
                 for k, (split, sp) in enumerate(splits.items())}
        print(f"  quotetrail, 95% intervals over {DRAWS} resamples of each split's articles:")
        for k, name in enumerate(HEADLINE):
            lo_t, hi_t = interval(draws["train"][:, k])
            lo_d, hi_d = interval(draws["dev"][:, k])
            lo_g, hi_g = interval(draws["dev"][:, k] - draws["train"][:, k])
            print(f"    {name:<18} train [{lo_t:.3f}, {hi_t:.3f}]  dev [{lo_d:.3f}, {hi_d:.3f}]"
                  f"  dev minus train [{lo_g:+.3f}, {hi_g:+.3f}]")
    if splits:
        tables = {split: by_construction(sp[0], sp[1], sp[2]["quotetrail, rules alone"][0])
                  for split, sp in splits.items()}
        print("  the rules' reported speech by construction (rows, precision τ≥0.3, speaker "
              "accuracy), most rows first:")
        first = next(iter(tables.values()))
        for name in sorted(first, key=lambda n: -first[n][0]):
            print(f"    {name:<32}" + "".join(
                "  {}: {:>5} {:.3f} {:.3f}".format(split, *t[name]) if name in t
                else f"  {split}: {'-':>5}" for split, t in tables.items()))
    for split, (texts, gold, systems, _) in splits.items():
        articles, people = annotator_agreement(eval_dir, split)
        if not articles:
            continue
        mine = score({a: texts[a] for a in articles}, [g for g in gold if g.doc in articles],
                     [p for p in systems["quotetrail"][0] if p.doc in articles])
        print(f"  {split}: on the {len(articles)} articles that several people annotated "
              "(each other annotator scored against the first):")
        for name, r in (("annotators", people), ("quotetrail", mine)):
            print(f"    {name:<11} direct F1 τ≥0.8 {r[('direct', '≥0.8')][2]:.3f}, "
                  f"indirect F1 τ≥0.3 {r[('indirect', '≥0.3')][2]:.3f}, "
                  f"speaker accuracy {r['speaker_acc']:.3f}")
    if "dev" not in splits:
        return
    texts, gold, systems, _ = splits["dev"]
    forms = direct_misses(texts, gold, systems["quotetrail"][0])
    print("  dev: direct gold contents missed by quotetrail at τ≥0.8 (no prediction overlaps "
          "them that much): " + ", ".join(f"{n_missed} of {n} {form}"
                                          for form, (n, n_missed) in forms.items()))
    meantime_cues(eval_dir, nlp)
    bbc_speed(eval_dir, nlp)


def meantime_tokens(tree) -> tuple[list[str], dict[str, tuple[int, int]]]:
    """A MEANTIME document's text pieces (tokens joined by spaces, a sentence a
    paragraph) and each token id's offsets in their concatenation."""
    pieces, where, pos, sentence = [], {}, 0, None
    for tok in tree.iter("token"):
        sep = "" if sentence is None else (" " if tok.get("sentence") == sentence else "\n\n")
        sentence = tok.get("sentence")
        pos += len(sep)
        word = tok.text or ""
        where[tok.get("t_id")] = (pos, pos + len(word))
        pieces.append(sep + word)
        pos += len(word)
    return pieces, where


def load_meantime(eval_dir: Path) -> tuple[dict[str, str], list[Span], dict[str, int]]:
    """MEANTIME's articles as text (tokens joined by spaces, a sentence a paragraph: the
    corpus keeps no spacing); as gold cues, the mentions of its SPEECH_COGNITIVE events
    (saying, and also thinking and believing); and where each article's annotation ends
    (MEANTIME annotates the first sentences of an article only)."""
    import xml.etree.ElementTree as ET

    texts, gold, annotated = {}, [], {}
    root = eval_dir / "meantime-en" / "data"
    for path in sorted(root.rglob("*.xml")):
        tree = ET.parse(path).getroot()
        if tree.tag != "Document":
            continue
        pieces, where = meantime_tokens(tree)
        doc = path.stem
        texts[doc] = "".join(pieces)
        speech = {e.get("m_id") for e in tree.iter("EVENT")
                  if e.get("class") == "SPEECH_COGNITIVE"}
        mentions = {m.get("m_id"): [where[a.get("t_id")] for a in m.iter("token_anchor")
                                    if a.get("t_id") in where]
                    for m in tree.iter("EVENT_MENTION")}
        anchored = [where[a.get("t_id")][1] for a in tree.iter("token_anchor")
                    if a.get("t_id") in where]
        annotated[doc] = max(anchored, default=0)
        for rel in tree.iter("REFERS_TO"):
            target = rel.find("target")
            if target is None or target.get("m_id") not in speech:
                continue
            for source in rel.iter("source"):
                parts = mentions.get(source.get("m_id"))
                if parts:
                    gold.append(Span(doc, parts, [], "cue", cue=parts))
    return texts, gold, annotated


def meantime_cues(eval_dir: Path, nlp) -> None:
    """Cue P/R/F1 on a second genre (Wikinews), both extractors on the same texts."""
    texts, gold, annotated = load_meantime(eval_dir)
    if not texts:
        print(f"MEANTIME: not found under {eval_dir}")
        return
    print(f"MEANTIME (Wikinews): {len(texts)} articles, "
          f"{len({(g.doc, tuple(g.cue)) for g in gold})} SPEECH_COGNITIVE event mentions "
          "as gold cues (thinking and believing among them); predictions scored only in "
          "the sentences MEANTIME annotates")
    for name, system in (("textacy direct_quotations (baseline)", textacy_baseline),
                         ("quotetrail", ours)):
        pred, _ = system(texts, nlp)
        pred = [p for p in pred if p.cue and p.cue[0][0] < annotated[p.doc]]
        print("  {}: cues P {:.3f} R {:.3f} F1 {:.3f}".format(name, *cue_score(gold, pred)))
