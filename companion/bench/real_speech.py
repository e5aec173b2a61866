"""Streaming recognition on real recorded speech, beside offline recognition with the same model.

``python -m companion.bench.real_speech MODEL [--data DIR] [--paced] [--clips a,b]`` prints one
JSON object; :mod:`companion.bench.run` runs it once per model (each in its own process, so peak
memory is the model's own) and prints the tables. Per clip (see ``real_speech.toml``):

* offline WER: faster-whisper's own ``transcribe`` (beam 5, its VAD filter) on the whole clip;
* streaming WER: the live pipeline (:func:`build_live`) on the clip as the call, as fast as it
  goes; substitutions, deletions and insertions apart;
* phrases written twice across a segment boundary, stretches offline kept and streaming lost,
  and segments committed in a language the interview is not in (English alone here; with
  ``--claimant-language`` the segments labelled as the claimant, which on English speech are
  all wrong guesses).

With ``--paced``, both live sources at once in real time, as in an interview: the microphone
plays some clips and the call the others; each committed word's delay (from the end of the word
in the audio to its commit) and the CPU per second of audio of both sources.
"""

from __future__ import annotations

import argparse
import functools
import json
import logging
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

from companion.audio.wav_source import FileSource, read_audio
from companion.bench.alignment import (
    Part,
    align,
    doubled_spans,
    dropped_spans,
    words_for_scoring,
)
from companion.bench.measure import machine, peak_rss_mb, percentile
from companion.bench.real_speech_data import Clip, build_real_speech
from companion.bench.speech_corpus import write_wav
from companion.transcription.decoder import WhisperDecoder
from companion.transcription.events import CommittedSegment, TentativeText
from companion.transcription.live import build_live
from companion.transcription.model_store import ModelInfo, ModelStore
from companion.transcription.streaming import EngineConfig

log = logging.getLogger(__name__)

DEFAULT_DATA = Path(".bench/real_speech")
#: In the paced run: the clips the microphone plays; the call plays the rest.
MICROPHONE_CLIPS = ("registers", "short")


#: The sampling seed of the offline reference: its temperature fallback samples, and without a
#: fixed seed the same clip read 7.6 % one day and 14.3 % the next.
OFFLINE_SEED = 0


def offline_text(info: ModelInfo, clip: Clip, cache: Path) -> str:
    """faster-whisper's offline transcript of a clip (cached: it depends only on the model;
    the same on every run: the fallback's sampling is seeded)."""
    import ctranslate2

    path = cache / f"offline-{info.name}-{clip.name}-{clip.digest}-seed{OFFLINE_SEED}.txt"
    if path.exists():
        return path.read_text()
    ctranslate2.set_random_seed(OFFLINE_SEED)
    segments, _ = _offline_model(str(info.path)).transcribe(
        read_audio(clip.wav), language="en", beam_size=5, vad_filter=True
    )
    text = " ".join(s.text.strip() for s in segments)  # (a generator: decoded here)
    path.write_text(text)
    return text


@functools.cache
def _offline_model(path: str) -> Any:
    """faster-whisper's own model, loaded once for all the clips."""
    from faster_whisper import WhisperModel

    return WhisperModel(path, device="cpu", compute_type="int8")


def final_delays(events: list[Any], started: dict[str, float] | None = None) -> list[float]:
    """Each committed word's delay: from its end in the audio to when it became final, either
    settled in the tentative text or emitted in a segment, whichever came first.

    ``started`` maps a source to the clock reading of its first sample (paced runs); without
    it the clock is the audio's own time."""
    settled_at: dict[str, list[tuple[float, float]]] = {}
    delays: list[float] = []
    for event in events:
        t0 = (started or {}).get(event.source, 0.0)
        if isinstance(event, TentativeText) and event.settled_until is not None:
            settled_at.setdefault(event.source, []).append((event.settled_until, event.emitted_at))
        elif isinstance(event, CommittedSegment):
            marks = settled_at.get(event.source, [])
            for word in event.words:
                first = next((at for until, at in marks if until >= word.end - 1e-6), None)
                final = event.emitted_at if first is None else min(first, event.emitted_at)
                delays.append(final - (t0 + word.end))
            settled_at[event.source] = [m for m in marks if m[0] > event.end]
    return delays


