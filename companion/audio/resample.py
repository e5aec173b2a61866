"""Conversion of any sample format, rate and channel count to 16 kHz mono float32."""

from __future__ import annotations

import numpy as np
import soxr

from companion.audio.chunk import SAMPLE_RATE


def pcm_to_float(data: bytes, sample_width: int, channels: int) -> np.ndarray:
    """Decode little-endian PCM bytes to a float32 array of shape (frames, channels)."""
    if sample_width == 1:
        samples = (np.frombuffer(data, dtype=np.uint8).astype(np.float32) - 128.0) / 128.0
    elif sample_width == 2:
        samples = np.frombuffer(data, dtype="<i2").astype(np.float32) / 32768.0
    elif sample_width == 3:
        raw = np.frombuffer(data, dtype=np.uint8)
        raw = raw[: len(raw) - len(raw) % 3].reshape(-1, 3)
        ints = (
            raw[:, 0].astype(np.int32)
            | (raw[:, 1].astype(np.int32) << 8)
            | (raw[:, 2].astype(np.int32) << 16)
        )
        ints = np.where(ints >= 1 << 23, ints - (1 << 24), ints)
        samples = ints.astype(np.float32) / float(1 << 23)
    elif sample_width == 4:
        samples = np.frombuffer(data, dtype="<i4").astype(np.float32) / float(1 << 31)
    else:
        raise ValueError(f"unsupported sample width {sample_width} bytes")
    usable = len(samples) - len(samples) % channels
    return samples[:usable].reshape(-1, channels)


def to_mono(frames: np.ndarray, channel: int | None = None) -> np.ndarray:
    """Average the channels (or pick one) of a (frames, channels) array."""
    if frames.ndim == 1:
        return frames.astype(np.float32, copy=False)
    if channel is not None:
        return np.ascontiguousarray(frames[:, channel], dtype=np.float32)
    return frames.mean(axis=1, dtype=np.float32)


class StreamResampler:
    """Resamples a stream of mono blocks to 16 kHz without clicks at block edges."""

    def __init__(self, in_rate: int) -> None:
        self.in_rate = int(in_rate)
        self._stream = (
            None
            if self.in_rate == SAMPLE_RATE
            else soxr.ResampleStream(self.in_rate, SAMPLE_RATE, 1, dtype="float32", quality="HQ")
        )

    def process(self, block: np.ndarray, last: bool = False) -> np.ndarray:
        """Resample one block; pass ``last=True`` with the final block to flush."""
        block = np.ascontiguousarray(block, dtype=np.float32)
        if self._stream is None:
            return block
        return self._stream.resample_chunk(block, last=last)
