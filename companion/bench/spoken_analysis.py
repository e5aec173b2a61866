"""The analysis on what the live pipeline hears, beside the analysis of the clean text.

Each labelled transcript of a corpus is spoken turn by turn with espeak-ng: the caseworker on
the left channel (the microphone), the claimant's side on the right (the call), as in a video
interview. The stereo recording goes through the real streaming pipeline (``build_live``, as
``transcribe`` and the app use it), and the committed segments, in spoken order, are analysed
and scored against the same labels as the text. A segment counts for the labelled turn whose
time span holds its middle (one spoken turn may become several segments).

Bracketed notes ("[crying]") are not speech and are not spoken: what the pipeline cannot hear
is part of what is lost, and the report says so.

``python -m companion.bench.spoken_analysis [--corpus DIR ...] [--model NAME] [--out DIR]``
prints the figures (``--json`` for JSON). The recordings are cached in ``OUT/spoken``.
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import json
import random
import sys
import tempfile
import time
import wave
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from companion.analysis.scoring import Score, score_file, score_segments
from companion.analysis.text import without_notes
from companion.audio.wav_source import FileSource
from companion.bench.speech_corpus import SAMPLE_RATE, Voice, _espeak, _trim, espeak_available
from companion.transcript import parse_transcript
from companion.transcript.model import Segment
from companion.transcription.decoder import WhisperDecoder
from companion.transcription.events import CommittedSegment
from companion.transcription.live import build_live
from companion.transcription.model_store import ModelStore

#: The caseworker on the microphone; the claimant's side (interpreter or claimant) on the call.
VOICES = {
    "caseworker": Voice("en-gb-x-rp", 150, 48),
    "call": Voice("en-us+f3", 150, 55),
}
#: Silence between turns, seconds.
GAP_RANGE_S = (0.7, 1.4)
#: Bump when the recordings change, so that cached ones are made again.
VERSION = 1


@dataclass(frozen=True)
class Spoken:
    """One labelled transcript as a stereo recording with each turn's time span."""

    wav: Path
    spans: tuple[tuple[float, float], ...]


def speak(segments: list[Segment], out: Path, seed: int = 0) -> Spoken:
    """Speak every turn on its side's channel; a turn with no words (a note) takes no time."""
    cache = out.with_suffix(".json")
    key = hashlib.sha256(
        json.dumps([VERSION, seed, [(s.speaker, s.text) for s in segments]]).encode()
    ).hexdigest()
    if cache.exists() and out.exists():
        stored = json.loads(cache.read_text(encoding="utf-8"))
        if stored.get("key") == key:
            return Spoken(out, tuple((a, b) for a, b in stored["spans"]))
    rng = random.Random(f"spoken:{out.stem}:{seed}")
    pieces: list[tuple[int, int, np.ndarray]] = []  # (channel, start sample, audio)
    spans: list[tuple[float, float]] = []
    cursor = int(0.5 * SAMPLE_RATE)
    with tempfile.TemporaryDirectory(prefix="spoken_") as tmp:
        tmp_wav = Path(tmp) / "turn.wav"
        for segment in segments:
            words = " ".join(without_notes(segment.text).split())
            if not words:
                spans.append((cursor / SAMPLE_RATE, cursor / SAMPLE_RATE))
                continue
            side = "caseworker" if segment.speaker == "caseworker" else "call"
            voice = VOICES[side]
            audio = _trim(_espeak(words, voice.name, voice.speed, voice.pitch, tmp_wav))
            peak = float(np.max(np.abs(audio))) if len(audio) else 0.0
            if peak > 0:
                audio = audio * (0.7 / peak)
            pieces.append((0 if side == "caseworker" else 1, cursor, audio))
            spans.append((cursor / SAMPLE_RATE, (cursor + len(audio)) / SAMPLE_RATE))
            cursor += len(audio) + int(rng.uniform(*GAP_RANGE_S) * SAMPLE_RATE)
    signal = np.zeros((cursor + SAMPLE_RATE, 2), dtype=np.float32)
    for channel, start, audio in pieces:
        signal[start : start + len(audio), channel] += audio
    noise = np.random.default_rng(seed).normal(0.0, 10 ** (-55 / 20), signal.shape)
    signal += noise.astype(np.float32)
    pcm = (np.clip(signal, -1.0, 1.0) * 32767).astype("<i2")
    out.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(out), "wb") as wav:
        wav.setnchannels(2)
        wav.setsampwidth(2)
        wav.setframerate(SAMPLE_RATE)
        wav.writeframes(pcm.tobytes())
    cache.write_text(json.dumps({"key": key, "spans": spans}), encoding="utf-8")
    return Spoken(out, tuple(spans))


