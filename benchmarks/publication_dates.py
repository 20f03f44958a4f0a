"""Publication dates: from HTML pages (htmldate-eval) and from text alone (Reuters-21578).

htmldate-eval: each gold page goes through quotetrail's own HTML ingest; a correct
day is a true positive, a wrong day a false positive, no date a false negative.
Baseline in the same run: ``htmldate.find_date`` with its defaults.

Reuters-21578 with ``<DATE>`` hidden: the title, dateline and body go through the
dating of undated articles (``quotetrail.ingest.dating``) with the project's context
tables. Reported: exact-day and ±1-day accuracy of the point estimate, how often the
window contains the true date, and the median width of bounded windows. Baseline: the
naive "first date in the text" (dateparser's ``search_dates``, as a user would call it).

AllSides reports with the roundup's date as the truth: how many get a window, and how
often it holds that date.
"""

from __future__ import annotations

import html as htmllib
import json
import re
import statistics
import time
import warnings
from datetime import date, datetime, timedelta
from pathlib import Path

from quotetrail.ingest import load_context, parse_article
from quotetrail.ingest.dating import date_article
from quotetrail.ingest.readers import RawArticle, Rejected, extract_html
from quotetrail.paths import find_root

REUTERS_SAMPLE = 1000  # documents, spread evenly over the sample (dateparser is slow)


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f, tp / (tp + fp + fn)


def _ours_html(page: bytes, url: str, context) -> str | None:
    try:
        text, meta = extract_html(page, url)
        row = parse_article(RawArticle("x", "x.html", "", text, meta, extracted=True), context)
    except Rejected:
        return None
    return row["published"].isoformat() if row["published"] else None


def htmldate_eval(eval_dir: Path, context) -> None:
    from htmldate import find_date

    folder = eval_dir / "htmldate-eval"
    gold = json.loads((folder / "gold_subset_en.json").read_text(encoding="utf-8"))
    counts = {"htmldate.find_date (baseline)": [0, 0, 0], "quotetrail ingest": [0, 0, 0]}
    for url, item in sorted(gold.items()):
        page = (folder / item["file"]).read_bytes()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                base = find_date(page, url=url)
            except Exception:
                base = None
        for name, found in (("htmldate.find_date (baseline)", base),
                            ("quotetrail ingest", _ours_html(page, url, context))):
            k = 2 if found is None else 0 if found == item["date"] else 1
            counts[name][k] += 1
    print(f"htmldate-eval: {len(gold)} English pages with gold publication dates")
    print(f"  {'method':<32}{'P':>7}{'R':>7}{'F1':>7}{'acc':>7}   TP/FP/FN")
    for name, (tp, fp, fn) in counts.items():
        p, r, f, a = _prf(tp, fp, fn)
        print(f"  {name:<32}{p:>7.3f}{r:>7.3f}{f:>7.3f}{a:>7.3f}   {tp}/{fp}/{fn}")


def reuters_docs(eval_dir: Path) -> list[tuple[date, str]]:
    """(gold date, text without <DATE>) for every dated Reuters document."""
    docs = []
    for path in sorted((eval_dir / "reuters21578-sample" / "reuters21578").glob("*.sgm")):
        raw = path.read_bytes().decode("latin-1")
        for block in re.findall(r"<REUTERS.*?</REUTERS>", raw, re.S):
            when = re.search(r"<DATE>\s*(\d{1,2}-[A-Z]{3}-\d{4})", block)
            body = re.search(r"<BODY>(.*?)</BODY>", block, re.S)
            if not when or not body:
                continue
            title = re.search(r"<TITLE>(.*?)</TITLE>", block, re.S)
            dateline = re.search(r"<DATELINE>(.*?)</DATELINE>", block, re.S)
            text = " ".join((dateline.group(1) if dateline else "").split()) + " " + \
                re.sub(r"\s*\n\s*", " ", body.group(1)).replace(" Reuter &#3;", "")
            if title:
                text = " ".join(title.group(1).split()).title() + "\n\n" + text.strip()
            gold = datetime.strptime(when.group(1).title(), "%d-%b-%Y").date()
            docs.append((gold, htmllib.unescape(text.strip())))
    return docs


