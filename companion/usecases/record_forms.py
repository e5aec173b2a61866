"""A stored session as a transcript: in memory for the analysis and the summary, and as files.

Formats: ``jsonl`` (the transcript contract, breaks included, with the recognised text,
corrections and word timings as extra keys), ``txt`` (the ``Caseworker:/Claimant:`` record
style), ``srt`` and ``vtt`` (subtitles, for reviewing beside a recording). ``jsonl`` and
``txt`` import again; export → import → export gives the same file.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from companion.clockfmt import hms
from companion.errors import UserError
from companion.interpreting.ledger import CONFIRM, CORRECT, Check
from companion.redaction import redact_lines, redact_records
from companion.summary.report import SessionFacts
from companion.transcript.model import BreakLine, Transcript
from companion.transcript.model import Segment as TranscriptSegment
from companion.transcript.parse import NOTE_PATTERN
from companion.transcription.events import ROLE_LABELS
from models.entities import (
    COMMITTED,
    Break,
    InterviewSession,
    Segment,
    current_text,
)

FORMATS = ("jsonl", "txt", "srt", "vtt")


def to_transcript(session: InterviewSession) -> Transcript:
    """The session as the analysis and the summary read it: corrected text and speakers."""
    transcript = Transcript(source=f"session {session.id}", form="jsonl")
    for segment in session.segments:
        body = current_text(segment)
        transcript.segments.append(
            TranscriptSegment(
                index=len(transcript.segments),
                speaker=segment.speaker,
                text=body,
                start=segment.start_s,
                end=segment.end_s,
                notes=tuple(NOTE_PATTERN.findall(body)),
                language=segment.language,
            )
        )
    for pause in session.breaks:
        transcript.breaks.append(
            BreakLine(
                pause.start_s,
                _break_end(pause),
                pause.reason,
                requested_by=pause.requested_by,
            )
        )
    return transcript


def export_session(session: InterviewSession, form: str, *, redact: bool = False) -> str:
    """The session as text in ``form`` (one of :data:`FORMATS`); ``redact`` masks names and
    places (:mod:`companion.redaction`)."""
    if form == "jsonl":
        lines = redact_records(records(session)) if redact else records(session)
        return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in lines)
    if form == "txt":
        text = _txt(session)
    elif form in ("srt", "vtt"):
        text = _subtitles(session, form)
    else:
        raise UserError(f"--format {form}: not an export format ({', '.join(FORMATS)})")
    return redact_lines(text) if redact else text


def _in_order(session: InterviewSession) -> Iterator[Segment | Break]:
    """Segments in order with each break at its place (after the segments before it)."""
    breaks = sorted(
        session.breaks,
        key=lambda b: (b.after_segments if b.after_segments is not None else 1 << 30, b.start_s),
    )
    pending = list(breaks)
    for count, segment in enumerate(session.segments):
        while pending and _before(pending[0], count, segment):
            yield pending.pop(0)
        yield segment
    yield from pending


def _before(pause: Break, count: int, segment: Segment) -> bool:
    if pause.after_segments is not None:
        return pause.after_segments <= count
    return segment.start_s is not None and pause.start_s <= segment.start_s


def _segment_record(segment: Segment) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if segment.start_s is not None:
        out["start"] = segment.start_s
    if segment.end_s is not None:
        out["end"] = segment.end_s
    out["speaker"] = segment.speaker
    body = current_text(segment)
    out["text"] = body
    if segment.speaker_auto != segment.speaker:
        out["speaker_auto"] = segment.speaker_auto
    if body != segment.text or any(c.kind == "text" for c in segment.corrections):
        out["recognised_text"] = segment.text
    if segment.language:
        out["language"] = segment.language
    if segment.confidence is not None:
        out["confidence"] = segment.confidence
    if segment.source:
        out["source"] = segment.source
    if segment.status != COMMITTED:
        out["status"] = segment.status
    if segment.words:
        out["words"] = segment.words
    if segment.corrections:
        out["corrections"] = [
            {
                "kind": c.kind,
                "value": c.value,
                "by": c.author,
                "reason": c.reason,
                "at": c.created_at.isoformat(),
            }
            for c in segment.corrections
        ]
    for key, value in (segment.extra or {}).items():
        out.setdefault(key, value)
    return out


def _break_record(pause: Break) -> dict[str, Any]:
    out: dict[str, Any] = {
        "type": "break",
        "start": pause.start_s,
        "end": _break_end(pause),
        "reason": pause.reason,
    }
    if pause.requested_by:
        out["requested_by"] = pause.requested_by
    return out


def ledger_checks(segment: Segment) -> list[Check]:
    """A stored segment's confirmations and text corrections, as the interpreter's ledger
    keeps them (a resumed session's windows show what was already checked)."""
    return [
        Check(CONFIRM if c.kind == "confirm" else CORRECT, c.author, None, c.value, c.reason)
        for c in segment.corrections
        if c.kind in ("confirm", "text")
    ]


def records(session: InterviewSession) -> list[dict[str, Any]]:
    """The session as the transcript contract's records (segments, breaks in place), with the
    extra keys that keep the record whole: the lines of the ``jsonl`` export."""
    return [
        _segment_record(item) if isinstance(item, Segment) else _break_record(item)
        for item in _in_order(session)
    ]


def _break_end(pause: Break) -> float:
    """A break's end; a break still open (an interrupted session) ends where it started."""
    return pause.end_s if pause.end_s is not None else pause.start_s


def _reason(pause: Break) -> str:
    return f": {_one_line(pause.reason)}" if pause.reason.strip() else ""


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _txt(session: InterviewSession) -> str:
    paragraphs = [f"Interview record {_one_line(session.reference)}"]
    for item in _in_order(session):
        if isinstance(item, Break):
            paragraphs.append(f"[Break {hms(item.start_s)}–{hms(_break_end(item))}{_reason(item)}]")
            continue
        parts = [_one_line(current_text(item))]
        for correction in item.corrections:
            if correction.kind == "text":
                parts.append(
                    f"[corrected by the {correction.author}; recognised as: "
                    f"“{_one_line(item.text)}”]"
                )
                break
        if item.speaker != item.speaker_auto:
            parts.append(f"[speaker corrected; detected as {item.speaker_auto}]")
        body = " ".join(part for part in parts if part)
        paragraphs.append(f"{ROLE_LABELS.get(item.speaker, 'Unknown')}: {body}")
    return "\n\n".join(paragraphs) + "\n"


def _stamp(seconds: float, form: str) -> str:
    millis = round(seconds * 1000)
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    secs, millis = divmod(rest, 1000)
    separator = "," if form == "srt" else "."
    return f"{hours:02d}:{minutes:02d}:{secs:02d}{separator}{millis:03d}"


def _escape_vtt(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _subtitles(session: InterviewSession, form: str) -> str:
    cues: list[tuple[float, float, str, str]] = []
    items = list(_in_order(session))
    for number, item in enumerate(items):
        if isinstance(item, Break):
            cues.append((item.start_s, _break_end(item), "", f"[Break{_reason(item)}]"))
            continue
        if item.start_s is None:
            raise UserError(
                f"session {session.id}: segment {item.position} has no time (imported from "
                f"plain text); export it as jsonl or txt"
            )
        stop = item.end_s
        if stop is None:
            later = [
                i.start_s
                for i in items[number + 1 :]
                if isinstance(i, Segment) and i.start_s is not None
            ]
            stop = later[0] if later else item.start_s + 2.0
        body = _one_line(current_text(item))
        if any(c.kind == "text" for c in item.corrections):
            body += f" [recognised as: “{_one_line(item.text)}”]"
        cues.append((item.start_s, max(stop, item.start_s), item.speaker, body))
    out = ["WEBVTT", ""] if form == "vtt" else []
    for number, (start, end, speaker, body) in enumerate(cues, start=1):
        out.append(str(number))
        out.append(f"{_stamp(start, form)} --> {_stamp(end, form)}")
        label = ROLE_LABELS.get(speaker, "")
        if form == "vtt":
            out.append(f"<v {label}>{_escape_vtt(body)}" if label else _escape_vtt(body))
        else:
            out.append(f"{label}: {body}" if label else body)
        out.append("")
    return "\n".join(out)


def session_facts(session: InterviewSession) -> SessionFacts:
    """What the summary needs from a stored session beyond its transcript."""
    corrections = []
    confirmed = []
    for segment in session.segments:
        previous_text, previous_speaker = segment.text, segment.speaker_auto
        for c in segment.corrections:
            if c.kind == "confirm":
                confirmed.append(segment.position)
                continue
            before = previous_text if c.kind == "text" else previous_speaker
            corrections.append(
                {
                    "segment": segment.position,
                    "kind": c.kind,
                    "before": before,
                    "after": c.value,
                    "by": c.author,
                    "reason": c.reason,
                }
            )
            if c.kind == "text":
                previous_text = c.value
            else:
                previous_speaker = c.value
    checklists: dict[str, list[tuple[str, bool]]] = {}
    for tick in session.checklist_ticks:
        checklists.setdefault(tick.checklist, []).append((tick.text, tick.ticked))
    return SessionFacts(
        reference=session.reference,
        started_at=(session.started_at or session.created_at).isoformat(),
        language=" / ".join(x for x in (session.language, session.dialect) if x),
        interpreter=session.interpreter,
        breaks=tuple(
            {
                "start_s": b.start_s,
                "end_s": _break_end(b),
                "reason": b.reason,
                "requested_by": b.requested_by,
            }
            for b in session.breaks
        ),
        corrections=tuple(corrections),
        confirmed=tuple(sorted(set(confirmed))),
        checklists=checklists,
        prompts=tuple(
            {"kind": p.kind, "state": p.state, "reason": p.reason} for p in session.prompts
        ),
        reflections=tuple((r.prompt, r.answer) for r in session.reflections),
        concerns=tuple(
            {
                "raised_by": c.raised_by,
                "kind": c.kind,
                "details": c.details,
                "action": c.action,
                "at_s": c.at_s,
                "segment": c.segment_position,
            }
            for c in session.concerns
        ),
    )
