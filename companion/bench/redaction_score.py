"""How well redaction finds names and places, on labelled sets: ``python -m
companion.bench.redaction_score FILE.json ...`` (``make eval``).

Each set holds items ``{"text", "mask": [substrings that must be masked], "note"}``. Recall is
the share of those substrings no longer readable after redaction; a false mask is a ``[name]``,
``[place]`` or ``[email]`` in an item that has nothing to mask. Figures per pattern (``note``).
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from companion.redaction import redact

_MASK = re.compile(r"\[(?:name|place|email)\]")


@dataclass
class RedactionScore:
    """Recall over the labelled names and places; false masks on items with none."""

    found: int = 0
    total: int = 0
    false_masks: int = 0
    clean_items: int = 0
    by_note: Counter[str] = field(default_factory=Counter)
    totals_by_note: Counter[str] = field(default_factory=Counter)
    missed: list[tuple[str, str]] = field(default_factory=list)

    @property
    def recall(self) -> float:
        """Share of the labelled names and places masked."""
        return self.found / self.total if self.total else 1.0


def score_items(items: list[dict[str, object]]) -> RedactionScore:
    """Redact each item on its own (as the worst case: no other lines to learn names from)."""
    score = RedactionScore()
    for item in items:
        text = str(item["text"])
        wanted = [str(m) for m in item.get("mask", [])]  # type: ignore[attr-defined]
        note = str(item.get("note", ""))
        masked = redact(text)
        if not wanted:
            score.clean_items += 1
            score.false_masks += len(_MASK.findall(masked))
            continue
        for name in wanted:
            score.total += 1
            score.totals_by_note[note] += 1
            if name not in masked:
                score.found += 1
                score.by_note[note] += 1
            else:
                score.missed.append((note, name))
    return score


def main(argv: list[str]) -> int:
    """Print the figures for each labelled set."""
    for path in map(Path, argv):
        items = json.loads(path.read_text(encoding="utf-8"))["items"]
        score = score_items(items)
        print(
            f"{path}: {len(items)} items; names and places masked {score.found}/{score.total} "
            f"({score.recall:.0%}); false masks {score.false_masks} in "
            f"{score.clean_items} items with none"
        )
        for note in sorted(score.totals_by_note):
            print(f"  {note:<16} {score.by_note[note]}/{score.totals_by_note[note]}")
        for note, name in score.missed[:40]:
            print(f"  missed ({note}): {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
