"""The opening and closing checklists: data files in ``resources/checklists``."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass

from companion.errors import UserError
from companion.resources import read_text

NAMES = ("opening", "closing")


@dataclass(frozen=True)
class ChecklistItem:
    """One item: its id (stable), the words shown, and where it comes from."""

    id: str
    text: str
    source: str = ""


@dataclass(frozen=True)
class Checklist:
    """A checklist: title, a line of introduction, items."""

    name: str
    title: str
    intro: str
    items: tuple[ChecklistItem, ...]


def load_checklist(name: str) -> Checklist:
    """The checklist called ``name`` (opening or closing)."""
    if name not in NAMES:
        raise UserError(f"no checklist called {name!r} ({', '.join(NAMES)})")
    data = tomllib.loads(read_text("checklists", f"{name}.toml"))
    items = tuple(
        ChecklistItem(str(i["id"]), str(i["text"]), str(i.get("source", "")))
        for i in data.get("items", [])
    )
    return Checklist(name, str(data.get("title", name)), str(data.get("intro", "")), items)
