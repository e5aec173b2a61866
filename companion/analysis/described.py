"""Harm described, not named: what was done to the body, with what, in what position.

"They heated an iron bar on the gas and pressed it on my back" names no act of harm, yet it is
torture. A *frame* in ``resources/analysis/harm.toml`` lists the word classes that together
describe one kind of harm (heat + contact + the claimant's body; suspension + how; water +
contact + the claimant ...). A frame fires when all its classes occur within one sentence (or,
in unpunctuated recogniser text, one window of words), with the claimant as victim, and nothing
negates, threatens or explains it away as ordinary talk.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from companion.analysis.lexicon import SEVERITY, Frame, lexicon
from companion.analysis.ordinary import ordinary_reason
from companion.analysis.text import hypothetical, negated, sentences, tokens

#: A sentence longer than this many words (recogniser text without full stops) is read in
#: overlapping windows of ``_WINDOW`` words.
_LONG = 32
#: A following sentence this short, with no subject of its own, is read with the one before.
_FOLLOW_ON = 20
_SUBJECT = re.compile(
    r"^\W*(?:i|we|he|she|they|it|you|the|my|his|her|our|their|"
    r"(?:those|these)(?:\s+[\w-]+){1,4}?\s+(?:were|was|are|is)|"
    r"(?:another|one)(?:\s+[\w-]+){1,4}?\s+(?:was|were)\s+(?:thrown|beaten|shot|hit|killed|"
    r"taken|hanged|hung|lashed|flogged|whipped|stabbed)|"
    r"[A-Z][a-z]+\s+(?:was|were|is))\b",
    re.IGNORECASE,
)
_WINDOW = 22
_DENIAL = re.compile(
    # "nobody touched me", "it never happened"; not "nobody came back the same", "I will
    # never forget"
    r"\b(?:(?:never|nobody|no\s+one)\s+(?:[\w']+\s+){0,2}?(?:touch\w*|hurt\w*|harm\w*|did|do|"
    r"does|done|happen\w*|laid)|(?:didn't|did\s+not)\s+happen|not\s+to\s+me|"
    r"(?:was\s+not|wasn't|not)\s+done\s+to\s+me|(?:wanted|tried|planned|were\s+going)\s+to\s+"
    r"(?:do\s+it|cut)\s+(?:to\s+)?me)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Described:
    """One frame that fired: its words and where they are."""

    frame: Frame
    evidence: str  # the sentence (or window) it fired in
    trigger: str  # from the first to the last word of the frame
    position: int  # character offset in the text given


def _victim_patterns(
    third_person: bool,
) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """(the claimant as victim, the claimant's body part, the claimant or a group they were
    in) for first or third person."""
    lex = lexicon()
    body = lex.classes["victim_body"].pattern
    owners = r"my|our|his|her" if third_person else r"my|our"
    body_part = re.compile(
        rf"\b(?:{owners})\s+(?:(?:own|whole|bare|left|right|upper|lower|two|both)\s+)?{body}",
        re.IGNORECASE,
    )
    objects = (
        r"me|us|myself|ourselves|him|her|himself|herself"
        if third_person
        else (r"me|us|myself|ourselves")
    )
    subjects = r"i|we|he|she" if third_person else r"i|we"
    victim = re.compile(
        rf"(?<!told\s)(?<!asked\s)(?<!showed\s)(?<!tell\s)\b(?:{objects})\b|\b(?:{subjects})\s+(?:was|were|had\s+been|got|am|is|are|sat|stood|lay|"
        rf"stayed|remained|spent|could\s+not|couldn't)\b|" + body_part.pattern,
        re.IGNORECASE,
    )
    group = re.compile(victim.pattern + r"|\b(?:us|we|our|them|their)\b", re.IGNORECASE)
    return victim, body_part, group


_FIRST = _victim_patterns(False)
_THIRD = _victim_patterns(True)


def _windows(text: str) -> list[tuple[str, int]]:
    """Sentences, and overlapping word windows of long unpunctuated ones, with offsets."""
    out: list[tuple[str, int]] = []
    parts = sentences(text)
    for one, two in itertools.pairwise(parts):
        # A sentence and its short follow-on ("No light, no mattress, a cup of rice a day.")
        if (
            len(two.text.split()) <= _FOLLOW_ON
            and not _SUBJECT.match(two.text)
            and not _DENIAL.search(two.text)  # "But it never happened to me."
        ):
            out.append((text[one.start : two.end], one.start))
    for sentence in parts:
        words = list(re.finditer(r"\S+", sentence.text))
        punctuated = "," in sentence.text and len(words) <= 2 * _LONG + _WINDOW
        if len(words) <= _LONG or punctuated:  # a written sentence is read whole
            out.append((sentence.text, sentence.start))
            continue
        step = _WINDOW // 2
        for first in range(0, len(words) - step, step):
            last = min(first + _WINDOW, len(words)) - 1
            begin, end = words[first].start(), words[last].end()
            out.append((sentence.text[begin:end], sentence.start + begin))
    return out


def _blocked(window: str, start: int) -> bool:
    """The frame's first word is negated, only threatened ("they said they would ..."), or a
    simile ("this debt is like a rope around my neck", "as if they had beaten me")."""
    words = tokens(window)
    index = len(tokens(window[:start]))
    return negated(words, index) or hypothetical(words, index) or _simile(words[:index])


#: The verb of a simile, just before "like a".
_COMPARING = frozenset(
    "is was were are be been feels felt feel seems seemed seem looks looked look sounds "
    "sounded just exactly really".split()
)


def _simile(before: list[str]) -> bool:
    """The words before a frame's word compare: "is like a", "felt like a", "as if", "as
    though" (not "something like a cable", "kept us in like a hole")."""
    if (
        len(before) >= 3
        and before[-2] == "like"
        and before[-1] in ("a", "an")
        and before[-3] in _COMPARING
    ):
        return True
    last = before[-4:]
    return any(a == "as" and b in ("if", "though") for a, b in itertools.pairwise(last))


