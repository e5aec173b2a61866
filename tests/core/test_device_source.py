"""Live capture through a fake sounddevice: device by name, resampling, unplugging."""

from __future__ import annotations

import threading
import time
from types import SimpleNamespace

import numpy as np
import pytest

from companion.audio.device_source import DeviceSource
from companion.audio.devices import find_input_device, list_input_devices
from companion.errors import AudioDeviceLostError, AudioError


class FakeStream:
    """Calls the callback with stereo 44.1 kHz blocks from a thread, like PortAudio."""

    def __init__(self, owner: FakeSoundDevice, **kwargs) -> None:
        self.owner = owner
        self.kwargs = kwargs
        self.active = False
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self.active = True
        self._thread = threading.Thread(target=self._run, name="fake-portaudio")
        self._thread.start()

    def _run(self) -> None:
        rate, block = self.kwargs["samplerate"], self.kwargs["blocksize"]
        sent = 0
        while self.active and sent < self.owner.blocks:
            t = (np.arange(block) + sent * block) / rate
            tone = (0.5 * np.sin(2 * np.pi * 440 * t)).astype(np.float32)
            self.kwargs["callback"](np.stack([tone, tone], axis=1), block, None, None)
            sent += 1
            time.sleep(0.001)
        if self.active and self.owner.unplug:
            self.active = False
            self.kwargs["finished_callback"]()

    def stop(self) -> None:
        self.active = False
        if self._thread and self._thread is not threading.current_thread():
            self._thread.join()

    def close(self) -> None:
        pass


class FakeSoundDevice:
    def __init__(self, blocks: int = 20, unplug: bool = False) -> None:
        self.blocks = blocks
        self.unplug = unplug
        self.default = SimpleNamespace(device=(1, 0))

    def query_devices(self):
        return [
            {
                "name": "Speakers",
                "max_input_channels": 0,
                "default_samplerate": 48000.0,
                "hostapi": 0,
            },
            {
                "name": "USB Headset Microphone",
                "max_input_channels": 2,
                "default_samplerate": 44100.0,
                "hostapi": 0,
            },
            {
                "name": "Monitor of Built-in Audio",
                "max_input_channels": 2,
                "default_samplerate": 48000.0,
                "hostapi": 0,
            },
        ]

    def query_hostapis(self):
        return [{"name": "ALSA"}]

    def InputStream(self, **kwargs):  # noqa: N802 - sounddevice's name
        return FakeStream(self, **kwargs)


def test_devices_are_listed_default_first_and_loopback_recognised() -> None:
    devices = list_input_devices(FakeSoundDevice())
    assert [d.name for d in devices] == ["USB Headset Microphone", "Monitor of Built-in Audio"]
    assert devices[1].is_loopback and not devices[0].is_loopback
    assert find_input_device("headset", FakeSoundDevice()).name == "USB Headset Microphone"
    assert find_input_device("", FakeSoundDevice(), loopback=True).name.startswith("Monitor")


def test_unknown_device_lists_what_exists() -> None:
    with pytest.raises(AudioError, match="'Jabra' not found; available inputs: USB Headset"):
        find_input_device("Jabra", FakeSoundDevice())


def test_capture_is_resampled_to_16k_mono() -> None:
    source = DeviceSource("headset", sd=FakeSoundDevice(blocks=10), block_s=0.1)
    got = []
    for chunk in source.chunks():
        got.append(chunk)
        if sum(c.duration for c in got) >= 0.9:
            source.stop()
    audio = np.concatenate([c.samples for c in got])
    assert source.rate == 44_100
    assert 0.85 < len(audio) / 16_000 < 1.05
    assert np.abs(audio[2000:]).max() == pytest.approx(0.5, abs=0.05)
    assert got[1].start == pytest.approx(0.1, abs=1e-6)


def test_unplugged_device_raises_a_clear_error_after_delivering_what_it_had() -> None:
    source = DeviceSource("headset", sd=FakeSoundDevice(blocks=5, unplug=True), block_s=0.1)
    got = []
    with pytest.raises(AudioDeviceLostError, match=r"USB Headset Microphone.*disconnected"):
        for chunk in source.chunks():
            got.append(chunk)
    assert sum(c.duration for c in got) > 0.3


def test_the_level_meter_hears_a_tone_and_says_so() -> None:
    from companion.audio.level import FLOOR_DB, LevelMeter

    meter = LevelMeter("USB", sd=FakeSoundDevice(blocks=10))
    assert meter.level_db == FLOOR_DB and "no sound heard" in meter.verdict()
    meter.start()
    deadline = time.monotonic() + 5
    while meter.peak_db < -20 and time.monotonic() < deadline:
        time.sleep(0.01)
    meter.stop()
    assert -10 < meter.peak_db < -1  # a 0.5 sine is about -9 dBFS
    assert "sound heard (loudest -9 dBFS)" in meter.verdict()
