"""Time expressions against TimeML gold: TBAQ (TempEval-3 training data) and MEANTIME.

TempEval-3 task A: extraction P/R/F1, strict (the same span) and relaxed (overlapping
spans), the document creation time never counted; value F1 over relaxed matches with
the right value; type accuracy over relaxed matches. The rules were shaped on TBAQ;
MEANTIME (Wikinews) is the check. Baseline in the same run: dateparser's
``search_dates`` with the creation time as ``RELATIVE_BASE`` (a day value, type DATE).
Speed: documents/s of both over BBC News, in the same run.

Beside the tagger alone, the same texts through the study's tables: the quotes stage
(spaCy and the rules, as in a study) and then the timeline stage, each table validated
against the contract, the ``events`` rows with offsets scored as predictions. Every
expression the tagger finds should be a row, so both score the same; the count of rows
inside quotations says how many a table that dropped them would lose.
"""

from __future__ import annotations

import time
import warnings
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pandas as pd

from benchmarks.quote_extraction import meantime_tokens
from quotetrail.schemas import validate
from quotetrail.text.timex import find_timexes

TIMEX_SENTENCES = 5  # MEANTIME annotates time expressions in sentences 0-5 only


@dataclass(frozen=True)
class Gold:
    start: int
    end: int
    type: str
    value: str


def load_tbaq(eval_dir: Path) -> list[tuple[str, date, list[Gold]]]:
    out = []
    for path in sorted((Path(eval_dir) / "tbaq").rglob("*.tml")):
        root = ET.parse(path).getroot()
        dct = next((t.get("value") for t in root.iter("TIMEX3")
                    if t.get("functionInDocument") == "CREATION_TIME"), None)
        text_elem = root.find("TEXT")
        if dct is None or text_elem is None:
            continue
        buf: list[str] = []
        spans: list[Gold] = []
        _flatten_text(text_elem, buf, spans)
        out.append(("".join(buf), date.fromisoformat(dct[:10]), spans))
    return out


def _flatten_text(elem, buf: list[str], spans: list[Gold]) -> None:
    buf.append(elem.text or "")
    for child in elem:
        if child.tag == "TIMEX3":
            start = sum(map(len, buf))
            words = "".join(child.itertext())
            buf.append(words)
            spans.append(Gold(start, start + len(words), child.get("type", ""),
                              child.get("value", "")))
        else:
            _flatten_text(child, buf, spans)
        buf.append(child.tail or "")


def load_meantime(eval_dir: Path) -> list[tuple[str, date, list[Gold]]]:
    out = []
    for path in sorted((Path(eval_dir) / "meantime-en" / "data").rglob("*.xml")):
        root = ET.parse(path).getroot()
        if root.tag != "Document":
            continue
        pieces, where = meantime_tokens(root)
        sentence_of = {tok.get("t_id"): int(tok.get("sentence")) for tok in root.iter("token")}
        cut = max((where[t][1] for t, n in sentence_of.items() if n <= TIMEX_SENTENCES),
                  default=0)
        text = "".join(pieces)[:cut]  # MEANTIME dates the first six sentences only
        dct, spans = None, []
        for t in root.iter("TIMEX3"):
            parts = [where[a.get("t_id")] for a in t.iter("token_anchor")
                     if a.get("t_id") in where]
            if t.get("functionInDocument") == "CREATION_TIME":
                dct = t.get("value")
                for a, b in parts:  # the dateline is the creation time, never scored
                    text = text[:a] + " " * (b - a) + text[b:]
                continue
            if parts:
                spans.append(Gold(min(p[0] for p in parts), max(p[1] for p in parts),
                                  t.get("type", ""), t.get("value", "")))
        if dct:
            out.append((text, date.fromisoformat(dct[:10]), spans))
    return out


def ours(text: str, dct: date) -> list[Gold]:
    return [Gold(t.start, t.end, t.type, t.value or "")
            for t in find_timexes(text, dct, dct)]


def through_tables(docs, nlp=None) -> tuple[dict[tuple, list[Gold]], pd.DataFrame]:
    """The events rows of a study of ``docs`` (creation time as the publication date), by
    text and creation time, and the events table itself."""
    from quotetrail.quotes import extract_quotes
    from quotetrail.timeline import extract_events

    documents = pd.DataFrame([{"doc_id": f"d{n:04d}", "text": text, "published": dct,
                               "published_min": dct, "published_max": dct}
                              for n, (text, dct, _) in enumerate(docs)])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        quotes, _ = extract_quotes(documents, nlp)
    quotes = validate(quotes, "quotes")
    events = validate(extract_events(documents, quotes), "events")
    rows = events[events["start"].notna()]
    by_doc = {d: [Gold(int(r.start), int(r.end), r.type, r.value if pd.notna(r.value) else "")
                  for r in g.itertuples()]
              for d, g in rows.groupby("doc_id")}
    return ({(text, dct): sorted(by_doc.get(d, []), key=lambda g: g.start)
             for d, text, dct in zip(documents["doc_id"], documents["text"],
                                     documents["published"], strict=True)}, events)


