"""The sentence model on the cluster's workers: alignment's many new texts are encoded
in chunks where the cores are, not in the notebook's process.

Alignment itself stays in the driver (it decides over the whole corpus), but most of
its time on a new corpus is the sentence model. While ``encoding_on`` is open, the
shared encoder sends any call with ``REMOTE_MIN`` or more new texts to the workers in
chunks of ``CHUNK``; each worker loads the model once. A text's vector is the same
bytes whatever it is batched with and on any thread count (``align.encoder``), so the
tables are the same as with one process; the driver keeps the vectors in its store.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

import numpy as np

from quotetrail.align.encoder import Encoder, shared_encoder
from quotetrail.engine.cluster import client_for, map_partitions, spans

CHUNK = 512  # texts per task: a few seconds of one core, about 0.8 MB of vectors back


@lru_cache(maxsize=1)
def _worker_encoder() -> Encoder:
    """The model on this worker, on as many threads as the worker runs tasks."""
    from distributed import get_worker

    try:
        threads = get_worker().state.nthreads
    except (AttributeError, ValueError):
        threads = 1
    return Encoder(threads=threads)


def encode_part(texts: list[str]) -> np.ndarray:
    """On a worker: the vectors of ``texts``, in order."""
    new = _worker_encoder().compute(texts)
    return np.stack([new[t] for t in texts])


def on_workers(client, texts: list[str], progress=None) -> dict[str, np.ndarray]:
    """``Encoder.remote`` for ``client``'s workers: text -> vector."""
    tasks = [(texts[lo:hi],) for lo, hi in spans(len(texts), CHUNK)]
    parts = map_partitions(client, encode_part, tasks, "sentence model",
                           progress=progress is not None)
    return {t: row for (chunk,), vectors in zip(tasks, parts, strict=True)
            for t, row in zip(chunk, vectors, strict=True)}


@contextmanager
def encoding_on(workers: int = 0, scheduler: str = "", progress: bool = True,
                encoder: Encoder | None = None) -> Iterator[Encoder]:
    """``encoder`` (default: the shared one), sending many new texts to a local cluster's
    workers (or to the cluster at ``scheduler``) while open; with one worker it encodes
    here."""
    with client_for(workers, scheduler, quiet=not progress) as client, \
            encoding_with(client, encoder) as encoder:
        yield encoder


@contextmanager
def encoding_with(client, encoder: Encoder | None = None) -> Iterator[Encoder]:
    """``encoding_on`` for an open ``client`` (None: this process)."""
    encoder = encoder or shared_encoder()
    if client is None:
        yield encoder
        return
    encoder.remote = lambda texts, bar=None: on_workers(client, texts, bar)
    try:
        yield encoder
    finally:
        encoder.remote = None
