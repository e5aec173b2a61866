"""Two sources at once: the caseworker's microphone and the call, each with its role."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from companion.audio.chunk import AudioChunk
from companion.audio.source import AudioSource
from companion.audio.wav_source import FileSource
from companion.errors import AudioDeviceLostError
from companion.transcription.events import CommittedSegment, SourceProblem
from companion.transcription.live import build_live
from companion.transcription.scripted import (
    EnergyVad,
    ScriptedTranscriber,
    script_from_text,
    tone_track,
)
from companion.transcription.vad import SpeechGate
from tests.audio_helpers import write_wav


def test_microphone_and_call_are_transcribed_with_their_roles(tmp_path: Path) -> None:
    question = "When did you leave your village?"
    answer = "He says he left in the winter after the election."
    mic = write_wav(tmp_path / "mic.wav", tone_track([(0.5, 2.5)], 8.0))
    call = write_wav(tmp_path / "call.wav", tone_track([(3.5, 7.0)], 8.0))
    script = script_from_text(question, 0.6) + script_from_text(answer, 3.6)
    events: list = []
    live = build_live(
        [FileSource(mic, origin="microphone"), FileSource(call, origin="call")],
        ScriptedTranscriber(script),
        events.append,
        gate_factory=lambda: SpeechGate(EnergyVad()),
    )
    live.run()
    segments = sorted((e for e in events if isinstance(e, CommittedSegment)), key=lambda s: s.start)
    assert [(s.speaker, s.text) for s in segments] == [
        ("caseworker", question),
        ("interpreter", answer),
    ]
    assert len({s.index for s in segments}) == 2  # one numbering across sources


class _UnpluggedAfter(AudioSource):
    """Delivers some speech, then fails like a USB headset pulled out."""

    origin = "microphone"
    label = "USB Headset"

    def __init__(self) -> None:
        self.audio = tone_track([(0.5, 2.0)], 2.5)

    def chunks(self):
        for i in range(0, len(self.audio), 1600):
            yield AudioChunk(self.audio[i : i + 1600], i / 16000)
        raise AudioDeviceLostError("audio device 'USB Headset' was disconnected during the session")

    def stop(self) -> None:
        pass


def test_a_lost_device_is_reported_and_the_other_source_goes_on(tmp_path: Path) -> None:
    call = write_wav(tmp_path / "call.wav", tone_track([(3.0, 5.0)], 6.0))
    script = script_from_text("are you all right", 0.6) + script_from_text("yes I am fine", 3.1)
    events: list = []
    build_live(
        [_UnpluggedAfter(), FileSource(call, origin="call")],
        ScriptedTranscriber(script),
        events.append,
        gate_factory=lambda: SpeechGate(EnergyVad()),
    ).run()
    problems = [e for e in events if isinstance(e, SourceProblem)]
    texts = [e.text for e in events if isinstance(e, CommittedSegment)]
    assert problems and "disconnected" in problems[0].message
    assert "are you all right" in texts  # what the headset delivered was kept
    assert "yes I am fine" in texts  # the call kept going


def test_stop_commits_what_is_open_and_returns(tmp_path: Path) -> None:
    path = write_wav(tmp_path / "long.wav", tone_track([(0.2, 30.0)], 30.0))
    script = script_from_text("one two three four five six seven eight nine ten " * 10, 0.3)
    events: list = []
    live = build_live(
        [FileSource(path, origin="call")],
        ScriptedTranscriber(script),
        lambda e: (events.append(e), live.stop() if len(events) > 3 else None),
        gate_factory=lambda: SpeechGate(EnergyVad()),
    )
    live.run()
    committed = [e for e in events if isinstance(e, CommittedSegment)]
    assert committed, "what was heard before stop() is committed"
    words = " ".join(s.text for s in committed).split()
    said = script_text_prefix(script, len(words))
    assert words[:-1] == said[:-1]
    # Audio cut mid-word by the stop is committed as heard (the word's beginning), not dropped.
    assert said[-1].startswith(words[-1].rstrip("-"))


def script_text_prefix(script, n: int) -> list[str]:
    return [w.text.strip() for w in script][:n]


def test_sources_must_have_distinct_origins(tmp_path: Path) -> None:
    a = write_wav(tmp_path / "a.wav", np.zeros(1600, dtype=np.float32))
    with pytest.raises(ValueError, match="one source per origin"):
        build_live(
            [FileSource(a, origin="call"), FileSource(a, origin="call")],
            ScriptedTranscriber([]),
            print,
        )


def test_a_failing_model_stops_capture_and_reports(tmp_path: Path) -> None:
    path = write_wav(tmp_path / "call.wav", tone_track([(0.2, 20.0)], 20.0))

    class Broken(ScriptedTranscriber):
        def transcribe(self, audio, **kw):  # type: ignore[override]
            raise RuntimeError("model crashed")

    source = FileSource(path, origin="call")
    live = build_live(
        [source], Broken([]), lambda e: None, gate_factory=lambda: SpeechGate(EnergyVad())
    )
    with pytest.raises(RuntimeError, match="model crashed"):
        live.run()
    assert source._stop.is_set()  # capture was told to stop; no reader-less device left open


@pytest.mark.parametrize(
    ("claimant_language", "expected"),
    [(None, [("en", "interpreter")] * 2), ("ar", [("en", "interpreter"), ("ar", "claimant")])],
)
def test_the_call_is_only_ever_heard_in_the_interview_languages(
    tmp_path: Path, claimant_language: str | None, expected: list[tuple[str, str]]
) -> None:
    # The multilingual model guesses Telugu for an English turn and Arabic for the claimant's.
    call = write_wav(tmp_path / "call.wav", tone_track([(0.5, 2.5), (4.0, 6.0)], 7.5))
    script = script_from_text("he says he left in winter", 0.6, language="te") + script_from_text(
        "ana ghadart fi al shita", 4.1, language="ar"
    )
    events: list = []
    build_live(
        [FileSource(call, origin="call")],
        ScriptedTranscriber(script, multilingual=True),
        events.append,
        claimant_language=claimant_language,
        gate_factory=lambda: SpeechGate(EnergyVad()),
    ).run()
    segments = [e for e in events if isinstance(e, CommittedSegment)]
    assert [(s.language, s.speaker) for s in segments] == expected
