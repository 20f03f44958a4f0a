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
    """Map each person name to its canonical form: the unique longest name it ends.

    Names are indexed by their shorter endings, so each name looks up the names it ends
    instead of comparing itself with every other (a corpus has thousands of names)."""
    bare = {n: bare_name(n) for n in names}
    forms = sorted(set(bare.values()))
    tokens = {f: tuple(f.lower().split()) for f in forms}
    ending: dict[tuple[str, ...], list[str]] = defaultdict(list)  # ending -> longer names
    for g in forms:
        for k in range(1, len(tokens[g])):
            ending[tokens[g][-k:]].append(g)
    canon: dict[str, str] = {}
    for form in forms:
        # the longest names it ends: those no other name ends in turn
        top = [g for g in ending.get(tokens[form], ()) if tokens[g] not in ending]
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


PERSON = "PERSON"


def surnames_of(known_persons: list[str]) -> set[str]:
    """The last words of the corpus's people named in full: a lone surname the model did
    not tag as a person is one of them."""
    return {bare_name(p).split()[-1] for p in known_persons if len(bare_name(p).split()) > 1}


def fixed_labels(raw: list[str | None], labels: list[str | None], surnames: set[str]
                 ) -> list[str | None]:
    return [PERSON if n and lab != PERSON and bare_name(n) in surnames else lab
            for n, lab in zip(raw, labels, strict=True)]


def _plain(name: str) -> str:
    return re.sub(r"^(the|a|an)\s+", "", name, flags=re.I)


def name_keys(raw: list[str | None], labels: list[str | None]
              ) -> tuple[set[str], dict[str, set[str]]]:
    """What the corpus-wide settling needs from some quotations (labels fixed): the
    person names, and the forms of speakers that are no named entity by their case-folded
    key ("Analysts said …" and "analysts" are one speaker)."""
    persons = {n for n, lab in zip(raw, labels, strict=True) if n and lab == PERSON}
    forms: dict[str, set[str]] = defaultdict(set)
    for n, lab in zip(raw, labels, strict=True):
        if n and lab is None and _plain(n):
            forms[_plain(n).casefold()].add(_plain(n))
    return persons, dict(forms)


def add_name_keys(found: list[tuple[set[str], dict[str, set[str]]]]
                  ) -> tuple[set[str], dict[str, set[str]]]:
    """The ``name_keys`` of several parts of the corpus, as one."""
    persons: set[str] = set()
    forms: dict[str, set[str]] = {}
    for names, part in found:
        persons |= names
        for key, group in part.items():
            forms.setdefault(key, set()).update(group)
    return persons, forms


def case_forms(forms: dict[str, set[str]]) -> dict[str, str]:
    """The form each case-folded speaker takes: the one with the fewest capitals (a
    sentence's capital does not make another speaker)."""
    return {key: min(group, key=lambda f: (sum(c.isupper() for c in f), f))
            for key, group in forms.items()}


def settled(raw: list[str | None], labels: list[str | None], canon: dict[str, str],
            case: dict[str, str]) -> list[str | None]:
    """Each quotation's speaker: a person's canonical name, else the words naming the
    speaker without an article, in their case across the corpus."""
    out: list[str | None] = []
    for n, lab in zip(raw, labels, strict=True):
        if not n:
            out.append(None)
        elif lab == PERSON:
            out.append(canon.get(n))
        else:
            s = _plain(n)
            out.append(case[s.casefold()] if s and lab is None else s)
    return out


def tally(speaker: list[str | None], raw: list[str | None], mentions: list[str | None],
          labels: list[str | None], titles: list[str | None]) -> dict[str, list]:
    """Per speaker, in order of first quotation: [quotations, aliases, titles counted,
    kind]; tallies of consecutive parts of the corpus add up with ``add_tallies``."""
    out: dict[str, list] = {}
    for s, n, mention, lab, title in zip(speaker, raw, mentions, labels, titles, strict=True):
        if not s:
            continue
        pronoun = not mention or mention.lower() in PRONOUNS
        t = out.setdefault(s, [0, set(), Counter(), speaker_kind(lab, n if pronoun else mention)])
        t[0] += 1
        t[1].add(n)
        if not pronoun:
            t[1].add(mention)
        if title:
            t[2][title] += 1
    return out


def add_tallies(parts: list[dict[str, list]]) -> dict[str, list]:
    """The tally of consecutive parts, in order: a speaker's kind is its first quotation's."""
    out: dict[str, list] = {}
    for part in parts:
        for s, (count, aliases, roles, kind) in part.items():
            t = out.setdefault(s, [0, set(), Counter(), kind])
            t[0] += count
            t[1] |= aliases
            t[2].update(roles)
    return out


def speakers_table(tallied: dict[str, list]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "speaker": s,
                "aliases": sorted(aliases),
                "role": (max(roles.items(), key=lambda kv: (kv[1], len(kv[0]), kv[0]))[0]
                         if roles else None),
                "kind": kind,
                "n_quotes": count,
            }
            for s, (count, aliases, roles, kind) in sorted(tallied.items())
        ],
        columns=["speaker", "aliases", "role", "kind", "n_quotes"],
    )


def assign_speakers(
    raw: list[str | None], mentions: list[str | None], labels: list[str | None],
    titles: list[str | None], known_persons: list[str],
) -> tuple[list[str | None], pd.DataFrame]:
    """Canonical speaker per quotation, and the ``speakers`` table.

    For each quotation: ``raw`` is the name found, ``mentions`` the words naming the
    speaker where found, ``labels`` the entity label of the name (None if unknown),
    ``titles`` the title the article gives that person. ``known_persons`` are all the
    people the corpus names, so that "Doe" can take the full name used elsewhere.
    The engine runs the same steps as a reduce over partitions (``engine.stages``).
    """
    labels = fixed_labels(raw, labels, surnames_of(known_persons))
    persons, forms = name_keys(raw, labels)
    canon = canonical_names(sorted(persons | set(known_persons)))
    speaker = settled(raw, labels, canon, case_forms(forms))
    return speaker, speakers_table(tally(speaker, raw, mentions, labels, titles))
