"""Helpers shared by the analysis tests: which segments a transcript's disclosures are at."""

from __future__ import annotations

from companion.analysis.analyser import analyse
from companion.transcript import parse_transcript_text


def disclosed_at(text: str) -> list[int]:
    """The segments of the disclosures the shipped analysis finds in a transcript's text."""
    return [d["segment"] for d in analyse(parse_transcript_text(text).segments)["disclosures"]]


def disclosed(question: str, answer: str, speaker: str = "Claimant") -> list[int]:
    """The same for one caseworker question and the answer to it."""
    return disclosed_at(f"Caseworker: {question}\n\n{speaker}: {answer}\n")


def turns(*said: str) -> str:
    """A transcript of the turns given ("Caseworker: ...", "Claimant: ..."), one paragraph each."""
    return "\n\n".join(said) + "\n"
