"""Streaming voice-activity detection with the Silero VAD model that faster-whisper ships.

Silence, hiss and clicks never reach the speech model: the engine only decodes audio inside a
speech region. The ONNX model runs on 32 ms windows with its recurrent state carried across
calls, so the cost is a fraction of a millisecond per window.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from companion.audio.chunk import SAMPLE_RATE

WINDOW = 512  # samples (32 ms at 16 kHz)
_CONTEXT = 64


@dataclass(frozen=True)
class VadParams:
    """Hysteresis of the speech detector."""

    #: Probability at or above which a window is speech.
    threshold: float = 0.5
    #: Probability below which a window counts as silence while in speech.
    neg_threshold: float = 0.35
    #: Silence that ends a speech region (a pause between utterances).
    min_silence_s: float = 0.5
    #: Speech shorter than this is not a region of its own (clicks, coughs).
    min_speech_s: float = 0.25


class VadModel(Protocol):
    """Anything that gives a speech probability per 512-sample window."""

    def probabilities(self, windows: np.ndarray) -> np.ndarray:
        """One probability per row of ``windows``."""
        ...


class SileroVad:
    """Per-window speech probabilities, state carried from call to call."""

    def __init__(self) -> None:
        import onnxruntime
        from faster_whisper.utils import get_assets_path

        from companion.offline import quiet_onnxruntime

        quiet_onnxruntime()

        opts = onnxruntime.SessionOptions()
        opts.inter_op_num_threads = 1
        opts.intra_op_num_threads = 1
        opts.log_severity_level = 4
        path = os.path.join(get_assets_path(), "silero_vad_v6.onnx")
        self._session = onnxruntime.InferenceSession(
            path, providers=["CPUExecutionProvider"], sess_options=opts
        )
        self.reset()

    def reset(self) -> None:
        """Forget the recurrent state (a new stream)."""
        self._h = np.zeros((1, 1, 128), dtype=np.float32)
        self._c = np.zeros((1, 1, 128), dtype=np.float32)
        self._context = np.zeros(_CONTEXT, dtype=np.float32)

    def probabilities(self, windows: np.ndarray) -> np.ndarray:
        """Speech probability for each row of ``windows`` (shape (n, 512)), in order."""
        if len(windows) == 0:
            return np.zeros(0, dtype=np.float32)
        contexts = np.vstack([self._context[None, :], windows[:-1, -_CONTEXT:]])
        batch = np.concatenate([contexts, windows], axis=1).astype(np.float32)
        out, self._h, self._c = self._session.run(
            None, {"input": batch, "h": self._h, "c": self._c}
        )
        self._context = windows[-1, -_CONTEXT:].copy()
        return np.asarray(out, dtype=np.float32).reshape(-1)


class SpeechGate:
    """Turns window probabilities into speech regions with hysteresis.

    Feed audio with :meth:`push`; it returns, per 32 ms window, whether the window is inside
    speech, and tracks when a speech region ended (``region_ended``).
    """

    def __init__(self, model: VadModel | None = None, params: VadParams | None = None) -> None:
        self.model = model or SileroVad()
        self.params = params or VadParams()
        self._pending = np.zeros(0, dtype=np.float32)
        self.in_speech = False
        self._speech_windows = 0
        self._silence_windows = 0
        self.windows_seen = 0

    def push(self, samples: np.ndarray) -> list[tuple[int, bool, bool]]:
        """Classify new audio; returns ``(window_index, is_speech, region_ended_here)`` items."""
        data = np.concatenate([self._pending, samples]) if len(self._pending) else samples
        count = len(data) // WINDOW
        self._pending = data[count * WINDOW :].copy()
        if count == 0:
            return []
        probs = self.model.probabilities(data[: count * WINDOW].reshape(count, WINDOW))
        p = self.params
        min_silence = max(1, round(p.min_silence_s * SAMPLE_RATE / WINDOW))
        min_speech = max(1, round(p.min_speech_s * SAMPLE_RATE / WINDOW))
        result = []
        for prob in probs:
            index = self.windows_seen
            self.windows_seen += 1
            ended = False
            if not self.in_speech:
                if prob >= p.threshold:
                    self._speech_windows += 1
                    if self._speech_windows >= min_speech:
                        self.in_speech = True
                        self._silence_windows = 0
                else:
                    self._speech_windows = 0
            else:
                if prob < p.neg_threshold:
                    self._silence_windows += 1
                    if self._silence_windows >= min_silence:
                        self.in_speech = False
                        self._speech_windows = 0
                        ended = True
                else:
                    self._silence_windows = 0
            result.append((index, self.in_speech or ended, ended))
        return result

    @property
    def pending_speech_windows(self) -> int:
        """Windows of candidate speech not yet long enough to open a region."""
        return self._speech_windows if not self.in_speech else 0