#: Classes naming what someone does to the claimant: their subject must not be the claimant
#: ("we burned plastic to stay warm" is no heat on the body).
_DONE_TO = ("contact", "suspend", "imposed", "heat")


#: An "-ing" word with an object after it: what the speaker was doing ("burning rubbish"), not
#: a state they were held in ("hanging from the ceiling", "we were burning").
_DOING_TO_A_THING = re.compile(
    r"\w+ing\s+(?!(?:from|by|upside|down|up|on|in|at|for|all|there|with|over|under|and|until|"
    r"till|while|like|inside|outside|to|off|out|again|alive|badly|naked)\b)[a-z]",
    re.IGNORECASE,
)


def _claimant_does(window: str, start: int, third_person: bool) -> bool:
    """The word at ``start`` is done by the claimant ("he put his shawl over his head")."""
    subjects = {"i", "we"} | ({"he", "she"} if third_person else set())
    joining = {"and", "then", "also", "just", "quickly", "down", "up"}
    if _DOING_TO_A_THING.match(window[start:]):
        joining |= {"was", "were", "am", "is", "are"}  # "I was burning rubbish": doing it
    for word in reversed(tokens(window[:start])[-4:]):
        if word in joining:
            continue
        return word in subjects  # "he put his shawl over his head"; not "one man put"
    return False


def _free_body_part(
    window: str, body_part: re.Pattern[str], body_not: Sequence[str]
) -> re.Match[str] | None:
    """The first of the claimant's body parts in ``window`` not inside a phrase of the
    ``body_not`` classes ("tied his hands", "a cloth over his eyes"): the object was used on
    that part, not only to bind or cover it."""
    classes = lexicon().classes
    held = [(m.start(), m.end()) for need in body_not for m in classes[need].finditer(window)]
    for match in body_part.finditer(window):
        if not any(start <= match.start() < end for start, end in held):
            return match
    return None


def find_described(text: str, third_person: bool, setting: str = "") -> list[Described]:
    """Every frame that fires in ``text`` (spoken words, notes removed), in order.

    ``setting`` is the turn with the question it answers, for telling ordinary talk."""
    lex = lexicon()
    victim, body_part, group = _THIRD if third_person else _FIRST
    found: list[Described] = []
    windows = _windows(text)
    order = {category: rank for rank, category in enumerate(SEVERITY)}
    for number, (window, offset) in enumerate(windows):
        following = windows[number + 1][0] if number + 1 < len(windows) else ""
        best: Described | None = None
        seen: dict[str, re.Match[str] | None] = {}  # a class read once per window
        for frame in lex.frames:
            matches: list[re.Match[str]] = []
            for need in frame.needs:
                if need not in seen:
                    pattern = (
                        victim
                        if need == "victim"
                        else body_part
                        if need == "victim_body"
                        else group
                        if need == "victim_or_group"
                        else lex.classes[need]
                    )
                    seen[need] = pattern.search(window)
                match = seen[need]
                if need == "victim_body" and frame.body_not:
                    match = _free_body_part(window, body_part, frame.body_not)
                if match is None:
                    break
                matches.append(match)
            else:
                start = min(m.start() for m in matches)
                end = max(m.end() for m in matches)
                if any(
                    _claimant_does(window, m.start(), third_person)
                    for need, m in zip(frame.needs, matches, strict=True)
                    if need in _DONE_TO
                ):
                    continue
                if any(
                    _blocked(window, m.start())
                    for need, m in zip(frame.needs, matches, strict=True)
                    if need not in ("victim", "victim_body", "victim_or_group")
                ):
                    continue
                if not third_person and _done_to_another(frame.needs, window[start:end]):
                    continue  # "They beat her with sticks, they stripped her" (Harriet)
                if ordinary_reason(window, window, following, start, third_person, setting or text):
                    continue
                if any(lex.classes[name].search(window) for name in frame.unless):
                    continue  # "during the battle we stayed in the basement, little food"
                candidate = Described(frame, window, window[start:end], offset + start)
                if best is None or order[frame.category] > order[best.frame.category]:
                    best = candidate
        if best is not None and not any(d.position == best.position for d in found):
            found.append(best)  # one frame per sentence: the most severe reading
    found.sort(key=lambda d: d.position)
    return found


