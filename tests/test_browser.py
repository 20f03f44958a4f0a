"""The rendered report, opened in headless Chromium as a reader would open it.

The study runs on a corpus written here with hostile articles: markup, event handlers
and script in a quotation, a headline and a file name, Markdown and ``$…$``. Every
page must run none of it, log nothing to its console, load nothing from the network,
link only to pages that exist, and carry the policy that forbids scripts. The index
opens with the flags and draws each travelling statement's trail as inline SVG. Screenshots
at a phone's and a desktop's width go to ``reports/screenshots/`` for a person to
look at.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import article

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars", "--enable-logging=stderr", "--v=0"]
PAYLOAD = "document.body.setAttribute('data-pwned', '1')"

pytestmark = pytest.mark.e2e


def chromium(*args: str, profile: Path) -> subprocess.CompletedProcess:
    return subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args],
                          capture_output=True, text=True, timeout=120, check=False)


@pytest.fixture(scope="module")
def hostile_study(tmp_path_factory):
    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing: `make browser` installs it (CI runs it first)")
        pytest.skip("Chromium is not installed: run `make browser`")
    root = tmp_path_factory.mktemp("browser")
    corpus = root / "corpus"
    corpus.mkdir()
    quote = (f"<img src=x onerror=\"{PAYLOAD}\"> We will **cut** the $5 fares for $x$ "
             f"riders <script>{PAYLOAD}</script> next year.")
    (corpus / "markup.txt").write_text(article(
        f"The transport minister, Ana Ruiz, said on Monday: “{quote}”\n\n"
        "She added that the plan would be paid for by the city.",
        title=f"<script>{PAYLOAD}</script> Minister *promises* cheaper fares"), encoding="utf-8")
    (corpus / "<img src=x onerror=alert(1)>.txt").write_text(article(
        f"The transport minister, Ana Ruiz, told reporters on Tuesday: “{quote}”\n\n"
        "Critics on the city council disagreed, saying the fares were already low and the "
        "buses too full to carry more riders at rush hour.\n\nThe council will vote on the "
        "plan next month, after a public hearing in the town hall.",
        title="Minister repeats her promise of cheaper fares"), encoding="utf-8")
    (corpus / "copy.txt").write_text(article(  # the same report under another headline
        f"The transport minister, Ana Ruiz, told reporters on Tuesday: “{quote}”\n\n"
        "Critics on the city council disagreed, saying the fares were already low and the "
        "buses too full to carry more riders at rush hour.\n\nThe council will vote on the "
        "plan next month, after a public hearing in the town hall.",
        title="Cheaper fares: what the minister said"), encoding="utf-8")
    out = root / "out"
    done = subprocess.run([sys.executable, "-m", "quotetrail.cli", "study", "--corpus",
                           str(corpus), "--out", str(out), "--quiet"],
                          capture_output=True, text=True, timeout=900, check=False)
    assert done.returncode == 0, done.stderr
    return out / "reports", root / "profile"


def pages(reports: Path) -> list[Path]:
    found = sorted(reports.rglob("*.html"))
    assert {p.name for p in found} >= {"index.html", "04_findings.html", "statements.html",
                                       "articles.html", "markup.html"}
    return found


def test_no_script_from_the_content_runs(hostile_study):
    reports, profile = hostile_study
    for page in pages(reports):
        opened = chromium("--dump-dom", page.as_uri(), profile=profile)
        dom = opened.stdout
        # the page's console (a blocked script or request would be reported there too)
        assert ":CONSOLE" not in opened.stderr, (page.name, opened.stderr[-500:])
        body = re.search(r"<body[^>]*>", dom)
        assert body and "data-pwned" not in body.group(), page.name
        assert not re.search(r"<script", dom, re.I), page.name
        assert not re.search(r"<img[^>]*\bonerror=", dom, re.I), page.name
        assert "Content-Security-Policy" in page.read_text(encoding="utf-8")


def test_the_quotation_reads_as_text(hostile_study):
    reports, _ = hostile_study
    chapter = (reports / "02_quote_alignment.html").read_text(encoding="utf-8")
    assert "&lt;img src=x onerror=" in chapter and "**cut** the $5 fares for $x$" in chapter


def test_nothing_is_fetched_and_every_link_resolves(hostile_study):
    reports, _ = hostile_study
    for page in pages(reports):
        text = page.read_text(encoding="utf-8")
        assert not re.search(r"""\b(?:src|href)\s*=\s*["']?(?:https?:)?//""", text), page.name
        for link in re.findall(r"""\bhref\s*=\s*["']([^"'#]+)""", text):
            assert (page.parent / html.unescape(link)).exists(), \
                f"{page.name} links to missing {link}"


def test_screenshots_for_a_person(hostile_study):
    reports, profile = hostile_study
    shots = reports / "screenshots"
    shots.mkdir(exist_ok=True)
    for page in pages(reports):
        for width, height in ((400, 900), (1280, 900)):
            target = shots / f"{page.stem}-{width}.png"
            chromium(f"--window-size={width},{height}", f"--screenshot={target}",
                     page.as_uri(), profile=profile)
            assert target.is_file() and target.stat().st_size > 1000, target.name


def test_the_index_shows_flags_and_trails(hostile_study):
    reports, profile = hostile_study
    index = reports / "index.html"
    dom = chromium("--dump-dom", index.as_uri(), profile=profile).stdout
    flags, trails = dom.index('id="flags"'), dom.index('id="trails"')
    assert flags < trails < dom.index('id="corpus"')  # flags first, counts last
    assert '<ul class="flags">' in dom[flags:trails]  # the copy that does not say so
    assert "Copies that read as their own report" in dom[flags:trails]
    figure = re.search(r'<svg class="trail-fig".*?</svg>', dom[trails:], re.S)
    assert figure and "<circle" in figure.group() and "stroke-dasharray" in figure.group()
    assert "<script" not in figure.group() and "onerror=" not in figure.group()
    statements = (reports / "statements.html").read_text(encoding="utf-8")
    assert statements.count('<svg class="trail-fig"') >= 1
