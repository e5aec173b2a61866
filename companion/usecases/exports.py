"""Summaries and exports of stored interviews, each with its audit entry: one implementation
for the command line and the app.

An export is all or nothing (:func:`deliver`): the output path is checked (never the store,
its journal or key files, the input, an existing file without ``force``, a device or a folder),
the words are written to an anonymous file beside it, the export is audited, and only then
does the file get its name. If the audit cannot be written, no file appears; a kill at any
moment leaves no copy behind. Rendering takes no database and runs off the UI thread and off
the store's writer.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from companion.files import Output, write_stdout
from companion.summary.forms import render
from companion.summary.report import SessionFacts, build_report
from companion.timing.presets import get_preset
from companion.transcript.model import Transcript
from companion.usecases.record_forms import export_session, session_facts, to_transcript
from models import record
from models.database import store_guard
from models.store import Store

#: Writes the export's audit entry (raises if it cannot: then nothing is delivered).
Audit = Callable[[], None]


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


def rendered_summary(summary: dict[str, Any], form: str, *, redact: bool = False) -> str | bytes:
    """The summary as ``form``, names and places masked if asked."""
    if redact:
        from companion.redaction import redact_fields

        summary = redact_fields(summary)
    return render(summary, form)


def deliver(
    data: str | bytes,
    output: str | None,
    *,
    audit: Audit | None = None,
    force: bool = False,
    protected: Iterable[tuple[Path, str]] = (),
) -> None:
    """Write ``data`` to ``output`` (standard output if None), audited first: all or nothing.
    Besides ``protected``, no output ever goes onto an interview store, its key, or into the
    folders that hold them (:func:`models.database.store_guard`)."""
    if not output or output == "-":  # "-": standard output, as the convention has it
        if audit is not None:
            audit()
        write_stdout(data)
        return
    with Output(output, force=force, protected=protected, guard=store_guard) as out:
        out.write(data)
        if audit is not None:
            audit()
        out.place()


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


def _audit_in(store: Store, session_id: int, action: str, **fields: Any) -> Audit:
    def audit() -> None:
        with store.session() as db:
            audit_export(db, session_id, action=action, **fields)

    return audit


def export_summary(
    store: Store,
    session_id: int,
    form: str,
    output: str | None,
    *,
    preset: str | None = None,
    redact: bool = False,
    force: bool = False,
    tool: str = "command line",
) -> None:
    """A stored session's summary written and audited (the command line's whole export)."""
    data = rendered_summary(
        build_summary(summary_inputs(store, session_id, preset)), form, redact=redact
    )
    fields = {"form": form, "output": output, "redacted": redact, "tool": tool}
    deliver(
        data,
        output,
        audit=_audit_in(store, session_id, "summary export", **fields),
        force=force,
        protected=store.protected_files(),
    )


def export_record(
    store: Store,
    session_id: int,
    form: str,
    output: str | None,
    *,
    redact: bool = False,
    force: bool = False,
    tool: str = "command line",
) -> None:
    """A stored session's record written and audited."""
    data = export_session(store.load(session_id), form, redact=redact)
    fields = {"form": form, "output": output, "redacted": redact, "tool": tool}
    deliver(
        data,
        output,
        audit=_audit_in(store, session_id, "export", **fields),
        force=force,
        protected=store.protected_files(),
    )


def save_reflections(db: Session, session_id: int, answers: list[tuple[str, str]]) -> None:
    """The caseworker's reflection answers (replacing earlier ones)."""
    record.save_reflections(db, session_id, answers)
