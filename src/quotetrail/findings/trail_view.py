"""A trail drawn for a reader: a small inline SVG figure and a card of printings.

The figure is built here as text (no script, nothing fetched, every label escaped), so
the same card reads the same on the index, the statements page and in chapter 4, and
scales with the page down to a phone's width. Time runs left to right; one row per
outlet; a dot for a known day, a bar for an inferred window (an open end runs to the
edge); the mark's shape and colour say the form (verbatim, trimmed, paraphrase,
reframing); a filled mark is an independent printing, a hollow one a copy or rewrite
with a dashed line to its source.
"""

from __future__ import annotations

import html
from datetime import date, timedelta

from quotetrail.findings.names import UNKNOWN_OUTLET, shorten
from quotetrail.findings.trails import GROUPS, Printing, Trail, plain_change

COLOUR = {"verbatim": "#0b5cad", "trimmed": "#7a3db8", "paraphrase": "#9a6700",
          "reframing": "#c4141c"}
WIDTH, LEFT, RIGHT, UNDATED = 400, 8, 14, 60
ROW_LABEL, LANE, MAX_LANES, MAX_DRAWN, MAX_ROWS = 21, 19, 4, 40, 10
R = 6


def esc(value) -> str:
    return html.escape("" if value is None else str(value))


def mark(group: str, x: float, y: float, filled: bool, tip: str = "") -> str:
    """One printing's mark: circle verbatim, diamond trimmed, triangle paraphrase, square
    reframing; filled when independent."""
    c = COLOUR[group]
    paint = f'fill="{c if filled else "#fff"}" stroke="{c}" stroke-width="2"'
    if group == "verbatim":
        shape = f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{R}" {paint}>'
        end = "</circle>"
    elif group == "trimmed":
        pts = f"{x:.1f},{y - R - 1:.1f} {x + R + 1:.1f},{y:.1f} {x:.1f},{y + R + 1:.1f} " \
              f"{x - R - 1:.1f},{y:.1f}"
        shape, end = f'<polygon points="{pts}" {paint}>', "</polygon>"
    elif group == "paraphrase":
        pts = f"{x:.1f},{y - R - 1:.1f} {x + R + 1:.1f},{y + R:.1f} {x - R - 1:.1f},{y + R:.1f}"
        shape, end = f'<polygon points="{pts}" {paint}>', "</polygon>"
    else:
        shape = (f'<rect x="{x - R:.1f}" y="{y - R:.1f}" width="{2 * R}" height="{2 * R}" '
                 f'{paint}>')
        end = "</rect>"
    return shape + (f"<title>{esc(tip)}</title>" if tip else "") + end


def glyph(group: str, filled: bool = True) -> str:
    """A mark as a tiny inline SVG, for the legend and the list under a figure."""
    return (f'<svg class="glyph" width="16" height="16" viewBox="0 0 16 16" aria-hidden="true">'
            f'{mark(group, 8, 8, filled)}</svg>')


def legend() -> str:
    items = [f"<span>{glyph(g)} {g}</span>" for g in GROUPS]
    items.append(f"<span>{glyph('verbatim', False)} hollow: copied or rewritten from another "
                 "article (a dashed line to its source)</span>")
    items.append('<span><svg class="glyph" width="28" height="16" aria-hidden="true"><rect '
                 'x="2" y="6" width="24" height="4" rx="2" fill="#0b5cad" opacity=".35"/></svg>'
                 " bar: the publication window, where the date is inferred</span>")
    return '<p class="legend">' + " ".join(items) + "</p>"


