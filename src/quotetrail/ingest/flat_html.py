"""The text of a web page nested deeper than lxml, and so trafilatura, reads.

libxml2 stops building its tree at 256 levels of nesting: an article inside thousands of
nested tags comes out of trafilatura empty. Python's ``html.parser`` keeps no tree and
reads any depth; ``flatten`` takes the page's text from it, one line per block element,
without scripts and styles, and the page's ``<title>`` apart. The text is then cleaned
like a pasted page (clutter rules with header and footer zones), not trusted as an
extractor's cut.
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser

LXML_MAX_DEPTH = 255  # deeper than this, lxml drops the rest of the tree

BLOCKS = frozenset("""address article aside blockquote br dd div dl dt figcaption figure
    footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table td th tr
    ul""".split())
VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
HIDDEN = frozenset("script style noscript template title".split())


@dataclass(frozen=True)
class FlatPage:
    text: str  # one line per block, whitespace inside a line collapsed
    title: str | None
    depth: int  # deepest nesting of elements met


class _Flattener(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = self.max_depth = self.hidden = 0
        self.in_title = False
        self.parts: list[str] = []
        self.title: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:  # noqa: ARG002 (attributes are not text)
        if tag not in VOID:
            self.depth += 1
            self.max_depth = max(self.max_depth, self.depth)
        self.hidden += tag in HIDDEN
        self.in_title = self.in_title or tag == "title"
        if tag in BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag) -> None:
        if tag not in VOID:
            self.depth = max(0, self.depth - 1)
        if tag in HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        self.in_title = self.in_title and tag != "title"
        if tag in BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data) -> None:
        if self.in_title:
            self.title.append(data)
        elif not self.hidden:
            self.parts.append(data)


def flatten(html: str) -> FlatPage:
    """The page's text and title, and how deep its elements nest."""
    parser = _Flattener()
    parser.feed(html)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    title = " ".join("".join(parser.title).split()) or None
    return FlatPage("\n".join(line for line in lines if line), title, parser.max_depth)
