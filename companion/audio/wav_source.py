"""Audio files as a source: WAV (any PCM rate, mono or stereo) and what PyAV can decode.

Replayed as fast as possible (batch work, tests) or paced in real time (the demo, benchmarks,
recorded interviews played as if live). The file is streamed in blocks, so a four-hour recording
never sits in memory whole.
"""

from __future__ import annotations

import logging
import struct
import threading
import time
import wave
from collections.abc import Callable, Generator, Iterator
from pathlib import Path

import numpy as np

from companion.audio.chunk import SAMPLE_RATE, AudioChunk
from companion.audio.resample import StreamResampler, pcm_to_float, to_mono
from companion.audio.source import AudioSource
from companion.errors import AudioError

log = logging.getLogger(__name__)


def _wav_blocks(
    path: Path, block_s: float, channel: int | None
) -> Iterator[tuple[np.ndarray, int]]:
    try:
        reader = wave.open(str(path), "rb")  # noqa: SIM115 - closed by the with below
    except FileNotFoundError as exc:
        raise AudioError(f"{path}: no such audio file") from exc
    except (wave.Error, EOFError, RuntimeError, ValueError, struct.error) as exc:
        # The stdlib reader fails in several ways on damaged headers; PyAV gets a try next.
        raise _NotPcmWavError(str(exc) or type(exc).__name__) from exc
    with reader:
        channels = reader.getnchannels()
        rate = reader.getframerate()
        width = reader.getsampwidth()
        if channels < 1 or rate < 1000 or rate > 384_000 or width not in (1, 2, 3, 4):
            raise AudioError(
                f"{path}: unsupported WAV ({channels} channels, {rate} Hz, {width * 8}-bit)"
            )
        if channel is not None and not 0 <= channel < channels:
            raise AudioError(f"{path}: has {channels} channel(s), channel {channel} asked for")
        frames_per_block = max(1, int(rate * block_s))
        while True:
            try:
                data = reader.readframes(frames_per_block)
            except (wave.Error, EOFError, OSError, RuntimeError, ValueError, struct.error) as exc:
                raise AudioError(f"{path}: audio data is damaged ({exc})") from exc
            # A file cut inside a frame ends with a partial one: keep the whole frames only.
            data = data[: len(data) - len(data) % (width * channels)]
            if not data:
                return
            yield to_mono(pcm_to_float(data, width, channels), channel), rate


class _NotPcmWavError(Exception):
    pass


def _av_blocks(
    path: Path, block_s: float, channel: int | None, reason: str
) -> Iterator[tuple[np.ndarray, int]]:
    try:
        import av
    except ImportError as exc:  # pragma: no cover - av comes with faster-whisper
        raise AudioError(f"{path}: not a PCM WAV file ({reason})") from exc
    try:
        container = av.open(str(path))
    except Exception as exc:
        raise AudioError(f"{path}: not a readable audio file ({reason})") from exc
    with container:
        if channel is not None:
            raise AudioError(f"{path}: choosing a channel works for WAV files only")
        streams = [s for s in container.streams if s.type == "audio"]
        if not streams:
            raise AudioError(f"{path}: holds no audio stream")
        resampler = av.AudioResampler(format="flt", layout="mono", rate=SAMPLE_RATE)
        pending: list[np.ndarray] = []
        size = 0
        wanted = int(block_s * SAMPLE_RATE)
        try:
            for frame in container.decode(streams[0]):
                for out in resampler.resample(frame):  # type: ignore[arg-type]
                    block = out.to_ndarray().reshape(-1).astype(np.float32)
                    pending.append(block)
                    size += len(block)
                    if size >= wanted:
                        yield np.concatenate(pending), SAMPLE_RATE
                        pending, size = [], 0
        except Exception as exc:
            raise AudioError(f"{path}: audio data is damaged ({exc})") from exc
        if pending:
            yield np.concatenate(pending), SAMPLE_RATE


def check_readable(path: Path | str, channel: int | None = None) -> None:
    """Raise :class:`AudioError` (one line naming the file) unless it holds audio we can read:
    checked before anything is loaded or stored for it."""
    blocks = read_blocks(Path(path), block_s=0.1, channel=channel)
    try:
        next(blocks, None)
    finally:
        blocks.close()


