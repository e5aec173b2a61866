"""A source that hears only some stretches of another: the demo's two "devices".

The bundled sample interview is one mono recording. The demo plays it as two sources, as a
real interview has: the caseworker's microphone (which hears only the caseworker's turns) and
the call (which hears everyone else), by silencing, in each, the stretches the other would
carry. The stretches come from the sample's reference timings.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import numpy as np

from companion.audio.chunk import SAMPLE_RATE, AudioChunk
from companion.audio.source import AudioSource


class MaskedSource(AudioSource):
    """``inner`` with everything outside ``keep`` (seconds) replaced by faint noise."""

    def __init__(self, inner: AudioSource, keep: Sequence[tuple[float, float]]) -> None:
        self.inner = inner
        self.keep = sorted(keep)
        self.origin = inner.origin
        self.label = f"{inner.label} ({inner.origin} part)"
        self.live = inner.live
        self._rng = np.random.default_rng(0)

    def chunks(self) -> Iterator[AudioChunk]:
        """The inner chunks, silenced outside the kept stretches."""
        for chunk in self.inner.chunks():
            times = chunk.start + np.arange(len(chunk.samples)) / SAMPLE_RATE
            mask = np.zeros(len(times), dtype=bool)
            for start, end in self.keep:
                if end < chunk.start or start > chunk.end:
                    continue
                mask |= (times >= start) & (times < end)
            if mask.all():
                yield chunk
                continue
            noise = self._rng.normal(0, 3e-4, len(times)).astype(np.float32)
            yield AudioChunk(np.where(mask, chunk.samples, noise), chunk.start)

    def stop(self) -> None:
        """Stop the inner source."""
        self.inner.stop()

    def produced_until(self) -> float:
        """As the inner source."""
        return self.inner.produced_until()


def sample_sources(realtime: bool = True, speed: float = 1.0) -> list[AudioSource]:
    """The bundled sample interview as the caseworker's microphone and the call."""
    import json

    from companion.audio.wav_source import FileSource
    from companion.resources import read_text, sample_interview_path

    turns = [
        json.loads(line)
        for line in read_text("samples", "sample_interview.ref.jsonl").splitlines()
        if line.strip()
    ]
    mine = [(t["start"] - 0.3, t["end"] + 0.3) for t in turns if t["speaker"] == "caseworker"]
    theirs = [(t["start"] - 0.3, t["end"] + 0.3) for t in turns if t["speaker"] != "caseworker"]
    path = sample_interview_path()
    return [
        MaskedSource(FileSource(path, origin="microphone", realtime=realtime, speed=speed), mine),
        MaskedSource(FileSource(path, origin="call", realtime=realtime, speed=speed), theirs),
    ]
