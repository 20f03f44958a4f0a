"""Rendering executed notebooks to HTML, and the index page that opens the study.

Pages are safe to open anywhere: they load nothing from the network (no require.js,
MathJax or fonts from a CDN), run no script at all (a Content-Security-Policy forbids
it, so text from an article can never run even if it slipped past the escaping), and
show no warnings, progress bars or paths of the machine that ran the study.
"""

from __future__ import annotations

import html
from pathlib import Path

import pandas as pd

from quotetrail.findings.flags import KINDS
from quotetrail.findings.trail_view import CARD_STYLE, legend, trail_card

TEMPLATES = Path(__file__).with_name("templates")
CSP = ("default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:; "
       "script-src 'none'; base-uri 'none'; form-action 'none'")
VIEWPORT = "<meta name='viewport' content='width=device-width, initial-scale=1'>"
BASE_STYLE = (
    "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;max-width:52rem;"
    "margin:0 auto;padding:0 1rem 3rem;line-height:1.55;color:#1f2328;background:#f6f8fa;"
    "overflow-wrap:anywhere}h1{font-size:1.7rem;margin:1.2rem 0 .2rem}"
    "h2{font-size:1.3rem;margin:2rem 0 .5rem;padding-bottom:.2rem;border-bottom:2px solid "
    "#d8dde3}a{color:#0b5cad}li{margin:.3rem 0}code{font-size:.9em}"
    "nav{padding:.6rem 0;border-bottom:1px solid #d8dde3;font-size:.95rem}"
    "nav a{margin-right:1rem;white-space:nowrap}.lede{font-size:1.05rem;color:#444}"
    ".flags{list-style:none;padding:0}.flags li{background:#fff;border:1px solid #d8dde3;"
    "border-left:4px solid #c4141c;border-radius:6px;padding:.5rem .8rem;margin:.5rem 0}"
    ".flags .kind{display:block;font-size:.8rem;font-weight:700;text-transform:uppercase;"
    "letter-spacing:.04em;color:#c4141c}.more{color:#555;font-size:.95rem}")
INDEX_STYLE = f"<style>{BASE_STYLE}{CARD_STYLE}</style>"
INDEX_TRAILS = 5  # trails on the index; the statements page has them all
INDEX_FLAGS = 5  # flags of each kind on the index; chapter 4 and the findings table have all


def _report_outputs(nb) -> None:
    """Keep what the reader needs: results, not the run's stderr (warnings, progress bars)."""
    for cell in nb.cells:
        if cell.get("cell_type") == "code":
            cell.outputs = [o for o in cell.get("outputs", [])
                            if not (o.get("output_type") == "stream" and o.get("name") == "stderr")]


def notebook_to_html(notebook: Path, target: Path, nav: list[tuple[str, str]] = ()) -> Path:
    """Render an executed notebook to HTML with the code hidden and the outputs shown;
    ``nav`` is the (label, link) of every page, for the bar at the top."""
    import nbformat
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="quotetrail", extra_template_basedirs=[str(TEMPLATES)],
                            exclude_input=True, exclude_input_prompt=True,
                            exclude_output_prompt=True)
    nb = nbformat.read(notebook, as_version=4)
    for cell in nb.cells:  # papermill gives the cell it adds a random id; the page names it
        if "injected-parameters" in cell.get("metadata", {}).get("tags", []):
            cell["id"] = "injected-parameters"
    _report_outputs(nb)
    body, _ = exporter.from_notebook_node(
        nb, resources={"quotetrail_nav": list(nav), "quotetrail_csp": CSP})
    target.write_text(body, encoding="utf-8")
    return target


def _rows(items: list[str]) -> str:
    return "\n".join(f"<li>{item}</li>" for item in items)


def _rejected_item(rec: dict) -> str:
    """One rejected file or row: where, at which stage, why; every part escaped."""
    esc = html.escape
    row = rec.get("row")
    where = esc(str(rec["source_path"])) + (f", row {int(row)}" if pd.notna(row) else "")
    return f"<code>{where}</code> ({esc(str(rec.get('stage') or 'ingest'))}): {esc(rec['reason'])}"


def _flag_link(kind: str, key: str, tables: dict, files: dict[str, str]) -> str | None:
    """Where a flag's evidence is: the trail of a reframed statement, the article of a
    headline or a copy, the words of a claim nobody stands behind."""
    if kind == "reframing":
        v = tables["quote_variants"]
        sid = v.loc[v["quote_id"] == key, "statement_id"]
        return f"statements.html#{sid.iloc[0]}" if len(sid) else None
    if kind in ("headline", "copy"):
        return f"articles/{files[key]}" if key in files else None
    doc = key.rsplit(":", 1)[0]
    return f"articles/{files[doc]}#q-{key}" if doc in files else None


def _flags(findings: pd.DataFrame, tables: dict, files: dict[str, str]) -> list[str]:
    esc = html.escape
    rows = findings[findings["finding"].str.startswith("flag:")]
    if rows.empty:
        return ["<p>Nothing to flag: no reframing drops a condition or hedge, no headline "
                "claims more than its statement, no copy passes for its own report, and every "
                "piece of reported speech names who said it.</p>"]
    out = ['<ul class="flags">']
    for kind, label in KINDS.items():
        mine = rows[rows["finding"].str.startswith(f"flag:{kind}:")]
        for rec in mine.head(INDEX_FLAGS).to_dict("records"):
            href = _flag_link(kind, rec["finding"].split(":", 2)[2], tables, files)
            link = f' <a href="{esc(href)}">evidence →</a>' if href else ""
            out.append(f'<li><span class="kind">{esc(label)}</span>'
                       f"{esc(rec['statement'])}{link}</li>")
        if len(mine) > INDEX_FLAGS:
            out.append(f'<li class="more">and {len(mine) - INDEX_FLAGS} more '
                       f"{esc(label.lower())}: <a href='04_findings.html'>chapter 4</a> lists "
                       "every flag</li>")
    return out + ["</ul>"]


