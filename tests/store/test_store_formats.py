"""Sessions as files: JSON Lines (the contract), the plain-text record, SRT and WebVTT.
Export → import → export is identical; a bad file leaves no partial session behind."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError

from companion.analysis.analyser import analyse
from companion.errors import UserError
from companion.transcript import parse_transcript
from companion.usecases.record_forms import export_session, to_transcript
from models import importing, record
from models.importing import import_transcript
from models.store import Store
from tests.paths import DEV_CORPUS


def _live_session(store: Store) -> int:
    sid = store.create_session("IC-2026-0042", language="ti")
    with store.session() as db:
        record.add_segment(
            db,
            sid,
            0,
            speaker="caseworker",
            text="What happened at the camp?",
            start_s=812.4,
            end_s=815.1,
            source="microphone",
            confidence=0.93,
        )
        record.add_segment(
            db,
            sid,
            1,
            speaker="interpreter",
            text="He says they beat him & kept him <three> days.",
            start_s=816.0,
            end_s=821.25,
            language="en",
            source="call",
            words=[{"w": "He", "s": 816.0, "e": 816.2, "p": 0.99}],
        )
        record.start_break(db, sid, 3600.0, reason="comfort break", requested_by="claimant")
    with store.session() as db:
        record.end_break(db, sid, 4500.0)
        record.add_segment(
            db,
            sid,
            2,
            speaker="claimant",
            text="ሰላም",
            start_s=4510.0,
            end_s=4512.0,
            language="ti",
            source="call",
        )
        record.correct_text(
            db,
            sid,
            1,
            "He says they beat him and kept him three days.",
            author="interpreter",
            reason="misheard",
        )
        record.correct_speaker(db, sid, 2, "claimant", author="caseworker")
        record.correct_speaker(db, sid, 1, "claimant", author="caseworker", reason="rendering")
        record.confirm(db, sid, 0, author="interpreter")
    return sid


@pytest.mark.parametrize("form", ["jsonl", "txt"])
def test_export_import_export_is_identical(db_url: str, tmp_path: Path, form: str) -> None:
    store = Store.open(db_url)
    try:
        first = export_session(store.load(_live_session(store)), form)
        path = tmp_path / f"exported.{form}"
        path.write_text(first, encoding="utf-8")
        again = import_transcript(store, path, reference="IC-2026-0042")
        assert export_session(store.load(again), form) == first
    finally:
        store.close()


def test_jsonl_export_is_the_transcript_contract_with_originals_kept(db_url: str) -> None:
    store = Store.open(db_url)
    try:
        lines = export_session(store.load(_live_session(store)), "jsonl").splitlines()
        records = [json.loads(line) for line in lines]
        assert [r.get("type", "segment") for r in records] == [
            "segment",
            "segment",
            "break",
            "segment",
        ]
        assert records[2] == {
            "type": "break",
            "start": 3600.0,
            "end": 4500.0,
            "reason": "comfort break",
            "requested_by": "claimant",
        }
        corrected = records[1]
        assert corrected["text"] == "He says they beat him and kept him three days."
        assert corrected["recognised_text"] == "He says they beat him & kept him <three> days."
        assert (corrected["speaker"], corrected["speaker_auto"]) == ("claimant", "interpreter")
        assert corrected["status"] == "corrected"
        assert [c["kind"] for c in corrected["corrections"]] == ["text", "speaker"]
        assert records[0]["status"] == "confirmed"
        assert records[3]["text"] == "ሰላም"  # not escaped
        # The contract parser and the analysis read it as they read any transcript.
        transcript = parse_transcript_text_of(lines)
        assert [s.speaker for s in transcript.segments] == ["caseworker", "claimant", "claimant"]
        assert transcript.breaks[0].start == 3600.0
    finally:
        store.close()


def parse_transcript_text_of(lines: list[str]):  # type: ignore[no-untyped-def]
    from companion.transcript.parse import parse_transcript_text

    return parse_transcript_text("\n".join(lines))


def test_plain_text_is_the_record_style(db_url: str) -> None:
    store = Store.open(db_url)
    try:
        text = export_session(store.load(_live_session(store)), "txt")
        assert text == (
            "Interview record IC-2026-0042\n\n"
            "Caseworker: What happened at the camp?\n\n"
            "Claimant: He says they beat him and kept him three days. [corrected by the "
            "interpreter; recognised as: “He says they beat him & kept him <three> days.”] "
            "[speaker corrected; detected as interpreter]\n\n"
            "[Break 1:00:00–1:15:00: comfort break]\n\n"
            "Claimant: ሰላም\n"
        )
    finally:
        store.close()


def test_subtitles_carry_times_speakers_and_breaks(db_url: str) -> None:
    store = Store.open(db_url)
    try:
        loaded = store.load(_live_session(store))
        srt = export_session(loaded, "srt")
        assert srt.startswith(
            "1\n00:13:32,400 --> 00:13:35,100\nCaseworker: What happened at the camp?\n\n2\n"
        )
        assert "3\n01:00:00,000 --> 01:15:00,000\n[Break: comfort break]\n" in srt
        vtt = export_session(loaded, "vtt")
        assert vtt.startswith("WEBVTT\n\n1\n00:13:32.400 --> 00:13:35.100\n<v Caseworker>What")
        assert "&lt;three&gt;" in vtt and "&amp;" in vtt
    finally:
        store.close()


def test_subtitles_need_times(db_url: str, tmp_path: Path) -> None:
    store = Store.open(db_url)
    try:
        sid = import_transcript(store, DEV_CORPUS / "d01_full_followup.txt")
        with pytest.raises(UserError, match=f"session {sid}: segment 0 has no time"):
            export_session(store.load(sid), "srt")
    finally:
        store.close()


def test_a_stored_session_analyses_like_its_file(db_url: str) -> None:
    store = Store.open(db_url)
    try:
        for path in sorted(DEV_CORPUS.glob("*.txt")):
            sid = import_transcript(store, path)
            from_store = to_transcript(store.load(sid))
            assert analyse(from_store.segments) == analyse(parse_transcript(path).segments), path
    finally:
        store.close()


def test_a_bad_line_leaves_no_partial_session(db_url: str, tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    good_line = json.dumps({"speaker": "claimant", "text": "fine", "start": 1.0, "end": 2.0})
    bad.write_text(
        good_line + "\n" + good_line + '\n{"speaker": "claimant", "text": \n', encoding="utf-8"
    )
    corrections = tmp_path / "corrections.jsonl"
    corrections.write_text(
        good_line
        + "\n"
        + json.dumps(
            {"speaker": "claimant", "text": "x", "corrections": [{"kind": "text", "by": "robot"}]}
        )
        + "\n",
        encoding="utf-8",
    )
    store = Store.open(db_url)
    try:
        with pytest.raises(UserError, match=f"{bad}:3: not valid JSON"):
            import_transcript(store, bad)
        with pytest.raises(UserError, match=f"{corrections}:2: correction 1: 'by' must be"):
            import_transcript(store, corrections)
        assert store.list_sessions() == []
    finally:
        store.close()


def test_a_write_failure_half_way_leaves_no_partial_session(
    db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "t.jsonl"
    path.write_text(
        json.dumps({"speaker": "claimant", "text": "a", "start": 1.0, "end": 2.0})
        + "\n"
        + json.dumps({"type": "break", "start": 3.0, "end": 4.0, "reason": "r"})
        + "\n",
        encoding="utf-8",
    )

    def full(*_args: object, **_kwargs: object) -> None:
        raise OperationalError("INSERT", {}, Exception("database or disk is full"))

    monkeypatch.setattr(importing.record, "add_break", full)
    store = Store.open(db_url)
    try:
        with pytest.raises(UserError, match="the disk is full"):
            import_transcript(store, path)
        assert store.list_sessions() == []
    finally:
        store.close()


def test_plain_text_breaks_and_unknown_speakers_are_read(tmp_path: Path) -> None:
    path = tmp_path / "record.txt"
    path.write_text(
        "Caseworker: Shall we stop?\n\n[Break 1:02:03–1:20:00: the claimant was upset]\n\n"
        "Unknown: (inaudible)\n",
        encoding="utf-8",
    )
    transcript = parse_transcript(path)
    assert [s.speaker for s in transcript.segments] == ["caseworker", "unknown"]
    (pause,) = transcript.breaks
    assert (pause.start, pause.end, pause.reason, pause.after_segments) == (
        3723.0,
        4800.0,
        "the claimant was upset",
        1,
    )