def hear(
    decoder: WhisperDecoder | None, wav: Path, model: str, language: str | None = None
) -> tuple[list[Segment], float]:
    """The live pipeline over the stereo recording: committed segments in spoken order, and
    the CPU seconds it took.

    What was heard is kept beside the recording (``NAME.MODEL.heard.json``), so that a change
    to the analysis is measured again without transcribing again; a new recording, model or
    speech engine (its source files) transcribes afresh."""
    cache = heard_path(wav, model)
    engine = engine_fingerprint()
    stored = (
        json.loads(cache.read_text(encoding="utf-8"))
        if cache.exists() and cache.stat().st_mtime >= wav.stat().st_mtime
        else {}
    )
    if stored.get("engine") == engine:
        rows = stored["segments"]
        heard = [
            Segment(n, r["speaker"], r["text"], r["start"], r["end"]) for n, r in enumerate(rows)
        ]
        return heard, float(stored["cpu_s"])
    if decoder is None:
        decoder = WhisperDecoder(ModelStore().resolve(model))
    before = time.process_time()
    segments = _transcribe(decoder, wav, language)
    cpu_s = time.process_time() - before
    rows = [
        {"speaker": s.speaker, "text": s.text, "start": s.start, "end": s.end} for s in segments
    ]
    cache.write_text(
        json.dumps({"segments": rows, "cpu_s": cpu_s, "engine": engine}), encoding="utf-8"
    )
    return segments, cpu_s


