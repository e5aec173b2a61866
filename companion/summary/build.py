"""Assemble the summary of an interview from its transcript and the timing rules.

The JSON form follows ``../shared/contracts/CLI.md`` (``summary --format json``). This build
holds the preset and the timing; the analysis, missing follow-ups, interpreting and reflection
prompts are added by the analysis and summary work.
"""

from __future__ import annotations

from typing import Any

from companion.timing.presets import Preset
from companion.timing.transcript_timing import evaluate_transcript
from companion.transcript.model import Transcript


def build_summary(transcript: Transcript, preset: Preset) -> dict[str, Any]:
    """The summary of a transcript under ``preset``, as contract JSON."""
    timing = evaluate_transcript(transcript, preset)
    return {
        "preset": preset.name,
        "timing": timing.to_contract(),
        "segments": len(transcript.segments),
    }
