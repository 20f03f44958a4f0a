"""Pages a reader follows from a finding to the words it rests on.

``statements.html``: the trail of every statement printed by two or more articles (the
same cards as the index: the figure, then the printings with what changed), each
printing linking to the quoted span in its article. ``articles.html`` lists the
articles by outlet; ``articles/<id>.html`` shows one article's clean text with its
quotations, speakers, cues and time expressions marked from their offsets, and what
ingest removed, folded away.

Everything from an article is escaped here, and the pages carry the same
Content-Security-Policy as the chapters: they run no script and fetch nothing.
"""

from __future__ import annotations

import html
from pathlib import Path

import pandas as pd

from quotetrail.findings.names import article_names, page_files
from quotetrail.findings.trail_view import CARD_STYLE, legend, trail_card
from quotetrail.findings.trails import build_trails
from quotetrail.study.render import BASE_STYLE, CSP, VIEWPORT
from quotetrail.tables import read_table

MAX_STATEMENTS = 500  # trails on the statements page; the tables have them all
STYLE = ("<style>" + BASE_STYLE + CARD_STYLE
         + ".quote{background:#fff3b0}.speaker{text-decoration:underline;"
         "text-decoration-color:#1a7f37;text-decoration-thickness:2px}.cue{font-weight:bold}"
         ".date{background:#d7ecff}.text{white-space:pre-wrap;background:#fff;padding:1rem;"
         "border:1px solid #d8dde3;border-radius:8px}.key span{padding:0 .2rem}"
         ".articles li{margin:.5rem 0}</style>")


def _esc(value) -> str:
    return html.escape("" if value is None or (isinstance(value, float) and pd.isna(value))
                       else str(value))


def _page(title: str, body: list[str], nav: list[tuple[str, str]], prefix: str = "") -> str:
    links = "".join(f'<a href="{_esc(prefix + href)}">{_esc(label)}</a>' for label, href in nav)
    return "\n".join([
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>", VIEWPORT,
        f"<meta http-equiv='Content-Security-Policy' content=\"{CSP}\">",
        f"<title>{_esc(title)}</title>", STYLE, "</head><body>", f"<nav>{links}</nav>",
        f"<h1>{_esc(title)}</h1>", *body, "</body></html>"])


def marked_text(text: str, spans: list[tuple[int, int, str, str | None]]) -> str:
    """``text`` escaped, with each (start, end, css class, anchor id) span marked; spans may
    nest or overlap, so the text is cut at every boundary and each piece carries the
    classes of the spans that cover it."""
    cuts = sorted({0, len(text), *(s for s, _, _, _ in spans), *(e for _, e, _, _ in spans)})
    anchors: dict[int, list[str]] = {}
    for s, _, _, anchor in spans:
        if anchor:
            anchors.setdefault(s, []).append(anchor)
    out = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        if a < 0 or b > len(text) or a >= b:
            continue
        out += [f'<a id="{_esc(x)}"></a>' for x in anchors.get(a, [])]
        classes = sorted({c for s, e, c, _ in spans if s <= a and b <= e})
        piece = _esc(text[a:b])
        out.append(f'<span class="{" ".join(classes)}">{piece}</span>' if classes else piece)
    return "".join(out)


def write_pages(processed: Path, reports: Path, nav: list[tuple[str, str]]) -> list[Path]:
    """Write the statements page, the article index and one page per article."""
    documents = read_table("documents", processed)
    quotes = read_table("quotes", processed)
    statements = read_table("statements", processed)
    variants = read_table("quote_variants", processed)
    events = read_table("events", processed)
    windows = read_table("doc_windows", processed)
    docs = {d["doc_id"]: d for d in documents.to_dict("records")}
    names = article_names(documents, windows)
    files = page_files(docs)
    (reports / "articles").mkdir(exist_ok=True)
    written = []

    by_doc_quotes = dict(tuple(quotes.groupby("doc_id"))) if len(quotes) else {}
    by_doc_events = dict(tuple(events.groupby("doc_id"))) if len(events) else {}
    for d in sorted(docs):
        doc, name = docs[d], names[d]
        spans = []
        for q in by_doc_quotes.get(d, quotes.iloc[0:0]).itertuples():
            spans.append((int(q.start), int(q.end), "quote", f"q-{q.quote_id}"))
            if pd.notna(q.speaker_start):
                spans.append((int(q.speaker_start), int(q.speaker_end), "speaker", None))
            if pd.notna(q.cue_start):
                spans.append((int(q.cue_start), int(q.cue_end), "cue", None))
        for e in by_doc_events.get(d, events.iloc[0:0]).itertuples():
            if pd.notna(e.start):
                spans.append((int(e.start), int(e.end), "date", None))
        removed = list(doc["removed"])
        body = [f'<p class="lede" title="{_esc(d)}"><b>{_esc(name.outlet_label)}</b> · '
                f'{_esc(name.when)}'
                f'{" (publication date inferred)" if not name.dated and name.day_min else ""}'
                f'</p>',
                "<p class='key'>Marked: <span class='quote'>quotations</span> <span "
                "class='speaker'>speakers</span> <span class='cue'>cues</span> <span "
                "class='date'>time expressions</span></p>",
                f"<div class='text'>{marked_text(doc['text'], spans)}</div>",
                f"<details><summary>Removed by ingest ({len(removed)})</summary><ul>"
                + "".join(f"<li>{_esc(r.get('reason'))}: {_esc(r.get('text'))}</li>"
                          for r in removed) + "</ul></details>"]
        title = doc.get("title") if isinstance(doc.get("title"), str) and doc[
            "title"].strip() else f"Untitled: “{name.headline}”"
        target = reports / "articles" / files[d]
        target.write_text(_page(title, body, nav, prefix="../"), encoding="utf-8")
        written.append(target)

    order = sorted(docs, key=lambda d: (names[d].outlet is None, names[d].outlet_label.lower(),
                                        names[d].day_min or pd.Timestamp.max.date(), d))
    rows = [f'<li><a href="articles/{_esc(files[d])}" title="{_esc(d)}">'
            f"{_esc(names[d].label)}</a></li>" for d in order]
    target = reports / "articles.html"
    target.write_text(_page("Articles", [f"<p>{len(docs)} articles, by outlet.</p>"
                                         "<ul class='articles'>", *rows, "</ul>"], nav),
                      encoding="utf-8")
    written.append(target)

    trails = build_trails(statements, variants, quotes, names)
    left = len(trails) - MAX_STATEMENTS
    body = [f"<p class='lede'>{len(trails)} statements printed by two or more articles, most "
            "widely printed first"
            + (f"; the first {MAX_STATEMENTS} are here, all are in the statements table"
               if left > 0 else "") + ". Each printing links to its words in its article.</p>",
            legend(), *(trail_card(t, files, words=None) for t in trails[:MAX_STATEMENTS])]
    target = reports / "statements.html"
    target.write_text(_page("Statements and their trails", body, nav), encoding="utf-8")
    written.append(target)
    return written
