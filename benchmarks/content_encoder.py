"""Would a sentence encoder read reported speech better than the content model's
features? A trial on PolNeAR train, checked on dev; not part of ``make bench``.

    python -m benchmarks.content_encoder --eval ../shared/eval [--fine-tune]

Each candidate the content model scores (a cue and one of its complements, see
``quotes.learned``) is written out as its sentence with the content in [ ] and the cue
in << >>. Two uses of all-MiniLM-L6-v2 are set beside the shipped features, in the
trainer's own reckoning (``train.f1_at``: reported-speech F1 of the rules' reports
plus the candidates kept):

- frozen: the marked sentence's embedding added to the features, out of fold on
  train (the trainer's five folds), then fitted on all of train and applied to dev at
  the threshold train chose;
- fine-tuned (``--fine-tune``; needs the ``finetune`` extra, torch and transformers):
  the encoder trained as a classifier of the marked sentences on train's folds 1–4
  (one epoch, seeded), its probability averaged in log-odds with the features' model
  fitted on the same folds. Fold 0 picks each threshold; dev checks it. One fold, not
  five, because an epoch takes about 22 minutes on two cores.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix, hstack
from tqdm.auto import tqdm

from quotetrail.align.encoder import Encoder, model_dir
from quotetrail.quotes import load_model, parse_all
from quotetrail.quotes.learned import Candidate
from quotetrail.quotes.train import (
    best_threshold,
    examples,
    f1_at,
    feature_matrix,
    folds,
    read_by_rules,
    read_polnear,
    solve,
)

SCALE = 1.0  # the embedding's weight beside the 0/1 features (1 and 3 were tried: 1 best)
MAX_TOKENS = 96  # a marked sentence, cut for fine-tuning
SEED = 0


def marked(text: str, c: Candidate) -> str:
    """The cue's sentence with the content in [ ] and the cue in << >>, on one line
    (the content is cut at the sentence's edges)."""
    sent = c.cue.sent
    lo, hi = sent.start_char, sent.end_char
    last = c.tokens[-1]
    marks = sorted([(c.start, " [ "), (last.idx + len(last), " ] "),
                    (c.cue.idx, " << "), (c.cue.idx + len(c.cue), " >> ")], key=lambda m: m[0])
    out, prev = [], lo
    for pos, mark in marks:
        pos = min(max(pos, lo), hi)
        out += [text[prev:pos], mark]
        prev = pos
    out.append(text[prev:hi])
    return " ".join("".join(out).split())


def read(nlp, folder: Path, limit: int | None = None) -> tuple[list, list[list[str]]]:
    """Each article's ``train.examples`` and its candidates' marked sentences."""
    texts, gold = read_polnear(folder)
    ids = list(texts)[:limit]
    articles, strings = [], []
    for doc_id, doc in tqdm(zip(ids, parse_all(nlp, [texts[i] for i in ids]), strict=True),
                            total=len(ids), desc=f"parse {folder.name}"):
        text = texts[doc_id]
        opened = read_by_rules(doc_id, text, doc)
        articles.append(examples(doc_id, text, doc, gold[doc_id], opened))
        strings.append([marked(text, c) for c in opened[1]])
    return articles, strings


def _matrix(articles: list, vectors: list[np.ndarray] | None, names: list[str]):
    x = feature_matrix([f for a in articles for f in a[0]], names)
    return hstack([x, csr_matrix(np.vstack(vectors) * SCALE)]).tocsr() if vectors else x


def _fitted(articles: list, vectors: list[np.ndarray] | None):
    """The probability function of a model fitted on ``articles``, features plus the
    vectors when given."""
    names = sorted({n for a in articles for f in a[0] for n in f})
    beta = solve(_matrix(articles, vectors, names), [y for a in articles for y in a[1]])

    def probabilities(arts: list, vecs: list[np.ndarray] | None) -> list[np.ndarray]:
        z = _matrix(arts, vecs, names) @ beta[:-1] + beta[-1]
        p = 1.0 / (1.0 + np.exp(-z))
        return np.split(p, np.cumsum([len(a[1]) for a in arts])[:-1])

    return probabilities


def _chosen(articles: list, probs: list[np.ndarray]) -> tuple[float, float]:
    """The threshold ``make train`` would choose, and its F1."""
    threshold, scores = best_threshold(articles, probs)
    return threshold, scores[threshold]


def frozen_trial(train: list, dev: list, train_vecs: list, dev_vecs: list) -> list[tuple]:
    """Rows (method, train F1 out of fold, threshold, dev F1 there) for the features
    alone and with the embeddings."""
    fold = folds(len(train))
    rows = []
    for name, tv, dv in (("features (shipped)", None, None),
                         ("features + frozen embedding", train_vecs, dev_vecs)):
        oof: list = [None] * len(train)
        for f in range(fold.max() + 1):
            inside = [i for i in range(len(train)) if fold[i] != f]
            out = [i for i in range(len(train)) if fold[i] == f]
            model = _fitted([train[i] for i in inside], tv and [tv[i] for i in inside])
            for i, p in zip(out, model([train[i] for i in out], tv and [tv[i] for i in out]),
                            strict=True):
                oof[i] = p
        threshold, f1 = _chosen(train, oof)
        dev_probs = _fitted(train, tv)(dev, dv)
        rows.append((name, f1, threshold, f1_at(threshold, dev, dev_probs)))
    return rows


def fine_tuned(strings: list[str], labels: list[int], epochs: float = 1.0):
    """all-MiniLM-L6-v2 with a linear head on its first token, trained to tell right
    candidates from wrong ones (AdamW 4e-5, warm-up then linear decay, batches of 32,
    seeded); returns its probability function."""
    import torch
    from transformers import AutoModel, AutoTokenizer

    torch.manual_seed(SEED)
    path = model_dir()
    tokenizer = AutoTokenizer.from_pretrained(path)
    encoder = AutoModel.from_pretrained(path)
    head = torch.nn.Linear(encoder.config.hidden_size, 1)

    def logits(batch: list[str]):
        t = tokenizer(batch, truncation=True, max_length=MAX_TOKENS, padding=True,
                      return_tensors="pt")
        hidden = encoder(input_ids=t["input_ids"], attention_mask=t["attention_mask"])
        return head(hidden.last_hidden_state[:, 0]).squeeze(-1)

    params = list(encoder.parameters()) + list(head.parameters())
    opt = torch.optim.AdamW(params, lr=4e-5, weight_decay=0.01)
    size = 32
    steps = max(1, int(len(strings) / size * epochs))
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda k: min(1.0, (k + 1) / 100) * max(0.0, 1 - k / steps))
    rng = np.random.default_rng(SEED)
    encoder.train()
    with tqdm(total=steps, desc="fine-tune") as bar:
        while bar.n < steps:
            order = rng.permutation(len(strings))
            for lo in range(0, len(order) - size + 1, size):
                if bar.n >= steps:
                    break
                pick = order[lo:lo + size]
                y = torch.tensor([float(labels[i]) for i in pick])
                loss = torch.nn.functional.binary_cross_entropy_with_logits(
                    logits([strings[i] for i in pick]), y)
                opt.zero_grad()
                loss.backward()
                opt.step()
                sched.step()
                bar.update(1)
    encoder.eval()

    def probabilities(arts_strings: list[list[str]]) -> list[np.ndarray]:
        out = []
        with torch.no_grad():
            for ss in arts_strings:
                p = [torch.sigmoid(logits(ss[lo:lo + 128])).numpy()
                     for lo in range(0, len(ss), 128)]
                out.append(np.concatenate(p) if p else np.zeros(0))
        return out

    return probabilities


