"""A second opinion on harm the rules did not name: a sentence model compared with labelled turns.

The rules (``harm.py``, ``described.py``, ``answers.py``) find harm by its wording. A claimant
who tells of harm in words no rule has seen ("three of them stayed with me in the bedroom. They
used me") is missed. The second opinion reads such a turn as a whole: the sentence encoder
(:mod:`companion.analysis.encoder`) turns it into a vector and a logistic model, trained on the
project's labelled corpus (``python -m companion.analysis.second_opinion_training``), rates how
much it reads like a first telling of harm to the speaker.

It is asked only where the rules found no harm in a turn of the claimant's side that has words
enough to tell something (a bare "yes" is the rules' to read, with its question); and it raises a
disclosure only when no episode is open. Its card quotes the turn's words and says that it was
the second opinion, with its rating; nothing it raises is a black box. The weights live in
``resources/analysis/second_opinion.json`` with the figures they were chosen by.
"""

from __future__ import annotations

import json
import logging
import math
import re
import threading
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

import numpy as np

from companion.analysis.encoder import HIDDEN, Encoder, ModelMissingError, SentenceEncoder
from companion.resources import read_text

log = logging.getLogger(__name__)

WEIGHTS_FILE = ("analysis", "second_opinion.json")
#: A turn with fewer words than this is left to the rules (an answer's meaning is its question).
MIN_WORDS = 8
_WORD = re.compile(r"[A-Za-z']+")


def words_enough(text: str, minimum: int = MIN_WORDS) -> bool:
    """Whether a turn has words enough to tell something on its own."""
    return len(_WORD.findall(text)) >= minimum


@dataclass(frozen=True)
class Opinion:
    """The model's rating of one turn."""

    rating: float
    raised: bool


class SecondOpinion:
    """Rates a claimant-side turn: how much it reads like harm told of the speaker."""

    def __init__(
        self,
        encoder: Encoder,
        weights: np.ndarray[Any, np.dtype[np.float32]],
        bias: float,
        threshold: float,
        min_words: int = MIN_WORDS,
    ) -> None:
        if weights.shape != (HIDDEN,):
            raise ValueError(
                f"second opinion: {weights.shape[0]} weights, expected {HIDDEN} (one per "
                "dimension of the sentence vector)"
            )
        self.encoder = encoder
        self.weights = weights.astype(np.float32)
        self.bias = bias
        self.threshold = threshold
        self.min_words = min_words

    def worth_asking(self, text: str) -> bool:
        """Whether the turn has words enough to tell something on its own."""
        return words_enough(text, self.min_words)

    def rate(self, text: str) -> Opinion:
        """The rating of ``text`` (0-1) and whether it reaches the threshold."""
        score = float(self.encoder.encode(text) @ self.weights) + self.bias
        rating = 1.0 / (1.0 + math.exp(-score))
        return Opinion(rating, rating >= self.threshold)


def _check(data: dict[str, Any]) -> None:
    """One clear error for a malformed weights file, naming the field at fault."""
    where = "resources/analysis/second_opinion.json"
    for key in ("weights", "bias", "threshold", "layers"):
        if key not in data:
            raise ValueError(f"{where}: no {key!r}")
    if not 1 <= int(data["layers"]) <= 6:
        raise ValueError(f"{where}: layers {data['layers']!r}; the model has 1 to 6")
    if not 0.0 < float(data["threshold"]) < 1.0:
        raise ValueError(f"{where}: threshold {data['threshold']!r} is not between 0 and 1")
    if len(data["weights"]) != HIDDEN:
        raise ValueError(f"{where}: {len(data['weights'])} weights, expected {HIDDEN}")


@lru_cache(maxsize=1)
def trained_weights() -> dict[str, Any]:
    """The shipped weights file, checked."""
    data: dict[str, Any] = json.loads(read_text(*WEIGHTS_FILE))
    _check(data)
    return data


#: Which second opinion an analysis uses: the shipped one, one given, or none (the rules alone).
Opinions = SecondOpinion | Literal["shipped"] | None

_DEFAULT: list[SecondOpinion | None] = []
_LOCK = threading.Lock()


def default_second_opinion() -> SecondOpinion | None:
    """The shipped second opinion, loaded once per process (the weights take most of a second
    and 45 MB), or None (logged once) where the sentence model is not installed: the rules
    then work alone."""
    with _LOCK:
        if not _DEFAULT:
            try:
                data = trained_weights()
                encoder = SentenceEncoder(layers=int(data["layers"]))
            except (ModelMissingError, ValueError, KeyError, OSError) as exc:
                log.warning("analysis without the second opinion: %s", exc)
                _DEFAULT.append(None)
            else:
                _DEFAULT.append(
                    SecondOpinion(
                        encoder,
                        np.asarray(data["weights"], dtype=np.float32),
                        float(data["bias"]),
                        float(data["threshold"]),
                        int(data.get("min_words", MIN_WORDS)),
                    )
                )
        return _DEFAULT[0]
