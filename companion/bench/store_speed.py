"""How fast the store is: the latency of each live segment write (submit to commit, through the
serial writer) and the time to load a four-hour session (about 2,000 segments) for review."""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

from companion.transcription.events import CommittedSegment, Word


def _segment(i: int) -> CommittedSegment:
    start = i * 7.2  # 2,000 segments over four hours
    words = tuple(Word(f"word{k}", start + k * 0.3, start + k * 0.3 + 0.25, 0.9) for k in range(18))
    text = " ".join(w.text for w in words)
    speaker = ("caseworker", "interpreter", "claimant")[i % 3]
    return CommittedSegment(i, "call", speaker, start, start + 6.0, text, "en", 0.98, 0.9, words)


def measure_store(url: str | None = None, segments: int = 2000) -> dict[str, Any]:
    """Write latency (median/p99/max ms, one live segment at a time), a burst of 1,000, and the
    load time of a ``segments``-long session (median of 5 loads, and the first)."""
    from companion.usecases.record_forms import to_transcript
    from models.recorder import SessionRecorder
    from models.store import Store
    from models.writer import SerialWriter

    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(url or f"sqlite:///{Path(folder) / 'bench.db'}")
        writer = SerialWriter(store)
        try:
            sid = store.create_session("bench")
            recorder = SessionRecorder(writer, sid)
            latencies = []
            for i in range(segments):
                began = time.perf_counter()
                recorder.record(_segment(i)).result()
                latencies.append((time.perf_counter() - began) * 1000)
            for position in range(0, segments, 20):  # some corrections, as in a real review
                recorder.correct_text(position, "corrected text", "interpreter", "misheard")
            burst_sid = store.create_session("bench-burst")
            burst = SessionRecorder(writer, burst_sid)
            began = time.perf_counter()
            futures = [burst.record(_segment(i)) for i in range(1000)]
            for future in futures:
                future.result()
            burst_s = time.perf_counter() - began
            writer.flush()
            loads = []
            for _ in range(6):
                began = time.perf_counter()
                to_transcript(store.load(sid, words=False))  # as for review
                loads.append((time.perf_counter() - began) * 1000)
            name = store.name
            store.delete(sid)
            store.delete(burst_sid)
        finally:
            writer.close()
            store.close()
    return {
        "database": name if url else "SQLite (temporary file)",
        "segments": segments,
        "write_ms_median": statistics.median(latencies),
        "write_ms_p99": float(np.percentile(latencies, 99)),
        "write_ms_max": max(latencies),
        "burst_1000_s": burst_s,
        "load_ms_first": loads[0],
        "load_ms_median": statistics.median(loads[1:]),
    }


def store_report(figures: dict[str, Any]) -> str:
    """The figures as a paragraph of the benchmark report."""
    return (
        f"Store ({figures['database']}): each live segment written and committed in "
        f"{figures['write_ms_median']:.1f} ms median, {figures['write_ms_p99']:.1f} ms p99, "
        f"{figures['write_ms_max']:.1f} ms max (goal: within 1 s); a burst of 1,000 segments "
        f"committed in {figures['burst_1000_s']:.2f} s; a four-hour session "
        f"({figures['segments']} segments) loaded in {figures['load_ms_median']:.0f} ms "
        f"(first load {figures['load_ms_first']:.0f} ms; goal: under 300 ms)."
    )
