"""One canonical name per speaker across the corpus.

"Prime Minister Jane Doe", "Jane Doe" and "Doe" are one person: titles are
stripped, and a name that is the tail of exactly one longer name in the corpus
("Doe" of "Jane Doe") takes that longer name. Two different longer names ending
the same way ("John Roe", "Mary Roe") leave the short one as it is, since the
text does not say which one is meant.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

import pandas as pd

# Titles and honorifics that precede names in English news; not names themselves.
TITLES = frozenset(
    """mr mrs ms miss dr prof sir dame lord lady president vice prime minister secretary
    chancellor senator sen rep representative gov governor mayor general gen colonel col
    admiral adm captain capt sergeant sgt judge justice ayatollah grand imam sheikh shaikh
    king queen prince princess pope cardinal bishop rabbi rev reverend father emir sultan
    supreme leader chief spokesman spokeswoman spokesperson ambassador envoy adviser advisor
    senior former foreign deputy acting interim minister's the""".split()
)
# Bodies, and the documents, words and acts that speak for them ("the poll shows", "the move
# signals"): speakers of the organisation kind, not people.
ORGANISATION_NOUNS = frozenset(
    """report statement study survey newspaper paper agency ministry government office
    committee council court department administration commission board company website
    outlet channel television network magazine journal parliament congress senate
    leadership campaign party union coalition association foundation institute group
    team firm bank poll polls analysis data document documents memo letter ad spot video
    footage article piece book release filing complaint ruling decision move bylaws rules
    law bill resolution remark remarks comment comments words speech speeches tweet tweets
    post posts message interview editorial broadcast community""".split()
)
# words standing for a speaker named elsewhere: neither an alias nor a clue to its kind
PRONOUNS = frozenset("he she they it we i who that which".split())
_POSSESSIVE = re.compile(r"['’]s$")


def bare_name(name: str) -> str:
    """A name without leading titles or a trailing possessive ("Senator Doe's" -> "Doe")."""
    tokens = [_POSSESSIVE.sub("", t) for t in name.replace("\n", " ").split()]
    while len(tokens) > 1 and tokens[0].lower().strip(".") in TITLES:
        tokens = tokens[1:]
    return " ".join(tokens)


def canonical_names(names: list[str]) -> dict[str, str]:
    """Map each person name to its canonical form: the unique longest name it ends."""
    bare = {n: bare_name(n) for n in names}
    forms = sorted(set(bare.values()))
    tokens = {f: f.lower().split() for f in forms}
    canon: dict[str, str] = {}
    for form in forms:
        longer = [g for g in forms if len(tokens[g]) > len(tokens[form])
                  and tokens[g][-len(tokens[form]):] == tokens[form]]
        top = [g for g in longer if not any(
            len(tokens[h]) > len(tokens[g]) and tokens[h][-len(tokens[g]):] == tokens[g]
            for h in longer)]
        canon[form] = top[0] if len(top) == 1 else form
    return {n: canon[bare[n]] for n in names}


def speaker_kind(label: str | None, mention: str) -> str:
    """'person' or 'organisation', from the entity label or the mention's head noun."""
    if label == "PERSON":
        return "person"
    if label in ("ORG", "GPE", "NORP", "FAC"):
        return "organisation"
    words = mention.lower().split()
    return "organisation" if words and words[-1] in ORGANISATION_NOUNS else "person"


def _one_case(speaker: list[str | None], labels: list[str | None]) -> list[str | None]:
    """Speakers that are not named entities ("analysts", "the report") written in
    several cases are one speaker: a sentence's capital ("Analysts said …") does not
    make another. Each takes its form with the fewest capitals."""
    forms: dict[str, set[str]] = defaultdict(set)
    for s, lab in zip(speaker, labels, strict=True):
        if s and lab is None:
            forms[s.casefold()].add(s)
    best = {key: min(group, key=lambda f: (sum(c.isupper() for c in f), f))
            for key, group in forms.items()}
    return [best[s.casefold()] if s and lab is None else s
            for s, lab in zip(speaker, labels, strict=True)]


def assign_speakers(
    raw: list[str | None], mentions: list[str | None], labels: list[str | None],
    titles: list[str | None], known_persons: list[str],
) -> tuple[list[str | None], pd.DataFrame]:
    """Canonical speaker per quotation, and the ``speakers`` table.

    For each quotation: ``raw`` is the name found, ``mentions`` the words naming the
    speaker where found, ``labels`` the entity label of the name (None if unknown),
    ``titles`` the title the article gives that person. ``known_persons`` are all the
    people the corpus names, so that "Doe" can take the full name used elsewhere.
    """
    # A lone surname the model did not tag as a person, of someone named in full elsewhere.
    surnames = {bare_name(p).split()[-1] for p in known_persons if len(bare_name(p).split()) > 1}
    labels = ["PERSON" if n and lab != "PERSON" and bare_name(n) in surnames else lab
              for n, lab in zip(raw, labels, strict=True)]
    persons = [n for n, lab in zip(raw, labels, strict=True) if n and lab == "PERSON"]
    canon = canonical_names(sorted(set(persons) | set(known_persons)))
    speaker = [
        (canon.get(n) if lab == "PERSON" else re.sub(r"^(the|a|an)\s+", "", n, flags=re.I))
        if n else None
        for n, lab in zip(raw, labels, strict=True)
    ]
    speaker = _one_case(speaker, labels)
    aliases: dict[str, set[str]] = defaultdict(set)
    roles: dict[str, Counter] = defaultdict(Counter)
    kinds: dict[str, str] = {}
    counts: Counter = Counter()
    for s, n, mention, lab, title in zip(speaker, raw, mentions, labels, titles, strict=True):
        if not s:
            continue
        counts[s] += 1
        aliases[s].add(n)
        pronoun = not mention or mention.lower() in PRONOUNS
        kinds.setdefault(s, speaker_kind(lab, n if pronoun else mention))
        if not pronoun:
            aliases[s].add(mention)
        if title:
            roles[s][title] += 1
    table = pd.DataFrame(
        [
            {
                "speaker": s,
                "aliases": sorted(aliases[s]),
                "role": (max(roles[s].items(), key=lambda kv: (kv[1], len(kv[0]), kv[0]))[0]
                         if roles[s] else None),
                "kind": kinds[s],
                "n_quotes": counts[s],
            }
            for s in sorted(counts)
        ],
        columns=["speaker", "aliases", "role", "kind", "n_quotes"],
    )
    return speaker, table
