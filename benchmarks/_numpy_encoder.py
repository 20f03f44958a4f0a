"""The project's former sentence-model code: all-MiniLM-L6-v2's six BERT layers in numpy.

Kept only as the reference the ONNX Runtime encoder is measured against
(``benchmarks/encoder_speed.py``); the study itself no longer runs it. It pads each
batch of 64 texts sorted by length and masks the padding, as it always did.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np

from quotetrail.align.encoder import MAX_TOKENS, model_dir

BATCH = 64
DIM = 384


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


class NumpyEncoder:
    """all-MiniLM-L6-v2 in numpy: texts in, unit-length 384-dimensional vectors out."""

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