def dateparser_baseline(text: str, dct: date) -> list[Gold]:
    from dateparser.search import search_dates

    base = datetime(dct.year, dct.month, dct.day)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        found = search_dates(text, languages=["en"], settings={"RELATIVE_BASE": base}) or []
    out, pos = [], 0
    for words, when in found:
        start = text.find(words, pos)
        if start < 0:
            continue
        pos = start + len(words)
        out.append(Gold(start, pos, "DATE", when.date().isoformat()))
    return out


def score(docs, predict) -> dict[str, float]:
    n_gold = n_pred = strict = relaxed = values = types = 0
    for text, dct, gold in docs:
        pred = predict(text, dct)
        n_gold += len(gold)
        n_pred += len(pred)
        used: set[int] = set()
        for g in gold:
            match = next((k for k, p in enumerate(pred) if k not in used
                          and p.start < g.end and g.start < p.end), None)
            if match is None:
                continue
            used.add(match)
            p = pred[match]
            relaxed += 1
            strict += (p.start, p.end) == (g.start, g.end)
            values += p.value == g.value
            types += p.type == g.type

    def f1(tp):
        prec, rec = tp / n_pred if n_pred else 0.0, tp / n_gold if n_gold else 0.0
        return 2 * prec * rec / (prec + rec) if prec + rec else 0.0

    return {"strict F1": f1(strict), "relaxed F1": f1(relaxed), "value F1": f1(values),
            "type acc": types / relaxed if relaxed else 0.0, "gold": n_gold}


BBC_ANCHOR = date(2005, 6, 1)  # the BBC files carry no date; any fixed day times the same


def bbc_speed(eval_dir: Path) -> None:
    """Documents/s of the time-expression step on BBC News, beside dateparser, same run."""
    texts = [p.read_bytes().decode("utf-8", "replace")
             for p in sorted((Path(eval_dir) / "bbc-news" / "bbc").glob("*/*.txt"))]
    if not texts:
        return
    print(f"BBC News: {len(texts)} articles, {sum(map(len, texts)):,} characters")
    seconds = {}
    for method, predict in (("quotetrail", ours), ("dateparser", dateparser_baseline)):
        started = time.perf_counter()
        found = sum(len(predict(t, BBC_ANCHOR)) for t in texts)
        seconds[method] = time.perf_counter() - started
        print(f"  {method:22} {len(texts) / seconds[method]:7.1f} docs/s  "
              f"{seconds[method]:6.1f} s in all  {found:,} expressions")
    print(f"  quotetrail / dateparser time: {seconds['quotetrail'] / seconds['dateparser']:.2f}")


def run(eval_dir: Path, limit: int | None = None) -> None:
    from quotetrail.quotes import load_model

    nlp = load_model()
    for name, docs in (("TBAQ (tuning)", load_tbaq(eval_dir)[:limit]),
                       ("MEANTIME (check)", load_meantime(eval_dir)[:limit])):
        print(f"{name}: {len(docs)} documents, {sum(len(g) for _, _, g in docs)} TIMEX3")
        started = time.perf_counter()
        rows, events = through_tables(docs, nlp)
        table_seconds = time.perf_counter() - started
        tagged = [(ours(text, dct), set(rows[text, dct])) for text, dct, _ in docs]
        kept = sum(g in table for alone, table in tagged for g in alone)
        found = events[events["start"].notna()]
        print(f"  the tagger finds {sum(len(alone) for alone, _ in tagged)}; {kept} of them are "
              f"rows of the events table, which has {len(found)} rows with offsets "
              f"({int(found['in_quote'].sum())} inside quotations)")
        print(f"  {'method':22} {'strict':>7} {'relaxed':>8} {'value':>7} {'type':>6} "
              f"{'docs/s':>7}")
        for method, predict in (("quotetrail tagger", ours),
                                ("events table", lambda text, dct, rows=rows: rows[text, dct]),
                                ("dateparser", dateparser_baseline)):
            started = time.perf_counter()
            s = score(docs, predict)
            seconds = time.perf_counter() - started
            if method == "events table":
                seconds += table_seconds  # parsing and both stages, not the lookup
            print(f"  {method:22} {s['strict F1']:7.3f} {s['relaxed F1']:8.3f} "
                  f"{s['value F1']:7.3f} {s['type acc']:6.3f} {len(docs) / seconds:7.1f}")
    bbc_speed(eval_dir)
