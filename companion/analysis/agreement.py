"""How far two writers' labels of the same transcripts agree, and the analysis on what they share.

``python -m companion.analysis.agreement FOLDER SECOND_LABELS`` reads the transcripts and
``labels.json`` of ``FOLDER`` (the first writer's) and another ``labels.json`` for the same
files, written by someone who saw the transcripts but not the first labels. It prints:

- the second writer's labels scored against the first's exactly as the analysis is scored
  (:func:`companion.analysis.scoring.score_result`), and the other way round: how often two
  careful people mark the same episode, the same follow-ups, the same distress;
- the analysis scored on what both writers agree on: an episode only one of them marked is
  *disputed* (a disclosure raised there is neither missed nor false), a follow-up field or an
  acknowledgement they disagree on is not scored;
- the analysis against each writer alone, for comparison.

Question kinds are left out: each writer labels only a few questions of their choosing.
Two episodes are the same when their acceptable segments overlap (as many pairs as there can
be); a writer's episode is read at a segment it shares with the one it is paired with (else at
its first), so the comparison is as lenient as it can be.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from companion.analysis.scoring import Score, minutes_of, read_labels, score_file, score_result
from companion.transcript import parse_transcript

Labels = dict[str, Any]


class LabelError(ValueError):
    """A labels file that cannot be compared: the message names the file and the entry."""


def check_labels(data: Any, source: str) -> Labels:
    """The labels of a ``labels.json`` (an object keyed by file name), or :class:`LabelError`
    naming the first entry at fault."""
    if not isinstance(data, dict):
        raise LabelError(f"{source}: expected an object keyed by transcript file name")
    for name, labels in data.items():
        if not isinstance(labels, dict):
            raise LabelError(f"{source}: {name}: expected an object of labels")
        for key in ("disclosure_at", "distress_at", "vulnerability_at"):
            items = labels.get(key, [])
            if not isinstance(items, list):
                raise LabelError(f"{source}: {name}: {key} is not a list")
            for number, item in enumerate(items):
                segments = item.get("segments") if isinstance(item, dict) else None
                if (
                    not isinstance(segments, list)
                    or not segments
                    or not all(isinstance(n, int) for n in segments)
                ):
                    raise LabelError(
                        f"{source}: {name}: {key}[{number}] needs a non-empty list of segment "
                        "numbers"
                    )
    return data


def _overlaps(first: dict[str, Any], second: dict[str, Any]) -> bool:
    return bool(set(first["segments"]) & set(second["segments"]))


def pairs(first: list[dict[str, Any]], second: list[dict[str, Any]]) -> list[tuple[int, int]]:
    """Which items of two writers' lists (episodes or moments of distress) are the same: as
    many pairs of overlapping items as there can be (each item in at most one pair)."""
    partner: dict[int, int] = {}  # second's index -> first's

    def place(i: int, seen: set[int]) -> bool:
        for j, other in enumerate(second):
            if j in seen or not _overlaps(first[i], other):
                continue
            seen.add(j)
            if j not in partner or place(partner[j], seen):
                partner[j] = i
                return True
        return False

    for i in range(len(first)):
        place(i, set())
    return sorted((i, j) for j, i in partner.items())


def _read_at(items: list[dict[str, Any]], beside: list[dict[str, Any]]) -> list[int]:
    """The segment each of a writer's items is read at: the first it shares with the other
    writer's item it is paired with, else its own first."""
    paired = dict(pairs(items, beside))
    return [
        min(set(item["segments"]) & set(beside[paired[i]]["segments"]))
        if i in paired
        else min(item["segments"])
        for i, item in enumerate(items)
    ]


def labels_as_result(labels: Labels, beside: Labels) -> dict[str, Any]:
    """A writer's labels read as the analysis's output (the ``analyse`` JSON's lists), each
    episode and moment of distress at a segment it shares with the one of the other writer's
    labels ``beside`` it is paired with, if any."""
    episodes = labels.get("disclosure_at", [])
    at = _read_at(episodes, beside.get("disclosure_at", []))
    disclosures = [
        {
            "segment": at[number],
            "acknowledged": item.get("acknowledged", False),
            "medical_evidence_signposted": item.get("medical_evidence_signposted", False),
            "followups": {
                name: item.get("followups", {}).get(name, False)
                for name in ("when", "where", "how", "by_whom")
            },
            "category": item.get("category"),
            "evidence": "(the second writer's label)",
        }
        for number, item in enumerate(episodes)
    ]
    moments = labels.get("distress_at", [])
    felt_at = _read_at(moments, beside.get("distress_at", []))
    distress = [
        {"segment": felt_at[number], "responded": item.get("responded", False)}
        for number, item in enumerate(moments)
    ]
    vulnerability = [
        {"segment": segment, "kind": item["kind"]}
        for item in labels.get("vulnerability_at", [])
        for segment in item["segments"]
    ]
    return {
        "disclosures": disclosures,
        "distress": distress,
        "vulnerability": vulnerability,
        "questions": {"items": []},
    }


