"""Rendering executed notebooks to HTML, and the index page that opens the study."""

from __future__ import annotations

import html
from pathlib import Path

import pandas as pd


def notebook_to_html(notebook: Path, target: Path) -> Path:
    """Render an executed notebook to HTML with the code hidden and the outputs shown."""
    import nbformat
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="lab", exclude_input=True,
                            exclude_input_prompt=True, exclude_output_prompt=True)
    body, _ = exporter.from_notebook_node(nbformat.read(notebook, as_version=4))
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


def index_page(title: str, notebooks: list[dict], findings: pd.DataFrame | None,
               rejected: pd.DataFrame | None) -> str:
    """The study's front page: headline findings, links to each chapter, rejected files."""
    esc = html.escape
    chapters = [
        f'<a href="{esc(nb["html"])}">{esc(nb["name"])}</a> — {esc(nb["status"])}'
        if nb.get("html") else f'{esc(nb["name"])} — {esc(nb["status"])}'
        for nb in notebooks
    ]
    parts = [f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{esc(title)}"
             "</title><style>body{font-family:system-ui,sans-serif;max-width:52rem;margin:2rem "
             "auto;padding:0 1rem;line-height:1.5}li{margin:.3rem 0}code{font-size:.9em}"
             "</style></head><body>", f"<h1>{esc(title)}</h1>"]
    if findings is not None and len(findings):
        parts += ["<h2>Findings</h2>", "<ul>",
                  _rows([esc(s) for s in findings["statement"]]), "</ul>"]
    else:
        parts.append("<p>No findings: the study did not reach its last chapter.</p>")
    parts += ["<h2>Chapters</h2>", "<ol>", _rows(chapters), "</ol>"]
    if rejected is not None and len(rejected):
        parts += ["<h2>Rejected files</h2>",
                  f"<p>{len(rejected)} files or rows were given up; the study went on "
                  "without them.</p>", "<ul>", _rows([_rejected_item(r) for r in
                                                       rejected.to_dict("records")]), "</ul>"]
    parts.append("<p>Run details (parameters, input hashes, versions): "
                 "<a href='manifest.json'>manifest.json</a>.</p></body></html>")
    return "\n".join(parts)
