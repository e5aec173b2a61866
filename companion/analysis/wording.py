"""Suggested wording for prompts, read from ``resources/prompts/wording.toml`` (never code)."""

from __future__ import annotations

import tomllib
from functools import lru_cache
from typing import Any

from companion.analysis.events import AnalysisEvent
from companion.resources import read_text


@lru_cache(maxsize=1)
def wording() -> dict[str, Any]:
    """All prompt wording."""
    return tomllib.loads(read_text("prompts", "wording.toml"))


class _Blank(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return ""


def render(event: AnalysisEvent) -> dict[str, str]:
    """Title, what to say, and why, for one prompt (placeholders filled in)."""
    entry = wording().get(event.kind, {})
    values = _Blank(event.details)
    values["missing"] = values["missing"].replace("by_whom", "by whom")
    values["category"] = (
        values["category"].replace("other-serious-harm", "serious harm").replace("-", " ")
    )
    variant = "_second_opinion" if values["second_opinion"] else ""
    out = {
        key: str(entry.get(key + variant, entry.get(key))).format_map(values)
        for key in ("title", "say", "then", "why")
        if key in entry
    }
    if event.kind in ("followup-open", "episode-closed", "probe-stopped") and values["missing"]:
        asks = entry.get("ask") or wording()["followup-open"]["ask"]
        first = values["missing"].split(", ")[0].replace("by whom", "by_whom")
        out.setdefault("say", asks.get(first, ""))
    return out


def reflection_prompts() -> list[str]:
    """The guided reflection questions for the summary."""
    return list(wording()["reflection"]["prompts"])
