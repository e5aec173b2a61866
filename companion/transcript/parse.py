"""Read a transcript in either form of ``TRANSCRIPT_AND_ANALYSIS.md``, chosen by content.

1. JSON Lines: one object per line, a segment (``speaker``, ``text``, optional ``start``/``end``)
   or a break (``"type": "break"`` with ``start``, ``end``, ``reason``).
2. Plain text as interview records are written: a turn starts with a role and a colon
   (``Caseworker:``, ``Interviewer:``, ``DM:``, ``Q:`` → caseworker; ``Claimant:``,
   ``Applicant:``, ``A:`` → claimant; ``Interpreter:``); it runs on over following lines until a
   blank line or the next role (``Unknown:`` also starts one). Bracketed notes belong to the turn
   they follow; a line of its own like ``[Break 1:00:00–1:15:00: comfort break]`` is a break.

Anything wrong gives a :class:`UserError` naming the file and the line; nothing is half-read.
"""

from __future__ import annotations

import json
import math
import re
import stat
from pathlib import Path
from typing import Any

from companion.errors import UserError
from companion.files import as_text
from companion.transcript.model import ROLES, BreakLine, Segment, Transcript

_ROLE_ALIASES = {
    "caseworker": "caseworker",
    "interviewer": "caseworker",
    "dm": "caseworker",
    "q": "caseworker",
    "claimant": "claimant",
    "applicant": "claimant",
    "a": "claimant",
    "interpreter": "interpreter",
    "unknown": "unknown",
}
_TURN = re.compile(
    r"^\s*(caseworker|interviewer|dm|q|claimant|applicant|a|interpreter|unknown)\s*[:：]\s*(.*)$",
    re.IGNORECASE,
)
#: A break noted on a line of its own: ``[Break 1:00:00–1:15:00: comfort break]``.
_BREAK = re.compile(
    r"^\[break\s+(?:from\s+)?(\d+:\d{2}(?::\d{2})?)\s*(?:–|-|to)\s*(\d+:\d{2}(?::\d{2})?)"
    r"(?:\s*[:,]\s*(.*?))?\s*\]$",
    re.IGNORECASE,
)
#: A bracketed note: a recorded observation, not speech.
NOTE_PATTERN = re.compile(r"\[[^\[\]]*\]")
#: Files larger than this are refused (a four-hour transcript is well under 2 MB).
MAX_BYTES = 64 * 1024 * 1024


