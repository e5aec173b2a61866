"""Import a transcript file (either contract form) as an ended session, all or nothing.

The whole file is read and checked before anything is written, and everything is written in one
transaction: a bad line gives one error naming the file and the line, and no partial session.
JSON Lines written by ``sessions export`` bring back their recognised text, corrections,
detected speakers and word timings, so export → import → export is identical.
"""

from __future__ import annotations

import math
from datetime import datetime
from pathlib import Path
from typing import Any

from companion.errors import UserError
from companion.files import as_text
from companion.transcript.model import Segment as TranscriptSegment
from companion.transcript.parse import parse_transcript
from companion.transcription.events import ROLES
from models import record
from models.entities import AUTHORS, COMMITTED, CONFIRMED, CORRECTED, ENDED, Correction
from models.store import Store

_KINDS = ("text", "speaker", "confirm")

#: JSON Lines keys the record has columns for (anything else is kept in ``Segment.extra``).
SEGMENT_KEYS = (
    "type",
    "start",
    "end",
    "speaker",
    "text",
    "speaker_auto",
    "recognised_text",
    "language",
    "confidence",
    "source",
    "status",
    "words",
    "corrections",
)


def import_transcript(
    store: Store,
    path: Path | str,
    *,
    reference: str | None = None,
    language: str = "",
    preset: str = "trauma-informed",
) -> int:
    """Store the transcript at ``path`` as a new ended session; returns its id."""
    path = Path(path)
    transcript = parse_transcript(path)
    rows = [_segment_row(segment, str(path)) for segment in transcript.segments]
    with store.session() as db:
        session_id = record.create_session(
            db,
            as_text(reference or path.stem),
            language=language,
            preset=preset,
            origin="import",
            state=ENDED,
            start_now=False,
        )
        for position, (fields, corrections) in enumerate(rows):
            segment = record.add_segment(db, session_id, position, **fields)
            segment.corrections.extend(corrections)
        for pause in transcript.breaks:
            record.add_break(
                db,
                session_id,
                pause.start,
                pause.end,
                reason=pause.reason,
                requested_by=pause.requested_by,
                after_segments=pause.after_segments,
            )
        record.set_state(db, session_id, ENDED)
    return session_id


def _segment_row(segment: TranscriptSegment, name: str) -> tuple[dict[str, Any], list[Correction]]:
    raw = dict(segment.raw or {})
    where = f"{name}:{segment.line}"
    fields: dict[str, Any] = {
        "speaker": segment.speaker,
        "text": segment.text,
        "start_s": segment.start,
        "end_s": segment.end,
        "language": segment.language,
        "source": "",
    }
    if not raw:
        return fields, []
    recognised = raw.get("recognised_text")
    if recognised is not None:
        if not isinstance(recognised, str):
            raise UserError(f"{where}: 'recognised_text' must be a string")
        fields["text"] = recognised
    auto = raw.get("speaker_auto")
    if auto is not None:
        if auto not in ROLES:
            raise UserError(f"{where}: 'speaker_auto' must be one of {', '.join(ROLES)}")
        fields["speaker_auto"] = auto
    confidence = raw.get("confidence")
    if confidence is not None:
        if isinstance(confidence, bool) or not isinstance(confidence, int | float):
            raise UserError(f"{where}: 'confidence' must be a number")
        if not math.isfinite(confidence):
            raise UserError(f"{where}: 'confidence' must be a finite number")
        fields["confidence"] = float(confidence)
    source = raw.get("source")
    if source is not None:
        if not isinstance(source, str) or len(source) > 20:
            raise UserError(f"{where}: 'source' must be a short string")
        fields["source"] = source
    words = raw.get("words")
    if words is not None:
        if not isinstance(words, list) or not all(isinstance(w, dict) for w in words):
            raise UserError(f"{where}: 'words' must be a list of objects")
        fields["words"] = words
    status = raw.get("status")
    if status is not None:
        if status not in (COMMITTED, CONFIRMED, CORRECTED):
            raise UserError(f"{where}: 'status' must be committed, confirmed or corrected")
        fields["status"] = status
    corrections = _corrections(raw.get("corrections"), where)
    extra = {k: v for k, v in raw.items() if k not in SEGMENT_KEYS}
    if extra:
        fields["extra"] = extra
    return fields, corrections


def _corrections(value: Any, where: str) -> list[Correction]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise UserError(f"{where}: 'corrections' must be a list")
    out = []
    for number, item in enumerate(value, start=1):
        at = f"{where}: correction {number}"
        if not isinstance(item, dict):
            raise UserError(f"{at} must be an object")
        kind, by = item.get("kind"), item.get("by")
        if kind not in _KINDS:
            raise UserError(f"{at}: 'kind' must be one of {', '.join(_KINDS)}")
        if by not in AUTHORS:
            raise UserError(f"{at}: 'by' must be one of {', '.join(AUTHORS)}")
        text, reason = item.get("value", ""), item.get("reason", "")
        if not isinstance(text, str) or not isinstance(reason, str):
            raise UserError(f"{at}: 'value' and 'reason' must be strings")
        if kind == "text" and "value" not in item:
            raise UserError(f"{at}: a text correction needs the corrected words ('value')")
        if kind == "speaker" and text not in ROLES:
            raise UserError(f"{at}: a speaker correction names one of {', '.join(ROLES)}")
        try:
            when = datetime.fromisoformat(str(item.get("at", "")))
        except ValueError as exc:
            raise UserError(f"{at}: 'at' must be an ISO date and time") from exc
        if when.tzinfo is None:
            raise UserError(f"{at}: 'at' must include its time zone")
        out.append(Correction(kind=kind, value=text, author=by, reason=reason, created_at=when))
    return out
