"""``interview-companion sessions …`` and ``--db``: what a reviewer types, what they see."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from companion.cli import main
from tests.paths import DEV_CORPUS


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def test_import_list_show_export_delete(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = DEV_CORPUS / "d01_full_followup.txt"
    status, out, _ = _run(
        capsys, "sessions", "import", str(source), "--reference", "IC-7", "--db", db_url
    )
    assert status == 0 and out.startswith(f"imported {source} as session 1 (10 segments")
    status, out, _ = _run(capsys, "--db", db_url, "sessions", "list")
    assert status == 0 and "IC-7" in out and "ended" in out
    status, out, _ = _run(capsys, "sessions", "list", "--json", "--db", db_url)
    (listed,) = json.loads(out)
    assert (listed["id"], listed["segments"], listed["state"]) == (1, 10, "ended")
    status, out, _ = _run(capsys, "sessions", "show", "1", "--db", db_url)
    assert "session 1: IC-7" in out and "burned my back with cigarettes" in out
    exported = tmp_path / "out.txt"
    status, _, err = _run(
        capsys, "sessions", "export", "1", "--format", "txt", "-o", str(exported), "--db", db_url
    )
    assert status == 0 and "written to" in err
    assert exported.read_text(encoding="utf-8").startswith("Interview record IC-7\n\nCaseworker:")
    status, out, _ = _run(capsys, "summary", "--session", "1", "--db", db_url)
    assert status == 0 and json.loads(out)["analysis"]["segments"] == 10
    status, out, _ = _run(capsys, "sessions", "delete", "1", "--db", db_url)
    assert status == 0 and out.startswith("deleted session 1 (IC-7): 10 segments")
    status, out, err = _run(capsys, "sessions", "show", "1", "--db", db_url)
    assert status == 2 and out == "" and err.count("\n") == 1
    assert "session 1: no such session in" in err


def test_a_bad_transcript_is_named_and_nothing_is_stored(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text(
        '{"speaker": "claimant", "text": "ok"}\n{"speaker": "judge", "text": "x"}\n',
        encoding="utf-8",
    )
    status, out, err = _run(capsys, "sessions", "import", str(bad))
    assert status == 2 and out == ""
    assert err.count("\n") == 1 and f"{bad}:2: 'speaker' must be one of" in err
    status, out, _ = _run(capsys, "sessions", "list")
    assert out.startswith("no sessions in ")


def test_a_database_that_cannot_be_used_is_one_line_with_status_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"\x00not sqlite\x00" * 500)
    status, _, err = _run(capsys, "sessions", "list", "--db", f"sqlite:///{junk}")
    assert status == 2 and err.count("\n") == 1 and str(junk) in err
    status, _, err = _run(capsys, "--db", "postgresql://u:pw@127.0.0.1:9/x", "sessions", "list")
    assert status == 2 and "cannot connect" in err and "pw" not in err
    status, _, err = _run(capsys, "sessions", "list", "--db", "nonsense")
    assert status == 2 and "--db nonsense: not a database URL" in err


def test_an_interrupted_session_is_listed_with_what_to_do(
    db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from models.store import Store

    store = Store.open(db_url)
    sid = store.create_session("IC-crashed", owner="nowhere:1")
    with store.session() as db:
        from models.entities import InterviewSession

        found = db.get(InterviewSession, sid)
        assert found is not None
        found.heartbeat_at = None
    store.close()
    _, out, _ = _run(capsys, "sessions", "list", "--db", db_url)
    assert "interrupted" in out and "sessions close ID" in out
    status, out, _ = _run(capsys, "sessions", "close", str(sid), "--db", db_url)
    assert status == 0
    status, out, _ = _run(capsys, "sessions", "list", "--json", "--db", db_url)
    assert json.loads(out)[0]["state"] == "ended"


def test_retention_setting_purges_on_start(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from datetime import UTC, datetime, timedelta

    from companion.settings import Settings
    from models.entities import InterviewSession
    from models.store import Store

    settings = Settings()
    settings.storage.retention_days = 7
    settings.save()
    store = Store.open()
    old = store.create_session("IC-old")
    new = store.create_session("IC-new")
    with store.session() as db:
        for sid, days in ((old, 8), (new, 1)):
            found = db.get(InterviewSession, sid)
            assert found is not None
            found.state, found.ended_at = "ended", datetime.now(UTC) - timedelta(days=days)
    store.close()
    # Another store named on the command line (a team's server, say) is never purged by this
    # computer's setting, whatever its sessions' age.
    other = Store.open(f"sqlite:///{tmp_path / 'team.db'}")
    theirs = other.create_session("IC-theirs")
    with other.session() as db:
        found = db.get(InterviewSession, theirs)
        found.state, found.ended_at = "ended", datetime.now(UTC) - timedelta(days=400)
    other.close()
    status, out, err = _run(
        capsys, "sessions", "list", "--json", "--db", f"sqlite:///{tmp_path / 'team.db'}"
    )
    assert status == 0 and [s["reference"] for s in json.loads(out)] == ["IC-theirs"]
    assert "retention" not in err
    status, out, err = _run(capsys, "sessions", "list", "--json")
    assert status == 0 and [s["reference"] for s in json.loads(out)] == ["IC-new"]
    assert err.startswith("retention: deleted 1 ended session(s) older than 7 days")  # said
    log = (tmp_path / "log" / "companion.log").read_text(encoding="utf-8")
    assert "retention: deleted 1 ended session(s) older than 7 days" in log


def test_the_summary_of_a_stored_session_counts_what_the_interpreter_reviewed(
    db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from models import record
    from models.store import Store

    store = Store.open(db_url)
    sid = store.create_session("IC-9", preset="home-office-slot")
    with store.session() as db:
        for i, text in enumerate(["Were you beaten?", "Yes, in 1401.", "Where?", "In Herat."]):
            record.add_segment(
                db,
                sid,
                i,
                speaker="interpreter" if i % 2 else "caseworker",
                text=text,
                start_s=i * 5.0,
                end_s=i * 5.0 + 4,
            )
        record.correct_text(db, sid, 1, "Yes, in 1402.", author="interpreter")
        record.confirm(db, sid, 3, author="interpreter")
    store.close()
    status, out, _ = _run(capsys, "summary", "--session", str(sid), "--db", db_url)
    summary = json.loads(out)
    assert status == 0 and summary["preset"] == "home-office-slot"
    assert summary["interpreter"] == {"segments": 2, "confirmed": 1, "corrected": 1}


def test_a_session_being_recorded_cannot_be_deleted_and_the_error_says_who_holds_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from models import record
    from models.recovery import owner_id
    from models.store import Store

    url = f"sqlite:///{tmp_path / 'live.db'}"
    store = Store.open(url)
    sid = store.create_session("IC-LIVE", owner=owner_id())  # this process: alive, recording
    with store.session() as db:
        record.add_segment(db, sid, 0, speaker="claimant", text="They came at night.")
    store.close()
    status, _, err = _run(capsys, "sessions", "delete", str(sid), "--db", url)
    assert status == 2 and "\n" not in err.strip()
    assert f"is being recorded now by {owner_id()}" in err
    status, out, _ = _run(capsys, "sessions", "list", "--json", "--db", url)
    assert [s["reference"] for s in json.loads(out)] == ["IC-LIVE"]  # nothing lost
