"""The study's figures: who carries which statement, and when each was said and printed."""

from __future__ import annotations

import functools
import textwrap
from datetime import date

import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns
from matplotlib.colors import ListedColormap
from matplotlib.patches import Patch

from quotetrail.findings.names import article_names

RELATION_ORDER = ["exact", "near", "truncated", "spliced", "part", "paraphrase", "reframing"]


def plain_text(draw):
    """Draw with every label taken literally: a file name or a quotation with ``$`` signs
    is text, not mathematics for matplotlib to typeset (or fail to)."""

    @functools.wraps(draw)
    def wrapper(*args, **kwargs):
        with plt.rc_context({"text.parse_math": False, "text.usetex": False}):
            return draw(*args, **kwargs)

    return wrapper


@plain_text
def quote_matrix(quotes: pd.DataFrame, variants: pd.DataFrame, documents: pd.DataFrame,
                 top_n: int = 25, max_articles: int = 20):
    """Heatmap of statements printed by two or more articles (rows) by article (columns),
    coloured by how each printing relates to the statement's canonical form; the ``top_n``
    most widely carried statements and the ``max_articles`` articles printing most of them,
    the title saying how many of each are left out, so the figure's size is bounded
    whatever the corpus. Articles are named by outlet and headline, not by id."""
    if variants.empty:
        return None
    q = quotes.set_index("quote_id")
    spread = variants.groupby("statement_id")["doc_id"].nunique()
    spread = spread[spread > 1]  # a row with one filled cell says nothing of who quoted whom
    if spread.empty:
        return None
    clusters = spread.sort_index().sort_values(ascending=False, kind="stable").index[:top_n]
    carried = variants[variants["statement_id"].isin(clusters)]
    per_doc = carried.groupby("doc_id")["statement_id"].nunique()
    docs = sorted(per_doc.sort_index().sort_values(ascending=False, kind="stable")
                  .index[:max_articles])
    carried = carried[carried["doc_id"].isin(docs)]
    codes = pd.DataFrame(float("nan"), index=clusters, columns=docs)
    for row in carried.itertuples():
        code = RELATION_ORDER.index(row.relation) + 1
        current = codes.at[row.statement_id, row.doc_id]
        codes.at[row.statement_id, row.doc_id] = code if pd.isna(current) else min(current, code)
    labels = {}
    for row in variants[variants["is_canonical"]
                        & variants["statement_id"].isin(clusters)].itertuples():
        who = q.at[row.quote_id, "speaker"]
        who = who if isinstance(who, str) else "unattributed"
        words = textwrap.shorten(q.at[row.quote_id, "text"], 45)
        said = "reported: " if q.at[row.quote_id, "kind"] == "indirect" else ""
        labels[row.statement_id] = f"{who}: {said}“{words}”"
    codes.index = [labels[c] for c in codes.index]
    used = sorted({int(c) for c in codes.stack().dropna()})
    names = article_names(documents)
    columns: list[str] = []
    for d in codes.columns:
        label = (f"{names[d].outlet_label}: {textwrap.shorten(names[d].headline, 30)}"
                 + (f" {names[d].tag}" if names[d].tag else "")) if d in names else d
        columns.append(label + (f" ({columns.count(label) + 1})" if label in columns else ""))
    codes.columns = columns
    palette = sns.color_palette("viridis", len(RELATION_ORDER))
    fig, ax = plt.subplots(figsize=(6 + 0.9 * len(docs), 3 + 0.38 * len(clusters)),
                           layout="constrained")
    sns.heatmap(codes, ax=ax, cmap=ListedColormap(palette), vmin=0.5,
                vmax=len(RELATION_ORDER) + 0.5, cbar=False, linewidths=0.5, linecolor="white")
    ax.set_xlabel("article")
    ax.set_ylabel("")
    left = [f"{n} more statements" for n in [len(spread) - len(clusters)] if n > 0]
    left += [f"{n} more articles" for n in [len(per_doc) - len(docs)] if n > 0]
    ax.set_title("Which article prints which statement"
                 + (f" (not shown: {', '.join(left)})" if left else ""))
    ax.tick_params(axis="x", rotation=45)
    for tick in ax.get_xticklabels():
        tick.set_horizontalalignment("right")
    ax.legend(handles=[Patch(color=palette[c - 1], label=RELATION_ORDER[c - 1]) for c in used],
              title="form vs. canonical", bbox_to_anchor=(1.02, 1), loc="upper left")
    plt.close(fig)  # returned for display, not shown twice by the inline backend
    return fig


