"""The unit of audio that flows from a source to the transcription engine."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

#: Every source delivers 16 kHz mono float32, the rate Whisper and Silero VAD expect.
SAMPLE_RATE = 16_000


@dataclass(frozen=True)
class AudioChunk:
    """A block of 16 kHz mono float32 samples.

    ``start`` is the time of the first sample in seconds from the start of its source, so gaps
    (a dropped buffer) are visible and interview time stays right.
    """

    samples: np.ndarray
    start: float

    @property
    def duration(self) -> float:
        """Length in seconds."""
        return len(self.samples) / SAMPLE_RATE

    @property
    def end(self) -> float:
        """Time just after the last sample."""
        return self.start + self.duration
