"""Score the analysis against labelled transcripts (``labels.json``, the dev corpus format).

``python -m companion.analysis.scoring DIR [DIR ...]`` prints, per folder and overall:
disclosure recall and precision; false disclosures per two hours of talk (the transcript's
length at :data:`WORDS_PER_MINUTE` when it has no times); the follow-up fields right
(acknowledged, when/where/how/by whom, medical evidence) for the disclosures found; distress
found and its response right; question kinds right; and the share of all labelled fields
right. ``make eval`` runs it on the project's corpora.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from companion.analysis.analyser import analyse
from companion.analysis.second_opinion import Opinions
from companion.transcript import parse_transcript
from companion.transcript.model import Segment


@dataclass
class Score:
    """Counts behind the figures, and what went wrong (for a developer to read)."""

    labelled_disclosures: int = 0
    found_disclosures: int = 0
    predicted_disclosures: int = 0
    correct_predictions: int = 0
    fields: int = 0
    fields_right: int = 0
    files: int = 0
    followup_fields: int = 0
    followup_right: int = 0
    distress_labelled: int = 0
    distress_found: int = 0
    questions_labelled: int = 0
    questions_right: int = 0
    minutes: float = 0.0
    misses: list[str] = field(default_factory=list)

    @property
    def false_per_two_hours(self) -> float:
        """Reported disclosures matching no labelled one, per two hours of talk."""
        wrong = self.predicted_disclosures - self.correct_predictions
        return wrong * 120.0 / self.minutes if self.minutes else 0.0

    @property
    def followup_accuracy(self) -> float:
        """Follow-up fields right, over the disclosures found."""
        return self.followup_right / self.followup_fields if self.followup_fields else 1.0

    @property
    def distress_recall(self) -> float:
        """Labelled moments of distress found."""
        return self.distress_found / self.distress_labelled if self.distress_labelled else 1.0

    @property
    def question_accuracy(self) -> float:
        """Labelled question kinds (open/closed) right."""
        return self.questions_right / self.questions_labelled if self.questions_labelled else 1.0

    @property
    def recall(self) -> float:
        """Labelled disclosures found (at an acceptable segment)."""
        return (
            self.found_disclosures / self.labelled_disclosures if self.labelled_disclosures else 1.0
        )

    @property
    def precision(self) -> float:
        """Reported disclosures that match a labelled one."""
        if not self.predicted_disclosures:
            return 1.0
        return self.correct_predictions / self.predicted_disclosures

    @property
    def field_accuracy(self) -> float:
        """Share of labelled fields (counts, acknowledgement, follow-ups, ...) that are right."""
        return self.fields_right / self.fields if self.fields else 1.0

    def add(self, other: Score) -> None:
        """Accumulate another corpus's counts."""
        for name in (
            "labelled_disclosures",
            "found_disclosures",
            "predicted_disclosures",
            "correct_predictions",
            "fields",
            "fields_right",
            "files",
            "followup_fields",
            "followup_right",
            "distress_labelled",
            "distress_found",
            "questions_labelled",
            "questions_right",
            "minutes",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.misses += other.misses

    def summary(self, title: str) -> str:
        """The figures, two lines."""
        wrong = self.predicted_disclosures - self.correct_predictions
        return (
            f"{title}: {self.files} transcripts ({self.minutes / 60:.1f} h of talk), disclosure "
            f"recall {self.recall:.1%} ({self.found_disclosures}/{self.labelled_disclosures}),"
            f" precision {self.precision:.1%} ({self.correct_predictions}/"
            f"{self.predicted_disclosures}), false disclosures {wrong} "
            f"({self.false_per_two_hours:.2f} per 2 h)\n"
            f"    follow-up fields right {self.followup_accuracy:.1%} ({self.followup_right}/"
            f"{self.followup_fields}), distress found {self.distress_recall:.1%} "
            f"({self.distress_found}/{self.distress_labelled}), question kinds right "
            f"{self.question_accuracy:.1%} ({self.questions_right}/{self.questions_labelled}),"
            f" all fields right {self.field_accuracy:.1%} ({self.fields_right}/{self.fields})"
        )

    def figures(self) -> dict[str, Any]:
        """The figures as JSON."""
        return {
            "transcripts": self.files,
            "hours_of_talk": round(self.minutes / 60, 2),
            "disclosure_recall": round(self.recall, 4),
            "disclosure_precision": round(self.precision, 4),
            "false_disclosures": self.predicted_disclosures - self.correct_predictions,
            "false_disclosures_per_two_hours": round(self.false_per_two_hours, 3),
            "followup_fields_right": round(self.followup_accuracy, 4),
            "distress_found": round(self.distress_recall, 4),
            "question_kinds_right": round(self.question_accuracy, 4),
            "all_fields_right": round(self.field_accuracy, 4),
        }


_DISCLOSURE_FIELDS = ("acknowledged", "medical_evidence_signposted", "category")
#: Spoken English in an interview record, for the length of a transcript without times.
WORDS_PER_MINUTE = 150.0


def _check(score: Score, name: str, what: str, ok: bool) -> bool:
    score.fields += 1
    if ok:
        score.fields_right += 1
    else:
        score.misses.append(f"{name}: {what}")
    return ok


def minutes_of(segments: list[Segment]) -> float:
    """How long the transcript's talk lasts: its times, or its words at 150 a minute."""
    timed = [s for s in segments if s.start is not None and s.end is not None]
    if timed and len(timed) == len(segments):
        return max(0.0, (timed[-1].end or 0.0) - (timed[0].start or 0.0)) / 60.0
    words = sum(len(s.text.split()) for s in segments)
    return words / WORDS_PER_MINUTE


def score_file(path: Path, labels: dict[str, Any], second_opinion: Opinions = "shipped") -> Score:
    """Score one transcript against its labels."""
    segments = parse_transcript(path).segments
    return score_segments(path.name, segments, labels, second_opinion=second_opinion)


def score_segments(
    name: str,
    segments: list[Segment],
    labels: dict[str, Any],
    position: Any = None,
    second_opinion: Opinions = "shipped",
) -> Score:
    """Score the analysis of ``segments`` against labels.

    ``position`` maps a segment's number to the labelled turn it belongs to (for the live
    pipeline's output, where one spoken turn may become several segments); by default a
    segment is its own turn.
    """
    result = analyse(segments, second_opinion)
    turn = position or (lambda number: number)
    for item in result["disclosures"]:
        item["segment"] = turn(item["segment"])
    for item in result["distress"] + result["vulnerability"]:
        item["segment"] = turn(item["segment"])
    for item in result["questions"]["items"]:
        item["segment"] = turn(item["segment"])
    return score_result(name, result, labels, minutes_of(segments))


def score_result(
    name: str, result: dict[str, Any], labels: dict[str, Any], minutes: float
) -> Score:
    """Score an analysis result (the ``analyse`` JSON: disclosures, distress, vulnerability,
    questions) of a transcript ``minutes`` long against its labels. The analysis's own output
    is scored this way, and so is a second writer's labels read as a result
    (:mod:`companion.analysis.agreement`)."""
    score = Score(files=1, minutes=minutes)
    disclosures = result["disclosures"]
    low, high = labels.get("disclosures_count", [None, None])
    if low is not None:
        _check(
            score,
            name,
            f"{len(disclosures)} disclosures, expected {low}-{high}",
            low <= len(disclosures) <= high,
        )
    used: set[int] = set()
    for expected in labels.get("disclosure_at", []):
        score.labelled_disclosures += 1
        match = next(
            (
                i
                for i, d in enumerate(disclosures)
                if d["segment"] in expected["segments"] and i not in used
            ),
            None,
        )
        if match is None:
            score.misses.append(f"{name}: no disclosure at {expected['segments']}")
            continue
        used.add(match)
        score.found_disclosures += 1
        got = disclosures[match]
        wanted = {key: expected[key] for key in _DISCLOSURE_FIELDS if key in expected}
        wanted.update({f"followups.{k}": v for k, v in expected.get("followups", {}).items()})
        for key, value in wanted.items():
            field_name, _, element = key.partition(".")
            actual = got[field_name][element] if element else got[field_name]
            ok = _check(score, name, f"disclosure {got['segment']} {key}={actual}", actual == value)
            if key != "category":
                score.followup_fields += 1
                score.followup_right += ok
    # An episode only one of two writers marked (``disputed_at``, from the agreement) is
    # neither missed nor false: a disclosure raised there is not counted either way.
    disputed = {n for item in labels.get("disputed_at", []) for n in item["segments"]}
    ignored = {i for i, d in enumerate(disclosures) if i not in used and d["segment"] in disputed}
    score.predicted_disclosures += len(disclosures) - len(ignored)
    score.correct_predictions += len(used)
    for i, d in enumerate(disclosures):
        if i not in used and i not in ignored:
            score.misses.append(f"{name}: unexpected disclosure at {d['segment']}: {d['evidence']}")
    for expected in labels.get("distress_at", []):
        got = next((d for d in result["distress"] if d["segment"] in expected["segments"]), None)
        score.distress_labelled += 1
        score.distress_found += _check(
            score, name, f"distress at {expected['segments']}", got is not None
        )
        if got is not None and "responded" in expected:
            _check(
                score,
                name,
                f"distress {got['segment']} responded={got['responded']}",
                got["responded"] == expected["responded"],
            )
    for expected in labels.get("vulnerability_at", []):
        got = [
            v
            for v in result["vulnerability"]
            if v["segment"] in expected["segments"] and v["kind"] == expected["kind"]
        ]
        _check(
            score, name, f"vulnerability {expected['kind']} at {expected['segments']}", bool(got)
        )
    for expected in labels.get("questions_at", []):
        kinds = [
            q["kind"] for q in result["questions"]["items"] if q["segment"] == expected["segment"]
        ]
        score.questions_labelled += 1
        score.questions_right += _check(
            score,
            name,
            f"question at {expected['segment']} is {kinds or 'not found'}, expected "
            f"{expected['kind']}",
            expected["kind"] in kinds,
        )
    for key, minimum in labels.get("questions_min", {}).items():
        value = result["questions"][key]
        _check(score, name, f"questions.{key}={value} < {minimum}", value >= minimum)
    return score


def read_labels(folder: Path) -> dict[str, Any]:
    """A corpus folder's ``labels.json``: the labels of each transcript, by file name."""
    labels: dict[str, Any] = json.loads((folder / "labels.json").read_text(encoding="utf-8"))
    return labels


def score_corpus(folder: Path, second_opinion: Opinions = "shipped") -> Score:
    """Score every labelled transcript in ``folder``."""
    total = Score()
    for file_name, file_labels in sorted(read_labels(folder).items()):
        total.add(score_file(folder / file_name, file_labels, second_opinion))
    return total


def main(argv: list[str] | None = None) -> int:
    """Print the figures for each corpus folder given, and the misses with ``--verbose``."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--verbose", action="store_true", help="list every miss")
    parser.add_argument("--json", action="store_true", help="the figures as one JSON object")
    parser.add_argument(
        "--rules-only", action="store_true", help="without the second opinion (the rules alone)"
    )
    args = parser.parse_args(argv)
    overall = Score()
    figures: dict[str, Any] = {}
    opinion: Opinions = None if args.rules_only else "shipped"
    for folder in args.folders:
        score = score_corpus(folder, opinion)
        overall.add(score)
        figures[str(folder)] = score.figures()
        if not args.json:
            print(score.summary(str(folder)))
        if args.verbose:
            for miss in score.misses:
                print("   ", miss, file=sys.stderr if args.json else sys.stdout)
    figures["all"] = overall.figures()
    if args.json:
        print(json.dumps(figures, indent=2))
    elif len(args.folders) > 1:
        print(overall.summary("all"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
