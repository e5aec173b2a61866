"""Input level of a capture device, for the start screen's meters and test button."""

from __future__ import annotations

import logging
import math
from typing import Any

import numpy as np

from companion.audio.devices import find_input_device, load_sounddevice
from companion.errors import AudioError

log = logging.getLogger(__name__)
#: The quietest level shown (dBFS).
FLOOR_DB = -60.0


class LevelMeter:
    """Opens a device and keeps its latest level (dBFS) and the loudest since the start.

    The PortAudio callback only computes a number; readers (a UI timer) just read it."""

    def __init__(self, device: str = "", *, origin: str = "microphone", sd: Any = None) -> None:
        self._sd = sd or load_sounddevice()
        self.device = find_input_device(device, self._sd, loopback=origin == "call")
        self.level_db = FLOOR_DB
        self.peak_db = FLOOR_DB
        self._stream: Any = None

    def _callback(self, indata: np.ndarray, _frames: int, _time: Any, _status: Any) -> None:
        rms = float(np.sqrt(np.mean(np.square(indata, dtype=np.float64)))) if indata.size else 0.0
        level = max(FLOOR_DB, 20 * math.log10(rms) if rms > 0 else FLOOR_DB)
        self.level_db = level
        self.peak_db = max(self.peak_db, level)

    def start(self) -> None:
        """Start metering; a device that cannot be opened is an AudioError naming it."""
        rate = int(self.device.default_rate) or 16_000
        try:
            self._stream = self._sd.InputStream(
                device=self.device.index,
                channels=min(2, self.device.channels),
                samplerate=rate,
                blocksize=int(rate * 0.05),
                dtype="float32",
                callback=self._callback,
                finished_callback=lambda: None,
            )
            self._stream.start()
        except Exception as exc:
            raise AudioError(f"audio device '{self.device.name}' cannot be opened: {exc}") from exc

    def stop(self) -> None:
        """Stop metering and release the device."""
        stream, self._stream = self._stream, None
        if stream is not None:
            try:
                stream.stop()
                stream.close()
            except Exception as exc:  # noqa: BLE001 - the device may already be gone
                log.warning("level meter: closing '%s' failed: %s", self.device.name, exc)

    def verdict(self) -> str:
        """A plain sentence about the loudest level heard so far."""
        if self.peak_db <= -55:
            return f"{self.device.name}: no sound heard — check the device and its volume"
        if self.peak_db >= -1:
            return f"{self.device.name}: too loud (clipping) — lower the input volume"
        return f"{self.device.name}: sound heard (loudest {self.peak_db:.0f} dBFS)"