def streaming_clip(
    decoder: WhisperDecoder,
    clip: Clip,
    claimant_language: str | None = None,
    config: EngineConfig | None = None,
) -> dict[str, Any]:
    """The live pipeline's engine for the call over one clip, fed as fast as it goes.

    The engine's clock is the audio's own time (the end of the chunk just fed), so each
    committed word's ``emitted_at - end`` is its delay from the schedule of passes alone,
    without the time the passes take (the paced run measures that)."""
    source = FileSource(clip.wav, origin="call")
    events: list[Any] = []
    now = [0.0]
    live = build_live(
        [source],
        decoder,
        events.append,
        claimant_language=claimant_language,
        clock=lambda: now[0],
        config=config,
    )
    engine = live.engines["call"]
    cpu = time.process_time()
    for chunk in source.chunks():
        now[0] = chunk.end
        events += engine.feed(chunk)
    events += engine.flush()
    cpu = time.process_time() - cpu
    segments = [e for e in events if isinstance(e, CommittedSegment)]
    delays = final_delays(events)
    return {
        "segments": segments,
        "cpu_per_audio_s": cpu / max(clip.seconds, 1e-9),
        "schedule_delay_median": percentile(delays, 50),
        "schedule_delay_p90": percentile(delays, 90),
        "delays": delays,
    }


def score_clip(clip: Clip, segments: list[CommittedSegment], offline: str) -> dict[str, Any]:
    """Streaming beside offline on one clip."""
    reference = words_for_scoring(clip.reference)
    stream = align(reference, words_for_scoring(" ".join(s.text for s in segments)))
    off = align(reference, words_for_scoring(offline))
    return {
        "seconds": clip.seconds,
        "reference_words": len(reference),
        "offline_wer": off.wer,
        "streaming_wer": stream.wer,
        "substitutions": stream.substitutions,
        "deletions": stream.deletions,
        "insertions": stream.insertions,
        "offline_deletions": off.deletions,
        "offline_insertions": off.insertions,
        "doubled": doubled_spans(
            [s.text for s in segments],
            reference,
            times=[(s.start, s.end) for s in segments],
            parts=[
                Part(a, b, tuple(words_for_scoring(text)))
                for (a, b), text in zip(clip.spans, clip.part_references(), strict=False)
            ],
        ),
        "lost": dropped_spans(reference, stream, off),
        "third_language_segments": [s.text for s in segments if s.language not in (None, "en")],
        "segments": len(segments),
    }


def paced(
    decoder: WhisperDecoder, clips: list[Clip], config: EngineConfig | None = None
) -> dict[str, Any]:
    """Both sources live at once in real time; per-word commit delay and CPU share."""
    mic = [c for c in clips if c.name in MICROPHONE_CLIPS]
    call = [c for c in clips if c.name not in MICROPHONE_CLIPS]
    sources = [
        FileSource(_joined(mic, "mic"), origin="microphone", realtime=True),
        FileSource(_joined(call, "call"), origin="call", realtime=True),
    ]
    events: list[Any] = []
    live = build_live(sources, decoder, events.append, config=config)
    cpu = time.process_time()
    wall = time.perf_counter()
    live.run()
    cpu = time.process_time() - cpu
    wall = time.perf_counter() - wall
    started = {s.origin: s.started_at for s in sources if s.started_at is not None}
    delays = final_delays(events, started)
    rows = [
        e.emitted_at - (started[e.source] + w.end)
        for e in events
        if isinstance(e, CommittedSegment) and e.source in started
        for w in e.words
    ]
    tentative = [
        e.emitted_at - (started[e.source] + e.end)
        for e in events
        if isinstance(e, TentativeText) and e.text and e.source in started
    ]
    audio_s = sum(s.produced_until() for s in sources)
    return {
        "audio_s": audio_s,
        "wall_s": wall,
        "words": len(delays),
        "commit_delay_median": percentile(delays, 50),
        "commit_delay_p90": percentile(delays, 90),
        "segment_delay_median": percentile(rows, 50),
        "segment_delay_p90": percentile(rows, 90),
        "tentative_delay_median": percentile(tentative, 50),
        "tentative_delay_p90": percentile(tentative, 90),
        "cpu_per_audio_s": cpu / max(audio_s, 1e-9),
        "cpu_per_wall_s": cpu / max(wall, 1e-9),
        "max_backlog_s": live.max_backlog_s,
    }


def _joined(clips: list[Clip], name: str) -> Path:
    """The clips as one WAV beside them (made again when a clip is newer)."""
    folder = clips[0].wav.parent
    path = folder / f"paced-{name}.wav"
    newest = max(c.wav.stat().st_mtime for c in clips)
    if not path.exists() or path.stat().st_mtime < newest:
        write_wav(path, np.concatenate([read_audio(c.wav) for c in clips]))
    return path


