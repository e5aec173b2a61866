"""Two writers' labels of the same transcripts: how far they agree, and the analysis on what
they share (an episode only one marked counts neither way)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from companion.analysis.agreement import compare, consensus, main

TRANSCRIPT = (
    "Caseworker: What happened after your arrest?\n\n"
    "Claimant: The soldiers beat me with sticks in the police station in 2019.\n\n"
    "Caseworker: I am sorry. When was that?\n\n"
    "Claimant: In March.\n\n"
    "Caseworker: What happened in Libya in 2021?\n\n"
    "Claimant: In Libya the guards of the warehouse whipped me every day.\n\n"
    "Caseworker: Did you go to school?\n\n"
    "Claimant: Yes, for six years.\n"
)

BEATING = {
    "segments": [1],
    "acknowledged": True,
    "followups": {"when": True, "where": True, "how": True, "by_whom": True},
    "medical_evidence_signposted": False,
}
LIBYA = {
    "segments": [5],
    "acknowledged": False,
    "followups": {"when": False, "where": True, "how": True, "by_whom": True},
    "medical_evidence_signposted": False,
}


def _folder(tmp_path: Path, first: dict) -> Path:
    (tmp_path / "001_two_episodes.txt").write_text(TRANSCRIPT, encoding="utf-8")
    (tmp_path / "labels.json").write_text(json.dumps({"001_two_episodes.txt": first}))
    return tmp_path


def test_an_episode_only_one_writer_marked_is_disputed_and_counts_neither_way(
    tmp_path: Path,
) -> None:
    first = {"disclosures_count": [2, 2], "disclosure_at": [BEATING, LIBYA]}
    second = {"disclosures_count": [1, 1], "disclosure_at": [dict(BEATING, segments=[1, 3])]}
    agreed = consensus(first, second)
    assert [item["segments"] for item in agreed["disclosure_at"]] == [[1, 3]]
    assert agreed["disputed_at"] == [{"segments": [5]}]
    assert "disclosures_count" not in agreed

    totals = compare(_folder(tmp_path, first), {"001_two_episodes.txt": second})
    writer = totals["second writer against the first"]
    assert (writer.found_disclosures, writer.labelled_disclosures) == (1, 2)
    assert writer.predicted_disclosures == writer.correct_predictions == 1
    # The analysis finds both: against the second writer the whipping in Libya is false;
    # on what both agree it is neither found nor false.
    alone = totals["analysis against the second writer"]
    assert alone.predicted_disclosures - alone.correct_predictions == 1
    shared = totals["analysis on what both agree"]
    assert (shared.found_disclosures, shared.labelled_disclosures) == (1, 1)
    assert shared.predicted_disclosures == shared.correct_predictions == 1


def test_follow_up_fields_the_writers_disagree_on_are_not_scored() -> None:
    other = dict(BEATING, followups={"when": True, "where": False, "how": True, "by_whom": True})
    [item] = consensus({"disclosure_at": [BEATING]}, {"disclosure_at": [other]})["disclosure_at"]
    assert item["followups"] == {"when": True, "how": True, "by_whom": True}
    assert item["acknowledged"] is True


def test_a_second_writer_who_finds_harm_the_first_did_not_is_counted_false(tmp_path: Path) -> None:
    first = {"disclosures_count": [1, 1], "disclosure_at": [BEATING]}
    second = {"disclosure_at": [BEATING, LIBYA]}
    totals = compare(_folder(tmp_path, first), {"001_two_episodes.txt": second})
    writer = totals["second writer against the first"]
    assert writer.recall == 1.0
    assert writer.predicted_disclosures - writer.correct_predictions == 1
    assert totals["first writer against the second"].recall == 0.5


def test_unreadable_second_labels_get_one_line_naming_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _folder(tmp_path, {"disclosure_at": [BEATING]})
    broken = tmp_path / "other.json"
    broken.write_text("{not json")
    assert main([str(folder), str(broken)]) == 2
    error = capsys.readouterr().err.strip()
    assert error.startswith(f"error: {broken}:") and "\n" not in error


def test_a_malformed_second_label_is_named_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _folder(tmp_path, {"disclosure_at": [BEATING]})
    other = tmp_path / "other.json"
    other.write_text(json.dumps({"001_two_episodes.txt": {"disclosure_at": [{"when": True}]}}))
    assert main([str(folder), str(other)]) == 2
    error = capsys.readouterr().err.strip()
    assert error.startswith(f"error: {other}:") and "segment numbers" in error and "\n" not in error


def test_episodes_pair_as_many_as_overlap_and_are_read_at_their_partner() -> None:
    from companion.analysis.agreement import labels_as_result, pairs

    first = [{"segments": [4]}, {"segments": [5]}]
    second = [{"segments": [3, 4]}, {"segments": [4, 5]}]
    assert pairs(first, second) == [(0, 0), (1, 1)]
    read = labels_as_result({"disclosure_at": second}, {"disclosure_at": first})
    assert [d["segment"] for d in read["disclosures"]] == [4, 5]
    # greedy pairing would pair A with X and leave B and Y apart
    assert pairs(
        [{"segments": [1, 3]}, {"segments": [3]}], [{"segments": [3]}, {"segments": [1]}]
    ) == [
        (0, 1),
        (1, 0),
    ]


def test_labels_of_the_wrong_shape_or_for_other_files_are_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _folder(tmp_path, {"disclosure_at": [BEATING]})
    other = tmp_path / "other.json"
    for data, words in (
        ({"001_two_episodes.txt": [BEATING]}, "expected an object of labels"),
        ({"001_two_episodes.txt": {"disclosure_at": [{"segments": []}]}}, "non-empty"),
        ([BEATING], "expected an object keyed"),
        ({"999_other.txt": {}}, "no transcript there"),
    ):
        other.write_text(json.dumps(data))
        assert main([str(folder), str(other)]) == 2
        error = capsys.readouterr().err.strip()
        assert error.startswith("error: ") and words in error and "\n" not in error