def _ticks(lo: date, hi: date) -> list[tuple[date, str]]:
    span = (hi - lo).days
    if span > 3 * 365:
        step = max(1, round(span / 365 / 5))
        return [(date(y, 1, 1), str(y)) for y in range(lo.year + 1, hi.year + 1, step)]
    if span > 75:
        months, m = [], date(lo.year, lo.month, 1)
        while m <= hi:
            if m > lo:
                months.append(m)
            m = date(m.year + m.month // 12, m.month % 12 + 1, 1)
        step = max(1, -(-len(months) // 5))
        return [(m, m.strftime("%b %Y")) for m in months[::step]]
    step = max(1, span // 5)
    return [(lo + timedelta(days=d), (lo + timedelta(days=d)).strftime("%d %b"))
            for d in range(step, span, step)]


def trail_svg(trail: Trail) -> str:
    """The trail's figure as an inline SVG string."""
    drawn = trail.printings[:MAX_DRAWN]
    days = [d for p in drawn for d in (p.name.day_min, p.name.day_max) if d]
    days += [d for d in (trail.said_min, trail.said_max) if d]
    undated = any(not (p.name.day_min or p.name.day_max) for p in drawn)
    x0, x1 = LEFT, WIDTH - RIGHT - (UNDATED if undated else 0)
    if days:
        lo, hi = min(days), max(days)
        if any(p.name.day_min and not p.name.day_max for p in drawn):
            hi = max(hi, lo + timedelta(days=90))  # room to show "any time after"
        pad = max(15, (hi - lo).days // 25)
        lo, hi = lo - timedelta(days=pad), hi + timedelta(days=pad)
    else:
        lo = hi = None

    def x(day: date) -> float:
        return x0 + (x1 - x0) * (day - lo).days / max(1, (hi - lo).days)

    def span(lo_day, hi_day) -> tuple[float, float]:
        if lo is None or not (lo_day or hi_day):
            return (x1 + UNDATED / 2,) * 2
        return (x(lo_day) if lo_day else x0, x(hi_day) if hi_day else x1)

    in_order = {}  # nothing dated: the marks in the order of the list below
    if lo is None:
        undated, x1 = False, WIDTH - RIGHT
        step = (x1 - x0) / max(1, len(drawn))
        in_order = {p.quote_id: x0 + step * (i + 0.5) for i, p in enumerate(drawn)}

    first_seen = list(dict.fromkeys(p.name.outlet for p in drawn if p.name.outlet))
    kept = set(first_seen[:MAX_ROWS - 1]) if len(first_seen) > MAX_ROWS else set(first_seen)
    others = f"{len(first_seen) - len(kept)} other outlets"
    rows: dict[str, list[Printing]] = {}
    for p in drawn:
        outlet = p.name.outlet
        rows.setdefault(outlet if outlet in kept else others if outlet else "", []).append(p)
    order = sorted(rows, key=lambda o: (o == "", o == others, drawn.index(rows[o][0])))
    parts, spots, y = [], {}, 4
    if trail.said_min or trail.said_max:
        a, b = span(trail.said_min, trail.said_max)
        parts.append(f'<text x="{x0}" y="{y + 13}" class="tq-row">{esc(trail.said)}</text>')
        y += ROW_LABEL
        parts.append(f'<rect x="{a - 2:.1f}" y="{y + 4}" width="{max(4, b - a + 4):.1f}" '
                     f'height="8" rx="3" fill="#555" opacity=".5"/>')
        y += LANE
    for outlet in order:
        parts.append(f'<text x="{x0}" y="{y + 13}" class="tq-row">'
                     f'{esc(shorten(outlet, 6) if outlet else UNKNOWN_OUTLET)}</text>')
        y += ROW_LABEL
        ends: list[float] = []
        for p in rows[outlet]:
            a, b = ((in_order[p.quote_id],) * 2 if in_order
                    else span(p.name.day_min, p.name.day_max))
            lane = next((i for i, e in enumerate(ends) if e < a - 2 * R), None)
            if lane is None:
                lane = len(ends) if len(ends) < MAX_LANES else len(ends) - 1
                ends.append(0)
            ends[lane] = b + 2 * R
            cy = y + 8 + lane * LANE
            if b - a > 1:
                parts.append(f'<rect x="{a:.1f}" y="{cy - 2:.1f}" width="{b - a:.1f}" '
                             f'height="4" rx="2" fill="{COLOUR[p.group]}" opacity=".35"/>')
                if p.name.day_min and not p.name.day_max:  # open on the right: an arrow
                    parts.append(f'<path d="M{b - 7:.1f},{cy - 5:.1f} L{b:.1f},{cy:.1f} '
                                 f'L{b - 7:.1f},{cy + 5:.1f}" fill="none" '
                                 f'stroke="{COLOUR[p.group]}" stroke-width="1.5"/>')
            at = a if not p.name.day_max else (a + b) / 2 if p.name.day_min else b
            spots.setdefault(p.doc_id, (at, cy))
            spots[p.quote_id] = (at, cy)
        y += LANE * max(1, len(ends))
    for p in drawn:  # the lines to sources first, under the marks
        if p.source_doc in spots:
            (sx, sy), (tx, ty) = spots[p.source_doc], spots[p.quote_id]
            if abs(sy - ty) < 4:  # the same lane: an arc above the marks between
                cx, cy = (sx + tx) / 2, sy - 10 - min(10, abs(sx - tx) / 10)
            else:
                cx, cy = (min(sx, tx) - 24 if abs(sx - tx) < 4 else (sx + tx) / 2), (sy + ty) / 2
            parts.insert(0, f'<path d="M{sx:.1f},{sy:.1f} Q{cx:.1f},{cy:.1f} '
                         f'{tx:.1f},{ty:.1f}" fill="none" stroke="#555" stroke-width="1.5" '
                         f'stroke-dasharray="4 3"/>')
    for p in drawn:
        tx, ty = spots[p.quote_id]
        how = "independent" if p.independent else (
            f"copied from {trail_name(trail, p.source_doc)}" if p.source_doc
            else "not independent")
        parts.append(mark(p.group, tx, ty, p.independent,
                          f"{p.name.label}: {p.relation}, {how}"))
    axis = [f'<line x1="{x0}" x2="{x1}" y1="{y + 4}" y2="{y + 4}" stroke="#888"/>']
    if lo is not None:
        for day, text in _ticks(lo, hi):
            axis.append(f'<line x1="{x(day):.1f}" x2="{x(day):.1f}" y1="{y}" y2="{y + 8}" '
                        f'stroke="#888"/><text x="{x(day):.1f}" y="{y + 22}" class="tq-tick" '
                        f'text-anchor="middle">{esc(text)}</text>')
    else:
        axis.append(f'<text x="{x0}" y="{y + 22}" class="tq-tick">no printing is dated: '
                    "in the order listed below</text>")
    if undated:
        axis.append(f'<text x="{x1 + UNDATED / 2}" y="{y + 22}" class="tq-tick" '
                    f'text-anchor="middle">undated</text>')
    height = y + 28
    summary = (f"{len(trail.printings)} printings in {trail.n_articles} articles on a time "
               "axis, one row per outlet")
    more = len(trail.printings) - len(drawn)
    return (f'<svg class="trail-fig" viewBox="0 0 {WIDTH} {height}" role="img" '
            f'aria-label="{esc(summary)}">'
            "<style>.tq-row{font:600 13.5px system-ui,sans-serif;fill:#333}"
            ".tq-tick{font:12.5px system-ui,sans-serif;fill:#555}</style>"
            + "".join(parts) + "".join(axis) + "</svg>"
            + (f'<p class="note">The figure shows the first {len(drawn)} printings; all '
               f"{len(trail.printings)} are listed below.</p>" if more > 0 else ""))


def _diff(diff: str) -> str:
    parts = []
    for part in (diff or "").split(" | "):
        if part.startswith("-"):
            parts.append(f"<del>{esc(part[1:])}</del>")
        elif part.startswith("+"):
            parts.append(f"<ins>{esc(part[1:])}</ins>")
    return " ".join(parts)


def _printing(p: Printing, trail: Trail, files: dict[str, str], prefix: str) -> str:
    link = f"{prefix}articles/{files[p.doc_id]}#q-{p.quote_id}" if p.doc_id in files else None
    head = esc(p.name.short)
    head = (f'<a href="{esc(link)}" title="{esc(p.doc_id)}">{head}</a>' if link
            else f'<span title="{esc(p.doc_id)}">{head}</span>')
    if p.relation == "canonical":
        form = "the canonical form, quoted above"
    elif p.relation in ("exact",):
        form = "word for word"
    else:
        form = {"near": "verbatim, but for punctuation or spelling",
                "truncated": "trimmed", "spliced": "trimmed and joined", "part": "another part "
                "of the remark", "paraphrase": "in other words",
                "reframing": "reframed"}[p.relation]
    if p.independent:
        how = "independent"
    elif p.source_doc:
        src = trail_name(trail, p.source_doc)
        how = f"copied or rewritten from {esc(src)}"
    else:
        how = "not independent"
    lines = [f'<span class="outlet">{esc(p.name.outlet_label)}</span> {head} '
             f'<span class="when">{esc(p.name.when)}</span>',
             f'<span class="form">{glyph(p.group, p.independent)} {esc(form)}; {how}</span>']
    if p.relation == "reframing" and p.changed:
        lines.append(f'<span class="changed">It {esc(plain_change(p.changed))}.</span>')
    if p.relation not in ("canonical", "exact", "part") and p.diff:
        lines.append(f'<span class="diff">Changed words: {_diff(p.diff)}</span>')
    if p.relation in ("paraphrase", "reframing", "part") and p.words:
        lines.append(f'<q class="words">{esc(shorten(p.words, 40))}</q>')
    return "<li>" + "<br>".join(lines) + "</li>"


def trail_name(trail: Trail, doc_id: str) -> str:
    """An article of the trail by outlet and headline (a source is always one of them)."""
    for p in trail.printings:
        if p.doc_id == doc_id:
            return f"{p.name.outlet_label}, {p.name.short}"
    return "another article"


def trail_facts(trail: Trail) -> str:
    """"Printed by 3 articles from 2 outlets (and 1 with outlet unknown); 2 independent.\""""
    from quotetrail.findings.compute import _plural

    n, outlets, unknown = trail.n_articles, trail.outlets, trail.n_unknown_outlet
    where = f"from {_plural(len(outlets), 'outlet')}" if outlets else "none from a named outlet"
    if unknown and outlets:
        where += f" and {unknown} with outlet unknown"
    indep = len(trail.independent_docs)
    return (f"Printed by {_plural(n, 'article')}{',' if not outlets else ''} {where}; "
            f"{indep} of them independent" + (" (the others copy or rewrite one of them)"
                                              if indep < n else "") + ".")


def trail_card(trail: Trail, files: dict[str, str], prefix: str = "",
               words: int | None = 60) -> str:
    """The trail as an HTML card: who, the words, when, the figure, the printings."""
    who = trail.speaker or "Speaker not named"
    meta = " · ".join(esc(m) for m in (trail.occasion, trail.said) if m)
    text = shorten(trail.words, words) if words else trail.words
    items = "".join(_printing(p, trail, files, prefix) for p in trail.printings)
    return (f'<article class="trail" id="{esc(trail.statement_id)}">'
            f"<h3>{esc(who)}</h3>"
            f'<blockquote>“{esc(text)}”</blockquote>'
            f'<p class="meta">{meta}</p>'
            f'<p class="facts">{esc(trail_facts(trail))}</p>'
            f"<figure>{trail_svg(trail)}</figure>"
            f'<ol class="printings">{items}</ol></article>')


CARD_STYLE = (
    ".trail{border:1px solid #d8dde3;border-radius:10px;padding:1rem 1.1rem;margin:1.2rem 0;"
    "background:#fff;box-shadow:0 1px 2px rgba(0,0,0,.04)}"
    ".trail h3{margin:0 0 .3rem;font-size:1.15rem}"
    ".trail blockquote{margin:.3rem 0;padding-left:.8rem;border-left:3px solid #0b5cad;"
    "font-size:1.05rem;color:#222}"
    ".trail .meta,.trail .facts,.note,.legend{color:#555;font-size:.92rem;margin:.3rem 0}"
    ".trail figure{margin:.6rem 0}.trail svg.trail-fig{width:100%;max-width:500px;"
    "height:auto;display:block}"
    ".printings{padding-left:1.3rem;margin:.4rem 0}.printings li{margin:.5rem 0}"
    ".outlet{font-weight:600}.when{color:#555;white-space:nowrap}.form{color:#333}"
    ".changed{color:#c4141c;font-weight:600}.words{color:#444;font-style:italic}"
    ".glyph{vertical-align:-3px}.legend span{margin-right:.9rem;display:inline-block}"
    "del{color:#a40e26;background:#ffebe9;text-decoration:line-through}"
    "ins{color:#116329;background:#dafbe1;text-decoration:none}")


def trail_cards(trails: list[Trail], files: dict[str, str], total: int | None = None) -> str:
    """Cards with their style and legend, for a notebook's output (chapter 4)."""
    more = (total or len(trails)) - len(trails)
    return (f'<div class="tex2jax_ignore mathjax_ignore"><style>{CARD_STYLE}</style>{legend()}'
            + "".join(trail_card(t, files) for t in trails)
            + (f'<p class="more">{more} more on the <a href="statements.html">statements '
               "page</a>.</p>" if more > 0 else "") + "</div>")