def measure(
    name: str,
    data: Path,
    *,
    clip_names: list[str] | None = None,
    paced_run: bool = False,
    claimant_language: str | None = None,
    config: EngineConfig | None = None,
) -> dict[str, Any]:
    """Every real-speech figure for one model (``config`` tunes the engine for experiments)."""
    clips = build_real_speech(data)
    chosen = [c for c in clips if not clip_names or c.name in clip_names]
    info = ModelStore().resolve(name)
    decoder = WhisperDecoder(info)
    result: dict[str, Any] = {"model": name, "machine": machine(), "clips": {}}
    cpu = audio = 0.0
    delays: list[float] = []
    for clip in chosen:
        run = streaming_clip(decoder, clip, config=config)
        scores = score_clip(clip, run["segments"], offline_text(info, clip, data))
        scores["cpu_per_audio_s"] = run["cpu_per_audio_s"]
        scores["schedule_delay_median"] = run["schedule_delay_median"]
        scores["schedule_delay_p90"] = run["schedule_delay_p90"]
        scores["text"] = [s.text for s in run["segments"]]
        scores["times"] = [(round(s.start, 2), round(s.end, 2)) for s in run["segments"]]
        scores["held_out"] = clip.held_out
        result["clips"][clip.name] = scores
        if not clip.held_out:  # pooled figures are over the clips the engine was tuned on
            cpu += run["cpu_per_audio_s"] * clip.seconds
            audio += clip.seconds
            delays += run["delays"]
        if claimant_language and decoder.multilingual:
            guessed = streaming_clip(decoder, clip, claimant_language, config)["segments"]
            scores["claimant_labels"] = [s.text for s in guessed if s.speaker == "claimant"]
            scores["claimant_language_segments"] = len(guessed)
    result["cpu_per_audio_s"] = cpu / max(audio, 1e-9)
    result["schedule_delay_median"] = percentile(delays, 50)
    result["schedule_delay_p90"] = percentile(delays, 90)
    if paced_run:
        result["paced"] = paced(decoder, [c for c in clips if not c.held_out], config)
    result["peak_rss_mb"] = peak_rss_mb()
    return result


def totals(result: dict[str, Any], held_out: bool = False) -> dict[str, float]:
    """Pooled figures over the clips of one model's result the engine was tuned on (or, with
    ``held_out``, over the held-out ones)."""
    clips = [c for c in result["clips"].values() if bool(c.get("held_out")) == held_out]
    words = sum(c["reference_words"] for c in clips) or 1
    stream = sum(c["substitutions"] + c["deletions"] + c["insertions"] for c in clips)
    offline = sum(c["offline_wer"] * c["reference_words"] / 100 for c in clips)
    return {
        "streaming_wer": 100.0 * stream / words,
        "offline_wer": 100.0 * offline / words,
        "deletions": sum(c["deletions"] for c in clips),
        "insertions": sum(c["insertions"] for c in clips),
        "doubled": sum(len(c["doubled"]) for c in clips),
        "lost": sum(len(c["lost"]) for c in clips),
        "third_language": sum(len(c["third_language_segments"]) for c in clips),
        "claimant_labels": sum(len(c.get("claimant_labels", [])) for c in clips),
        "claimant_segments": sum(c.get("claimant_language_segments", 0) for c in clips),
        "minutes": sum(c["seconds"] for c in clips) / 60,
    }


def _seconds(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f} s"