def read_blocks(
    path: Path, block_s: float = 0.1, channel: int | None = None
) -> Generator[np.ndarray, None, None]:
    """Yield 16 kHz mono float32 blocks of about ``block_s`` seconds from an audio file."""
    path = Path(path)
    if path.is_dir():
        raise AudioError(f"{path}: is a directory, not an audio file")
    if path.exists() and not path.is_file():  # a pipe or a device: endless, or no file at all
        raise AudioError(f"{path}: not a regular file, not an audio file")
    try:
        source: Iterator[tuple[np.ndarray, int]] = _wav_blocks(path, block_s, channel)
        first = next(source, None)
    except _NotPcmWavError as exc:
        source = _av_blocks(path, block_s, channel, str(exc))
        first = next(source, None)
    if first is None:
        raise AudioError(f"{path}: holds no audio")
    resampler = StreamResampler(first[1])
    pending: np.ndarray | None = first[0]
    for block, _rate in source:
        assert pending is not None
        out = resampler.process(pending)
        pending = block
        if len(out):
            yield out
    assert pending is not None
    out = resampler.process(pending, last=True)
    if len(out):
        yield out


def read_audio(path: Path, channel: int | None = None) -> np.ndarray:
    """Read a whole audio file as 16 kHz mono float32 (for offline passes and tests)."""
    blocks = list(read_blocks(Path(path), block_s=1.0, channel=channel))
    return np.concatenate(blocks) if blocks else np.zeros(0, dtype=np.float32)


class FileSource(AudioSource):
    """Replays an audio file, as fast as possible or paced like live audio.

    ``clock`` and ``wait`` are injectable so tests can pace without waiting.
    """

    def __init__(
        self,
        path: Path | str,
        *,
        origin: str = "file",
        realtime: bool = False,
        chunk_s: float = 0.1,
        channel: int | None = None,
        clock: Callable[[], float] = time.monotonic,
        wait: Callable[[float], bool] | None = None,
        speed: float = 1.0,
    ) -> None:
        self.path = Path(path)
        self.origin = origin
        self.label = str(self.path)
        self.realtime = realtime
        self.live = realtime
        self.chunk_s = chunk_s
        self.channel = channel
        self._clock = clock
        self._stop = threading.Event()
        #: Waits up to the given seconds; returns True if stopped meanwhile.
        self._wait = wait or self._stop.wait
        #: Pacing speed with ``realtime``: 1.0 is live; tests replay faster.
        self.speed = speed
        self._produced = 0.0
        #: Clock reading when replay began (for latency measurements of paced replays).
        self.started_at: float | None = None
        # Fail early (before a session starts) on a missing or unreadable file.
        if not self.path.exists():
            raise AudioError(f"{self.path}: no such audio file")

    def chunks(self) -> Iterator[AudioChunk]:
        """Yield the file's audio in ``chunk_s`` blocks, paced if ``realtime``."""
        started = self._clock()
        self.started_at = started
        position = 0
        carry = np.zeros(0, dtype=np.float32)
        size = int(self.chunk_s * SAMPLE_RATE)
        for block in read_blocks(self.path, block_s=self.chunk_s, channel=self.channel):
            carry = np.concatenate([carry, block]) if len(carry) else block
            while len(carry) >= size:
                piece, carry = carry[:size], carry[size:]
                if not self._deliver(piece, position, started):
                    return
                yield AudioChunk(piece, position / SAMPLE_RATE)
                position += len(piece)
                self._produced = position / SAMPLE_RATE
        if len(carry) and self._deliver(carry, position, started):
            yield AudioChunk(carry, position / SAMPLE_RATE)
            self._produced = (position + len(carry)) / SAMPLE_RATE

    def _deliver(self, piece: np.ndarray, position: int, started: float) -> bool:
        if self._stop.is_set():
            return False
        if self.realtime:
            due = started + (position + len(piece)) / SAMPLE_RATE / self.speed
            wait = due - self._clock()
            if wait > 0 and self._wait(wait):
                return False
        return not self._stop.is_set()

    def stop(self) -> None:
        """End the replay early."""
        self._stop.set()

    def produced_until(self) -> float:
        """Seconds of the file delivered so far."""
        return self._produced
