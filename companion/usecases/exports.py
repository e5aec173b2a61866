"""Summaries and exports of stored interviews, each export with its audit entry: one
implementation for the command line and the app.

Every export is two steps: :func:`write_summary` / :func:`write_record` render and write the
file (slow: no database, run off the UI thread and off the store's writer), then
:func:`audit_export` records it in the session's audit trail (a quick write on the store).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from companion.files import write_output
from companion.summary.forms import render
from companion.summary.report import SessionFacts, build_report
from companion.timing.presets import get_preset
from companion.transcript.model import Transcript
from companion.usecases.record_forms import export_session, session_facts, to_transcript
from models import record
from models.store import Store


@dataclass(frozen=True)
class SummaryInputs:
    """What a stored session's summary is built from (read from the store, quickly)."""

    session_id: int
    transcript: Transcript
    preset: str
    facts: SessionFacts


def summary_inputs(store: Store, session_id: int, preset: str | None = None) -> SummaryInputs:
    """Read what the summary of session ``session_id`` needs (``preset`` overrides its own)."""
    session = store.load(session_id, words=False)
    return SummaryInputs(
        session_id, to_transcript(session), preset or session.preset, session_facts(session)
    )


def build_summary(inputs: SummaryInputs) -> dict[str, Any]:
    """The reflection summary (the analysis over the whole record; no database)."""
    return build_report(inputs.transcript, get_preset(inputs.preset), inputs.facts)


def write_summary(
    summary: dict[str, Any], form: str, output: str | None, *, redact: bool = False
) -> str | None:
    """Render the summary as ``form`` and write it to ``output`` (standard output if None),
    names and places masked if asked; returns ``output``."""
    if redact:
        from companion.redaction import redact_fields

        summary = redact_fields(summary)
    write_output(render(summary, form), output)
    return output


def write_record(
    store: Store, session_id: int, form: str, output: str | None, *, redact: bool = False
) -> None:
    """Write a stored session's record (jsonl, txt, srt, vtt) to ``output``."""
    write_output(export_session(store.load(session_id), form, redact=redact), output)


def audit_export(
    db: Session,
    session_id: int,
    *,
    action: str,
    form: str,
    output: str | None,
    redacted: bool,
    tool: str,
) -> None:
    """The export goes into the session's audit trail (who, when, which form, which file)."""
    record.audit_export(
        db, action, session_id, form=form, output=output, redacted=redacted, tool=tool
    )


def export_summary(
    store: Store,
    session_id: int,
    form: str,
    output: str | None,
    *,
    preset: str | None = None,
    redact: bool = False,
    tool: str = "command line",
) -> None:
    """A stored session's summary written and audited (the command line's whole export)."""
    write_summary(
        build_summary(summary_inputs(store, session_id, preset)), form, output, redact=redact
    )
    with store.session() as db:
        audit_export(
            db,
            session_id,
            action="summary export",
            form=form,
            output=output,
            redacted=redact,
            tool=tool,
        )


def export_record(
    store: Store,
    session_id: int,
    form: str,
    output: str | None,
    *,
    redact: bool = False,
    tool: str = "command line",
) -> None:
    """A stored session's record written and audited."""
    write_record(store, session_id, form, output, redact=redact)
    with store.session() as db:
        audit_export(
            db, session_id, action="export", form=form, output=output, redacted=redact, tool=tool
        )


def save_reflections(db: Session, session_id: int, answers: list[tuple[str, str]]) -> None:
    """The caseworker's reflection answers (replacing earlier ones)."""
    record.save_reflections(db, session_id, answers)
