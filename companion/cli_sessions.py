"""``interview-companion sessions list | show | import | export | delete | close``."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from companion.clockfmt import hms
from companion.errors import UserError
from companion.files import as_text


def run_sessions(args: argparse.Namespace, db_url: str | None) -> int:
    """Run one ``sessions`` action against the store."""
    from companion.cli_store import open_for_command as open_store

    opened = open_store(db_url)
    store = opened.store
    try:
        if args.action == "list":
            return _list(store, args.json)
        if args.action == "show":
            return _show(store, args.id, args.json)
        if args.action == "import":
            return _import(store, args)
        if args.action == "export":
            return _export(store, args)
        if args.action == "delete":
            return _delete(store, args.id)
        if args.action == "audit":
            return _audit(store, args.id)
        if args.action == "close":
            from companion.usecases import sessions

            with store.session() as db:
                sessions.close(db, args.id)
            print(f"session {args.id} closed as it stood")
            return 0
        raise UserError(f"sessions: unknown action {args.action!r}")
    finally:
        store.close()


def _list(store: Any, as_json: bool) -> int:
    from companion.usecases import sessions

    infos = sessions.list_sessions(store)
    if as_json:
        print(json.dumps([info.to_json() for info in infos], indent=2, ensure_ascii=False))
        return 0
    if not infos:
        print(f"no sessions in {store.name}")
        return 0
    print(f"{'id':>5}  {'started (UTC)':<16}  {'state':<11}  {'length':>7}  {'segs':>5}  reference")
    for info in infos:
        started = info.started_at or info.created_at
        print(
            f"{info.id:>5}  {started:%Y-%m-%d %H:%M}  {info.state:<11}  "
            f"{hms(info.duration_s):>7}  {info.segments:>5}  {info.reference}"
        )
    interrupted = [i for i in infos if i.state == "interrupted"]
    if interrupted:
        ids = ", ".join(str(i.id) for i in interrupted)
        print(
            f"\ninterrupted: {ids} — open the app to resume, or "
            "'interview-companion sessions close ID' to end as it stands"
        )
    return 0


def _show(store: Any, session_id: int, as_json: bool) -> int:
    from models.entities import current_text

    info = store.info(session_id)
    session = store.load(session_id, words=as_json)  # word timings only go into the JSON
    if as_json:
        from companion.usecases.record_forms import records

        data = info.to_json() | {
            "dialect": session.dialect,
            "interpreter": session.interpreter,
            "preset": session.preset,
            "participants": [
                {"role": p.role, "audio_source": p.audio_source, "device": p.device}
                for p in session.participants
            ],
            "transcript": records(session),
        }
        print(json.dumps(data, indent=2, ensure_ascii=False))
        return 0
    started = info.started_at or info.created_at
    print(f"session {info.id}: {info.reference}")
    print(f"  state       {info.state} ({info.origin})")
    print(f"  started     {started:%Y-%m-%d %H:%M} UTC")
    if info.ended_at:
        print(f"  ended       {info.ended_at:%Y-%m-%d %H:%M} UTC")
    language = " / ".join(x for x in (session.language, session.dialect) if x) or "—"
    print(f"  language    {language}; interpreter {session.interpreter}")
    print(f"  preset      {session.preset}")
    print(
        f"  record      {info.segments} segments, {info.breaks} breaks, "
        f"{info.corrections} corrections, {hms(info.duration_s)} long"
    )
    print()
    for segment in session.segments:
        when = f"[{hms(segment.start_s)}] " if segment.start_s is not None else ""
        label = segment.speaker.capitalize()
        print(f"{segment.position:>4} {when}{label}: {current_text(segment)}")
        for correction in segment.corrections:
            why = f" ({correction.reason})" if correction.reason else ""
            if correction.kind == "text":
                print(
                    f"       corrected by the {correction.author}{why}; recognised as: "
                    f"{segment.text}"
                )
            elif correction.kind == "speaker":
                print(
                    f"       speaker corrected by the {correction.author}{why}: "
                    f"{segment.speaker_auto} → {correction.value}"
                )
            else:
                print(f"       confirmed by the {correction.author}{why}")
    for pause in session.breaks:
        end = hms(pause.end_s) if pause.end_s is not None else "(not ended)"
        by = f", asked for by the {pause.requested_by}" if pause.requested_by else ""
        print(f"break {hms(pause.start_s)}–{end}: {pause.reason or 'no reason given'}{by}")
    return 0


def _import(store: Any, args: argparse.Namespace) -> int:
    from models.importing import import_transcript

    session_id = import_transcript(
        store, args.transcript, reference=args.reference, language=args.language
    )
    from pathlib import Path

    from models import record

    with store.session() as db:
        record.audit(
            db,
            "import",
            session_id=session_id,
            detail=f"from {as_text(Path(args.transcript).name)}",
            tool="command line",
        )
    info = store.info(session_id)
    print(
        f"imported {args.transcript} as session {session_id} ({info.segments} segments, "
        f"{info.breaks} breaks)"
    )
    return 0


def _export(store: Any, args: argparse.Namespace) -> int:
    from companion.usecases.exports import export_record

    export_record(store, args.id, args.format, args.output, redact=args.redact, force=args.force)
    if args.output:
        print(f"session {args.id} written to {args.output} ({args.format})", file=sys.stderr)
    return 0


def _audit(store: Any, session_id: int) -> int:
    """Who corrected what and when, and what was done with the record (exports, imports...)."""
    session = store.load(session_id, words=False)
    print(f"session {session_id} ({session.reference}): audit trail")
    lines: list[tuple[str, str]] = []
    for segment in session.segments:
        for c in segment.corrections:
            what = {"text": "corrected the words of", "speaker": "corrected the speaker of"}.get(
                c.kind, "confirmed"
            )
            why = f" ({c.reason})" if c.reason else ""
            lines.append(
                (
                    c.created_at.isoformat(timespec="seconds"),
                    f"the {c.author} {what} segment {segment.position}{why}",
                )
            )
    for event in store.audit_events(session_id):
        lines.append(
            (
                event.at.isoformat(timespec="seconds"),
                f"{event.action} by {event.actor}: {event.detail}",
            )
        )
    for at, line in sorted(lines):
        print(f"{at}  {line}")
    if not lines:
        print("nothing corrected, confirmed or exported yet")
    return 0


def _delete(store: Any, session_id: int) -> int:
    from companion.usecases import sessions

    info = sessions.delete(store, session_id)
    print(
        f"deleted session {info.id} ({info.reference}): {info.segments} segments, "
        f"{info.breaks} breaks, {info.corrections} corrections, and its analysis record, "
        f"from {store.name}"
    )
    return 0
