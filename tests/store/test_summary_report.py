"""The reflection summary: its facts on constructed sessions, and the PDF and DOCX opened again
to check that the missing follow-ups and the timing are there."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from companion.cli import main
from companion.summary.docx_form import to_docx
from companion.summary.pdf_form import to_pdf
from companion.summary.report import build_report
from companion.summary.text_form import to_markdown
from companion.timing.presets import get_preset
from companion.transcript.parse import parse_transcript_text
from companion.usecases.record_forms import session_facts, to_transcript
from models import record
from models.store import Store

TRANSCRIPT = "\n".join(
    json.dumps(line)
    for line in [
        {"start": 10, "end": 14, "speaker": "caseworker", "text": "What happened at the camp?"},
        {
            "start": 15,
            "end": 22,
            "speaker": "interpreter",
            "text": "He says the guards beat him with sticks.",
        },
        {"start": 23, "end": 26, "speaker": "caseworker", "text": "What is your date of birth?"},
        {"start": 27, "end": 30, "speaker": "interpreter", "text": "The 3rd of Dey 1370."},
        {
            "type": "break",
            "start": 4000,
            "end": 4900,
            "reason": "comfort break",
            "requested_by": "claimant",
        },
        {
            "start": 11000,
            "end": 11004,
            "speaker": "caseworker",
            "text": "Answer yes or no. Were you a member, yes or no?",
        },
        {
            "start": 12000,
            "end": 12005,
            "speaker": "interpreter",
            "text": "I can't talk about this.",
        },
    ]
)


@pytest.fixture
def stored(tmp_path: Path):
    path = tmp_path / "t.jsonl"
    path.write_text(TRANSCRIPT, encoding="utf-8")
    store = Store.open(f"sqlite:///{tmp_path / 's.db'}")
    from models.importing import import_transcript

    sid = import_transcript(store, path, reference="IC-2026-0042")
    with store.session() as db:
        record.correct_text(
            db, sid, 3, "The 3rd of Dey 1371.", author="interpreter", reason="year misheard"
        )
        record.record_checklist(db, sid, "closing", [("sign", "Signing is not agreement", True)])
    yield store, sid
    store.close()


def test_the_report_puts_missing_follow_ups_first_and_keeps_the_facts(stored) -> None:
    store, sid = stored
    session = store.load(sid)
    summary = build_report(to_transcript(session), get_preset(None), session_facts(session))
    report = summary["report"]
    assert summary["interpreter"] == {"segments": 3, "confirmed": 0, "corrected": 1}
    (episode,) = report["disclosures"]
    assert episode["missing"] == ["When"] and episode["acknowledged"] is False
    assert episode["at_s"] == 15.0
    assert report["overview"]["breaks"] == [
        {"start_s": 4000.0, "end_s": 4900.0, "reason": "comfort break", "requested_by": "claimant"}
    ]
    (correction,) = report["interpreting"]["corrections"]
    assert (correction["before"], correction["after"]) == (
        "The 3rd of Dey 1370.",
        "The 3rd of Dey 1371.",
    )
    assert report["interpreting"]["dates_and_numbers_not_confirmed"] == []  # corrected
    assert [i["text"] for i in report["questioning"]["yes_no_demands"]]
    assert report["distress"][0]["evidence"] == "I can't talk about this."
    assert report["checklists"] == {"closing": [("Signing is not agreement", True)]}
    kinds = {m["kind"] for m in report["timeline"]["marks"]}
    assert {"disclosure", "distress", "warning"} <= kinds
    markdown = to_markdown(summary)
    assert markdown.index("## Missing follow-ups") < markdown.index("## Timing")
    assert "missing When" in markdown and "Break 1:06:40–1:21:40 (0:15:00): comfort break" in (
        markdown
    )


def test_pdf_and_docx_carry_the_missing_follow_ups_and_the_timing(stored) -> None:
    from docx import Document
    from pypdf import PdfReader

    store, sid = stored
    session = store.load(sid)
    summary = build_report(to_transcript(session), get_preset(None), session_facts(session))
    reader = PdfReader(io.BytesIO(to_pdf(summary)))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Missing follow-ups" in text and "missing When" in text
    assert "comfort break" in text and "IC-2026-0042" in text
    assert "prompts for reflection, not findings" in text
    document = Document(io.BytesIO(to_docx(summary)))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings[:2] == ["Missing follow-ups", "Timing"]
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert "comfort break" in cells and "missing" in cells
    assert "IC-2026-0042" in document.sections[0].footer.paragraphs[0].text


def test_a_transcript_without_times_says_so() -> None:
    transcript = parse_transcript_text("Caseworker: Hello.\n\nClaimant: They beat me.\n")
    markdown = to_markdown(build_report(transcript, get_preset(None)))
    assert "has no times, so its timing could not be measured" in markdown


def test_the_command_writes_pdf_and_docx_and_asks_for_a_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "t.jsonl"
    path.write_text(TRANSCRIPT, encoding="utf-8")
    assert main(["summary", str(path), "--format", "pdf"]) == 2
    assert "give the file to write with -o FILE" in capsys.readouterr().err
    assert main(["summary", str(path), "--format", "pdf", "-o", str(tmp_path / "s.pdf")]) == 0
    assert (tmp_path / "s.pdf").read_bytes().startswith(b"%PDF")
    assert main(["summary", str(path), "--format", "docx", "-o", str(tmp_path / "s.docx")]) == 0
    assert (tmp_path / "s.docx").read_bytes().startswith(b"PK")
    assert main(["summary", str(path), "--format", "md"]) == 0
    assert capsys.readouterr().out.startswith("# Reflection summary")


def test_a_timing_warning_says_what_was_done_about_it() -> None:
    from companion.summary.report import SessionFacts

    transcript = parse_transcript_text(TRANSCRIPT)
    plain = build_report(transcript, get_preset(None))
    (first, *_) = plain["report"]["overview"]["warnings"]
    assert first["action"] == ""
    facts = SessionFacts(
        prompts=(
            {
                "kind": f"warning:{first['occasion']}",
                "state": "not_now",
                "reason": "the claimant wanted to finish",
            },
        )
    )
    report = build_report(transcript, get_preset(None), facts)
    assert report["report"]["overview"]["warnings"][0]["action"] == (
        "snoozed (the claimant wanted to finish)"
    )
    assert "snoozed (the claimant wanted to finish)" in to_markdown(report)


def test_the_same_remark_on_the_same_words_is_one_line_with_every_segment() -> None:
    text = (
        "Caseworker: Were you a member, yes or no?\n\nClaimant: I supported them.\n\n"
        "Caseworker: Were you a member, yes or no?\n\nClaimant: A supporter.\n\n"
        "Caseworker: Were you a member, yes or no?\n\nClaimant: I said, a supporter.\n"
    )
    summary = build_report(parse_transcript_text(text), get_preset(None))
    flagged = summary["report"]["questioning"]["flagged"]
    demands = [f for f in flagged if f["label"] == "“Yes or no” demand"]
    assert demands == [
        {
            "label": "“Yes or no” demand",
            "text": "Were you a member, yes or no?",
            "segments": [0, 2, 4],
        }
    ]
    assert "(segments 0, 2, 4)" in to_markdown(summary)
