"""Score the analysis against labelled transcripts (``labels.json``, the dev corpus format).

``python -m companion.analysis.scoring DIR [DIR ...]`` prints disclosure recall and precision
and the share of labelled fields the analysis got right; ``make eval`` runs it on the shared dev
corpus and the project's own corpus.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from companion.analysis.analyser import analyse
from companion.transcript import parse_transcript


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
    misses: list[str] = field(default_factory=list)

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
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.misses += other.misses

    def summary(self, title: str) -> str:
        """One line of figures."""
        return (
            f"{title}: {self.files} transcripts, disclosure recall {self.recall:.1%} "
            f"({self.found_disclosures}/{self.labelled_disclosures}), precision "
            f"{self.precision:.1%} ({self.correct_predictions}/{self.predicted_disclosures}),"
            f" fields right {self.field_accuracy:.1%} ({self.fields_right}/{self.fields})"
        )


_DISCLOSURE_FIELDS = ("acknowledged", "medical_evidence_signposted", "category")


def _check(score: Score, name: str, what: str, ok: bool) -> None:
    score.fields += 1
    if ok:
        score.fields_right += 1
    else:
        score.misses.append(f"{name}: {what}")


def score_file(path: Path, labels: dict[str, Any]) -> Score:
    """Score one transcript against its labels."""
    score = Score(files=1)
    result = analyse(parse_transcript(path).segments)
    name = path.name
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
            _check(score, name, f"disclosure {got['segment']} {key}={actual}", actual == value)
    score.predicted_disclosures += len(disclosures)
    score.correct_predictions += len(used)
    for i, d in enumerate(disclosures):
        if i not in used:
            score.misses.append(f"{name}: unexpected disclosure at {d['segment']}: {d['evidence']}")
    for expected in labels.get("distress_at", []):
        got = next((d for d in result["distress"] if d["segment"] in expected["segments"]), None)
        _check(score, name, f"distress at {expected['segments']}", got is not None)
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
    for key, minimum in labels.get("questions_min", {}).items():
        value = result["questions"][key]
        _check(score, name, f"questions.{key}={value} < {minimum}", value >= minimum)
    return score


def score_corpus(folder: Path) -> Score:
    """Score every labelled transcript in ``folder``."""
    labels = json.loads((folder / "labels.json").read_text(encoding="utf-8"))
    total = Score()
    for file_name, file_labels in sorted(labels.items()):
        total.add(score_file(folder / file_name, file_labels))
    return total


def main(argv: list[str] | None = None) -> int:
    """Print the figures for each corpus folder given, and the misses with ``--verbose``."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args(argv)
    overall = Score()
    for folder in args.folders:
        score = score_corpus(folder)
        overall.add(score)
        print(score.summary(str(folder)))
        if args.verbose:
            for miss in score.misses:
                print("   ", miss)
    if len(args.folders) > 1:
        print(overall.summary("all"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
