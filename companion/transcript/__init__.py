"""Transcripts as files: the two input forms of the contract, and the segments they hold."""

from companion.transcript.model import BreakLine, Segment, Transcript
from companion.transcript.parse import parse_transcript, parse_transcript_text

__all__ = ["BreakLine", "Segment", "Transcript", "parse_transcript", "parse_transcript_text"]
