"""Redaction: names and places masked in exports and summaries on request, dates and numbers
kept; word timings (which would spell the names again) left out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from companion.cli import main
from companion.redaction import redact
from models import record
from models.store import Store

SAID = "My name is Tomas Ankari Verel. In 1399 Commander Rahimi held me in Herat for three weeks."


def test_names_and_places_are_masked_dates_and_numbers_kept() -> None:
    assert redact(SAID) == ("My name is [name]. In 1399 [name] held me in [place] for three weeks.")
    assert redact("They beat me every night.") == "They beat me every night."


@pytest.fixture
def stored(tmp_path: Path) -> tuple[str, int]:
    url = f"sqlite:///{tmp_path / 'store.db'}"
    store = Store.open(url)
    try:
        sid = store.create_session("IC-RED-1")
        with store.session() as db:
            record.add_segment(
                db,
                sid,
                0,
                speaker="caseworker",
                text="Who held you, and where?",
                start_s=1.0,
                end_s=3.0,
            )
            record.add_segment(
                db,
                sid,
                1,
                speaker="interpreter",
                text=SAID,
                start_s=4.0,
                end_s=9.0,
                words=[{"w": "Tomas", "s": 4.0, "e": 4.3, "p": 0.9}],
            )
            record.correct_text(
                db, sid, 1, SAID.replace("Herat", "Kabul"), author="interpreter", reason="Kabul"
            )
    finally:
        store.close()
    return url, sid


def test_a_redacted_export_names_nobody_and_no_place(
    stored: tuple[str, int], capsys: pytest.CaptureFixture[str]
) -> None:
    url, sid = stored
    for form in ("jsonl", "txt", "srt", "vtt"):
        assert (
            main(["sessions", "export", str(sid), "--format", form, "--redact", "--db", url]) == 0
        )
        out = capsys.readouterr().out
        for secret in ("Tomas", "Verel", "Rahimi", "Herat", "Kabul"):
            assert secret not in out, (form, secret)
        assert "1399" in out and "three weeks" in out and "[name]" in out, form
    assert main(["sessions", "export", str(sid), "--format", "jsonl", "--redact", "--db", url]) == 0
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert "words" not in lines[1]
    assert lines[1]["recognised_text"].endswith("held me in [place] for three weeks.")
    # Without --redact the record is whole.
    assert main(["sessions", "export", str(sid), "--format", "txt", "--db", url]) == 0
    assert "Commander Rahimi" in capsys.readouterr().out


def test_a_redacted_summary_names_nobody(
    stored: tuple[str, int], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url, sid = stored
    for form in ("md", "json"):
        args = ["summary", "--session", str(sid), "--format", form, "--redact", "--db", url]
        assert main(args) == 0
        out = capsys.readouterr().out
        assert "Rahimi" not in out and "Tomas" not in out and "Kabul" not in out, form
    docx = tmp_path / "summary.docx"
    args = ["summary", "--session", str(sid), "--format", "docx", "--redact", "-o", str(docx)]
    assert main([*args, "--db", url]) == 0
    from docx import Document

    text = "\n".join(p.text for p in Document(str(docx)).paragraphs)
    text += "\n".join(c.text for t in Document(str(docx)).tables for r in t.rows for c in r.cells)
    assert "Rahimi" not in text and "Herat" not in text and "[name]" in text
