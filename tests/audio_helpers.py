"""Small audio files made on the fly for tests."""

from __future__ import annotations

import wave
from pathlib import Path

import numpy as np


def write_wav(path: Path, samples: np.ndarray, rate: int = 16_000, width: int = 2) -> Path:
    """Write float samples in [-1, 1] (shape (n,) or (n, channels)) as PCM WAV."""
    data = np.atleast_2d(samples.T).T if samples.ndim == 1 else samples
    channels = data.shape[1]
    if width == 1:
        raw = ((data * 127) + 128).clip(0, 255).astype(np.uint8).tobytes()
    elif width == 2:
        raw = (data * 32767).clip(-32768, 32767).astype("<i2").tobytes()
    elif width == 3:
        ints = (data * (2**23 - 1)).astype("<i4").reshape(-1)
        raw = b"".join(int(v & 0xFFFFFF).to_bytes(3, "little") for v in ints)
    else:
        raw = (data * (2**31 - 1)).astype("<i4").tobytes()
    with wave.open(str(path), "wb") as out:
        out.setnchannels(channels)
        out.setsampwidth(width)
        out.setframerate(rate)
        out.writeframes(raw)
    return path


def sine(seconds: float, rate: int = 16_000, freq: float = 440.0, amp: float = 0.5) -> np.ndarray:
    """A sine tone."""
    t = np.arange(int(seconds * rate)) / rate
    return (amp * np.sin(2 * np.pi * freq * t)).astype(np.float32)
