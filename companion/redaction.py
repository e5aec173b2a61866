"""Masking names and places in what leaves the app (``--redact``, the summary's export option).

What is a name or a place comes from the interpreting core's rule; every name or place it finds
anywhere in the record is then masked everywhere in it, so "Kabul" is masked in a correction's
reason too, not only where the rule saw it ("held in Kabul"). Dates, numbers and the other words
stay, so a redacted record still reads; word timings, which would spell the names out again, are
left out.

How well it finds them is measured on a labelled set written by someone who had not read the
rules (``tests/redaction_corpus``, ``make eval``); it is not perfect — read a redacted export
before you share it."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Iterator
from typing import Any

from companion.interpreting.highlight import NAME, PLACE, TITLES, Highlight, highlights
from companion.resources import read_text as resource_text

MASKS = {NAME: "[name]", PLACE: "[place]"}
#: Values that are labels, never testimony: left as they are.
SAFE_KEYS = frozenset(
    {
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


_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
#: Just before a word that is a person's name, whatever its case: a relation, "called", a
#: label ("GIVEN NAMES:"), a title with or without its full stop ("Dr. Amiri", "abu khalil").
_NAME_CUE = re.compile(
    r"(?:\b(?:my|his|her|their|our|your)\s+(?:brother|sister|father|mother|uncle|aunt|son|"
    r"daughter|wife|husband|cousin|friend|neighbou?r|nephew|niece|grandfather|grandmother|"
    r"fianc[eé]e?)|\b(?:named|called|name\s+is|name\s+was)|\bnames?\s*:|"
    r"\b(?:" + "|".join(sorted(TITLES)) + r")\.?)\s+$",
    re.IGNORECASE,
)
#: A title just before: the next word is a name.
_AFTER_TITLE = re.compile(r"\b(?:" + "|".join(sorted(TITLES)) + r")\.?\s+$", re.IGNORECASE)
#: Just before a word that is a place's name, whatever its case.
_PLACE_CUE = re.compile(
    r"(?:\b(?:in|at|from|to|near|into|through|via|born\s+in)|\b(?:village|city|town|camp|"
    r"province|district|region|prison|area|street|place\s+of\s+birth)\s*(?:of|:)?)\s+$",
    re.IGNORECASE,
)
#: Words that never continue a name ("Karim and", "Herat was").
_STOP = frozenset(
    "a an the and or but of in on at to from by with for as is was were are be been has had "
    "have he she it they we i you his her their our my your me him them us then when where "
    "there this that who which what not no yes so if also too said says told".split()
)
#: Capitalised words that are never a person or a place of the testimony.
_ORDINARY_CAPITALS = frozenset(
    {
        "god",
        "allah",
        "christmas",
        "easter",
        "ramadan",
        "eid",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "english",
        "ok",
        "okay",
        "tv",
        "id",
        "dna",
        "pm",
        "am",
        "webvtt",
    }
)


def _words(text: str) -> Iterator[tuple[int, int, str]]:
    """Each word of ``text`` with its span: letters and the marks that go with them (any
    script: Tamil's vowel signs too), apostrophes and hyphens inside."""
    start = None
    for at, char in enumerate(text + " "):
        kind = unicodedata.category(char)[0]
        inside = char in "'’-" and start is not None and at + 1 < len(text)
        if kind in "LM" or (inside and unicodedata.category(text[at + 1])[0] in "LM"):
            if start is None:
                start = at
        elif start is not None:
            yield start, at, text[start:at]
            start = None


def _is_latin(word: str) -> bool:
    return all(not c.isalpha() or unicodedata.name(c, "").startswith("LATIN") for c in word)


def _shape(word: str) -> str:
    if word.isupper():
        return "caps"
    return "capital" if word[0].isupper() else "lower"


@functools.cache
def _english() -> frozenset[str]:
    """Ordinary English words: those Webster's word list (``web2``, from the ``english-words``
    package) writes in lower case — its proper nouns are capitalised, so "baghdad" is not
    among them. Empty if the package is missing (then fewer names are found)."""
    try:
        from english_words import get_english_words_set
    except ImportError:  # pragma: no cover - a dependency; the rules still work without it
        return frozenset()
    return frozenset(w for w in get_english_words_set(["web2"]) if w.islower())


@functools.cache
def _dictionary() -> frozenset[str]:
    """The words of an English dictionary (GCIDE, lower-cased): for a word after a title,
    where Webster's long list would hold too many rare words (and some names)."""
    try:
        from english_words import get_english_words_set
    except ImportError:  # pragma: no cover - a dependency
        return frozenset()
    return frozenset(get_english_words_set(["gcide"], lower=True))


@functools.cache
def _not_names() -> frozenset[str]:
    """Capitalised words that are not names (nationalities, languages, religions,
    organisations): ``resources/redaction/not_names.txt``, which the team can extend."""
    text = resource_text("redaction", "not_names.txt")
    return frozenset(
        line.strip().lower() for line in text.splitlines() if line.strip() and line[0] != "#"
    )


def _ordinary(word: str) -> bool:
    """An English word (or its plural or -ed/-ing form), or a capitalised word that is never
    a person or place."""
    low = word.lower()
    if low in _ORDINARY_CAPITALS or low in _not_names() or low in _STOP:
        return True
    return _known(low, _english())


def _known(low: str, words: frozenset[str]) -> bool:
    """Whether ``low`` is in ``words``, or its plural or -ed/-ing form is."""
    if low in words:
        return True
    for suffix, cut in (("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("ing", "")):
        stem = low[: -len(suffix)] + cut
        if low.endswith(suffix) and len(low) - len(suffix) > 2 and stem in words:
            return True
    return False


class Redactor:
    """Masks the names and places found in a whole record, wherever they appear in it, in
    whatever case.

    Found: what the interpreting core's rule calls a name or a place (a capitalised word that
    does not start a sentence, a word after a place word or a title), unless it is an ordinary
    English word or on the list of words that are not names (nationalities, languages,
    religions, organisations); any word in a non-Latin script; a word in capitals or starting
    a sentence that is not an English word and is never written in lower case elsewhere in the
    record; any word after a relation, "called", a title or a place word that is not an
    English word, and a capitalised one there even if it is ("his son Rami", "in Leeds"); the
    words that go on such a name in the same case ("ahmad shah" no, "nguyễn thị lan" yes).
    Every name so found is then masked wherever it appears, in any case ("Karim", "karim",
    "KARIM"). E-mail addresses become ``[email]``."""

    def __init__(self, texts: Iterable[str]) -> None:
        unique = list(dict.fromkeys(texts))
        emailed = [_EMAIL.sub("[email]", t) for t in unique]  # as they will be masked
        plain = [_EMAIL.sub(" ", t) for t in unique]  # a name inside an address says nothing
        lowered = {w for t in plain for _s, _e, w in _words(t) if w.islower()}
        found: dict[str, str] = {}
        #: Each text's names and places, found once (used again when it is masked).
        self._marks: dict[str, list[Highlight]] = {}

        def keep(word: str, kind: str) -> None:
            if len(word) > 1 and word.lower() not in TITLES:
                found.setdefault(word.lower(), kind)

        for text, bare in zip(emailed, plain, strict=True):
            marks = self._marks.setdefault(text, self._find(text))
            for mark in marks:
                for _s, _e, part in _words(mark.text):  # "Commander Rahimi" → "Rahimi" too
                    if not _ordinary(part):
                        keep(part, mark.kind)
            previous: tuple[str, str] | None = None  # the last word found here, and its kind
            for start, _end, word in _words(bare):
                before = bare[max(0, start - 48) : start]  # the cues are a few words long
                kind = self._kind(word, before, lowered)
                if kind is None and previous is not None and word.lower() not in _STOP:
                    last, last_kind = previous
                    joined = before.endswith(" ") and before.rstrip()[-len(last) :] == last
                    listed = before.rstrip().endswith(",") and _shape(word) != "lower"
                    same = joined and _shape(word) == _shape(last)
                    # "Sher Khan" goes on a name; "KARIMI BEAT" and "ahmad took" do not.
                    if (same and (_shape(word) == "capital" or not _ordinary(word))) or (
                        listed and last_kind == PLACE
                    ):
                        kind = last_kind
                if kind is not None:
                    keep(word, kind)
                    previous = (word, kind)
                else:
                    previous = None
        self.found = found
        names = sorted(found, key=len, reverse=True)
        self._pattern = (
            re.compile(
                r"(?<![^\W_])(?:" + "|".join(re.escape(n) for n in names) + r")(?![^\W_])",
                re.IGNORECASE,
            )
            if names
            else None
        )

    @staticmethod
    def _kind(word: str, before: str, lowered: set[str]) -> str | None:
        """Whether ``word`` (after ``before``) is a name or a place on its own evidence."""
        low = word.lower()
        if low in _ORDINARY_CAPITALS or low in TITLES or low in _not_names():
            return None
        place = bool(_PLACE_CUE.search(before))
        if not _is_latin(word):
            return PLACE if place else NAME
        shape, ordinary = _shape(word), _ordinary(word)
        if (
            _AFTER_TITLE.search(before)
            and low not in _STOP
            and (shape != "lower" or not _known(low, _dictionary()))
        ):
            return NAME  # "Dr. Amiri", "mr ahmadi" — not "the Commander came"
        if _NAME_CUE.search(before) and (shape != "lower" or not ordinary):
            return NAME
        if place and (shape != "lower" or not ordinary):
            return PLACE
        if ordinary:
            return None
        if shape == "caps" and len(word) > 2:
            return NAME
        if shape == "capital":
            starts = not before.strip() or before.rstrip()[-1] in '.!?:"“'
            if (starts and low not in lowered) or (not starts and not word.isascii()):
                return NAME
        return None

    @staticmethod
    def _find(text: str) -> list[Highlight]:
        return [m for m in highlights(text, readings=False) if m.kind in MASKS]

    def __call__(self, text: str) -> str:
        """The words with each name and place replaced by ``[name]`` or ``[place]``, and
        each e-mail address by ``[email]``."""
        text = _EMAIL.sub("[email]", text)
        marks = self._marks.get(text)
        out, at = [], 0
        for mark in self._find(text) if marks is None else marks:
            words = [w for _s, _e, w in _words(mark.text)]
            if mark.text.lower() in TITLES or all(_ordinary(w) for w in words):
                continue  # "God", "the Home Office"; the title in "Dr. Amiri" (its name is masked)
            out.append(text[at : mark.start])
            out.append(MASKS[mark.kind])
            at = mark.end
        out.append(text[at:])
        masked = "".join(out)
        if self._pattern is None:
            return masked
        return self._pattern.sub(lambda m: MASKS[self.found[m.group(0).lower()]], masked)


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
