"""The harm wording, read from ``resources/analysis/harm.toml`` (data, never code).

The file holds the verbs that name an act of harm, the patterns that carry their own victim, the
word classes and frames for harm described without a naming verb, the phrases of ordinary talk
that stay quiet, and the openings of a "yes" or "no" answer. This module compiles them once.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from companion.analysis.text import FILLERS
from companion.resources import read_text

#: From least to most severe, to pick an episode's category.
SEVERITY = ("ill-treatment", "other-serious-harm", "torture", "sexual-violence")


@dataclass(frozen=True)
class Act:
    """A verb naming an act of harm."""

    forms: str
    category: str
    method: bool


@dataclass(frozen=True)
class Pattern:
    """A pattern that carries its own victim (named groups ``victim``, ``victim2``,
    ``victim3`` or ``subj``), and may name its doer (group ``doer``: the act is read after it)."""

    regex: re.Pattern[str]
    category: str
    method: bool
    #: The conditions of a detention (see :attr:`Frame.conditions`).
    conditions: bool = False
    #: Matched against the whole sentence, across its commas ("they beat them with a hose
    #: pipe, me also"), not clause by clause.
    sentence: bool = False
    #: Medical care forced on the claimant (a coil fitted against her will): the clinic and
    #: the doctor do not make it ordinary talk.
    care_forced: bool = False


@dataclass(frozen=True)
class Frame:
    """Harm described, not named: every class in ``needs`` within one stretch of words."""

    name: str
    needs: tuple[str, ...]
    category: str
    #: The conditions of a detention ("thirty of us in a cell for four, no toilet"): an
    #: episode they open moves to the harm told next in it ("they beat me there").
    conditions: bool = False
    #: Classes that stop a frame when in its turn (implied) or its stretch of words (described):
    #: "I heard them beating them", "we hid in the basement".
    unless: tuple[str, ...] = ()
    #: Classes a body part of a described frame must not be inside to count: eyes covered or
    #: hands tied are the restraint of an arrest, not an object used on the body.
    body_not: tuple[str, ...] = ()


@dataclass(frozen=True)
class Lexicon:
    """Everything in ``harm.toml``, compiled."""

    acts: tuple[Act, ...]
    patterns: tuple[Pattern, ...]
    classes: dict[str, re.Pattern[str]]
    class_words: dict[str, tuple[str, ...]]
    frames: tuple[Frame, ...]
    #: Frames whose classes may be anywhere in the turn ("took me out of the cell ... I cannot
    #: say it").
    implied: tuple[Frame, ...]
    ordinary: dict[str, re.Pattern[str]]
    relatives: frozenset[str]
    figurative_subjects: frozenset[str]
    #: Figurative subjects a doer rides or sits in ("a man on a motorbike stabbed me").
    ridden: frozenset[str]
    perpetrators: re.Pattern[str]
    yes: re.Pattern[str]
    no: re.Pattern[str]
    closed_opening: re.Pattern[str]

    def act(self, verb: str) -> Act | None:
        """The act whose forms match ``verb`` whole, if any."""
        for act in self.acts:
            if re.fullmatch(act.forms, verb, re.IGNORECASE):
                return act
        return None

    @property
    def verb_alternation(self) -> str:
        """One regular expression matching any act verb (not a name's possessive: "Hung's
        brother")."""
        return "|".join(f"(?:{a.forms})(?!['’]s\\b)" for a in self.acts)


#: ``{me}`` in a phrase: the person an act is done to; ``{poss}``: their ("my", "his" ...).
_PLACEHOLDERS = {
    "{me}": r"(?:me|us|him|her|them)",
    "{poss}": r"(?:my|our|his|her|their)",
    "{word}": r"[\w'-]+",
    "{cannot}": r"(?:cannot|can't|can\s+not|could\s+not|couldn't)",
    "{who}": r"(?:they|he|men|the\s+[\w'-]+|those\s+[\w'-]+)",
    "{group}": r"(?:the\s+)?(?:women|men|prisoners|detainees|girls|boys|people|everyone|everybody|"
    r"all\s+of\s+us|all\s+of\s+them|us\s+all)",
}


def _token(word: str) -> str:
    """One word of a phrase: a placeholder, alternatives ("lift/raise"), or itself."""
    if word in _PLACEHOLDERS:
        return _PLACEHOLDERS[word]
    if "/" in word.strip("/"):
        return "(?:" + "|".join(re.escape(w) for w in word.split("/")) + ")"
    return re.escape(word)


def phrases(words: list[str]) -> re.Pattern[str]:
    """Whole-word phrases as one pattern; a trailing ``*`` matches any ending, spaces any space,
    ``{me}`` any of me, us, him, her, them, ``{poss}`` any of my, our, his, her, their, and
    ``{group}`` a group ("the women", "all of us"), ``{who}`` someone acting ("they", "the
    guards"), ``{cannot}`` cannot, can't, could not ..., ``{word}`` any one word; and
    "lift/raise" either word."""
    parts = []
    for word in sorted(words, key=len, reverse=True):
        star = word.endswith("*")
        body = r"\s+".join(_token(w) for w in word.rstrip("*").split())
        parts.append(body + (r"[\w'-]*" if star else ""))
    return re.compile(r"(?<![\w'-])(?:" + "|".join(parts) + r")(?![\w'-])", re.IGNORECASE)


def _check(data: dict[str, Any]) -> None:
    """One clear error for a malformed file, naming the entry at fault."""
    for table in ("act", "pattern", "frame", "implied"):
        for number, entry in enumerate(data.get(table, []), start=1):
            category = entry.get("category")
            if category not in SEVERITY:
                raise ValueError(
                    f"resources/analysis/harm.toml: [[{table}]] #{number} has category "
                    f"{category!r}; expected one of {', '.join(SEVERITY)}"
                )
    known = set(data["classes"]) | {"victim", "victim_body", "victim_or_group"}
    for frame in data.get("implied", []):
        if "body_not" in frame:
            raise ValueError(
                f"resources/analysis/harm.toml: implied frame {frame['name']!r} has 'body_not', "
                "which only a [[frame]] with victim_body reads"
            )
    for frame in data["frame"] + data.get("implied", []):
        allowed = known if frame in data["frame"] else set(data["classes"])
        unknown = [
            need for need in [*frame["needs"], *frame.get("body_not", [])] if need not in allowed
        ] + [name for name in frame.get("unless", []) if name not in data["classes"]]
        if unknown:
            raise ValueError(
                f"resources/analysis/harm.toml: frame {frame['name']!r} needs (or is stopped "
                f"by) unknown class {unknown[0]!r}"
            )


def _frames(entries: list[dict[str, Any]]) -> tuple[Frame, ...]:
    return tuple(
        Frame(
            f["name"],
            tuple(f["needs"]),
            f["category"],
            bool(f.get("conditions", False)),
            tuple(f.get("unless", ())),
            tuple(f.get("body_not", ())),
        )
        for f in entries
    )


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The harm wording, compiled (loaded once)."""
    data = tomllib.loads(read_text("analysis", "harm.toml"))
    _check(data)
    fragments = data.get("fragments", {})
    patterns = []
    for entry in data["pattern"]:
        source = entry["regex"]
        for name, fragment in fragments.items():
            source = source.replace("{" + name + "}", fragment)
        patterns.append(
            Pattern(
                re.compile(source, re.IGNORECASE),
                entry["category"],
                entry["method"],
                bool(entry.get("conditions", False)),
                bool(entry.get("sentence", False)),
                bool(entry.get("care_forced", False)),
            )
        )
    answer = data["answer"]
    opening = rf"^\W*(?:(?:and|so|sorry|but|okay|ok|now|right|just|then|{FILLERS})\W+)*"
    return Lexicon(
        acts=tuple(Act(e["forms"], e["category"], e["method"]) for e in data["act"]),
        patterns=tuple(patterns),
        classes={name: phrases(words) for name, words in data["classes"].items()},
        class_words={name: tuple(words) for name, words in data["classes"].items()},
        frames=_frames(data["frame"]),
        implied=_frames(data.get("implied", [])),
        ordinary={name: phrases(words) for name, words in data["ordinary"].items()},
        relatives=frozenset(data["words"]["relatives"]),
        figurative_subjects=frozenset(data["words"]["figurative_subjects"]),
        ridden=frozenset(data["words"]["ridden"]),
        perpetrators=phrases(data["words"]["perpetrators"]),
        yes=re.compile(opening + phrases(answer["yes"]).pattern, re.IGNORECASE),
        no=re.compile(opening + phrases(answer["no"]).pattern, re.IGNORECASE),
        closed_opening=re.compile(
            opening + phrases(answer["closed_openings"]).pattern, re.IGNORECASE
        ),
    )
