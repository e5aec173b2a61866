"""Assemble the summary of an interview from its transcript and the timing rules.

The JSON form follows ``docs/cli.md`` (``summary --format json``): the preset,
the timing (the session clock replayed), the analysis (unchanged ``analyse`` output), the
missing follow-ups first, interpreting figures and the reflection prompts.
"""

from __future__ import annotations

from typing import Any

from companion.analysis.analyser import analyse
from companion.analysis.wording import reflection_prompts
from companion.timing.presets import Preset
from companion.timing.transcript_timing import evaluate_transcript
from companion.transcript.model import Transcript


def build_summary(
    transcript: Transcript, preset: Preset, reviewed: tuple[int, int] = (0, 0)
) -> dict[str, Any]:
    """The summary of a transcript under ``preset``, as contract JSON. ``reviewed`` is how
    many segments were confirmed and corrected (known for a stored session)."""
    timing = evaluate_transcript(transcript, preset)
    analysis = analyse(transcript.segments)
    missing = [
        {"segment": d["segment"], "missing": [k for k, v in d["followups"].items() if not v]}
        for d in analysis["disclosures"]
        if not all(d["followups"].values())
    ]
    rendered = sum(1 for s in transcript.segments if s.speaker == "interpreter")
    return {
        "preset": preset.name,
        "timing": timing.to_contract(),
        "analysis": analysis,
        "missing_followups": missing,
        "interpreter": {"segments": rendered, "confirmed": reviewed[0], "corrected": reviewed[1]},
        "reflection_prompts": reflection_prompts(),
    }
