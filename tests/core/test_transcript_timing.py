"""The summary's timing of a finished transcript: the same rules as the live clock."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from companion.cli import main
from companion.timing.presets import get_preset
from companion.timing.transcript_timing import evaluate_transcript
from companion.transcript import parse_transcript_text


def _jsonl(rows: list[dict]) -> str:
    return "\n".join(json.dumps(r) for r in rows) + "\n"


def _interview(hours: float, breaks: list[tuple[float, float]]) -> str:
    rows: list[dict] = []
    t = 0.0
    for start, end in breaks:
        while t + 60 <= start:
            rows.append({"start": t, "end": t + 50, "speaker": "caseworker", "text": "Question?"})
            t += 60
        rows.append({"type": "break", "start": start, "end": end, "reason": "comfort break"})
        t = end
    while t + 60 <= hours * 3600:
        rows.append({"start": t, "end": t + 60, "speaker": "claimant", "text": "Answer."})
        t += 60
    return _jsonl(rows)


def test_a_45_minute_transcript_has_no_warnings() -> None:
    report = evaluate_transcript(
        parse_transcript_text(_interview(0.75, [])), get_preset("trauma-informed")
    )
    assert report.warnings == [] and report.elapsed_s == pytest.approx(2700)


def test_long_interview_with_one_break() -> None:
    text = _interview(4.25, [(3600.0, 4500.0)])
    report = evaluate_transcript(parse_transcript_text(text), get_preset("trauma-informed"))
    assert report.elapsed_s == pytest.approx(15300)
    assert report.questioning_s == pytest.approx(14400)
    assert report.breaks == [{"start_s": 3600.0, "end_s": 4500.0, "reason": "comfort break"}]
    assert report.longest_without_break_s == pytest.approx(15300 - 4500)
    assert [(w.rule, w.at_s) for w in report.warnings] == [
        ("break-due", 4500 + 75 * 60),
        ("break-due", 4500 + 120 * 60),
        ("approaching-limit", 210 * 60 + 900),
        ("limit-reached", 240 * 60 + 900),
    ]


def test_untimed_plain_text_reports_that_nothing_could_be_measured() -> None:
    report = evaluate_transcript(parse_transcript_text("Q: Hello?\nA: Hello.\n"), get_preset())
    assert not report.timed and report.warnings == []


def test_summary_command_reports_the_timing(tmp_path: Path, capsys) -> None:
    path = tmp_path / "long.jsonl"
    path.write_text(_interview(3.0, [(5400.0, 6000.0)]))
    assert main(["summary", str(path), "--preset", "home-office-slot", "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["preset"] == "home-office-slot"
    timing = out["timing"]
    assert timing["breaks"][0]["reason"] == "comfort break"
    rules = {w["rule"] for w in timing["warnings"]}
    assert {"slot-ending", "break-due"} <= rules
    assert all(set(w) >= {"at_s", "rule", "message"} for w in timing["warnings"])
    assert set(out) >= {
        "preset",
        "timing",
        "analysis",
        "missing_followups",
        "interpreter",
        "reflection_prompts",
    }
    assert out["analysis"]["segments"] == len(
        [line for line in path.read_text().splitlines() if '"break"' not in line]
    )


def test_summary_puts_missing_followups_first(tmp_path: Path, capsys) -> None:
    path = tmp_path / "d.txt"
    path.write_text(
        "Caseworker: What happened at the station?\n"
        "Claimant: They beat me with cables.\n"
        "Caseworker: Where do you live now?\n"
    )
    assert main(["summary", str(path), "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["missing_followups"] == [{"segment": 1, "missing": ["when", "by_whom"]}]
    assert out["timing"]["timed"] is False
    assert out["reflection_prompts"]


def test_summary_bad_preset_and_overlapping_breaks(tmp_path: Path, capsys) -> None:
    path = tmp_path / "t.jsonl"
    path.write_text(
        _jsonl(
            [
                {"start": 0, "end": 10, "speaker": "caseworker", "text": "Hello"},
                {"type": "break", "start": 100, "end": 300},
                {"type": "break", "start": 200, "end": 400},
            ]
        )
    )
    assert main(["summary", str(path), "--preset", "nope", "--format", "json"]) == 2
    assert "unknown preset 'nope'" in capsys.readouterr().err
    assert main(["summary", str(path), "--format", "json"]) == 2
    err = capsys.readouterr().err
    assert "t.jsonl:3: break overlaps" in err and err.count("\n") == 1


def test_summary_written_to_a_file_or_a_one_line_error(tmp_path: Path, capsys) -> None:
    path = tmp_path / "t.txt"
    path.write_text("Q: Where were you born?\nA: In Herat.\n")
    out = tmp_path / "summary.json"
    assert main(["summary", str(path), "-o", str(out)]) == 0
    assert json.loads(out.read_text())["preset"] == "trauma-informed"
    missing = tmp_path / "no-such-folder" / "s.json"
    assert main(["summary", str(path), "-o", str(missing)]) == 2
    err = capsys.readouterr().err
    assert "s.json: its folder" in err and "does not exist" in err and err.count("\n") == 1
    assert not missing.parent.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
