"""The long-session soak: a four-and-a-half-hour interview, accelerated. Two generated sources
(the caseworker's microphone and the call) replay turn after turn as fast as the machine
allows; a scripted transcriber stands in for the model (its own speed is measured elsewhere),
so what is measured is everything around it over hours: the streaming engines, the live
analysis, the prompt board, the interpreter's ledger and the store.

Reported: resident memory from the end of the first half hour to the end (the growth must stay
under 50 MB), segments that repeat themselves (a loop), and the processing time per audio minute
and per analysed segment in the first and the last half hour (a growing figure means something
slows down as the session gets longer)."""

from __future__ import annotations

import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np

from companion.audio.chunk import SAMPLE_RATE, AudioChunk
from companion.audio.source import AudioSource
from companion.bench.measure import repeats_itself, rss_mb

#: The turns of the soak interview, said in a cycle (questions on the microphone, the rest on
#: the call). Disclosures, dates, names and distress keep the analysis and the ledger busy.
TURNS = [
    ("microphone", "Can you tell me what happened after you were arrested?"),
    ("call", "He says they beat him with cables in the basement of the police station in Herat."),
    ("microphone", "Thank you for telling me. When was this?"),
    ("call", "He says it was in Esfand 1398, three days after the demonstration."),
    ("microphone", "Who did this to you?"),
    ("call", "He says two officers, one of them was called Commander Rahimi."),
    ("microphone", "Where were you held?"),
    ("call", "He says in a cell under the station, with twelve other men, for three weeks."),
    ("microphone", "Do you need a break?"),
    ("call", "He says no, he can go on, but it is hard to speak about it."),
]
WORD_S = 0.3
GAP_S = 1.5


def _schedule(hours: float) -> dict[str, list[tuple[float, float, str]]]:
    """Each source's turns: (start, end, words), cycling through TURNS for ``hours``."""
    turns: dict[str, list[tuple[float, float, str]]] = {"microphone": [], "call": []}
    at, i, total = 1.0, 0, hours * 3600
    while at < total:
        origin, words = TURNS[i % len(TURNS)]
        length = WORD_S * len(words.split())
        turns[origin].append((at, at + length, words))
        at += length + GAP_S
        i += 1
    return turns


