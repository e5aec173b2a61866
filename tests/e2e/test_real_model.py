"""End to end with the real shipped models on real generated speech (slow; run in CI)."""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from companion.audio.wav_source import FileSource, read_audio
from companion.bench.wer import wer
from companion.transcription.decoder import WhisperDecoder
from companion.transcription.events import CommittedSegment, TentativeText
from companion.transcription.live import build_live
from companion.transcription.model_store import ModelStore
from tests.audio_helpers import write_wav
from tests.paths import ROOT, SAMPLES

pytestmark = pytest.mark.slow


def _reference(until: float) -> str:
    lines = (
        json.loads(x) for x in (SAMPLES / "sample_interview.ref.jsonl").read_text().splitlines()
    )
    return " ".join(r["text"] for r in lines if r["end"] <= until)


@pytest.fixture(scope="module")
def excerpt(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The first 60 seconds of the sample interview, as a 16 kHz WAV."""
    audio = read_audio(SAMPLES / "sample_interview.ogg")[: 60 * 16_000]
    return write_wav(tmp_path_factory.mktemp("audio") / "excerpt.wav", audio)


@pytest.fixture(scope="module")
def decoders(model_cache: Path) -> dict[str, WhisperDecoder]:
    store = ModelStore(cache_dir=model_cache)
    return {name: WhisperDecoder(store.resolve(name)) for name in ("tiny.en", "base")}


@pytest.mark.parametrize("name", ["tiny.en", "base"])
def test_streaming_transcript_matches_what_was_said(excerpt: Path, decoders, name: str) -> None:
    events: list = []
    build_live(
        [FileSource(excerpt, origin="call")], decoders[name], events.append, claimant_language="fa"
    ).run()
    segments = [e for e in events if isinstance(e, CommittedSegment)]
    hypothesis = " ".join(s.text for s in segments)
    reference = _reference(60.0)
    assert wer(reference, hypothesis) < 30.0, hypothesis
    assert [s.index for s in segments] == list(range(len(segments)))
    assert all(a.start <= b.start for a, b in itertools.pairwise(segments))
    assert all(s.speaker == "interpreter" and s.language == "en" for s in segments)
    assert any(isinstance(e, TentativeText) and e.text for e in events)


@pytest.mark.parametrize("kind", ["silence", "hiss-and-clicks"])
def test_no_words_on_silence_or_noise(tmp_path: Path, decoders, kind: str) -> None:
    rng = np.random.default_rng(7)
    seconds = 60
    if kind == "silence":
        audio = rng.normal(0, 1e-4, seconds * 16_000)
    else:
        audio = rng.normal(0, 0.01, seconds * 16_000)  # hiss around -40 dBFS
        audio += 0.003 * np.sin(2 * np.pi * 50 * np.arange(len(audio)) / 16_000)  # mains hum
        for at in rng.integers(0, len(audio) - 100, 40):  # clicks and pops
            audio[at : at + 30] += rng.choice([-0.8, 0.8])
    path = write_wav(tmp_path / f"{kind}.wav", audio.astype(np.float32).clip(-1, 1))
    for decoder in decoders.values():
        events: list = []
        build_live([FileSource(path, origin="call")], decoder, events.append).run()
        assert [e.text for e in events if isinstance(e, CommittedSegment)] == []


def test_transcribe_command_prints_contract_json_lines(excerpt: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "companion", "transcribe", str(excerpt), "--model", "tiny.en"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) >= 5
    for record in records:
        assert record["speaker"] in ("caseworker", "interpreter", "claimant", "unknown")
        assert isinstance(record["text"], str) and record["text"]
        assert 0 <= record["start"] <= record["end"] <= 60.5
    assert "Helen" in result.stdout or "morning" in result.stdout.lower()


def test_a_saved_live_transcription_killed_half_way_keeps_what_it_printed(
    excerpt: Path, tmp_path: Path
) -> None:
    import os
    import signal

    from models.recovery import mark_interrupted
    from models.store import Store

    db = f"sqlite:///{tmp_path / 'store.db'}"
    command = [
        sys.executable,
        "-m",
        "companion",
        "transcribe",
        str(excerpt),
        "--model",
        "tiny.en",
        "--realtime",
        "--save",
        "--reference",
        "IC-kill",
        "--db",
        db,
    ]
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT
    )
    assert process.stdout is not None
    printed = []
    try:
        for line in process.stdout:
            printed.append(json.loads(line))
            if len(printed) == 3:
                break
    finally:
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
        process.stdout.close()
        assert process.stderr is not None
        stderr = process.stderr.read()
        process.stderr.close()
    assert process.returncode == -signal.SIGKILL
    assert len(printed) == 3, stderr
    assert "session 1" in stderr
    store = Store.open(db)
    try:
        (interrupted,) = mark_interrupted(store)
        assert interrupted.reference == "IC-kill"
        stored = store.load(interrupted.id).segments
        assert [(s.text, s.start_s, s.end_s) for s in stored[:3]] == [
            (p["text"], p["start"], p["end"]) for p in printed
        ]
        assert interrupted.state == "interrupted"
    finally:
        store.close()
