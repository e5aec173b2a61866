"""Audio files: any rate and channel count becomes 16 kHz mono; bad files get one clear line."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from companion.audio.wav_source import FileSource, read_audio, read_blocks
from companion.errors import AudioError
from tests.audio_helpers import sine, write_wav


@pytest.mark.parametrize("rate", [8_000, 16_000, 22_050, 44_100, 48_000])
@pytest.mark.parametrize("width", [1, 2, 3, 4])
def test_any_rate_and_width_becomes_16k_mono(tmp_path: Path, rate: int, width: int) -> None:
    path = write_wav(tmp_path / "a.wav", sine(1.0, rate), rate=rate, width=width)
    audio = read_audio(path)
    assert audio.dtype == np.float32
    assert abs(len(audio) - 16_000) <= 16  # one second at 16 kHz
    # The tone survives: its strongest frequency is still 440 Hz.
    spectrum = np.abs(np.fft.rfft(audio[2000:14000]))
    peak_hz = np.argmax(spectrum) * 16_000 / 12_000
    assert abs(peak_hz - 440) < 5
    assert 0.3 < np.abs(audio).max() < 0.6


def test_stereo_is_mixed_or_one_channel_picked(tmp_path: Path) -> None:
    left, right = sine(1.0, 44_100, 300), np.zeros(44_100, dtype=np.float32)
    path = write_wav(tmp_path / "s.wav", np.stack([left, right], axis=1), rate=44_100)
    mixed = read_audio(path)
    only_left = read_audio(path, channel=0)
    only_right = read_audio(path, channel=1)
    assert np.abs(only_right).max() < 0.01
    assert np.abs(only_left).max() == pytest.approx(0.5, abs=0.05)
    assert np.abs(mixed).max() == pytest.approx(0.25, abs=0.05)
    with pytest.raises(AudioError, match="channel 2"):
        read_audio(path, channel=2)


def test_missing_directory_garbage_and_empty_files_name_the_file(tmp_path: Path) -> None:
    with pytest.raises(AudioError, match=r"nope\.wav: no such audio file"):
        FileSource(tmp_path / "nope.wav")
    with pytest.raises(AudioError, match="is a directory"):
        read_audio(tmp_path)
    junk = tmp_path / "junk.wav"
    junk.write_bytes(b"\x00\x01garbage" * 100)
    with pytest.raises(AudioError, match=r"junk\.wav: not a readable audio file"):
        read_audio(junk)
    empty = write_wav(tmp_path / "empty.wav", np.zeros(0, dtype=np.float32))
    with pytest.raises(AudioError, match=r"empty\.wav: holds no audio"):
        read_audio(empty)


def test_truncated_wav_keeps_what_is_there(tmp_path: Path) -> None:
    path = write_wav(tmp_path / "t.wav", sine(2.0), rate=16_000)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    audio = read_audio(path)
    assert 0.9 < len(audio) / 16_000 < 1.1


def test_compressed_sample_recording_decodes(tmp_path: Path) -> None:
    from companion.resources import sample_interview_path

    blocks = read_blocks(sample_interview_path(), block_s=1.0)
    first = next(blocks)
    assert first.dtype == np.float32 and len(first) > 1000


def test_realtime_replay_is_paced_by_the_clock(tmp_path: Path) -> None:
    path = write_wav(tmp_path / "p.wav", sine(1.0), rate=16_000)
    now = [100.0]
    waits: list[float] = []

    def wait(seconds: float) -> bool:
        waits.append(seconds)
        now[0] += seconds
        return False

    source = FileSource(path, realtime=True, chunk_s=0.1, clock=lambda: now[0], wait=wait)
    chunks = list(source.chunks())
    assert len(chunks) == 10
    assert [round(c.start, 3) for c in chunks[:3]] == [0.0, 0.1, 0.2]
    # Each chunk is released when its last sample would have been heard.
    assert sum(waits) == pytest.approx(1.0, abs=1e-6)
    assert now[0] == pytest.approx(101.0)


def test_fast_replay_does_not_wait_and_stop_ends_it(tmp_path: Path) -> None:
    path = write_wav(tmp_path / "f.wav", sine(3.0), rate=16_000)
    source = FileSource(path, chunk_s=0.5, wait=lambda s: pytest.fail("waited"))
    got = []
    for chunk in source.chunks():
        got.append(chunk)
        if len(got) == 2:
            source.stop()
    assert len(got) == 2


def test_the_demo_hears_the_caseworker_on_the_microphone_and_the_rest_on_the_call() -> None:
    import json

    import numpy as np

    from companion.audio.masked_source import sample_sources
    from tests.paths import SAMPLES

    microphone, call = sample_sources(realtime=False)
    assert (microphone.origin, call.origin) == ("microphone", "call")
    turns = [
        json.loads(x) for x in (SAMPLES / "sample_interview.ref.jsonl").read_text().splitlines()
    ]
    first_caseworker = next(t for t in turns if t["speaker"] == "caseworker")
    first_other = next(t for t in turns if t["speaker"] != "caseworker")

    def loudness(source, start: float, end: float) -> float:
        parts = [c.samples for c in source.chunks() if start <= c.start < end]
        source.stop()
        return float(np.sqrt(np.mean(np.concatenate(parts) ** 2)))

    middle = (first_other["start"] + 1, first_other["end"] - 1)
    assert loudness(microphone, *middle) < 0.001  # the microphone does not hear the call
    microphone, call = sample_sources(realtime=False)
    assert loudness(call, *middle) > 0.01
    mine = (first_caseworker["start"] + 0.5, first_caseworker["end"] - 0.5)
    assert loudness(microphone, *mine) > 0.01
