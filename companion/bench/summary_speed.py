"""How fast the reflection summary is for a four-hour interview (about 2,000 segments): the
report itself (what the screen shows) and the PDF and DOCX exports."""

from __future__ import annotations

import time
from dataclasses import replace
from typing import Any

from companion.bench.analysis_speed import corpus_segments
from companion.transcript.model import Transcript


def stress_transcript(target_segments: int = 2000) -> Transcript | None:
    """A four-hour interview made of the analysis corpora laid end to end: far more
    disclosures, flagged questions and unconfirmed dates than a real one (the worst case)."""
    base = corpus_segments()
    if not base:
        return None
    segments = (base * (target_segments // len(base) + 1))[:target_segments]
    step = 4 * 3600 / target_segments
    return Transcript(
        segments=[
            replace(s, index=i, start=i * step, end=i * step + step * 0.8)
            for i, s in enumerate(segments)
        ],
        source="bench",
    )


def measure_summary(target_segments: int = 2000) -> dict[str, Any]:
    """Seconds to build the report, and to export it as PDF and DOCX."""
    from companion.summary.docx_form import to_docx
    from companion.summary.pdf_form import to_pdf
    from companion.summary.report import build_report
    from companion.timing.presets import get_preset

    transcript = stress_transcript(target_segments)
    if transcript is None:
        return {}
    segments = transcript.segments
    began = time.perf_counter()
    summary = build_report(transcript, get_preset(None))
    report_s = time.perf_counter() - began
    began = time.perf_counter()
    pdf = to_pdf(summary)
    pdf_s = time.perf_counter() - began
    began = time.perf_counter()
    docx = to_docx(summary)
    docx_s = time.perf_counter() - began
    return {
        "segments": len(segments),
        "disclosures": len(summary["report"]["disclosures"]),
        "report_s": report_s,
        "pdf_s": pdf_s,
        "pdf_kb": len(pdf) / 1024,
        "docx_s": docx_s,
        "docx_kb": len(docx) / 1024,
    }


def summary_report(f: dict[str, Any]) -> str:
    """The figures as a paragraph of the benchmark report."""
    if not f:
        return "Summary: not measured (no corpus)."
    return (
        f"Summary of a four-hour interview ({f['segments']} segments, {f['disclosures']} "
        f"disclosure episodes): report built in {f['report_s']:.2f} s (goal under 2 s); PDF "
        f"in {f['pdf_s']:.2f} s ({f['pdf_kb']:.0f} KB) and DOCX in {f['docx_s']:.2f} s "
        f"({f['docx_kb']:.0f} KB) "
        "(goal under 5 s each)."
    )
