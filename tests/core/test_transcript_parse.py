"""Both transcript forms, chosen by content; bad input named with its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from companion.errors import UserError
from companion.transcript import parse_transcript, parse_transcript_text
from tests.paths import DEV_CORPUS as CORPUS


def test_jsonl_with_breaks_and_extra_keys() -> None:
    text = (
        '{"start": 1.0, "end": 3.5, "speaker": "caseworker", "text": "How did you leave?"}\n'
        '{"type": "break", "start": 3600, "end": 4500, "reason": "comfort break"}\n'
        '{"type": "segment", "speaker": "Interpreter", "text": "He says by truck.", "x": 1}\n'
    )
    t = parse_transcript_text(text, "t.jsonl")
    assert [s.speaker for s in t.segments] == ["caseworker", "interpreter"]
    assert t.segments[1].start is None and t.segments[1].line == 3
    assert t.breaks[0].reason == "comfort break" and t.breaks[0].end == 4500


def test_plain_text_turns_continuations_and_notes() -> None:
    text = (
        "SUBSTANTIVE INTERVIEW RECORD\n\n"
        "Q: Where were you held?\n"
        "A: In a room under the station.\n"
        "It had no window.\n"
        "[Claimant upset and crying]\n\n"
        "Interviewer: Take your time.\n"
        "DM: Would you like a break?\n"
        "Applicant: Yes.\n"
        "Interpreter: He says thank you.\n"
    )
    t = parse_transcript_text(text, "r.txt")
    assert [s.speaker for s in t.segments] == [
        "caseworker",
        "claimant",
        "caseworker",
        "caseworker",
        "claimant",
        "interpreter",
    ]
    assert t.segments[1].text == (
        "In a room under the station. It had no window. [Claimant upset and crying]"
    )
    assert t.segments[1].notes == ("[Claimant upset and crying]",)
    assert t.segments[1].line == 4 and t.form == "text"


def test_a_note_in_its_own_paragraph_joins_the_turn_before() -> None:
    t = parse_transcript_text("Claimant: They beat me.\n\n[long pause]\n\nCaseworker: Thank you.\n")
    assert t.segments[0].text == "They beat me. [long pause]" and len(t.segments) == 2


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            '{"speaker": "caseworker", "text": "ok"}\n{"speaker": "judge", "text": "x"}\n',
            r"t:2: 'speaker' must be one of",
        ),
        ('{"speaker": "caseworker", "text": "ok"}\n{broken\n', r"t:2: not valid JSON"),
        ('{"speaker": "caseworker", "text": "ok"}\n[1, 2]\n', r"t:2: each line must be a JSON"),
        ('{"speaker": "caseworker"}\n', r"t:1: a segment needs 'text'"),
        ('{"speaker": "caseworker", "text": "a", "start": 5, "end": 2}\n', r"t:1: 'end' \(2"),
        ('{"speaker": "caseworker", "text": "a", "start": "soon"}\n', r"t:1: 'start' must be a"),
        ('{"type": "break", "start": 5}\n', r"t:1: a break needs 'start' and 'end'"),
        ('{"type": "note", "text": "x"}\n', r"t:1: unknown 'type'"),
        ("Hello there\nno roles at all\n", r"t:1: no turns found"),
        ("   \n\n", r"t: the transcript is empty"),
    ],
)
def test_bad_input_names_the_line(content: str, message: str) -> None:
    with pytest.raises(UserError, match=message):
        parse_transcript_text(content, "t")


def test_file_errors(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="no such transcript file"):
        parse_transcript(tmp_path / "missing.txt")
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("Caseworker: ok\nClaimant: caf\xe9\n".encode("latin-1"))
    with pytest.raises(UserError, match=r"latin1\.txt:2: not UTF-8"):
        parse_transcript(bad)


def test_every_dev_corpus_file_parses() -> None:
    for path in sorted(CORPUS.glob("*.txt")):
        t = parse_transcript(path)
        assert t.segments and all(s.text for s in t.segments), path.name
