"""Measurements for one speech model, run in a fresh process so peak memory is its own.

``python -m companion.bench.measure MODEL CORPUS_DIR [--realtime] [--soak-minutes N]`` prints one
JSON object with the figures; :mod:`companion.bench.run` collects and prints them.
"""

from __future__ import annotations

import argparse
import itertools
import json
import logging
import platform
import resource
import statistics
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np

from companion.audio.chunk import SAMPLE_RATE, AudioChunk
from companion.audio.source import AudioSource
from companion.audio.wav_source import FileSource, read_audio
from companion.bench.speech_corpus import read_reference, reference_path
from companion.bench.wer import word_errors
from companion.transcription.agreement import collapse_repeats
from companion.transcription.decoder import WhisperDecoder, compression_ratio
from companion.transcription.events import CommittedSegment, EngineStatus, TentativeText
from companion.transcription.live import build_live
from companion.transcription.model_store import ModelInfo, ModelStore

log = logging.getLogger(__name__)

INTERVIEWS = ("interview_a", "interview_b")
#: The claimant's language set for the call in the benchmark (an interview interpreted from Farsi).
CLAIMANT_LANGUAGE = "fa"


def rss_mb() -> float:
    """Current resident memory in MB (Linux /proc; 0 elsewhere)."""
    try:
        with open("/proc/self/statm") as handle:
            pages = int(handle.read().split()[1])
        return pages * resource.getpagesize() / 1e6
    except OSError:
        return 0.0


def peak_rss_mb() -> float:
    """Peak resident memory of this process in MB."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1e3 if sys.platform != "darwin" else peak / 1e6


def percentile(values: list[float], q: float) -> float | None:
    """The q-th percentile (0-100), or None for no values."""
    if not values:
        return None
    return float(np.percentile(np.asarray(values), q))


def machine() -> dict[str, Any]:
    """What the figures were measured on."""
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import os

    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "system": f"{platform.system()} {platform.release()}",
    }


def _reference_text(corpus: Path, name: str) -> str:
    return " ".join(s.text for s in read_reference(reference_path(corpus / f"{name}.wav")))


def offline(info: ModelInfo, corpus: Path) -> dict[str, Any]:
    """faster-whisper's own offline transcription (beam 5, its VAD filter): the WER baseline."""
    from faster_whisper import WhisperModel

    model = WhisperModel(str(info.path), device="cpu", compute_type="int8")
    errors = total = 0
    cpu = audio_s = 0.0
    for name in INTERVIEWS:
        audio = read_audio(corpus / f"{name}.wav")
        before = time.process_time()
        segments, _ = model.transcribe(audio, language="en", vad_filter=True)
        text = " ".join(s.text for s in segments)
        cpu += time.process_time() - before
        audio_s += len(audio) / SAMPLE_RATE
        e, n = word_errors(_reference_text(corpus, name), text)
        errors, total = errors + e, total + n
    return {"wer": 100.0 * errors / total, "cpu_per_audio_s": cpu / audio_s}


def streaming(decoder: WhisperDecoder, path: Path, realtime: bool = False) -> dict[str, Any]:
    """The live pipeline over one file; latency figures when paced in real time."""
    source = FileSource(path, origin="call", realtime=realtime)
    events: list[Any] = []
    live = build_live([source], decoder, events.append, claimant_language=CLAIMANT_LANGUAGE)
    cpu_before, wall_before = time.process_time(), time.perf_counter()
    live.run()
    cpu = time.process_time() - cpu_before
    wall = time.perf_counter() - wall_before
    duration = source.produced_until()
    segments = [e for e in events if isinstance(e, CommittedSegment)]
    engine = live.engines["call"]
    result: dict[str, Any] = {
        "audio_s": duration,
        "text": " ".join(s.text for s in segments),
        "segments": len(segments),
        "words": sum(len(s.text.split()) for s in segments),
        "cpu_per_audio_s": cpu / max(duration, 1e-9),
        "wall_per_audio_s": wall / max(duration, 1e-9),
        "passes": engine.passes,
        "fallbacks": engine.fallbacks,
        "unreliable_passes": engine.unreliable_passes,
        "degraded": [e.level for e in events if isinstance(e, EngineStatus)],
        "looping_segments": sum(1 for s in segments if repeats_itself(s.text)),
    }
    if realtime and source.started_at is not None:
        t0 = source.started_at
        commit = [s.emitted_at - (t0 + s.end) for s in segments]
        tentative = [
            e.emitted_at - (t0 + e.end) for e in events if isinstance(e, TentativeText) and e.text
        ]
        result.update(
            commit_delay_median=percentile(commit, 50),
            commit_delay_p90=percentile(commit, 90),
            tentative_delay_median=percentile(tentative, 50),
            tentative_delay_p90=percentile(tentative, 90),
            max_backlog_s=live.max_backlog_s,
        )
    return result