def _comparable(labels: Labels) -> Labels:
    """Labels without what two writers cannot be compared on (the questions each chose)."""
    return {k: v for k, v in labels.items() if k not in ("questions_at", "questions_min")}


def _agreed(first: dict[str, Any], second: dict[str, Any]) -> dict[str, Any]:
    """One episode or moment both marked: the segments either accepts, the fields both agree on."""
    item: dict[str, Any] = {"segments": sorted(set(first["segments"]) | set(second["segments"]))}
    for key in ("acknowledged", "medical_evidence_signposted", "responded", "category"):
        if key in first and first.get(key) == second.get(key):
            item[key] = first[key]
    followups = {
        name: value
        for name, value in first.get("followups", {}).items()
        if second.get("followups", {}).get(name, False) == value
    }
    if followups:
        item["followups"] = followups
    return item


def consensus(first: Labels, second: Labels) -> Labels:
    """What both writers agree on, as labels: the episodes both marked (the rest disputed), the
    distress both marked, the vulnerability both marked; no count of episodes."""
    ours, theirs = first.get("disclosure_at", []), second.get("disclosure_at", [])
    both = pairs(ours, theirs)
    paired_ours = {i for i, _ in both}
    paired_theirs = {j for _, j in both}
    result: Labels = {
        "disclosure_at": [_agreed(ours[i], theirs[j]) for i, j in both],
        "disputed_at": [
            {"segments": item["segments"]} for k, item in enumerate(ours) if k not in paired_ours
        ]
        + [
            {"segments": item["segments"]}
            for k, item in enumerate(theirs)
            if k not in paired_theirs
        ],
    }
    felt, seen = first.get("distress_at", []), second.get("distress_at", [])
    result["distress_at"] = [_agreed(felt[i], seen[j]) for i, j in pairs(felt, seen)]
    result["vulnerability_at"] = [
        item
        for item in first.get("vulnerability_at", [])
        if any(
            other["kind"] == item["kind"] and _overlaps(item, other)
            for other in second.get("vulnerability_at", [])
        )
    ]
    return result


def compare(folder: Path, second_labels: Labels) -> dict[str, Score]:
    """The four comparisons, summed over the transcripts both writers labelled."""
    first_labels = check_labels(read_labels(folder), str(folder / "labels.json"))
    if not set(first_labels) & set(second_labels):
        raise LabelError(f"{folder}: no transcript there is in the second writer's labels")
    totals = {
        name: Score()
        for name in (
            "second writer against the first",
            "first writer against the second",
            "analysis against the first writer",
            "analysis against the second writer",
            "analysis on what both agree",
        )
    }
    for name in sorted(first_labels):
        if name not in second_labels:
            continue
        first, second = _comparable(first_labels[name]), _comparable(second_labels[name])
        path = folder / name
        minutes = minutes_of(parse_transcript(path).segments)
        totals["second writer against the first"].add(
            score_result(name, labels_as_result(second, first), first, minutes)
        )
        totals["first writer against the second"].add(
            score_result(name, labels_as_result(first, second), second, minutes)
        )
        totals["analysis against the first writer"].add(score_file(path, first))
        totals["analysis against the second writer"].add(score_file(path, second))
        totals["analysis on what both agree"].add(score_file(path, consensus(first, second)))
    return totals


def main(argv: list[str] | None = None) -> int:
    """Print the comparisons for one folder and a second writer's labels of it."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", type=Path, help="transcripts and the first writer's labels")
    parser.add_argument("second", type=Path, help="the second writer's labels.json")
    parser.add_argument("--verbose", action="store_true", help="list every difference")
    args = parser.parse_args(argv)
    try:
        data = json.loads(args.second.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        print(
            f"error: {args.second}: cannot read the second writer's labels: {error}",
            file=sys.stderr,
        )
        return 2
    try:
        totals = compare(args.folder, check_labels(data, str(args.second)))
    except LabelError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except (OSError, ValueError) as error:
        print(
            f"error: {args.folder}: cannot read its transcripts or labels: {error}", file=sys.stderr
        )
        return 2
    for title, score in totals.items():
        print(score.summary(title))
        if args.verbose:
            for miss in score.misses:
                print("   ", miss)
    return 0


if __name__ == "__main__":
    sys.exit(main())
