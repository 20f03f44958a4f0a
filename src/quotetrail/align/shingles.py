"""Normalised words, shingles and an inverted index for finding candidate pairs.

Cross-document comparison never looks at all pairs: items that share a shingle
(a run of words) become candidates, and only those are scored. The index is a
plain dict here; the same keys feed MinHash-LSH when a corpus outgrows memory.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Hashable, Iterable
from functools import lru_cache
from itertools import combinations

FOLD = str.maketrans({"’": "'", "‘": "'", "`": "'", "“": '"', "”": '"', "–": "-", "—": "-"})
_TOKEN = re.compile(r"[^\W_]+(?:'[^\W_]+)*")


def words(text: str) -> list[str]:
    """Lower-cased words with typography folded: the form two copies of a quote share."""
    text = unicodedata.normalize("NFKC", text).translate(FOLD).casefold()
    return _TOKEN.findall(text)


@lru_cache(maxsize=1 << 16)
def normalize(text: str) -> str:
    """The words joined by spaces (kept for the texts grouping compares over and over)."""
    return " ".join(words(text))


def shingles(tokens: list[str], k: int) -> set[tuple[str, ...]]:
    """Runs of ``k`` words; a text shorter than ``k`` is one shingle of itself."""
    if len(tokens) < k:
        return {tuple(tokens)} if tokens else set()
    return {tuple(tokens[i : i + k]) for i in range(len(tokens) - k + 1)}


def candidate_pairs(
    items: Iterable[tuple[Hashable, set]], max_bucket: int = 500
) -> list[tuple[Hashable, Hashable]]:
    """Pairs of items sharing at least one key, in a stable order.

    Keys held by more than ``max_bucket`` items (stock phrases) are not used, so
    the number of candidates stays near-linear in the corpus size.
    """
    index: dict[Hashable, list[Hashable]] = defaultdict(list)
    for item, keys in items:
        for key in keys:
            index[key].append(item)
    pairs: set[tuple[Hashable, Hashable]] = set()
    for members in index.values():
        if 1 < len(members) <= max_bucket:
            pairs.update(combinations(sorted(set(members)), 2))
    return sorted(pairs)
