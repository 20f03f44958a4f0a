"""Attributions no rule was written for, read by a trained model.

The rules (``attribution.py``, ``reported.py`` and its constructions) read the cues of
saying that a word list can name. What people are reported to have sought, backed,
seemed to hold or referred to is a long tail of words no list covers. Here every word
with a complement is a candidate cue and each complement a candidate content ("the
mayor *sought* [a second term]", "she *seemed* [to favour the plan]"). A logistic
regression trained on PolNeAR's train split (``make train``, ``quotes/train.py``)
scores each pair from its words and its structure. The best-scoring complement of each
cue is kept when it scores above the threshold chosen on train. Contents the rules
already read are left to them.
"""

from __future__ import annotations

import json
import math
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

from spacy.tokens import Doc, Token

from quotetrail.quotes import lexicon
from quotetrail.text.marks import Spans

MODEL_FILE = Path(__file__).with_name("content_model.json")
T = TypeVar("T")

# The dependencies whose subtree can be what was said, sought or held: an object
# ("sought [a second term]"), a clause ("admitted [it had erred]"), an infinitive
# ("seemed [to favour it]"), an adverbial clause, a predicate.
COMPLEMENTS = frozenset("dobj ccomp xcomp advcl attr oprd acomp pcomp".split())
# Words that open a content and say what kind it is.
OPENERS = frozenset("that to whether if how what why who the a his her their".split())
# The lexicon's word classes, as features: a rare word is judged by its class.
CLASSES = {name: getattr(lexicon, name) for name in sorted(dir(lexicon))
           if name.isupper() and isinstance(getattr(lexicon, name), frozenset)}
SUBJECTS = frozenset("nsubj nsubjpass csubj".split())
OVERLAP = 0.3  # a candidate sharing this share of its words with a rule's content is that one


@dataclass(frozen=True)
class Candidate:
    """A cue and one of its complements, with the subject who would be the source."""

    cue: Token
    relation: str  # the complement's dependency, "prep:for" for a preposition's object
    head: Token  # the complement's head word
    tokens: tuple[Token, ...]  # its words
    subject: Token | None

    @property
    def start(self) -> int:
        return self.tokens[0].idx

    @property
    def end(self) -> int:
        return self.tokens[-1].idx + len(self.tokens[-1])


def subject_of(tok: Token) -> Token | None:
    """Who does what ``tok`` says: its subject, the subject of the verb it completes
    ("Doe wants [to *run*]"), or the noun a relative clause is on."""
    for child in tok.children:
        if child.dep_ in SUBJECTS:
            return child
    if tok.dep_ in ("xcomp", "conj", "advcl") and tok.head is not tok and \
            tok.head.pos_ in ("VERB", "AUX"):
        return subject_of(tok.head)
    if tok.dep_ in ("relcl", "acl") and tok.head is not tok:
        return tok.head
    return None


def _words(tokens) -> tuple[Token, ...]:
    """The span's words without punctuation at either edge."""
    tokens = sorted(tokens, key=lambda t: t.i)
    while tokens and tokens[0].is_punct:
        tokens.pop(0)
    while tokens and tokens[-1].is_punct:
        tokens.pop()
    return tuple(tokens)


def _complements(tok: Token) -> Iterator[tuple[str, Token]]:
    """(relation, head) of each complement of ``tok``."""
    for child in tok.children:
        if child.dep_ in COMPLEMENTS or (child.dep_ == "acl" and tok.pos_ in ("NOUN", "PROPN")):
            yield child.dep_, child
        elif child.dep_ == "prep":
            for obj in child.children:
                if obj.dep_ in ("pobj", "pcomp"):
                    yield "prep:" + child.lower_, obj


def candidates(doc: Doc) -> Iterator[Candidate]:
    """Every verb, noun or adjective with each of its complements."""
    for tok in doc:
        if tok.pos_ not in ("VERB", "NOUN", "ADJ", "AUX", "PROPN"):
            continue
        found = [(rel, head, _words(head.subtree)) for rel, head in _complements(tok)]
        found = [(rel, head, words) for rel, head, words in found if words]
        if found:
            subject = subject_of(tok)
            for relation, head, words in found:
                yield Candidate(tok, relation, head, words, subject)


@dataclass(frozen=True)
class Layout:
    """Where an article's first sentence and first line end (token index, offset)."""

    first_sentence_end: int
    first_line_end: int


def layout(doc: Doc) -> Layout:
    first = next(iter(doc.sents), None)
    line = doc.text.find("\n")
    return Layout(first.end if first is not None else 0, len(doc.text) if line < 0 else line)


def features(c: Candidate, quoted: Spans, where: Layout) -> list[str]:
    """The candidate's features, as names (weights are looked up by name)."""
    tok, rel, head = c.cue, c.relation, c.head
    lemma = tok.lemma_.lower()
    first = c.tokens[0]
    out = [f"lem={lemma}", f"pos={tok.pos_}", f"tag={tok.tag_}", f"dep={tok.dep_}",
           f"rel={rel}", f"lemrel={lemma}|{rel}", f"hpos={head.pos_}",
           f"hent={head.ent_type_ or '-'}",
           f"first={first.lower_ if first.lower_ in OPENERS else first.pos_}",
           f"posrel={tok.pos_}|{rel}",
           f"headdep={tok.head.dep_ if tok.head is not tok else 'ROOT'}",
           f"headlem={tok.head.lemma_.lower() if tok.dep_ in ('xcomp', 'dobj', 'ccomp') else '-'}",
           f"len={min(len(c.tokens), 20) // 4}"]
    s = c.subject
    if s is None:
        out.append("subj=none")
    else:
        out += [f"subj={s.dep_}", f"sent={s.ent_type_ or s.pos_}",
                f"spron={s.lower_ if s.pos_ == 'PRON' else '-'}"]
        if s.pos_ == "NOUN":
            out.append(f"slem={s.lemma_.lower()}")
    if any(ch.dep_ == "neg" for ch in tok.children):
        out.append("neg")
    if any(ch.dep_ == "aux" and ch.tag_ == "MD" for ch in tok.children):
        out.append("modal")
    if quoted.covers(tok.idx):
        out.append("inquote")
    if any(quoted.covers(t.idx) for t in c.tokens):
        out.append("cont_quote")
    if tok.i < where.first_sentence_end:
        out.append("firstsent")
    if tok.idx < where.first_line_end:
        out.append("headline")
    classes = [name for name, words in CLASSES.items() if lemma in words] or ["none"]
    out += [f"cls={name}" for name in classes] + [f"cls_rel={name}|{rel}" for name in classes]
    return out


