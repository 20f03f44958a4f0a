"""The study's figures: who carries which quotation, and when things happened."""

from __future__ import annotations

import functools
import textwrap
from datetime import date

import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns
from matplotlib.colors import ListedColormap
from matplotlib.patches import Patch

RELATION_ORDER = ["exact", "near", "truncated", "spliced", "paraphrase", "reframing"]


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
                 top_n: int = 25):
    """Heatmap of quotations (rows) by article (columns), coloured by how each copy relates
    to the statement's canonical form; the most widely carried statements first."""
    if variants.empty:
        return None
    q = quotes.set_index("quote_id")
    spread = variants.groupby("statement_id")["doc_id"].nunique()
    clusters = spread.sort_index().sort_values(ascending=False, kind="stable").index[:top_n]
    docs = sorted(documents["doc_id"])
    codes = pd.DataFrame(float("nan"), index=clusters, columns=docs)
    labels = {}
    for row in variants[variants["statement_id"].isin(clusters)].itertuples():
        code = RELATION_ORDER.index(row.relation) + 1
        current = codes.at[row.statement_id, row.doc_id]
        codes.at[row.statement_id, row.doc_id] = code if pd.isna(current) else min(current, code)
        if row.is_canonical:
            who = q.at[row.quote_id, "speaker"]
            who = who if isinstance(who, str) else "unattributed"
            words = textwrap.shorten(q.at[row.quote_id, "text"], 45)
            said = "reported: " if q.at[row.quote_id, "kind"] == "indirect" else ""
            labels[row.statement_id] = f"{who}: {said}“{words}”"
    codes.index = [labels[c] for c in codes.index]
    palette = sns.color_palette("viridis", len(RELATION_ORDER))
    fig, ax = plt.subplots(figsize=(6 + 0.9 * len(docs), 3 + 0.38 * len(clusters)),
                           layout="constrained")
    sns.heatmap(codes, ax=ax, cmap=ListedColormap(palette), vmin=0.5,
                vmax=len(RELATION_ORDER) + 0.5, cbar=False, linewidths=0.5, linecolor="white")
    ax.set_xlabel("article")
    ax.set_ylabel("")
    ax.set_title("Which article carries which quotation")
    ax.tick_params(axis="x", rotation=45)
    for tick in ax.get_xticklabels():
        tick.set_horizontalalignment("right")
    used = sorted({int(c) for c in codes.stack().dropna()})
    ax.legend(handles=[Patch(color=palette[c - 1], label=RELATION_ORDER[c - 1]) for c in used],
              title="form vs. canonical", bbox_to_anchor=(1.02, 1), loc="upper left")
    plt.close(fig)  # returned for display, not shown twice by the inline backend
    return fig


@plain_text
def timeline(events: pd.DataFrame, documents: pd.DataFrame):
    """Dated events per article: statements, other events and publication dates on one axis;
    ranges (a month, a year, a publication window) drawn as bars, a window open on the
    right as a dashed arrow."""
    resolved = events[events["date_min"].map(lambda v: isinstance(v, date))]
    if resolved.empty:
        return None
    docs = sorted(documents["doc_id"])
    y = {d: k for k, d in enumerate(docs)}
    colors = dict(zip(["publication", "statement", "event"],
                      sns.color_palette("colorblind", 3), strict=True))
    fig, ax = plt.subplots(figsize=(10, 1.5 + 0.5 * len(docs)), layout="constrained")
    latest = max(pd.Timestamp(d) for d in resolved["date_max"].dropna().tolist()
                 + resolved["date_min"].tolist())
    for ev in resolved.itertuples():
        lo, hi = pd.Timestamp(ev.date_min), pd.Timestamp(ev.date_max)
        if pd.isna(hi):  # a window open on the right: "published after …"
            ax.hlines(y[ev.doc_id], lo, latest, color=colors[ev.kind], linewidth=2,
                      linestyles="dashed", alpha=0.8)
            ax.plot(latest, y[ev.doc_id], marker=">", color=colors[ev.kind])
        elif hi > lo:
            ax.hlines(y[ev.doc_id], lo, hi + pd.Timedelta(days=1), color=colors[ev.kind],
                      linewidth=6, alpha=0.6)
        else:
            ax.plot(lo, y[ev.doc_id], linestyle="none", color=colors[ev.kind],
                    marker="D" if ev.kind == "publication" else "o")
    ax.set_yticks(range(len(docs)), docs)
    ax.set_ylim(-0.7, len(docs) - 0.3)
    ax.set_xlabel("date")
    ax.set_title("What the articles date, and when they were published")
    ax.legend(handles=[Patch(color=c, label=k) for k, c in colors.items()],
              bbox_to_anchor=(1.02, 1), loc="upper left")
    plt.close(fig)
    return fig
