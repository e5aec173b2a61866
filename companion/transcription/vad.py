"""Streaming voice-activity detection with the Silero VAD model that faster-whisper ships.

Silence, hiss and clicks never reach the speech model: the engine only decodes audio inside a
speech region. The ONNX model runs on 32 ms windows with its recurrent state carried across
calls, so the cost is a fraction of a millisecond per window.
"""

from __future__ import annotations

import os
from collections import deque
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
    #: A word said on its own, this long after the last region ended (or, before any, after
    #: this much quiet): "six", "Firefox" between pauses. Silero scores such a word
    #: around its threshold (0.36-0.91 with dips on real recordings), so ``min_speech_s`` of
    #: windows in a row at 0.5 never comes: such a start is counted with the end's hysteresis
    #: (``neg_threshold``) and opens a region when half its windows are sure. Inside talk the
    #: plain rule stands (measured: the hysteresis everywhere cost 3-5 points on a monologue).
    lone_word_pause_s: float = 1.0
    #: Silero scores some voices far below its threshold: falsetto, a whisper, a creaky or
    #: breathy voice (measured on real recordings: loud falsetto at 0.04-0.13). Sound this much
    #: louder than the recent noise floor (and at least ``loud_min_db``), for ``loud_min_s``,
    #: with a speech probability of at least ``loud_min_prob`` (steady hum scores 0), opens an
    #: *unsure* region: the speech model decodes it and keeps the words only if it is sure
    #: they are speech (see the engine).
    loud_margin_db: float = 18.0
    loud_min_db: float = -45.0
    loud_min_s: float = 0.4
    loud_min_prob: float = 0.02
    floor_window_s: float = 8.0
    #: Outside speech, a window at or above this probability (and above ``notice_floor_db``)
    #: may be speech the gate is not sure of: a quiet or whispered voice.
    maybe_threshold: float = 0.15
    notice_floor_db: float = -60.0
    #: Say so when that much of it was heard within ``notice_window_s``, at most once per
    #: ``notice_every_s``.
    notice_after_s: float = 2.0
    notice_window_s: float = 6.0
    notice_every_s: float = 60.0


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
        #: Recent maybe-speech windows outside speech: (window index, level in dBFS).
        self._maybe: deque[tuple[int, float]] = deque()
        self._last_notice: int | None = None
        self._notice: float | None = None
        #: True while the current (or just ended) region was opened by loudness alone and the
        #: voice model has not confirmed it (see ``VadParams``).
        self.unsure = False
        self._loud_windows = 0
        #: A candidate region's windows counted with hysteresis, how many of them were sure,
        #: the quiet windows before it, and whether it started after ``lone_word_pause_s``.
        self._candidate_windows = 0
        self._sure_windows = 0
        self._quiet_windows = 0
        self._lone = False
        self._levels: deque[float] = deque(
            maxlen=int(self.params.floor_window_s * SAMPLE_RATE / WINDOW)
        )
        self._floor = -90.0

    def push(self, samples: np.ndarray) -> list[tuple[int, bool, bool]]:
        """Classify new audio; returns ``(window_index, is_speech, region_ended_here)`` items."""
        data = np.concatenate([self._pending, samples]) if len(self._pending) else samples
        count = len(data) // WINDOW
        self._pending = data[count * WINDOW :].copy()
        if count == 0:
            return []
        windows = data[: count * WINDOW].reshape(count, WINDOW)
        probs = self.model.probabilities(windows)
        levels = 10 * np.log10(np.mean(np.square(windows, dtype=np.float64), axis=1) + 1e-12)
        p = self.params
        min_silence = max(1, round(p.min_silence_s * SAMPLE_RATE / WINDOW))
        min_speech = max(1, round(p.min_speech_s * SAMPLE_RATE / WINDOW))
        result = []
        min_loud = max(1, round(p.loud_min_s * SAMPLE_RATE / WINDOW))
        lone_pause = round(p.lone_word_pause_s * SAMPLE_RATE / WINDOW)
        for prob, level in zip(probs, levels, strict=True):
            index = self.windows_seen
            self.windows_seen += 1
            ended = False
            loud = self._loud(float(level), float(prob))
            maybe = p.maybe_threshold <= prob < p.threshold and level >= p.notice_floor_db
            if not self.in_speech and maybe:
                self._note_maybe(index, float(level))
            if not self.in_speech:
                self._speech_windows = self._speech_windows + 1 if prob >= p.threshold else 0
                # A word on its own wavers around the threshold (``lone_word_pause_s``).
                started = self._candidate_windows > 0
                if prob >= (p.neg_threshold if started else p.threshold):
                    if not started:
                        self._lone = self._quiet_windows >= lone_pause
                    self._candidate_windows += 1
                    self._sure_windows += prob >= p.threshold
                    self._quiet_windows = 0
                else:
                    self._candidate_windows = self._sure_windows = 0
                    self._quiet_windows += 1
                self._loud_windows = self._loud_windows + 1 if loud else 0
                if self._speech_windows >= min_speech or (
                    self._lone
                    and self._candidate_windows >= min_speech
                    and 2 * self._sure_windows >= min_speech
                ):
                    self.in_speech, self.unsure = True, False
                    self._silence_windows = 0
                elif self._loud_windows >= min_loud:
                    self.in_speech, self.unsure = True, True
                    self._silence_windows = 0
            else:
                if self.unsure:
                    self._speech_windows = self._speech_windows + 1 if prob >= p.threshold else 0
                    if self._speech_windows >= min_speech:
                        self.unsure = False  # the voice model agrees after all
                quiet = prob < p.neg_threshold and not (self.unsure and loud)
                if quiet:
                    self._silence_windows += 1
                    if self._silence_windows >= min_silence:
                        self.in_speech = False
                        self._speech_windows = self._loud_windows = 0
                        self._candidate_windows = self._sure_windows = 0
                        ended = True
                else:
                    self._silence_windows = 0
            result.append((index, self.in_speech or ended, ended))
        return result

    def _loud(self, level: float, prob: float) -> bool:
        """Whether a window is loud enough above the noise floor to be a voice Silero missed."""
        p = self.params
        self._levels.append(level)
        if self.windows_seen % 16 == 0:  # the floor moves slowly: not every window
            self._floor = float(np.percentile(self._levels, 10))
        threshold = max(p.loud_min_db, self._floor + p.loud_margin_db)
        return level >= threshold and prob >= p.loud_min_prob

    def rejected(self, level: float) -> None:
        """The speech model did not hear speech in an unsure region of this ``level`` (dBFS):
        worth saying (once a while), since it may be a voice nobody can read back later."""
        self._raise_notice(self.windows_seen, level)

    def _note_maybe(self, index: int, level: float) -> None:
        p = self.params
        per_s = SAMPLE_RATE / WINDOW
        self._maybe.append((index, level))
        while self._maybe[0][0] < index - p.notice_window_s * per_s:
            self._maybe.popleft()
        if len(self._maybe) >= p.notice_after_s * per_s:
            self._raise_notice(index, float(np.median([lv for _, lv in self._maybe])))

    def _raise_notice(self, index: int, level: float) -> None:
        per_s = SAMPLE_RATE / WINDOW
        every = self.params.notice_every_s * per_s
        if self._last_notice is None or index - self._last_notice >= every:
            self._last_notice = index
            self._notice = level

    def take_notice(self) -> float | None:
        """The level (dBFS) of sound that may be speech the gate kept rejecting, once; None
        when there is nothing to say."""
        notice, self._notice = self._notice, None
        return notice

    @property
    def pending_speech_windows(self) -> int:
        """Windows of candidate speech not yet long enough to open a region."""
        return self._speech_windows if not self.in_speech else 0