def repeats_itself(text: str) -> bool:
    """A segment that loops: the same words said over and over, or text that compresses far
    too well (a decoding loop)."""
    from companion.transcription.events import Word

    words = [Word(" " + w, 0, 0) for w in text.split()]
    return len(collapse_repeats(words)) < len(words) or (
        len(text) > 80 and compression_ratio(text) > 2.4
    )


class LoopSource(AudioSource):
    """Replays audio over and over, as fast as possible, for ``minutes`` (the soak run)."""

    origin = "call"
    label = "soak"

    def __init__(self, audio: np.ndarray, minutes: float) -> None:
        self.audio = audio
        self.total = int(minutes * 60 * SAMPLE_RATE)
        self._stopped = False
        self._position = 0

    def chunks(self) -> Iterator[AudioChunk]:
        """Yield 100 ms chunks until the soak length."""
        size = SAMPLE_RATE // 10
        while self._position < self.total and not self._stopped:
            start = self._position % len(self.audio)
            piece = self.audio[start : start + size]
            if len(piece) < size:
                piece = np.concatenate([piece, self.audio[: size - len(piece)]])
            yield AudioChunk(piece, self._position / SAMPLE_RATE)
            self._position += size

    def stop(self) -> None:
        """End early."""
        self._stopped = True

    def produced_until(self) -> float:
        """Seconds produced."""
        return self._position / SAMPLE_RATE


def soak(decoder: WhisperDecoder, corpus: Path, minutes: float) -> dict[str, Any]:
    """A long run: memory over time, loops, and whether passes get slower."""
    audio = np.concatenate([read_audio(corpus / f"{n}.wav") for n in INTERVIEWS])
    source = LoopSource(audio, minutes)
    samples: list[tuple[float, float, float]] = []  # (audio minute, rss MB, cpu s)
    segments: list[CommittedSegment] = []
    start_cpu = time.process_time()

    def on_event(event: Any) -> None:
        if isinstance(event, CommittedSegment):
            segments.append(event)
            minute = event.end / 60
            if not samples or minute - samples[-1][0] >= 5:
                samples.append((minute, rss_mb(), time.process_time() - start_cpu))

    live = build_live([source], decoder, on_event, claimant_language=CLAIMANT_LANGUAGE)
    live.run()
    rss = [s[1] for s in samples]
    warm = [r for m, r, _ in samples if m >= 5] or rss
    per_window = [(b[2] - a[2]) / ((b[0] - a[0]) * 60) for a, b in itertools.pairwise(samples)]
    return {
        "minutes": minutes,
        "rss_mb_after_5_min": warm[0] if warm else None,
        "rss_mb_end": rss[-1] if rss else None,
        "rss_growth_mb": (rss[-1] - warm[0]) if warm else None,
        "looping_segments": sum(1 for s in segments if repeats_itself(s.text)),
        "segments": len(segments),
        "cpu_per_audio_s_first_window": per_window[0] if per_window else None,
        "cpu_per_audio_s_last_window": per_window[-1] if per_window else None,
        "max_buffer_s": live.engines["call"].config.hard_max_buffer_s,
    }


def measure(name: str, corpus: Path, realtime: bool, soak_minutes: float) -> dict[str, Any]:
    """Every figure for one model."""
    info = ModelStore().resolve(name)
    started = time.perf_counter()
    decoder = WhisperDecoder(info)
    result: dict[str, Any] = {
        "model": name,
        "multilingual": info.multilingual,
        "load_s": time.perf_counter() - started,
        "machine": machine(),
    }
    result["offline"] = offline(info, corpus)
    errors = total = 0
    runs = []
    for interview in INTERVIEWS:
        run = streaming(decoder, corpus / f"{interview}.wav")
        e, n = word_errors(_reference_text(corpus, interview), run.pop("text"))
        errors, total = errors + e, total + n
        runs.append(run)
    result["streaming"] = {
        "wer": 100.0 * errors / total,
        "cpu_per_audio_s": statistics.fmean(r["cpu_per_audio_s"] for r in runs),
        "wall_per_audio_s": statistics.fmean(r["wall_per_audio_s"] for r in runs),
        "passes": sum(r["passes"] for r in runs),
        "fallbacks": sum(r["fallbacks"] for r in runs),
        "looping_segments": sum(r["looping_segments"] for r in runs),
    }
    result["silence_words"] = streaming(decoder, corpus / "silence.wav")["words"]
    result["noise_words"] = streaming(decoder, corpus / "noise.wav")["words"]
    if realtime:
        live = streaming(decoder, corpus / "interview_a.wav", realtime=True)
        live.pop("text")
        result["realtime"] = live
    if soak_minutes > 0:
        result["soak"] = soak(decoder, corpus, soak_minutes)
    result["peak_rss_mb"] = peak_rss_mb()
    return result


def main(argv: list[str] | None = None) -> int:
    """Measure one model and print JSON."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("model")
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--realtime", action="store_true")
    parser.add_argument("--soak-minutes", type=float, default=0.0)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    result = measure(args.model, args.corpus, args.realtime, args.soak_minutes)
    json.dump(result, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