def _naive_first_date(text: str) -> date | None:
    from dateparser.search import search_dates

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        found = search_dates(text[:600], languages=["en"])
    return found[0][1].date() if found else None


def reuters(eval_dir: Path, context) -> None:
    docs = reuters_docs(eval_dir)
    step = max(1, len(docs) // REUTERS_SAMPLE)
    sample = docs[::step][:REUTERS_SAMPLE]
    rows = {"naive first date (baseline)": [], "quotetrail dating": []}
    widths, bounded, contains, windowed = [], 0, 0, 0
    seconds = {"naive first date (baseline)": 0.0, "quotetrail dating": 0.0}
    for gold, text in sample:
        started = time.perf_counter()
        naive = _naive_first_date(text)
        seconds["naive first date (baseline)"] += time.perf_counter() - started
        started = time.perf_counter()
        dating = date_article(text.split("\n\n", 1)[-1], context)
        seconds["quotetrail dating"] += time.perf_counter() - started
        lo, hi = dating.date_min, dating.date_max
        point = dating.published or (lo if lo is not None and lo == hi else None)
        rows["naive first date (baseline)"].append((gold, naive))
        rows["quotetrail dating"].append((gold, point))
        if lo or hi:
            windowed += 1
            contains += (lo is None or lo <= gold) and (hi is None or gold <= hi)
        if lo is not None and hi is not None:
            bounded += 1
            widths.append((hi - lo).days + 1)
    n = len(sample)
    print(f"Reuters-21578, <DATE> hidden: {n} of {len(docs)} dated documents (one in {step})")
    print(f"  {'method':<30}{'exact day':>10}{'±1 day':>9}{'no date':>9}{'docs/s':>9}")
    for name, pairs in rows.items():
        exact = sum(p == g for g, p in pairs) / n
        near = sum(p is not None and abs((p - g).days) <= 1 for g, p in pairs) / n
        none = sum(p is None for _, p in pairs) / n
        print(f"  {name:<30}{exact:>10.3f}{near:>9.3f}{none:>9.3f}{n / seconds[name]:>9.0f}")
    print(f"  quotetrail windows: {windowed / n:.3f} of documents get one (one- or two-sided); "
          f"it contains the true date in {contains / max(windowed, 1):.3f} of them; "
          f"{bounded / n:.3f} are bounded on both sides, median width "
          f"{statistics.median(widths) if widths else float('nan'):.0f} days")


ROUNDUP_LAG = 3  # days: AllSides dates its roundup, the reports it links may be older


def allsides(eval_dir: Path, context) -> None:
    """Windows for AllSides reports (the body only, the date hidden); the truth is the
    roundup's date, which a report precedes by up to ``ROUNDUP_LAG`` days."""
    n = windowed = contains = 0
    widths = []
    for path in sorted((Path(eval_dir) / "allsides-roundups").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            story = json.loads(line)
            day = date.fromisoformat(story["date"][:10])
            for side in sorted(story.get("news") or {}):
                body = " ".join(story["news"][side].get("newBody") or [])
                if len(body) < 40:
                    continue
                n += 1
                dating = date_article(body, context)
                lo, hi = dating.date_min, dating.date_max
                if lo is None and hi is None:
                    continue
                windowed += 1
                contains += ((lo is None or lo <= day)
                             and (hi is None or hi >= day - timedelta(days=ROUNDUP_LAG)))
                if lo is not None and hi is not None:
                    widths.append((hi - lo).days + 1)
    print(f"AllSides reports, date hidden: {n} reports")
    print(f"  quotetrail windows: {windowed / max(n, 1):.3f} of reports get one; it contains "
          f"the roundup's date (or the {ROUNDUP_LAG} days before it) in "
          f"{contains / max(windowed, 1):.3f} of them; {len(widths) / max(n, 1):.3f} are "
          f"bounded on both sides, median width "
          f"{statistics.median(widths) if widths else float('nan'):.0f} days")


def run(eval_dir: Path) -> None:
    context = load_context(find_root() / "data" / "context")
    htmldate_eval(eval_dir, context)
    reuters(eval_dir, context)
    allsides(eval_dir, context)