def _log_odds_mean(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    la, lb = (np.log(q / (1 - q)) for q in (np.clip(a, 1e-6, 1 - 1e-6), np.clip(b, 1e-6, 1 - 1e-6)))
    return 1.0 / (1.0 + np.exp(-(la + lb) / 2))


def fine_tune_trial(train: list, train_strings: list, dev: list, dev_strings: list,
                    epochs: float) -> list[tuple]:
    """Rows (method, fold-0 F1, threshold, dev F1 there): features, the fine-tuned
    encoder, and the two averaged; every model fitted on folds 1–4."""
    fold = folds(len(train))
    inside = [i for i in range(len(train)) if fold[i] != 0]
    held = [train[i] for i in range(len(train)) if fold[i] == 0]
    held_strings = [train_strings[i] for i in range(len(train)) if fold[i] == 0]
    features = _fitted([train[i] for i in inside], None)
    encoder = fine_tuned([s for i in inside for s in train_strings[i]],
                         [y for i in inside for y in train[i][1]], epochs)
    feat_held, feat_dev = features(held, None), features(dev, None)
    enc_held, enc_dev = encoder(held_strings), encoder(dev_strings)
    both_held = [_log_odds_mean(a, b) for a, b in zip(feat_held, enc_held, strict=True)]
    both_dev = [_log_odds_mean(a, b) for a, b in zip(feat_dev, enc_dev, strict=True)]
    rows = []
    for name, ph, pd_ in (("features, folds 1–4", feat_held, feat_dev),
                          ("fine-tuned encoder", enc_held, enc_dev),
                          ("both, log-odds mean", both_held, both_dev)):
        threshold, f1 = _chosen(held, ph)
        rows.append((name, f1, threshold, f1_at(threshold, dev, pd_)))
    return rows


def _table(title: str, rows: list[tuple], first: str) -> None:
    print(f"\n{title}\n| method | {first} | threshold | dev F1 there |\n|---|---|---|---|")
    for name, f1, threshold, dev_f1 in rows:
        print(f"| {name} | {f1:.4f} | {threshold} | {dev_f1:.4f} |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", type=Path, default=Path("../shared/eval"))
    parser.add_argument("--fine-tune", action="store_true",
                        help="also fine-tune the encoder (torch, transformers; ~25 min)")
    parser.add_argument("--epochs", type=float, default=1.0)
    parser.add_argument("--limit", type=int, help="read only the first N articles of each split")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    nlp = load_model()
    train, train_strings = read(nlp, args.eval / "polnear-train", args.limit)
    dev, dev_strings = read(nlp, args.eval / "polnear-dev", args.limit)
    print(f"candidates: train {sum(len(a[1]) for a in train)} ({sum(sum(a[1]) for a in train)} "
          f"right), dev {sum(len(a[1]) for a in dev)}; rules alone: train "
          f"{f1_at(2.0, train, [np.zeros(len(a[1])) for a in train]):.4f}, dev "
          f"{f1_at(2.0, dev, [np.zeros(len(a[1])) for a in dev]):.4f}")
    encoder = Encoder()
    vectors = [encoder.encode(ss) for ss in tqdm(train_strings + dev_strings, desc="encode")]
    _table("Reported-speech F1 (trainer's reckoning), content model features against a frozen "
           "encoder", frozen_trial(train, dev, vectors[:len(train)], vectors[len(train):]),
           "train F1 out of fold")
    if args.fine_tune:
        _table("Fine-tuned on folds 1–4 of train", fine_tune_trial(
            train, train_strings, dev, dev_strings, args.epochs), "fold-0 F1")
    print(f"\n{time.perf_counter() - start:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
