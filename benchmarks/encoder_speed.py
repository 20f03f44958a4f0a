"""The sentence model on ONNX Runtime against the former numpy code, on MRPC train.

Side by side in one run, on the same texts (every distinct sentence of MRPC's training
pairs): sentences a second of a fresh encoder (each on one thread: the machine is shared, and
numpy's BLAS threads collapse under load; then both on their default threads, on a
sample), how far each vector is from the numpy
code's, and the decisions that rest on them: the pairwise content model's 10-fold
accuracy on MRPC train (``paraphrase.py``'s), and the share of pairs it decides as it
does on numpy's vectors. ONNX Runtime with int8 weights (dynamic quantisation) is
measured beside the shipped float32 graph. Then the embedding store: a rerun in a
fresh encoder whose store already holds 99% of the sentences, which encodes the 1%.

``python -m benchmarks.encoder_speed --eval DIR [--pairs N]`` runs it on the first N
pairs (all by default); ``python -m benchmarks --only encoder_speed`` on all.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

import numpy as np

from benchmarks._numpy_encoder import NumpyEncoder
from quotetrail.align.encoder import Encoder, model_dir, onnx_model
from quotetrail.align.onnx_graph import weights_sha256
from quotetrail.align.train import cross_validate, pair_features, read_mrpc

ROUNDS = 6
SAMPLE_EVERY = 32  # numpy on all cores of a shared machine is slow: a sample


def _int8_encoder(workdir: Path, threads: int) -> Encoder:
    """The shipped encoder with its graph's MatMul weights quantised to int8."""
    import onnxruntime as ort
    from onnxruntime.quantization import QuantType, quantize_dynamic

    path = model_dir()
    model = onnx_model(path, weights_sha256(path))
    source = model if isinstance(model, Path) else workdir / "fp32.onnx"
    if not isinstance(model, Path):
        source.write_bytes(model)
    target = workdir / "int8.onnx"
    quantize_dynamic(source, target, weight_type=QuantType.QInt8, op_types_to_quantize=["MatMul"])
    encoder = Encoder()
    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    options.log_severity_level = 3
    encoder.session = ort.InferenceSession(str(target), options,
                                           providers=["CPUExecutionProvider"])
    return encoder


def _timed_encode(encoder, texts: list[str]) -> tuple[np.ndarray, float]:
    started = time.perf_counter()
    vectors = encoder.encode(texts)
    return vectors, time.perf_counter() - started


def _interleaved(encoders: dict, texts: list[str]) -> dict[str, float]:
    """Seconds each (encoder, BLAS thread limit) takes on ``texts``, in interleaved rounds
    so that each sees the same load on a shared machine."""
    from threadpoolctl import threadpool_limits

    seconds = dict.fromkeys(encoders, 0.0)
    for r in range(ROUNDS):
        for name in (list(encoders) if r % 2 == 0 else list(encoders)[::-1]):
            encoder, blas_threads = encoders[name]
            with threadpool_limits(blas_threads):
                seconds[name] += _timed_encode(encoder, texts[r::ROUNDS])[1]
    return seconds


def run(eval_dir: Path, pairs: int | None = None) -> None:
    a, b, y = read_mrpc(Path(eval_dir) / "mrpc-train")
    a, b, y = a[:pairs], b[:pairs], y[:pairs]
    texts = sorted(set(a + b))
    with tempfile.TemporaryDirectory() as tmp:
        one_thread = {"numpy (former code)": (NumpyEncoder(), 1),
                      "ONNX Runtime fp32 (shipped)": (Encoder(threads=1), None),
                      "ONNX Runtime int8 (not shipped)": (_int8_encoder(Path(tmp), 1), None)}
        seconds = _interleaved(one_thread, texts)
        results = {}
        for name, (encoder, _) in one_thread.items():
            pred = cross_validate(pair_features(a, b, encoder), y) >= 0.5  # vectors cached
            results[name] = encoder.encode(texts), seconds[name], pred
    print(f"MRPC train: {len(y)} pairs, {len(texts)} distinct sentences, each encoder on one "
          f"thread, in {ROUNDS} interleaved rounds; {os.cpu_count()} CPUs, load average "
          f"{os.getloadavg()[0]:.1f}")
    print(f"{'encoder':32} {'sent/s':>7} {'×numpy':>7} {'max|Δ|':>9} {'min cos':>8} "
          f"{'MRPC acc':>8} {'Δacc':>7} {'same decision':>13}")
    ref_vectors, ref_seconds, ref_pred = results["numpy (former code)"]
    ref_acc = float((ref_pred == (y == 1)).mean())
    for name, (vectors, seconds, pred) in results.items():
        acc = float((pred == (y == 1)).mean())
        cos = float((vectors * ref_vectors).sum(1).min())
        print(f"{name:32} {len(texts) / seconds:7.1f} {ref_seconds / seconds:7.2f} "
              f"{float(np.abs(vectors - ref_vectors).max()):9.2e} {cos:8.5f} {acc:8.4f} "
              f"{acc - ref_acc:+7.4f} {float((pred == ref_pred).mean()):13.4f}")

    sample = texts[::SAMPLE_EVERY]
    all_threads = {"numpy (former code)": (NumpyEncoder(), None),
                   "ONNX Runtime fp32 (shipped)": (Encoder(), None)}
    seconds = _interleaved(all_threads, sample)
    base = seconds["numpy (former code)"]
    print(f"one sentence in {SAMPLE_EVERY} ({len(sample)}), default threads (numpy's BLAS, "
          f"ONNX Runtime's one per core): " + "; ".join(
              f"{name} {len(sample) / t:.1f} sent/s ({base / t:.2f}×)"
              for name, t in seconds.items()) + f"; load average {os.getloadavg()[0]:.1f}")

    with tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp) / "embeddings.sqlite"
        seen = [t for i, t in enumerate(texts) if i % 100]  # 99% of the sentences
        first = Encoder(store=store)
        _, cold = _timed_encode(first, seen)
        rerun = Encoder(store=store)
        vectors, warm = _timed_encode(rerun, texts)
        same = vectors.tobytes() == results["ONNX Runtime fp32 (shipped)"][0].tobytes()
    print(f"load average {os.getloadavg()[0]:.1f}; store: {len(seen)} sentences encoded "
          f"into it in {cold:.1f} s; a rerun of all "
          f"{len(texts)} in a fresh encoder encoded {rerun.computed} in {warm:.2f} s "
          f"({warm / cold:.1%} of the cold time), vectors byte-identical to a cold run: {same}")


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.encoder_speed",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--eval", type=Path, default=Path("../shared/eval"))
    parser.add_argument("--pairs", type=int, default=None, help="the first N pairs only")
    args = parser.parse_args()
    run(args.eval, args.pairs)


if __name__ == "__main__":
    main()
