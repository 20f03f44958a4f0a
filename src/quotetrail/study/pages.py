"""Pages a reader follows from a finding to the words it rests on.

``statements.html``: every statement printed more than once, its printings side by
side (article, outlet, date, relation, what changed, the diff), each linking to the
quoted span in its article. ``articles.html`` lists the articles; ``articles/<id>.html``
shows one article's clean text with its quotations, speakers, cues and time
expressions marked from their offsets, and what ingest removed, folded away.

Everything from an article is escaped here, and the pages carry the same
Content-Security-Policy as the chapters: they run no script and fetch nothing.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pandas as pd

from quotetrail.findings.statements import article_label
from quotetrail.study.render import CSP, VIEWPORT
from quotetrail.tables import read_table

MAX_STATEMENTS = 500  # statements on the statements page; the table has them all
STYLE = ("<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:0 auto;"
         "padding:0 1rem 2rem;line-height:1.5;overflow-wrap:anywhere}"
         "nav{padding:.6rem 0;border-bottom:1px solid #ddd;margin-bottom:1rem}"
         "nav a{margin-right:1rem}table{border-collapse:collapse;display:block;overflow-x:auto}"
         "td,th{border-bottom:1px solid #eee;padding:.3rem .5rem;text-align:left;"
         "vertical-align:top;overflow-wrap:normal}th{white-space:nowrap}.quote{background:#fff3b0}.speaker{text-decoration:underline;"
         "text-decoration-color:#1a7f37;text-decoration-thickness:2px}.cue{font-weight:bold}"
         ".date{background:#d7ecff}.text{white-space:pre-wrap}"
         ".canonical{font-style:italic}del{color:#a40e26}ins{color:#1a7f37}</style>")


def _esc(value) -> str:
    return html.escape("" if value is None or (isinstance(value, float) and pd.isna(value))
                       else str(value))


def page_name(doc_id: str, taken: set[str]) -> str:
    """A file name for the article's page: its id's safe characters, made unique."""
    base = re.sub(r"[^A-Za-z0-9_-]+", "_", doc_id).strip("_")[:80] or "article"
    name, n = base, 1
    while name.lower() in taken:
        n += 1
        name = f"{base}~{n}"
    taken.add(name.lower())
    return f"{name}.html"


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


def _diff(diff: str) -> str:
    parts = []
    for part in (diff or "").split(" | "):
        if part.startswith("-"):
            parts.append(f"<del>{_esc(part[1:])}</del>")
        elif part.startswith("+"):
            parts.append(f"<ins>{_esc(part[1:])}</ins>")
    return " ".join(parts)


def write_pages(processed: Path, reports: Path, nav: list[tuple[str, str]]) -> list[Path]:
    """Write the statements page, the article index and one page per article."""
    documents = read_table("documents", processed)
    quotes = read_table("quotes", processed)
    statements = read_table("statements", processed)
    variants = read_table("quote_variants", processed)
    events = read_table("events", processed)
    windows = read_table("doc_windows", processed)
    wins = {w["doc_id"]: w for w in windows.to_dict("records")}
    docs = {d["doc_id"]: d for d in documents.to_dict("records")}
    labels = {d: article_label(docs[d], wins.get(d)) for d in docs}
    taken: set[str] = set()
    files = {d: page_name(d, taken) for d in sorted(docs)}
    (reports / "articles").mkdir(exist_ok=True)
    written = []

    by_doc_quotes = dict(tuple(quotes.groupby("doc_id"))) if len(quotes) else {}
    by_doc_events = dict(tuple(events.groupby("doc_id"))) if len(events) else {}
    for d in sorted(docs):
        doc = docs[d]
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
        body = [f"<p>{_esc(labels[d])}</p>",
                "<p>Marked: <span class='quote'>quotations</span>, <span class='speaker'>"
                "speakers</span>, <span class='cue'>cues</span>, <span class='date'>time "
                "expressions</span>.</p>",
                f"<div class='text'>{marked_text(doc['text'], spans)}</div>",
                f"<details><summary>Removed by ingest ({len(removed)})</summary><ul>"
                + "".join(f"<li>{_esc(r.get('reason'))}: {_esc(r.get('text'))}</li>"
                          for r in removed) + "</ul></details>"]
        target = reports / "articles" / files[d]
        target.write_text(_page(doc.get("title") or d, body, nav, prefix="../"),
                          encoding="utf-8")
        written.append(target)

    rows = [f'<li><a href="articles/{_esc(files[d])}">{_esc(labels[d])}</a></li>'
            for d in sorted(docs)]
    target = reports / "articles.html"
    target.write_text(_page("Articles", [f"<p>{len(docs)} articles.</p><ul>", *rows, "</ul>"],
                            nav), encoding="utf-8")
    written.append(target)

    qtext = dict(zip(quotes["quote_id"], quotes["text"], strict=True))
    shown = statements[statements["n_printings"] > 1].sort_values(
        ["n_docs", "n_printings", "statement_id"], ascending=[False, False, True])
    left = len(shown) - MAX_STATEMENTS
    body = [f"<p>{len(shown)} statements printed more than once"
            + (f"; the first {MAX_STATEMENTS} are here, all are in the statements table"
               if left > 0 else "") + ". Each printing links to its words in its article.</p>"]
    by_statement = dict(tuple(variants.groupby("statement_id"))) if len(variants) else {}
    for st in shown.head(MAX_STATEMENTS).itertuples():
        who = st.speaker if isinstance(st.speaker, str) else "Unattributed"
        when = (f"said {st.said_min} to {st.said_max}" if pd.notna(st.said_min)
                else f"said by {st.said_max}" if pd.notna(st.said_max) else "date of saying "
                "unknown")
        body += [f'<h2 id="{_esc(st.statement_id)}">{_esc(who)}</h2>',
                 f"<p class='canonical'>“{_esc(st.canonical_text)}”</p>",
                 f"<p>{_esc(when)}"
                 + (f"; {_esc(st.occasion_text)}" if isinstance(st.occasion_text, str) else "")
                 + f". First printed by {_esc(labels.get(st.first_doc, st.first_doc))} "
                 f"({_esc(st.first_how)}). {int(st.n_independent)} of {int(st.n_docs)} "
                 "articles independent.</p>",
                 "<table><tr><th>article</th><th>relation</th><th>similarity</th>"
                 "<th>changed</th><th>diff against the canonical form</th><th>words</th></tr>"]
        members = by_statement.get(st.statement_id)
        for v in members.sort_values(["is_canonical", "doc_id"],
                                     ascending=[False, True]).itertuples():
            link = f"articles/{files[v.doc_id]}#q-{v.quote_id}"
            body.append(
                f'<tr><td><a href="{_esc(link)}">{_esc(labels.get(v.doc_id, v.doc_id))}</a></td>'
                f"<td>{_esc('canonical' if v.is_canonical else v.relation)}</td>"
                f"<td>{v.similarity:.2f}</td><td>{_esc(v.changed)}</td>"
                f"<td>{_diff(v.diff)}</td><td>{_esc(qtext.get(v.quote_id))}</td></tr>")
        body.append("</table>")
    target = reports / "statements.html"
    target.write_text(_page("Statements and their printings", body, nav), encoding="utf-8")
    written.append(target)
    return written