@dataclass(frozen=True)
class ContentModel:
    """A logistic regression over named features; ``threshold`` keeps a candidate."""

    weights: dict[str, float]
    bias: float
    threshold: float

    def probability(self, names: list[str]) -> float:
        z = self.bias + sum(self.weights.get(n, 0.0) for n in names)
        return 1.0 / (1.0 + math.exp(-z))

    def to_json(self, how: dict) -> str:
        return json.dumps({"bias": round(self.bias, 4), "threshold": self.threshold,
                           "how": how, "weights": dict(sorted(self.weights.items()))},
                          indent=0, ensure_ascii=False) + "\n"


@lru_cache(maxsize=2)
def load_model(path: Path = MODEL_FILE) -> ContentModel:
    if not path.is_file():
        raise FileNotFoundError(f"{path} is missing; rebuild it with `make train`")
    spec = json.loads(path.read_text(encoding="utf-8"))
    return ContentModel(spec["weights"], float(spec["bias"]), float(spec["threshold"]))


def word_ids(doc: Doc, start: int, end: int, starts: list[int]) -> set[int]:
    """The indices of the words (not punctuation) between two character offsets;
    ``starts``, each token's offset (the doc's, computed once by the caller)."""
    lo, hi = bisect_left(starts, start), bisect_left(starts, end)
    return {i for i in range(lo, hi) if not doc[i].is_punct}


def open_candidates(doc: Doc, cues: set[int], spans: list[tuple[int, int]]) -> list[Candidate]:
    """The candidates the rules have not read: their cue is none of the rules' cues
    (character offsets) and stands outside every span the rules found (a report inside
    what was said or quoted is part of it, as the rules read it), and they share less
    than ``OVERLAP`` of their words with any of those spans. Only candidates with a
    subject: the model adds who said what, and a guess that something was said by no
    one named is noise to a reader asking who said it (the rules keep such reports,
    "the vote is expected to fail", where their form is sure)."""
    starts = [t.idx for t in doc]
    taken = [w for w in (word_ids(doc, s, e, starts) for s, e in spans) if w]
    inside = Spans(spans)
    out = []
    for c in candidates(doc):
        if c.subject is None or c.cue.idx in cues or inside.covers(c.cue.idx):
            continue
        mine = {t.i for t in c.tokens if not t.is_punct}
        if not mine or any(len(mine & w) / len(mine | w) >= OVERLAP for w in taken):
            continue
        out.append(c)
    return out


def kept(best: dict[int, tuple[float, set[int]]]) -> list[int]:
    """Which of the cues' best contents (cue index -> probability and the content's word
    indices) to keep. A cue inside another of these contents is part of what was said
    there, as the rules read it ("the union kept [pressing to delay the vote]", not also
    "pressing [to delay the vote]"; a content never holds its own cue, so two cannot
    hold each other's); of contents sharing ``OVERLAP`` of their words, the more
    probable one (the earlier cue on a tie) is kept: one report is read once."""
    inner = {cue for cue in best for other, (_, words) in best.items()
             if other != cue and cue in words}
    out: list[tuple[int, set[int]]] = []
    for cue in sorted(set(best) - inner, key=lambda c: (-best[c][0], c)):
        words = best[cue][1]
        if all(len(words & w) / len(words | w) < OVERLAP for _, w in out):
            out.append((cue, words))
    return sorted(cue for cue, _ in out)


def picked(scored: Iterable[tuple[int, float, set[int], T]], threshold: float) -> list[T]:
    """Of (cue index, probability, content's word indices, item) for each candidate, the
    items read: each cue's most probable content at ``threshold`` or above (the first on
    a tie), as far as ``kept`` keeps it; by cue. Training scores thresholds with it, so
    it picks as use does."""
    best: dict[int, tuple[float, set[int], T]] = {}
    for cue, p, words, item in scored:
        if p >= threshold and (cue not in best or p > best[cue][0]):
            best[cue] = (p, words, item)
    return [best[cue][2] for cue in kept({cue: (p, w) for cue, (p, w, _) in best.items()})]


def learned_reports(doc: Doc, quoted: Spans, cues: set[int], spans: list[tuple[int, int]],
                    model: ContentModel | None = None) -> list[tuple[Candidate, float]]:
    """Each open cue's best complement with its probability, as ``picked`` picks them;
    in text order."""
    model = model or load_model()
    where = layout(doc)
    scored = []
    for c in open_candidates(doc, cues, spans):
        p = model.probability(features(c, quoted, where))
        scored.append((c.cue.i, p, {t.i for t in c.tokens if not t.is_punct}, (c, p)))
    return sorted(picked(scored, model.threshold), key=lambda x: (x[0].start, x[0].cue.i))
