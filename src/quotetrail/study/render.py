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

TEMPLATES = Path(__file__).with_name("templates")
CSP = ("default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:; "
       "script-src 'none'; base-uri 'none'; form-action 'none'")
VIEWPORT = "<meta name='viewport' content='width=device-width, initial-scale=1'>"
INDEX_STYLE = ("<style>body{font-family:system-ui,sans-serif;max-width:52rem;margin:2rem auto;"
               "padding:0 1rem;line-height:1.5;overflow-wrap:anywhere}li{margin:.3rem 0}"
               "code{font-size:.9em}</style>")


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
               rejected: pd.DataFrame | None) -> str:
    """The study's front page: headline findings, links to each chapter, rejected files."""
    esc = html.escape
    chapters = [
        f'<a href="{esc(nb["html"])}">{esc(nb["name"])}</a> — {esc(nb["status"])}'
        if nb.get("html") else f'{esc(nb["name"])} — {esc(nb["status"])}'
        for nb in notebooks
    ]
    parts = [f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>{VIEWPORT}"
             f"<meta http-equiv='Content-Security-Policy' content=\"{CSP}\">"
             f"<title>{esc(title)}</title>", INDEX_STYLE, "</head><body>",
             f"<h1>{esc(title)}</h1>"]
    if findings is not None and len(findings):
        parts += ["<h2>Findings</h2>", "<ul>",
                  _rows([esc(s) for s in findings["statement"]]), "</ul>"]
    else:
        parts.append("<p>No findings: the study did not reach its last chapter.</p>")
    parts += ["<h2>Chapters</h2>", "<ol>", _rows(chapters), "</ol>"]
    if findings is not None and len(findings):
        parts += ["<p><a href='statements.html'>Every statement and its printings</a> · "
                  "<a href='articles.html'>Every article, its quotations and dates marked</a>"
                  "</p>"]
    if rejected is not None and len(rejected):
        parts += rejected_section(rejected)
    parts.append("<p>Run details (parameters, input hashes, versions): "
                 "<a href='manifest.json'>manifest.json</a>.</p></body></html>")
    return "\n".join(parts)