class GeneratedSource(AudioSource):
    """A tone during each turn and silence between, made on the fly (no file), as fast as the
    consumer takes it."""

    def __init__(self, origin: str, turns: list[tuple[float, float, str]], total_s: float):
        self.origin = origin
        self.label = f"generated {origin}"
        self.turns = turns
        self.total_s = total_s
        self._stopped = False
        self._position = 0.0
        tone = np.sin(2 * np.pi * 220 * np.arange(SAMPLE_RATE // 10) / SAMPLE_RATE)
        self._tone = (0.3 * tone).astype(np.float32)
        self._silence = np.zeros(SAMPLE_RATE // 10, dtype=np.float32)

    def chunks(self) -> Iterator[AudioChunk]:
        """100 ms chunks until the end of the session."""
        index = 0
        step = 0.1
        while self._position < self.total_s and not self._stopped:
            while index < len(self.turns) and self.turns[index][1] < self._position:
                index += 1
            speaking = index < len(self.turns) and (
                self.turns[index][0] - 0.1 <= self._position <= self.turns[index][1] + 0.1
            )
            yield AudioChunk(self._tone if speaking else self._silence, self._position)
            self._position = round(self._position + step, 1)

    def stop(self) -> None:
        """End early."""
        self._stopped = True

    def produced_until(self) -> float:
        """Seconds produced."""
        return self._position


def accelerated_session(hours: float = 4.5, database_url: str | None = None) -> dict[str, Any]:
    """Run the soak; its figures."""
    from companion.analysis.live import LiveAnalysis
    from companion.analysis.prompt_board import PromptBoard
    from companion.interpreting.ledger import ConfirmationLedger
    from companion.transcription.events import CommittedSegment
    from companion.transcription.live import build_live
    from companion.transcription.scripted import (
        EnergyVad,
        ScriptedTranscriber,
        script_from_text,
    )
    from companion.transcription.vad import SpeechGate
    from models.recorder import SessionRecorder
    from models.store import Store
    from models.writer import SerialWriter

    schedule = _schedule(hours)
    total_s = hours * 3600
    script = [
        word
        for turns in schedule.values()
        for start, _end, words in turns
        for word in script_from_text(words, start, WORD_S)
    ]
    folder = tempfile.mkdtemp(prefix="soak-")
    store = Store.open(database_url or f"sqlite:///{Path(folder) / 'soak.db'}")
    writer = SerialWriter(store)
    recorder = SessionRecorder.create(writer, "SOAK-4.5H")
    analysis, board, ledger = LiveAnalysis(), PromptBoard(), ConfirmationLedger("fa")
    samples: list[tuple[float, float, float, float, int]] = []  # (audio min, rss, wall, cpu, n)
    analysis_ms: list[tuple[float, float]] = []  # (audio minute, ms)
    segments: list[CommittedSegment] = []
    began_wall, began_cpu = time.perf_counter(), time.process_time()

    def on_event(event: object) -> None:
        if not isinstance(event, CommittedSegment):
            return
        segments.append(event)
        recorder.record(event)
        started = time.perf_counter()
        board.apply(analysis.feed(event))
        ledger.add(len(segments) - 1, event.start, event.speaker, event.text)
        _ = ledger.get(len(segments) - 1).highlights
        analysis_ms.append((event.end / 60, (time.perf_counter() - started) * 1000))
        minute = event.end / 60
        if not samples or minute - samples[-1][0] >= 10:
            samples.append(
                (
                    minute,
                    rss_mb(),
                    time.perf_counter() - began_wall,
                    time.process_time() - began_cpu,
                    len(segments),
                )
            )

    sources = [GeneratedSource(o, schedule[o], total_s) for o in ("microphone", "call")]
    live = build_live(
        sources,
        ScriptedTranscriber(script),
        on_event,
        gate_factory=lambda: SpeechGate(EnergyVad()),
    )
    live.run()
    recorder.finish()
    writer.close(60)
    stored = store.info(recorder.session_id).segments if recorder.session_id else 0
    store.close()
    wall = time.perf_counter() - began_wall
    return _figures(hours, wall, samples, analysis_ms, segments, stored)


def _figures(
    hours: float,
    wall: float,
    samples: list[tuple[float, float, float, float, int]],
    analysis_ms: list[tuple[float, float]],
    segments: list[Any],
    stored: int,
) -> dict[str, Any]:
    warm = [s for s in samples if s[0] >= 30] or samples
    last_minute = samples[-1][0] if samples else 0.0

    def window(first: bool) -> float:
        """Processing seconds per audio minute over the first / the last half hour."""
        chosen = [s for s in samples if (s[0] <= 40 if first else s[0] >= last_minute - 40)]
        if len(chosen) < 2:
            return 0.0
        return (chosen[-1][2] - chosen[0][2]) / (chosen[-1][0] - chosen[0][0])

    def analysis_window(first: bool) -> float:
        chosen = [ms for m, ms in analysis_ms if (m <= 30 if first else m >= last_minute - 30)]
        return float(np.median(chosen)) if chosen else 0.0

    texts = [s.text for s in segments]
    looping = sum(1 for t in texts if repeats_itself(t))
    return {
        "hours": hours,
        "wall_s": wall,
        "segments": len(segments),
        "stored": stored,
        "rss_mb_at_30_min": warm[0][1] if warm else 0.0,
        "rss_mb_end": samples[-1][1] if samples else 0.0,
        "rss_growth_mb": (samples[-1][1] - warm[0][1]) if warm else 0.0,
        "looping_segments": looping,
        "wall_s_per_audio_min_first": window(True),
        "wall_s_per_audio_min_last": window(False),
        "analysis_ms_median_first": analysis_window(True),
        "analysis_ms_median_last": analysis_window(False),
    }


def soak_report(f: dict[str, Any]) -> str:
    """The figures as a paragraph of the benchmark report."""
    return (
        f"Accelerated {f['hours']:.1f}-hour session ({f['segments']} segments, all stored: "
        f"{f['stored']}; scripted transcriber, {f['wall_s']:.0f} s of wall time): memory "
        f"{f['rss_mb_at_30_min']:.0f} MB at 30 min → {f['rss_mb_end']:.0f} MB at the end "
        f"(growth {f['rss_growth_mb']:.1f} MB; goal under 50 MB); {f['looping_segments']} "
        f"looping segments; processing {f['wall_s_per_audio_min_first']:.2f} s per audio minute "
        f"in the first half hour and {f['wall_s_per_audio_min_last']:.2f} s in the last; "
        f"analysis per segment (median) {f['analysis_ms_median_first']:.2f} ms first, "
        f"{f['analysis_ms_median_last']:.2f} ms last."
    )