def parse_transcript(path: Path | str) -> Transcript:
    """Read a transcript file (either form)."""
    path = Path(path)
    try:
        found = path.stat()
        size = found.st_size
        if path.is_dir():
            raise UserError(f"{path}: is a directory, not a transcript")
        if not stat.S_ISREG(found.st_mode):  # /dev/zero, a pipe: endless or not a file
            raise UserError(f"{path}: not a regular file, not a transcript")
        if size > MAX_BYTES:
            raise UserError(f"{path}: too large for a transcript ({size / 1e6:.0f} MB)")
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise UserError(f"{path}: no such transcript file") from exc
    except PermissionError as exc:
        raise UserError(f"{path}: cannot be read (permission denied)") from exc
    except OSError as exc:
        raise UserError(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise UserError(f"{path}:{line}: not UTF-8 text (byte {exc.start})") from exc
    return parse_transcript_text(text, as_text(path))


def parse_transcript_text(text: str, name: str = "<transcript>") -> Transcript:
    """Parse transcript text; ``name`` is used in error messages."""
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise UserError(f"{name}:{line}: binary data, not a transcript")
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    if not first:
        raise UserError(f"{name}: the transcript is empty")
    transcript = _parse_jsonl(text, name) if first.startswith("{") else _parse_plain(text, name)
    previous_end = -1.0
    for item in sorted(transcript.breaks, key=lambda b: b.start):
        if item.start < previous_end:  # refused here, so nothing stores what cannot be summarised
            raise UserError(f"{name}:{item.line}: break overlaps the break before")
        previous_end = item.end
    return transcript


def _number(record: dict[str, Any], key: str, name: str, line: int) -> float | None:
    value = record.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise UserError(f"{name}:{line}: '{key}' must be a number of seconds, not {value!r}"[:200])
    if value < 0:
        raise UserError(f"{name}:{line}: '{key}' must not be negative")
    if value > MAX_SECONDS:
        raise UserError(f"{name}:{line}: '{key}' is {value:g} s, longer than any interview")
    return float(value)


#: No interview lasts longer (a week): a time past it is a mistake, not a moment.
MAX_SECONDS = 7 * 24 * 3600.0
#: A character no text holds, which a text export could not carry back (NUL).
_CONTROL = re.compile(r"\x00")


def _encodable(value: Any) -> bool:
    """Whether every string in a JSON value can be written as UTF-8 (JSON's ``\\ud800``
    escapes give strings that cannot: stored, printed or exported, they would fail later)."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return False
        return True
    if isinstance(value, dict):
        return all(_encodable(k) and _encodable(v) for k, v in value.items())
    if isinstance(value, list):
        return all(_encodable(v) for v in value)
    return True


def _parse_jsonl(text: str, name: str) -> Transcript:
    transcript = Transcript(source=name, form="jsonl")
    # JSON Lines are separated by "\n" only: text may hold U+2028 and other characters that
    # str.splitlines() would wrongly break on.
    for number, raw in enumerate(text.split("\n"), start=1):
        if not raw.strip():
            continue
        try:
            record = json.loads(raw)
        except (json.JSONDecodeError, RecursionError) as exc:
            reason = exc.msg if isinstance(exc, json.JSONDecodeError) else "nested too deeply"
            raise UserError(f"{name}:{number}: not valid JSON ({reason})") from exc
        if not isinstance(record, dict):
            raise UserError(f"{name}:{number}: each line must be a JSON object")
        if not _encodable(record):
            raise UserError(
                f"{name}:{number}: holds a character that is not text (a lone UTF-16 surrogate "
                "escape such as \\ud800)"
            )
        if any(isinstance(v, str) and _CONTROL.search(v) for v in record.values()):
            raise UserError(
                f"{name}:{number}: holds a control character that is not text (such as \\u0000)"
            )
        kind = record.get("type", "segment")
        start = _number(record, "start", name, number)
        end = _number(record, "end", name, number)
        if start is not None and end is not None and end < start:
            raise UserError(f"{name}:{number}: 'end' ({end}) is before 'start' ({start})")
        if kind == "break":
            if start is None or end is None:
                raise UserError(f"{name}:{number}: a break needs 'start' and 'end'")
            reason = record.get("reason", "")
            by = record.get("requested_by", "")
            transcript.breaks.append(
                BreakLine(
                    start,
                    end,
                    str(reason),
                    number,
                    by if isinstance(by, str) else "",
                    after_segments=len(transcript.segments),
                )
            )
            continue
        if kind != "segment":
            raise UserError(f"{name}:{number}: unknown 'type' {kind!r} (segment or break)"[:200])
        speaker = record.get("speaker", "unknown")
        if not isinstance(speaker, str) or speaker.lower() not in ROLES:
            raise UserError(
                f"{name}:{number}: 'speaker' must be one of {', '.join(ROLES)}, not {speaker!r}"[
                    :200
                ]
            )
        body = record.get("text")
        if not isinstance(body, str):
            raise UserError(f"{name}:{number}: a segment needs 'text' (a string)")
        language = record.get("language")
        transcript.segments.append(
            Segment(
                index=len(transcript.segments),
                speaker=speaker.lower(),
                text=body,
                start=start,
                end=end,
                notes=tuple(NOTE_PATTERN.findall(body)),
                line=number,
                language=language if isinstance(language, str) else None,
                raw=record,
            )
        )
    if not transcript.segments:
        raise UserError(f"{name}: the transcript has no segments")
    return transcript


def _clock_seconds(value: str) -> float:
    """``h:mm:ss`` or ``h:mm`` as seconds."""
    parts = [int(p) for p in value.split(":")]
    if len(parts) == 2:
        parts.append(0)
    hours, minutes, seconds = parts
    return float(hours * 3600 + minutes * 60 + seconds)


def _parse_plain(text: str, name: str) -> Transcript:
    transcript = Transcript(source=name, form="text")
    turns: list[dict[str, Any]] = []
    current: dict[str, Any] | None = None
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            current = None
            continue
        pause = _BREAK.match(line)
        if pause:
            start, end = _clock_seconds(pause.group(1)), _clock_seconds(pause.group(2))
            if end < start:
                raise UserError(f"{name}:{number}: the break ends before it starts")
            transcript.breaks.append(
                BreakLine(start, end, pause.group(3) or "", number, after_segments=len(turns))
            )
            current = None
            continue
        match = _TURN.match(raw)
        if match:
            current = {
                "speaker": _ROLE_ALIASES[match.group(1).lower()],
                "lines": [match.group(2).strip()],
                "line": number,
            }
            turns.append(current)
        elif current is not None:
            current["lines"].append(line)
        elif turns:
            # A paragraph with no role after a turn (a bracketed note, or a continuation
            # separated by a blank line) belongs to the turn before it: nothing is dropped.
            turns[-1]["lines"].append(line)
            current = turns[-1]
        # Text before the first turn is a heading, not speech.
    if not turns:
        raise UserError(
            f"{name}:1: no turns found; each turn starts with a role and a colon "
            "(Caseworker:, Claimant:, Interpreter:, Q:, A:) or use JSON Lines"
        )
    for turn in turns:
        body = " ".join(part for part in turn["lines"] if part)
        transcript.segments.append(
            Segment(
                index=len(transcript.segments),
                speaker=turn["speaker"],
                text=body,
                notes=tuple(NOTE_PATTERN.findall(body)),
                line=turn["line"],
            )
        )
    return transcript