_ANOTHER = re.compile(r"\b(?:him|her|his)\b", re.IGNORECASE)
_ANOTHER_NAMED = re.compile(r"\b(?:him|her|his|he|she)\b", re.IGNORECASE)
#: Implied classes whose words name who it was done to (or who was changed by it).
_CARRIES_THE_VICTIM = frozenset(
    {
        "done_to_me",
        "done_to_me_too",
        "dishonour",
        "used_as_a_wife",
        "changed_after",
        "left_unable",
        "medication_given",
    }
)
_SELF = re.compile(r"\b(?:me|us|my|our|i|we|myself|ourselves|them|their)\b", re.IGNORECASE)
_VICTIM_CLASSES = ("victim", "victim_body", "victim_or_group")


def _done_to_another(needs: Sequence[str], span: str) -> bool:
    """In the claimant's own words, a frame that carries its own victim ("stripped {me}")
    matched only someone else ("they stripped her"), not the speaker nor a group they may be
    in ("They whipped them, myself included")."""
    if any(need in _VICTIM_CLASSES for need in needs):
        return False
    return bool(_ANOTHER.search(span)) and not _SELF.search(span)


_FIRST_PERSON_VICTIM = re.compile(r"\b(?:me|i|my|us|we)\b", re.IGNORECASE)
_THIRD_PERSON_VICTIM = re.compile(r"\b(?:me|i|my|her|him|she|he)\b", re.IGNORECASE)


#: Classes an implied frame may find in the question the turn answers instead of the turn:
#: where it happened (custody), what was practised (FGM), and the claimant being one of a
#: group ("Where were you taken?"). The frame's first class must always be in the turn.
_FROM_QUESTION = frozenset({"custody", "fgm", "claimant_in_group"})


def find_implied(spoken: str, third_person: bool, asked: str = "") -> list[Described]:
    """Harm told without saying it: every class of an ``[[implied]]`` frame anywhere in the
    turn ("one officer took me out of the cell ... I cannot say it"), the claimant in it and
    nothing denying it. Every class must be in the turn, but custody, FGM or the claimant
    being one of a group may be in ``asked``, the question it answers ("What happened after
    your arrest?" -> "They gave me the full service"; "Is FGM practised in your family?" -> "It
    was done to me also"; "Where were you taken?" -> "... they hit everyone with belts") —
    never the frame's first class, which is looked for first. A class of the frame's
    ``unless`` in the turn stops it ("I could hear the guards beating them")."""
    lex = lexicon()
    victim = _THIRD_PERSON_VICTIM if third_person else _FIRST_PERSON_VICTIM
    if not victim.search(spoken) or _DENIAL.search(spoken):
        return []
    found: list[Described] = []
    seen: dict[str, re.Match[str] | None] = {}  # a class read once per turn
    in_question: dict[str, bool] = {}  # ... and once in the question

    def search(need: str) -> re.Match[str] | None:
        if need not in seen:
            seen[need] = lex.classes[need].search(spoken)
        return seen[need]

    def asked_of(need: str) -> bool:
        if need not in in_question:
            in_question[need] = need in _FROM_QUESTION and bool(lex.classes[need].search(asked))
        return in_question[need]

    for frame in lex.implied:
        if search(frame.needs[0]) is None:
            continue
        matches = [search(need) for need in frame.needs]
        if any(
            match is None and not asked_of(need)
            for need, match in zip(frame.needs[1:], matches[1:], strict=True)
        ):
            continue
        if any(search(need) is not None for need in frame.unless):
            continue  # "I could hear the guards beating them": not done to the claimant
        if not third_person and any(
            m is not None and need in _CARRIES_THE_VICTIM and _ANOTHER_NAMED.search(m.group(0))
            for need, m in zip(frame.needs, matches, strict=True)
        ):
            continue  # "They did with her what they wanted" in the claimant's words: another
        present = [m for m in matches if m is not None]
        start = min(m.start() for m in present)
        end = max(m.end() for m in present)
        found.append(Described(frame, spoken.strip(), spoken[start:end], start))
    return found