@functools.cache
def engine_fingerprint() -> str:
    """A digest of the speech engine's source: what was heard is stale when it changes."""
    import companion.transcription as transcription

    digest = hashlib.sha256()
    for path in sorted(Path(transcription.__file__).parent.glob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def heard_path(wav: Path, model: str) -> Path:
    """Where what the pipeline heard of ``wav`` with ``model`` is kept."""
    return wav.with_name(f"{wav.stem}.{model}.heard.json")


#: The claimant's language the caseworker sets for a multilingual model (the call is then
#: recognised as English or this language, as in the app); an English-only model needs none.
CLAIMANT_LANGUAGE = "ar"


def _transcribe(decoder: WhisperDecoder, wav: Path, language: str | None = None) -> list[Segment]:
    events: list[Any] = []
    sources = [
        FileSource(wav, origin="microphone", channel=0),
        FileSource(wav, origin="call", channel=1),
    ]
    build_live(sources, decoder, events.append, claimant_language=language).run()
    committed = sorted(
        (e for e in events if isinstance(e, CommittedSegment)), key=lambda e: (e.start, e.end)
    )
    return [
        Segment(number, e.speaker, e.text, e.start, e.end) for number, e in enumerate(committed)
    ]


def turn_of(
    segment: Segment, spans: tuple[tuple[float, float], ...], caseworker: list[bool]
) -> int:
    """The labelled turn a heard segment belongs to: the span holding its middle, on its side."""
    middle = ((segment.start or 0.0) + (segment.end or 0.0)) / 2
    own_side = segment.speaker == "caseworker"
    best, distance = 0, float("inf")
    for number, (start, end) in enumerate(spans):
        if end <= start or caseworker[number] != own_side:
            continue
        gap = 0.0 if start <= middle <= end else min(abs(middle - start), abs(middle - end))
        if gap < distance:
            best, distance = number, gap
    return best


def measure(corpora: list[Path], model: str, out: Path) -> dict[str, Any]:
    """Clean and spoken scores for every labelled transcript of ``corpora``."""
    info = ModelStore().resolve(model)
    decoder: WhisperDecoder | None = None  # loaded only if something must be transcribed
    clean_total, spoken_total = Score(), Score()
    files: list[dict[str, Any]] = []
    audio_s = cpu_s = 0.0
    for corpus in corpora:
        labels = json.loads((corpus / "labels.json").read_text(encoding="utf-8"))
        for name, file_labels in sorted(labels.items()):
            path = corpus / name
            segments = parse_transcript(path).segments
            spoken = speak(segments, out / corpus.name / f"{path.stem}.wav")
            if decoder is None and not heard_path(spoken.wav, info.name).exists():
                decoder = WhisperDecoder(info)
            language = CLAIMANT_LANGUAGE if info.multilingual else None
            heard, cpu = hear(decoder, spoken.wav, info.name, language)
            cpu_s += cpu
            audio_s += spoken.spans[-1][1] if spoken.spans else 0.0
            sides = [s.speaker == "caseworker" for s in segments]
            turns = [turn_of(s, spoken.spans, sides) for s in heard]
            clean = score_file(path, file_labels)
            live = score_segments(name, heard, file_labels, position=turns.__getitem__)
            clean_total.add(clean)
            spoken_total.add(live)
            lost = [m for m in live.misses if m not in clean.misses]
            files.append(
                {
                    "file": f"{corpus.name}/{name}",
                    "clean_found": clean.found_disclosures,
                    "spoken_found": live.found_disclosures,
                    "labelled": clean.labelled_disclosures,
                    "lost": lost,
                    "heard": [f"{turns[s.index]}:{s.speaker}: {s.text}" for s in heard],
                }
            )
    return {
        "model": info.name,
        "audio_minutes": round(audio_s / 60, 1),
        "cpu_per_audio_s": round(cpu_s / audio_s, 3) if audio_s else None,
        "clean": clean_total.figures(),
        "spoken": spoken_total.figures(),
        "recall_lost_points": round(100 * (clean_total.recall - spoken_total.recall), 1),
        "files": files,
    }


def report(result: dict[str, Any]) -> str:
    """The figures as a person reads them, with what was lost and where."""
    clean, spoken = result["clean"], result["spoken"]
    rows = [
        ("disclosure recall", "disclosure_recall"),
        ("disclosure precision", "disclosure_precision"),
        ("false disclosures per 2 h", "false_disclosures_per_two_hours"),
        ("follow-up fields right", "followup_fields_right"),
        ("distress found", "distress_found"),
        ("question kinds right", "question_kinds_right"),
    ]
    lines = [
        f"Analysis of the live pipeline's output ({result['model']}, "
        f"{result['audio_minutes']} min of spoken interviews, espeak-ng voices, "
        f"{result['cpu_per_audio_s']} core-s per audio s):",
        f"  {'':28} {'clean text':>12} {'spoken':>12}",
    ]
    for label, key in rows:
        a, b = clean[key], spoken[key]
        fmt = (
            (lambda v: f"{v:.2f}")
            if "per_2" in key or "two_hours" in key
            else (lambda v: f"{100 * v:.1f} %")
        )
        lines.append(f"  {label:28} {fmt(a):>12} {fmt(b):>12}")
    lines.append(
        f"  disclosure recall lost: {result['recall_lost_points']} points (goal: within 5)"
    )
    lost = [(f["file"], miss) for f in result["files"] for miss in f["lost"]]
    if lost:
        lines.append("  lost in the spoken version (not lost in the text):")
        for file_name, miss in lost:
            lines.append(f"    {file_name}: {miss.split(': ', 1)[-1]}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Measure and print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--corpus", action="append", type=Path, help="a labelled folder (repeatable)"
    )
    parser.add_argument("--model", default="tiny.en", help="speech model (default tiny.en)")
    parser.add_argument("--out", type=Path, default=Path(".bench"), help="working folder")
    parser.add_argument("--json", action="store_true", help="print JSON")
    args = parser.parse_args(argv)
    if not espeak_available():
        print("spoken_analysis: espeak-ng is needed to speak the transcripts", file=sys.stderr)
        return 2
    corpora = args.corpus or [Path("tests/analysis_heldout")]
    result = measure(corpora, args.model, args.out / "spoken")
    print(json.dumps(result, indent=2) if args.json else report(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