def report(results: list[dict[str, Any]]) -> str:
    """The real-speech tables, as Markdown."""
    if not results:
        return ""
    lines = [
        "Real recorded speech (package test data; `companion/bench/real_speech.toml`):",
        "",
        "| clip | model | offline WER | streaming WER | subs / del / ins | doubled | lost | "
        "CPU core-s per audio-s | word final delay (schedule), median / p90 |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for clip in results[0]["clips"]:
        for result in results:
            c = result["clips"].get(clip)
            if c is None:
                continue
            kind = "held out, " if c.get("held_out") else ""
            lines.append(
                f"| {clip} ({kind}{c['seconds'] / 60:.1f} min) | {result['model']} | "
                f"{c['offline_wer']:.1f} % | {c['streaming_wer']:.1f} % | "
                f"{c['substitutions']} / {c['deletions']} / {c['insertions']} | "
                f"{len(c['doubled'])} | {len(c['lost'])} | {c['cpu_per_audio_s']:.2f} | "
                f"{_seconds(c.get('schedule_delay_median'))} / "
                f"{_seconds(c.get('schedule_delay_p90'))} |"
            )
    lines += [
        "",
        "| all tuned clips | " + " | ".join(r["model"] for r in results) + " |",
        "|---|" + "---|" * len(results),
    ]
    pooled = [totals(r) for r in results]
    rows = [
        ("minutes of speech", lambda t, r: f"{t['minutes']:.1f}"),
        ("offline WER", lambda t, r: f"{t['offline_wer']:.1f} %"),
        ("streaming WER", lambda t, r: f"{t['streaming_wer']:.1f} %"),
        (
            "streaming - offline",
            lambda t, r: f"{t['streaming_wer'] - t['offline_wer']:+.1f} points",
        ),
        ("deletions / insertions", lambda t, r: f"{t['deletions']} / {t['insertions']}"),
        ("phrases written twice", lambda t, r: str(t["doubled"])),
        ("stretches offline kept, streaming lost", lambda t, r: str(t["lost"])),
        ("segments in a third language", lambda t, r: str(t["third_language"])),
        (
            "English segments labelled the claimant (claimant language set)",
            lambda t, r: (
                f"{t['claimant_labels']} of {t['claimant_segments']}"
                if t["claimant_segments"]
                else "-"
            ),
        ),
        ("CPU per audio second (fast replay)", lambda t, r: f"{r['cpu_per_audio_s']:.2f} core-s"),
        (
            "word final (settled or committed) after its end, from the pass schedule, median / p90",
            lambda t, r: (
                f"{r['schedule_delay_median']:.2f} s / {r['schedule_delay_p90']:.2f} s"
                if r.get("schedule_delay_median") is not None
                else "-"
            ),
        ),
    ]
    if all("paced" in r for r in results):
        rows += [
            (
                "word final after its end, median / p90 (both sources live)",
                lambda t, r: (
                    f"{r['paced']['commit_delay_median']:.2f} s / "
                    f"{r['paced']['commit_delay_p90']:.2f} s"
                ),
            ),
            (
                "tentative text delay, median / p90",
                lambda t, r: (
                    f"{r['paced']['tentative_delay_median']:.2f} s / "
                    f"{r['paced']['tentative_delay_p90']:.2f} s"
                ),
            ),
            (
                "word in an emitted segment after its end, median / p90",
                lambda t, r: (
                    f"{r['paced']['segment_delay_median']:.2f} s / "
                    f"{r['paced']['segment_delay_p90']:.2f} s"
                ),
            ),
            (
                "CPU per audio second (both sources live)",
                lambda t, r: f"{r['paced']['cpu_per_audio_s']:.2f} core-s",
            ),
            ("largest backlog", lambda t, r: f"{r['paced']['max_backlog_s']:.1f} s"),
        ]
    if any(c.get("held_out") for r in results for c in r["clips"].values()):
        rows.append(
            (
                "held-out clips: streaming / offline WER",
                lambda t, r: "{streaming_wer:.1f} % / {offline_wer:.1f} %".format(
                    **totals(r, held_out=True)
                ),
            )
        )
    rows.append(("peak memory", lambda t, r: f"{r['peak_rss_mb']:.0f} MB"))
    for label, cell in rows:
        lines.append(
            f"| {label} | "
            + " | ".join(cell(t, r) for t, r in zip(pooled, results, strict=True))
            + " |"
        )
    for result in results:
        for clip, c in result["clips"].items():
            for phrase in c["doubled"]:
                lines.append(f'- {result["model"]}, {clip}: written twice: "{phrase}"')
            for span in c["lost"]:
                lines.append(f'- {result["model"]}, {clip}: lost: "{span}"')
            for text in c.get("claimant_labels", []):
                lines.append(
                    f'- {result["model"]}, {clip}: English labelled as the claimant: "{text}"'
                )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Measure one model on the real-speech set and print JSON."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("model")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--clips", default="", help="comma-separated clip names (default: all)")
    parser.add_argument("--paced", action="store_true")
    parser.add_argument("--claimant-language", default=None)
    parser.add_argument(
        "--engine",
        action="append",
        default=[],
        metavar="FIELD=VALUE",
        help="an EngineConfig field for an experiment, e.g. max_wait_s=0",
    )
    parser.add_argument("--report", nargs="*", type=Path, help="print the tables of JSON results")
    args = parser.parse_args(argv)
    if args.report:
        loaded = [json.loads(p.read_text()) for p in args.report]
        # A file holds one model's result, or the list `make bench` saves.
        print(report([r for item in loaded for r in (item if isinstance(item, list) else [item])]))
        return 0
    logging.basicConfig(level=logging.WARNING)
    names = [n for n in args.clips.split(",") if n] or None
    fields = {k: float(v) for k, _, v in (item.partition("=") for item in args.engine)}
    result = measure(
        args.model,
        args.data,
        clip_names=names,
        paced_run=args.paced,
        claimant_language=args.claimant_language,
        config=EngineConfig(**fields) if fields else None,  # type: ignore[arg-type]
    )
    json.dump(result, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
