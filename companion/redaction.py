"""Masking names and places in what leaves the app (``--redact``, the summary's export option).

What is a name or a place comes from the interpreting core's rule; every name or place it finds
anywhere in the record is then masked everywhere in it, so "Kabul" is masked in a correction's
reason too, not only where the rule saw it ("held in Kabul"). Dates, numbers and the other words
stay, so a redacted record still reads; word timings, which would spell the names out again, are
left out.

A name the rule never recognises (one only ever said alone at the start of a sentence) stays:
read a redacted export before you share it."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from companion.interpreting.highlight import NAME, PLACE, TITLES, Highlight, highlights

MASKS = {NAME: "[name]", PLACE: "[place]"}
#: Values that are labels, never testimony: left as they are.
SAFE_KEYS = frozenset(
    {
        "reference",
        "started_at",
        "preset",
        "kind",
        "kind_text",
        "state",
        "category",
        "speaker",
        "speaker_auto",
        "by",
        "requested_by",
        "raised_by",
        "rule",
        "occasion",
        "source",
        "language",
        "interpreter",
        "label",
        "status",
        "at",
        "type",
        "what",
        "urgency",
    }
)
#: Left out of a redacted record altogether.
DROPPED_KEYS = frozenset({"words"})


class Redactor:
    """Masks the names and places found in a whole record, wherever they appear in it."""

    def __init__(self, texts: Iterable[str]) -> None:
        found: dict[str, str] = {}
        #: Each text's names and places, found once (used again when it is masked).
        self._marks: dict[str, list[Highlight]] = {}
        for text in texts:
            marks = self._marks.setdefault(text, self._find(text))
            for mark in marks:
                found.setdefault(mark.text, mark.kind)
                for part in mark.text.split():  # "Commander Rahimi" → "Rahimi" too
                    if len(part) > 2 and part.lower() not in TITLES:
                        found.setdefault(part, mark.kind)
        self.found = found
        names = sorted(found, key=len, reverse=True)
        self._pattern = (
            re.compile(r"\b(?:" + "|".join(re.escape(n) for n in names) + r")\b") if names else None
        )

    @staticmethod
    def _find(text: str) -> list[Highlight]:
        return [m for m in highlights(text) if m.kind in MASKS]

    def __call__(self, text: str) -> str:
        """The words with each name and place replaced by ``[name]`` or ``[place]``."""
        marks = self._marks.get(text)
        out, at = [], 0
        for mark in self._find(text) if marks is None else marks:
            out.append(text[at : mark.start])
            out.append(MASKS[mark.kind])
            at = mark.end
        out.append(text[at:])
        masked = "".join(out)
        if self._pattern is None:
            return masked
        return self._pattern.sub(lambda m: MASKS[self.found[m.group(0)]], masked)


def redact(text: str) -> str:
    """One text on its own: each name and place in it masked."""
    return Redactor([text])(text)


def redact_lines(text: str) -> str:
    """A text export (txt, srt, vtt): every line, with the names found in any line."""
    lines = text.split("\n")
    redactor = Redactor(lines)
    return "\n".join(redactor(line) for line in lines)


def _strings(value: Any, key: str = "") -> Iterator[str]:
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(v, k)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v, key)
    elif isinstance(value, str) and key not in SAFE_KEYS:
        yield value


def redact_fields(value: Any) -> Any:
    """A copy of a record (dicts and lists; a summary, an exported line) with every name and
    place masked in its free text."""
    return _redact(value, "", Redactor(_strings(value)))


def redact_records(records: list[Any]) -> list[Any]:
    """Several records (the lines of a JSON Lines export) with the names found in any of them."""
    redactor = Redactor(s for r in records for s in _strings(r))
    return [_redact(r, "", redactor) for r in records]


def _redact(value: Any, key: str, redactor: Redactor) -> Any:
    if isinstance(value, dict):
        out = {k: _redact(v, k, redactor) for k, v in value.items() if k not in DROPPED_KEYS}
        if value.get("kind") in MASKS and isinstance(value.get("text"), str):
            out["text"] = MASKS[value["kind"]]  # a name or place found on its own
        return out
    if isinstance(value, list):
        return [_redact(v, key, redactor) for v in value]
    if isinstance(value, str) and key not in SAFE_KEYS:
        return redactor(value)
    return value
