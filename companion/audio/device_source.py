"""Live capture from a microphone or a loopback device (the call's audio) via sounddevice."""

from __future__ import annotations

import contextlib
import logging
import queue
import threading
from collections.abc import Iterator
from typing import Any

import numpy as np

from companion.audio.chunk import SAMPLE_RATE, AudioChunk
from companion.audio.devices import find_input_device, load_sounddevice
from companion.audio.resample import StreamResampler, to_mono
from companion.audio.source import AudioSource
from companion.errors import AudioDeviceLostError, AudioError

log = logging.getLogger(__name__)


class DeviceSource(AudioSource):
    """Captures an input device at its own rate and delivers 16 kHz mono chunks.

    The PortAudio callback only copies blocks into a bounded queue; resampling happens in the
    consumer's thread. If the consumer falls more than ``max_queue_s`` behind, the oldest audio
    is dropped (counted and logged) rather than growing memory without bound; chunk ``start``
    times keep the gap visible.
    """

    def __init__(
        self,
        device: str = "",
        *,
        origin: str = "microphone",
        block_s: float = 0.1,
        max_queue_s: float = 30.0,
        sd: Any = None,
    ) -> None:
        self.origin = origin
        self.live = True
        self._sd = sd or load_sounddevice()
        self.device = find_input_device(device, self._sd, loopback=origin == "call")
        self.label = self.device.name
        self.rate = int(self.device.default_rate) or SAMPLE_RATE
        self.block_s = block_s
        blocks = max(2, int(max_queue_s / block_s))
        self._queue: queue.Queue[tuple[np.ndarray, int] | None] = queue.Queue(maxsize=blocks)
        self._stop = threading.Event()
        self._frames_captured = 0
        self.dropped_blocks = 0
        self.status_flags = 0
        self._stream: Any = None

    def _callback(self, indata: np.ndarray, frames: int, _time: Any, status: Any) -> None:
        if status:
            self.status_flags += 1
        position = self._frames_captured
        self._frames_captured += frames
        item = (indata.copy(), position)
        try:
            self._queue.put_nowait(item)
        except queue.Full:
            try:
                self._queue.get_nowait()
                self.dropped_blocks += 1
            except queue.Empty:
                pass
            self._queue.put_nowait(item)

    def _open(self) -> None:
        channels = min(2, self.device.channels)
        try:
            self._stream = self._sd.InputStream(
                device=self.device.index,
                channels=channels,
                samplerate=self.rate,
                blocksize=int(self.rate * self.block_s),
                dtype="float32",
                callback=self._callback,
                finished_callback=lambda: self._queue.put(None),
            )
            self._stream.start()
        except Exception as exc:
            raise AudioError(
                f"audio device '{self.device.name}' cannot be opened at {self.rate} Hz: {exc}"
            ) from exc
        log.info("capturing %s from '%s' at %d Hz", self.origin, self.device.name, self.rate)

    def chunks(self) -> Iterator[AudioChunk]:
        """Yield captured audio until :meth:`stop`; AudioDeviceLostError if the device goes."""
        self._open()
        resampler = StreamResampler(self.rate)
        try:
            while not self._stop.is_set():
                try:
                    item = self._queue.get(timeout=0.5)
                except queue.Empty:
                    if self._stream is not None and not self._stream.active:
                        raise AudioDeviceLostError(
                            f"audio device '{self.device.name}' stopped delivering audio "
                            "(unplugged?)"
                        ) from None
                    continue
                if item is None:
                    if self._stop.is_set():
                        break
                    raise AudioDeviceLostError(
                        f"audio device '{self.device.name}' was disconnected during the session"
                    )
                block, position = item
                samples = resampler.process(to_mono(block))
                if len(samples):
                    yield AudioChunk(samples, position / self.rate)
        finally:
            self._close()

    def _close(self) -> None:
        stream, self._stream = self._stream, None
        if stream is None:
            return
        try:
            stream.stop()
            stream.close()
        except Exception as exc:  # noqa: BLE001
            log.warning("closing audio device '%s' failed: %s", self.device.name, exc)
        if self.dropped_blocks:
            log.warning(
                "audio device '%s': %d blocks dropped because processing fell behind",
                self.device.name,
                self.dropped_blocks,
            )

    def stop(self) -> None:
        """Stop capturing (safe from any thread)."""
        self._stop.set()
        with contextlib.suppress(queue.Full):
            self._queue.put_nowait(None)

    def produced_until(self) -> float:
        """Seconds captured so far."""
        return self._frames_captured / self.rate
