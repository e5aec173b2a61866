"""Bad input, tried: transcripts and audio files made of junk, invalid UTF-8, enormous lines,
JSON of the wrong shape, corrupt and truncated WAV headers, wrong rates and channel counts.
Every one either works or gets one clear line naming the file, exit status 2, and nothing
half-written (no output file, no half-imported session). How many inputs were tried is printed
(``pytest -s``) and quoted in the README."""

from __future__ import annotations

import io
import json
import struct
import wave
from collections import Counter
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from companion.audio.wav_source import read_audio
from companion.cli import main
from companion.errors import UserError

TRIED: Counter[str] = Counter()

_json_value = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=8,
)
_record = st.dictionaries(
    st.sampled_from(["start", "end", "speaker", "text", "source", "type", "reason", "by", "x"]),
    _json_value,
    max_size=6,
)
_speaker_line = st.builds(
    lambda who, words: f"{who}: {words}",
    st.sampled_from(["Caseworker", "Interpreter", "Claimant", "Unknown", "Judge", ""]),
    st.text(max_size=80),
)
#: Whole transcript files: junk, invalid UTF-8, near-valid JSON Lines, near-valid plain text,
#: and a line far longer than any real one.
_transcript = st.one_of(
    st.binary(max_size=400),
    st.binary(max_size=60).map(lambda b: b"\xff\xfe\xc3(" + b),
    st.lists(_record, min_size=1, max_size=6).map(
        lambda rs: "\n".join(json.dumps(r) for r in rs).encode()
    ),
    st.lists(_json_value, min_size=1, max_size=4).map(
        lambda vs: "\n".join(json.dumps(v) for v in vs).encode()
    ),
    st.lists(_speaker_line, min_size=1, max_size=8).map(lambda ls: "\n".join(ls).encode()),
    st.integers(100_000, 2_000_000).map(lambda n: b"Claimant: " + b"a" * n),
)


def _one_line_naming(err: str, name: str) -> None:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("interview-companion: ") and name in lines[0], err


@settings(max_examples=240, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    content=_transcript, command=st.sampled_from(["analyse", "summary-md", "summary-pdf", "import"])
)
def test_any_transcript_file_works_or_gets_one_line_and_nothing_half_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, command: str
) -> None:
    TRIED["transcript"] += 1
    path = tmp_path / "input.txt"
    path.write_bytes(content)
    out = tmp_path / "out.file"
    out.unlink(missing_ok=True)
    db = f"sqlite:///{tmp_path / 'fuzz.db'}"
    args = {
        "analyse": ["analyse", str(path)],
        "summary-md": ["summary", str(path), "--format", "md", "-o", str(out)],
        "summary-pdf": ["summary", str(path), "--format", "pdf", "-o", str(out)],
        "import": ["--db", db, "sessions", "import", str(path)],
    }[command]
    capsys.readouterr()
    before = _sessions(db) if command == "import" else 0
    status = main(args)
    err = capsys.readouterr().err
    assert status in (0, 2), err
    if status == 2:
        _one_line_naming(err, "input.txt")
        assert not out.exists()  # nothing half-written
        if command == "import":
            assert _sessions(db) == before  # nothing half-imported


def _sessions(db: str) -> int:
    from models.store import Store

    store = Store.open(db)
    try:
        return len(store.list_sessions())
    finally:
        store.close()


def _wav(rate: int, channels: int, width: int, frames: int) -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as w:
        w.setnchannels(channels)
        w.setsampwidth(width)
        w.setframerate(rate)
        w.writeframes(
            np.random.default_rng(0)
            .integers(0, 255, frames * channels * width, dtype=np.uint8)
            .tobytes()
        )
    return buffer.getvalue()


_audio = st.one_of(
    st.binary(max_size=300),
    # A real WAV header with any rate, channel count and width, then cut anywhere.
    st.tuples(
        st.sampled_from([1, 8000, 11025, 16000, 22050, 44100, 48000, 96000, 192000]),
        st.integers(1, 8),
        st.sampled_from([1, 2, 3, 4]),
        st.integers(0, 4000),
        st.integers(0, 100),
    ).map(
        lambda t: _wav(*t[:4])[: None if t[4] == 100 else max(0, len(_wav(*t[:4])) * t[4] // 100)]
    ),
    # A good WAV whose header fields were overwritten with junk.
    st.tuples(st.integers(20, 43), st.binary(min_size=1, max_size=4)).map(
        lambda t: _patch(_wav(16000, 1, 2, 1600), t[0], t[1])
    ),
)


def _patch(data: bytes, at: int, junk: bytes) -> bytes:
    return data[:at] + junk + data[at + len(junk) :]


@settings(max_examples=600, deadline=None, suppress_health_check=list(HealthCheck))
@given(content=_audio)
def test_any_audio_file_reads_or_gets_one_line_naming_it(tmp_path: Path, content: bytes) -> None:
    TRIED["audio"] += 1
    path = tmp_path / "input.wav"
    path.write_bytes(content)
    try:
        samples = read_audio(path)
    except UserError as exc:
        message = str(exc)
        assert "\n" not in message and "input.wav" in message, message
        return
    assert samples.dtype == np.float32 and samples.ndim == 1
    assert np.isfinite(samples).all()


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"RIFF",
        b"RIFF\xff\xff\xff\xffWAVEfmt ",
        _patch(_wav(16000, 1, 2, 1600), 22, struct.pack("<H", 0)),  # no channels
        _patch(_wav(16000, 1, 2, 1600), 24, struct.pack("<I", 0)),  # a rate of zero
        _patch(_wav(16000, 1, 2, 1600), 40, struct.pack("<I", 0xFFFFFFF0)),  # claims 4 GB
    ],
    ids=["empty", "riff-only", "no-format", "no-channels", "zero-rate", "claims-4-GB"],
)
def test_the_command_line_refuses_a_broken_wav_in_one_line(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    content: bytes,
    request: pytest.FixtureRequest,
) -> None:
    # Only a header that claims more than there is may still be read (what is there).
    readable_ok = request.node.callspec.id == "claims-4-GB"
    path = tmp_path / "broken.wav"
    path.write_bytes(content)
    status = main(["transcribe", str(path), "--save", "--db", f"sqlite:///{tmp_path / 's.db'}"])
    err = capsys.readouterr().err
    if status == 0 and readable_ok:
        return
    assert status == 2
    _one_line_naming(err, "broken.wav")
    assert _sessions(f"sqlite:///{tmp_path / 's.db'}") == 0  # no empty session left behind
