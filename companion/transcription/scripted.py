"""Deterministic stand-ins for the speech and voice-activity models (tests, UI development).

:class:`ScriptedTranscriber` "recognises" words from a script laid out on the source's
timeline: a pass over a buffer returns the script's words inside it, and a word cut off by the
end of the buffer comes back garbled, as a real model's last word often does, so the streaming
engine's agreement logic is exercised. :class:`EnergyVad` calls any window louder than a
threshold speech.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from companion.audio.chunk import SAMPLE_RATE
from companion.transcription.decoder import Hypothesis
from companion.transcription.events import Word


@dataclass(frozen=True)
class ScriptWord:
    """A word said at a known time of the source (seconds)."""

    text: str
    start: float
    end: float
    language: str = "en"


def script_from_text(
    text: str, start: float, seconds_per_word: float = 0.3, language: str = "en"
) -> list[ScriptWord]:
    """Lay a sentence out on the timeline, one word every ``seconds_per_word``."""
    words = []
    for i, token in enumerate(text.split()):
        begin = start + i * seconds_per_word
        words.append(ScriptWord(" " + token, begin, begin + seconds_per_word * 0.9, language))
    return words


class ScriptedTranscriber:
    """A transcriber that returns the scripted words inside each buffer."""

    def __init__(
        self, script: Sequence[ScriptWord], multilingual: bool = False, garble_partial: bool = True
    ) -> None:
        self.script = sorted(script, key=lambda w: w.start)
        self._starts = [w.start for w in self.script]  # looked up by time: long scripts stay fast
        self.multilingual = multilingual
        self.garble_partial = garble_partial

    def transcribe(
        self,
        audio: np.ndarray,
        *,
        prefix: Sequence[Word] = (),
        prompt: str = "",
        language: str | None = None,
        languages: Sequence[str] = (),
        offset: float = 0.0,
        final: bool = False,
    ) -> Hypothesis:
        """Return ``prefix`` then the script's words that start inside the buffer."""
        duration = len(audio) / SAMPLE_RATE
        end = offset + duration
        # Words already given as the prefix are not recognised again.
        after = offset + prefix[-1].end - 1e-6 if prefix else offset - 0.05
        words = list(prefix)
        found_language = None
        first, last = bisect_left(self._starts, after), bisect_left(self._starts, end)
        for item in self.script[first:last]:
            found_language = found_language or item.language
            text = item.text
            if item.end > end and self.garble_partial:
                text = text[: max(2, len(text) // 2)] + "-"
            words.append(Word(text, item.start - offset, min(item.end, end) - offset, 0.9))
        if not language:  # detection, limited as the real decoder limits it
            allowed = list(languages) or ["en"]
            language = found_language if found_language in allowed else allowed[0]
        return Hypothesis(words=words, language=language, language_probability=0.99)


class EnergyVad:
    """A voice-activity model for tests: windows with RMS above ``threshold`` are speech."""

    def __init__(self, threshold: float = 0.01) -> None:
        self.threshold = threshold

    def reset(self) -> None:
        """Nothing to forget."""

    def probabilities(self, windows: np.ndarray) -> np.ndarray:
        """1.0 for loud windows, 0.0 for quiet ones."""
        rms = np.sqrt(np.mean(np.square(windows, dtype=np.float64), axis=1))
        return (rms > self.threshold).astype(np.float32)


def tone_track(regions: Sequence[tuple[float, float]], total: float, seed: int = 0) -> np.ndarray:
    """Audio that is loud noise inside ``regions`` (seconds) and near silence elsewhere."""
    rng = np.random.default_rng(seed)
    audio = rng.normal(0, 0.0005, int(total * SAMPLE_RATE)).astype(np.float32)
    for start, stop in regions:
        a, b = int(start * SAMPLE_RATE), int(stop * SAMPLE_RATE)
        audio[a:b] = rng.normal(0, 0.2, b - a).astype(np.float32)
    return audio
