"""The interface every audio source implements."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator

from companion.audio.chunk import AudioChunk

#: Where audio comes from; the first clue to who is speaking.
ORIGINS = ("microphone", "call", "file")


class AudioSource(ABC):
    """A stream of :class:`AudioChunk` at 16 kHz mono.

    ``chunks()`` blocks until audio is available and ends when the source is exhausted or
    :meth:`stop` is called (from any thread). A failure mid-stream raises
    :class:`companion.errors.AudioError` (or ``AudioDeviceLostError``) from ``chunks()``.
    """

    #: "microphone" (the caseworker), "call" (interpreter and claimant) or "file".
    origin: str = "file"
    #: A human label: the device name or file path.
    label: str = ""
    #: True when audio arrives at the pace of real time (a device, or a paced replay); only then
    #: does a growing queue mean the engine is falling behind.
    live: bool = False

    @abstractmethod
    def chunks(self) -> Iterator[AudioChunk]:
        """Yield audio until the end of the source or :meth:`stop`."""

    @abstractmethod
    def stop(self) -> None:
        """Ask the source to end; ``chunks()`` returns soon after."""

    def produced_until(self) -> float:
        """Seconds of audio the source has captured so far (for backlog measurement)."""
        return 0.0
