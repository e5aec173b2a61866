"""Capture devices, found by name through sounddevice (PortAudio).

sounddevice is imported lazily and can be replaced (``sd=`` arguments) so tests run without
PortAudio or hardware. On Linux it needs Debian's ``libportaudio2``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from companion.errors import AudioError

log = logging.getLogger(__name__)

#: Words in a device name that mean it captures what the machine plays (the call's audio).
LOOPBACK_HINTS = ("monitor", "loopback", "stereo mix", "what u hear", "blackhole", "cable output")


@dataclass(frozen=True)
class InputDevice:
    """An input device the user can pick."""

    index: int
    name: str
    channels: int
    default_rate: float
    hostapi: str
    is_default: bool
    is_loopback: bool


def load_sounddevice() -> ModuleType:
    """Import sounddevice, or explain in one line how to make PortAudio available."""
    try:
        import sounddevice
    except OSError as exc:  # PortAudio library missing
        raise AudioError(
            f"audio capture is unavailable: PortAudio not found ({exc}); on Debian/Ubuntu run "
            "'sudo apt-get install libportaudio2'"
        ) from exc
    return sounddevice


def list_input_devices(sd: Any = None) -> list[InputDevice]:
    """Every device with input channels, default first."""
    sd = sd or load_sounddevice()
    try:
        devices = sd.query_devices()
        hostapis = sd.query_hostapis()
        default_in = sd.default.device[0] if sd.default.device else -1
    except Exception as exc:
        raise AudioError(f"audio devices cannot be listed: {exc}") from exc
    found = []
    for index, dev in enumerate(devices):
        if int(dev["max_input_channels"]) < 1:
            continue
        name = str(dev["name"])
        found.append(
            InputDevice(
                index=index,
                name=name,
                channels=int(dev["max_input_channels"]),
                default_rate=float(dev["default_samplerate"]),
                hostapi=str(hostapis[dev["hostapi"]]["name"]) if hostapis else "",
                is_default=index == default_in,
                is_loopback=any(h in name.lower() for h in LOOPBACK_HINTS),
            )
        )
    found.sort(key=lambda d: (not d.is_default, d.index))
    return found


def find_input_device(name: str, sd: Any = None, loopback: bool = False) -> InputDevice:
    """The input device whose name matches ``name`` (exact, then case-insensitive substring).

    An empty name picks the system default (or, with ``loopback``, the first loopback/monitor
    device). Raises AudioError naming the device and listing what exists.
    """
    devices = list_input_devices(sd)
    if not devices:
        raise AudioError("no audio input device found; connect a microphone or headset")
    if not name:
        if loopback:
            for dev in devices:
                if dev.is_loopback:
                    return dev
            raise AudioError(
                "no loopback device for the call's audio found (looked for names with "
                f"{', '.join(LOOPBACK_HINTS)}); choose the call device by name"
            )
        return devices[0]
    for dev in devices:
        if dev.name == name:
            return dev
    matches = [dev for dev in devices if name.lower() in dev.name.lower()]
    if len(matches) >= 1:
        return matches[0]
    names = "; ".join(d.name for d in devices)
    raise AudioError(f"audio device '{name}' not found; available inputs: {names}")
