"""Train the second opinion on the labelled corpora, and measure it the honest way.

``python -m companion.analysis.second_opinion_training DIR [DIR ...] [--cv] [--threshold T]``

Every claimant-side turn of a labelled transcript with words enough
(:data:`~companion.analysis.second_opinion.MIN_WORDS`) is an example: a turn listed as a place
where an episode is first disclosed (a label may accept several: a bare yes and the fuller
answer after it) is a telling of harm; a turn of a transcript without disclosures,
or before its first one, is not; the turns after a first disclosure are left out (more detail of
an episode told is neither). A logistic model (L2, Newton's method) is fitted on the sentence
encoder's vectors.

``--cv`` leaves one folder out at a time: fits on the others, then scores the left-out folder
through the whole analysis (rules and second opinion together, as shipped) at each threshold,
beside the rules alone. That is the figure a threshold is chosen by. Without ``--cv`` the model is
fitted on every folder and written to ``resources/analysis/second_opinion.json``.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from companion.analysis.analyser import CLAIMANT_SIDE
from companion.analysis.encoder import Encoder, SentenceEncoder, Vector
from companion.analysis.scoring import Score, read_labels, score_corpus
from companion.analysis.second_opinion import (
    MIN_WORDS,
    SecondOpinion,
    trained_weights,
    words_enough,
)
from companion.analysis.text import without_notes
from companion.resources import resource_path
from companion.transcript import parse_transcript

#: The sentence encoder's layers the model is trained on.
LAYERS = 3
#: L2 penalty (in units of examples).
PENALTY = 1.0


@dataclass(frozen=True)
class Example:
    """One claimant-side turn with its label."""

    folder: str
    text: str
    harm: bool


class CachedEncoder(SentenceEncoder):
    """The encoder, remembering each text's vector (cross-validation reads texts many times)."""

    def __init__(self, layers: int = LAYERS) -> None:
        super().__init__(layers=layers)
        self._cache: dict[str, Vector] = {}

    def encode(self, text: str) -> Vector:
        """The vector, computed once per text."""
        if text not in self._cache:
            self._cache[text] = super().encode(text)
        return self._cache[text]


def examples(folders: list[Path]) -> list[Example]:
    """The labelled claimant-side turns of every transcript in ``folders``."""
    found: list[Example] = []
    for folder in folders:
        for name, label in sorted(read_labels(folder).items()):
            told = [set(d["segments"]) for d in label.get("disclosure_at", [])]
            first = min((min(s) for s in told), default=None)
            segments = parse_transcript(folder / name).segments
            for segment in segments:
                text = without_notes(segment.text)
                if segment.speaker not in CLAIMANT_SIDE or not words_enough(text):
                    continue
                if any(segment.index in s for s in told):
                    found.append(Example(folder.name, text, True))
                elif first is None or segment.index < first:
                    found.append(Example(folder.name, text, False))
    return found


def fit(
    vectors: NDArray[np.float32], harm: NDArray[np.bool_], penalty: float = PENALTY
) -> tuple[NDArray[np.float64], float]:
    """Logistic regression, the two classes weighted equally; returns weights and bias."""
    x = np.hstack([vectors.astype(np.float64), np.ones((len(vectors), 1))])
    y = harm.astype(np.float64)
    positives = max(1.0, float(y.sum()))
    negatives = max(1.0, float(len(y) - y.sum()))
    balance = np.where(harm, len(y) / (2 * positives), len(y) / (2 * negatives))
    ridge = np.eye(x.shape[1]) * penalty / len(y)
    ridge[-1, -1] = 0.0
    theta = np.zeros(x.shape[1])
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-(x @ theta)))
        gradient = x.T @ ((p - y) * balance) / len(y) + ridge @ theta
        hessian = (x * (p * (1 - p) * balance)[:, None]).T @ x / len(y) + ridge
        step = np.linalg.solve(hessian, gradient)
        theta -= step
        if float(np.abs(step).max()) < 1e-8:
            break
    return theta[:-1], float(theta[-1])


def _fitted(encoder: Encoder, train: list[Example]) -> tuple[NDArray[np.float64], float]:
    vectors = np.stack([encoder.encode(e.text) for e in train])
    return fit(vectors, np.array([e.harm for e in train]))


def cross_validate(
    folders: list[Path], thresholds: list[float], encoder: Encoder
) -> dict[str, Score]:
    """Leave-one-folder-out scores of the whole analysis, per threshold and for the rules."""
    turns = examples(folders)
    totals = {"rules alone": Score()} | {f"{t:.2f}": Score() for t in thresholds}
    for folder in folders:
        weights, bias = _fitted(encoder, [e for e in turns if e.folder != folder.name])
        totals["rules alone"].add(score_corpus(folder, None))
        for t in thresholds:
            opinion = SecondOpinion(encoder, weights.astype(np.float32), bias, t)
            totals[f"{t:.2f}"].add(score_corpus(folder, opinion))
    return totals


def write(
    weights: NDArray[np.float64], bias: float, threshold: float, about: dict[str, Any]
) -> Path:
    """Write the shipped weights file."""
    path = resource_path("analysis") / "second_opinion.json"
    data = {
        "about": about,
        "layers": LAYERS,
        "min_words": MIN_WORDS,
        "threshold": threshold,
        "bias": round(bias, 6),
        "weights": [round(float(w), 6) for w in weights],
    }
    path.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    """Cross-validate, or fit on everything and write the weights."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--cv", action="store_true", help="leave-one-folder-out figures")
    parser.add_argument("--threshold", type=float, help="the rating that raises a disclosure")
    parser.add_argument(
        "--thresholds", default="0.7,0.75,0.8,0.85,0.9", help="thresholds to cross-validate"
    )
    args = parser.parse_args(argv)
    encoder = CachedEncoder()
    if args.cv:
        thresholds = [float(t) for t in args.thresholds.split(",")]
        for name, score in cross_validate(args.folders, thresholds, encoder).items():
            print(score.summary(name))
        return 0
    turns = examples(args.folders)
    weights, bias = _fitted(encoder, turns)
    threshold = args.threshold if args.threshold is not None else trained_weights()["threshold"]
    about = {
        "model": "all-MiniLM-L6-v2, first 3 layers, mean-pooled (companion/analysis/encoder.py)",
        "trained_on": sorted(str(f) for f in args.folders),
        "examples": len(turns),
        "tellings_of_harm": sum(e.harm for e in turns),
    }
    print(write(weights, bias, threshold, about))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