def _trails(tables: dict) -> tuple[list[str], dict[str, str]]:
    from quotetrail.findings.names import article_names, page_files
    from quotetrail.findings.trails import build_trails

    names = article_names(tables["documents"], tables["doc_windows"])
    files = page_files(names)
    trails = [t for t in build_trails(tables["statements"], tables["quote_variants"],
                                      tables["quotes"], names)
              if t.speaker]
    if not trails:
        return ["<p>No statement with a named speaker is printed by two or more "
                "articles.</p>"], files
    out = [legend(), *(trail_card(t, files) for t in trails[:INDEX_TRAILS])]
    out.append(f"<p class='more'>{len(trails)} statements with a named speaker are printed by "
               "two or more articles; <a href='statements.html'>the statements page</a> has "
               "every trail.</p>" if len(trails) > INDEX_TRAILS else
               "<p class='more'><a href='statements.html'>The statements page</a> has these "
               "trails and every other statement printed by two or more articles.</p>")
    return out, files


def read_tables(processed: Path) -> dict:
    from quotetrail.tables import read_table

    return {n: read_table(n, processed) for n in ("documents", "quotes", "statements",
                                                  "quote_variants", "doc_windows")}


def rejected_section(rejected: pd.DataFrame) -> list[str]:
    """Rejected files and rows counted apart, then one collapsed list per reason with its
    count (``<details>``: no script), each file or row with its own full reason."""
    from quotetrail.ingest.rejections import by_reason, counts, files_and_rows

    esc = html.escape
    files, rows = counts(rejected)
    told = files_and_rows(files, rows) + (" (records of JSONL or CSV files)" if rows else "")
    parts = ["<h2>Rejected files</h2>",
             f"<p>{esc(told)} {'was' if files + rows == 1 else 'were'} given up; the study "
             "went on without them. By reason:</p>"]
    for group in by_reason(rejected):
        parts += [f"<details><summary>{esc(group.count)}: {esc(group.reason)}"
                  f" ({esc(group.stage)})</summary><ul>",
                  _rows([_rejected_item(r) for r in group.records]), "</ul></details>"]
    return parts


def index_page(title: str, notebooks: list[dict], findings: pd.DataFrame | None,
               rejected: pd.DataFrame | None, processed: Path | None = None) -> str:
    """The study's front page: the flags, the trails of the statements that travelled,
    then the corpus in numbers, the chapters and the rejected files. Every sentence is a
    row of the findings table or drawn from the tables by the functions chapter 4 uses."""
    esc = html.escape
    chapters = [
        f'<a href="{esc(nb["html"])}">{esc(nb["name"])}</a> — {esc(nb["status"])}'
        if nb.get("html") else f'{esc(nb["name"])} — {esc(nb["status"])}'
        for nb in notebooks
    ]
    parts = [f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>{VIEWPORT}"
             f"<meta http-equiv='Content-Security-Policy' content=\"{CSP}\">"
             f"<title>{esc(title)}</title>", INDEX_STYLE, "</head><body>"]
    done = findings is not None and len(findings) and processed is not None
    if done:
        parts.append("<nav><a href='#flags'>Flags</a><a href='#trails'>Trails</a>"
                     "<a href='#corpus'>Corpus</a><a href='statements.html'>Statements</a>"
                     "<a href='articles.html'>Articles</a></nav>")
    parts.append(f"<h1>{esc(title)}</h1>")
    if done:
        tables = read_tables(processed)
        trails, files = _trails(tables)
        n_docs = len(tables["documents"])
        parts += [f"<p class='lede'>Who said what in {n_docs:,} "
                  f"{'article' if n_docs == 1 else 'articles'}, and how their words travelled "
                  "from outlet to outlet. Flags first; then, for each statement printed by two "
                  "or more articles, its trail.</p>",
                  "<h2 id='flags'>Flags</h2>", *_flags(findings, tables, files),
                  "<h2 id='trails'>How the statements travelled</h2>", *trails]
    elif findings is None or not len(findings):
        parts.append("<p>No findings: the study did not reach its last chapter.</p>")
    parts.append("<h2 id='corpus'>Corpus</h2>")
    if findings is not None and len(findings):
        corpus = findings[~findings["finding"].str.startswith(("flag:", "statement_"))]
        parts += ["<ul>", _rows([esc(s) for s in corpus["statement"]]), "</ul>"]
    parts += ["<h3>Chapters</h3>", "<ol>", _rows(chapters), "</ol>"]
    if findings is not None and len(findings):
        parts += ["<p><a href='statements.html'>Every statement and its printings</a> · "
                  "<a href='articles.html'>Every article, its quotations and dates marked</a>"
                  "</p>"]
    if rejected is not None and len(rejected):
        parts += rejected_section(rejected)
    parts.append("<p>Run details (parameters, input hashes, versions): "
                 "<a href='manifest.json'>manifest.json</a>.</p></body></html>")
    return "\n".join(parts)