RELATION_COLOURS = dict(zip(RELATION_ORDER, sns.color_palette("colorblind", len(RELATION_ORDER)),
                            strict=True))


def _span(ax, y, lo, hi, colour, size, marker="o"):
    """A point for a day, a bar for a window, a dashed arrow for a window open on the right."""
    lo = pd.Timestamp(lo) if isinstance(lo, date) else None
    hi = pd.Timestamp(hi) if isinstance(hi, date) else None
    if lo is None and hi is None:
        return
    if lo is not None and hi is not None and hi > lo:
        ax.hlines(y, lo, hi + pd.Timedelta(days=1), color=colour, linewidth=size, alpha=0.7)
    elif lo is not None and hi is None:
        ax.plot(lo, y, marker=">", color=colour, linestyle="none")
    elif hi is not None and lo is None:
        ax.plot(hi, y, marker="<", color=colour, linestyle="none")
    else:
        ax.plot(lo, y, marker=marker, color=colour, linestyle="none", markersize=size + 1)


@plain_text
def statement_timeline(statements: pd.DataFrame, variants: pd.DataFrame,
                       windows: pd.DataFrame, top_n: int = 50):
    """One row per statement: when it was said (black, a point or a bar) and when each
    printing appeared (its article's publication date or window), coloured by how the
    printing relates to the canonical form. The ``top_n`` most printed statements with
    any date; the title says how many are left out."""
    dated = statements[statements["said_min"].notna() | statements["said_max"].notna()
                       | statements["statement_id"].isin(
                           variants.loc[variants["doc_id"].isin(
                               windows.loc[windows["published_min"].notna()
                                           | windows["published_max"].notna(), "doc_id"]),
                               "statement_id"])]
    if dated.empty:
        return None
    shown = dated.sort_values(["n_docs", "n_printings", "statement_id"],
                              ascending=[False, False, True]).head(top_n)
    win = windows.set_index("doc_id")
    fig, ax = plt.subplots(figsize=(10, 1.8 + 0.42 * len(shown)), layout="constrained")
    labels = []
    for y, st in enumerate(shown.itertuples()):
        _span(ax, y, st.said_min, st.said_max, "black", 7, marker="s")
        members = variants[variants["statement_id"] == st.statement_id]
        for k, row in enumerate(members.itertuples()):
            offset = 0.12 * (k % 3 + 1)
            if row.doc_id in win.index:
                _span(ax, y - offset, win.at[row.doc_id, "published_min"],
                      win.at[row.doc_id, "published_max"], RELATION_COLOURS[row.relation], 3)
        who = st.speaker if isinstance(st.speaker, str) else "unattributed"
        labels.append(f"{who}: “{textwrap.shorten(st.canonical_text, 38)}”")
    ax.set_yticks(range(len(shown)), labels)
    ax.invert_yaxis()
    ax.set_xlabel("date")
    left_out = len(dated) - len(shown)
    ax.set_title("When each statement was said (black) and printed (coloured)"
                 + (f"; {left_out} more statements in the table below" if left_out else ""))
    used = sorted(set(variants.loc[variants["statement_id"].isin(shown["statement_id"]),
                                   "relation"]), key=RELATION_ORDER.index)
    ax.legend(handles=[Patch(color="black", label="said")]
              + [Patch(color=RELATION_COLOURS[r], label=r) for r in used],
              title="printing", bbox_to_anchor=(1.02, 1), loc="upper left")
    plt.close(fig)
    return fig
