"""How fast the analysis is: per committed segment (live) and for a four-hour transcript."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import numpy as np

from companion.analysis.analyser import CLAIMANT_SIDE, Analyser
from companion.analysis.second_opinion import default_second_opinion
from companion.analysis.text import without_notes
from companion.transcript import parse_transcript
from companion.transcript.model import Segment

ROOT = Path(__file__).resolve().parents[2]


def corpus_segments() -> list[Segment]:
    """Every segment of the labelled corpora (about 4,000 realistic turns, recogniser text
    and long ordinary interviews among them)."""
    folders = [ROOT / "tests" / "analysis_corpus", ROOT / "tests" / "analysis_dev"]
    folders += sorted((ROOT / "tests" / "analysis_blind").glob("set_*"))
    segments: list[Segment] = []
    for folder in folders:
        for path in sorted(folder.glob("*.txt")) if folder.is_dir() else []:
            segments += parse_transcript(path).segments
    return segments


def measure_analysis(target_segments: int = 2000) -> dict[str, Any]:
    """Per-segment cost (median, p99, max in ms) and the time for ``target_segments``, with
    the second opinion's model loaded before the timing (in use it loads once, at the first
    turn it is asked on; its load time is given apart), and the second opinion's own cost on
    every turn it could be asked about."""
    base = corpus_segments()
    if not base:
        return {}
    segments = (base * (target_segments // len(base) + 1))[:target_segments]
    began = time.perf_counter()
    opinion = default_second_opinion()
    load_s = time.perf_counter() - began
    analyser = Analyser(opinion)
    costs = []
    began = time.perf_counter()
    for segment in segments:
        t = time.perf_counter()
        analyser.feed(segment)
        costs.append((time.perf_counter() - t) * 1000)
    analyser.finish()
    total = time.perf_counter() - began
    figures: dict[str, Any] = {
        "segments": len(segments),
        "total_s": total,
        "per_segment_ms_median": float(np.median(costs)),
        "per_segment_ms_p99": float(np.percentile(costs, 99)),
        "per_segment_ms_max": float(max(costs)),
        "second_opinion_load_s": load_s if opinion is not None else None,
    }
    rated: list[float] = []
    if opinion is not None:
        turns = [
            text
            for text in (without_notes(s.text) for s in base if s.speaker in CLAIMANT_SIDE)
            if opinion.worth_asking(text)
        ][:target_segments]
        for text in turns:
            t = time.perf_counter()
            opinion.rate(text)
            rated.append((time.perf_counter() - t) * 1000)
    if rated:
        figures |= {
            "second_opinion_turns": len(rated),
            "second_opinion_ms_median": float(np.median(rated)),
            "second_opinion_ms_p99": float(np.percentile(rated, 99)),
            "second_opinion_ms_max": float(max(rated)),
        }
    return figures
