"""Caseworker questions: open or closed, "yes or no" demands, loaded, asked again."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from companion.analysis.text import FILLERS, content_stems, sentences, tokens

_IMPERATIVE = re.compile(
    r"^\s*(?:(?:please|so|now|ok|okay|right|and|just)\s*,?\s+)*(?:tell\s+me|describe|explain|talk\s+"
    r"me\s+through|walk\s+me\s+through|give\s+me|in\s+your\s+own\s+words|let\s+me\s+know|say\s+"
    r"more|answer\s+(?:yes|the\s+question\s+(?:with\s+)?yes|me\s+yes))\b",
    re.IGNORECASE,
)
_EMBEDDED_CLOSED = re.compile(
    r"\b(?:tell\s+me|know|remember|say|confirm)\s+(?:exactly\s+)?(?:when|where|who|which|whether|"
    r"if|how\s+(?:many|much|long|old|often|far))\b",
    re.IGNORECASE,
)
_OPEN = re.compile(
    r"^\s*(?:\w+\s*,\s*)?(?:how|why)\b(?!\s+(?:many|much|long|old|often|far|come)\b)|"
    r"\bwhat\s+(?:happened|did|do|does|was\s+it\s+like|were\s+you\s+doing|made|makes|kind\s+of|"
    r"else|led|caused|would\s+happen|do\s+you\s+think|did\s+you\s+(?:do|see|feel|think|hear))\b|"
    r"\b(?:describe|explain|(?:tell|give)\s+(?:me|us)\s+(?:about|more|what|how|why|everything|in\s+"
    r"your|(?:some\s+|any\s+|the\s+|a\s+few\s+|more\s+)?(?:details?|information)|your\s+story|"
    r"an?\s+account)|share\s+(?:with\s+(?:me|us)\s+)?(?:what|more|some|anything)|say\s+more|in\s+"
    r"your\s+own\s+words|talk\s+me\s+through|walk\s+me\s+through)\b",
    re.IGNORECASE,
)
_SINGLE_FACT_WHAT = re.compile(
    r"\bwhat\s+(?:is|was|are|were)\s+(?:your|the|his|her|their)\s+(?:\w+\s+)?(?:name|date|"
    r"address|number|age|nationality|religion|ethnicity|tribe|clan|job|occupation)\b|"
    r"\bwhat\s+(?:year|month|date|day|time|age|colour|color|number)\b",
    re.IGNORECASE,
)
YES_NO_DEMAND = re.compile(
    r"\byes\s+or\s+no\b|\byes\s*/\s*no\b|\bjust\s+(?:say|answer)\s+yes\b|\b(?:a|simple)\s+yes\s+"
    r"or\s+no\b|\banswer\s+(?:the\s+question\s+)?(?:with\s+)?yes\b",
    re.IGNORECASE,
)
LOADED = re.compile(
    r"\bsurely\b|\bcan\s+you\s+(?:not\s+)?see\s+(?:how|why|that)\b|\bcan't\s+you\s+see\b|\bwhy\s+"
    r"would\s+(?:a|an|any|anyone|someone|somebody|you|they|he|she|the|people|a\s+man|a\s+woman)\b|"
    r"\bis\s*n[o']t\s+it\s+(?:true|the\s+case|more\s+likely)\b|\bis\s+it\s+not\s+(?:true|the\s+"
    r"case|more\s+likely)\b|\bdo\s*n[o']t\s+you\s+(?:think|agree)\b|\bdo\s+you\s+(?:really\s+)?"
    r"expect\s+(?:me|us)\s+to\s+believe\b|\b(?:it\s+)?(?:seems|sounds|is)\s+(?:very\s+|highly\s+)?"
    r"(?:unlikely|implausible|strange|odd|hard\s+to\s+believe)\b|\bhow\s+come\b|\byou\s+must\s+"
    r"have\s+known\b|\bobviously\b|\bnot\s+credible\b|\bi\s+(?:do\s*n[o']t|do\s+not)\s+believe\b|"
    r"\byou(?:'re|\s+are)\s+(?:lying|not\s+telling\s+the\s+truth)\b|\bmade\s+(?:this|it|that|all\s+"
    r"this)\s+up\b|\bwhy\s+(?:did\s*n[o']t|did\s+you\s+not)\s+you\s+just\b|\bif\s+(?:that|this|it)\s+"
    r"(?:were|was)\s+true\b|\bhow\s+is\s+it\s+possible\b|\bdoes\s+(?:not|n't)\s+make\s+sense\b|"
    r"\bdoesn't\s+make\s+sense\b|\bexpect\s+(?:me|us)\s+to\s+believe\b|\bwhy\s+should\s+(?:i|we)\s+"
    r"believe\b|\bconvenient(?:ly)?\b",
    re.IGNORECASE,
)
_REPEAT_CUE = re.compile(
    r"\b(?:i\s+(?:asked|am\s+asking|'m\s+asking)\s+you|again|once\s+more|one\s+more\s+time|"
    r"(?:please\s+)?answer\s+(?:the|my)\s+question|i'?ll\s+"
    r"ask\s+(?:you\s+)?again|as\s+i\s+asked|let\s+me\s+ask\s+(?:you\s+)?again|i\s+repeat)\b",
    re.IGNORECASE,
)
_INTERROGATIVES = (
    "how",
    "why",
    "what",
    "when",
    "where",
    "who",
    "which",
    "whose",
    "whom",
    "do",
    "does",
    "did",
    "is",
    "are",
    "was",
    "were",
    "have",
    "has",
    "had",
    "can",
    "could",
    "would",
    "will",
    "should",
    "describe",
    "explain",
    "tell",
)


@dataclass(frozen=True)
class Question:
    """One caseworker question and its style."""

    segment: int
    text: str
    kind: str  # "open" or "closed"
    yes_no_demand: bool
    loaded: str | None
    repeated_of: int | None = None  # segment of the question asked (and answered) before
    #: What the question asks (its first interrogative word and content stems).
    signature: tuple[str, frozenset[str]] = ("", frozenset())


def _signature(text: str) -> tuple[str, frozenset[str]]:
    words = tokens(text)
    lead = next((w for w in words if w in _INTERROGATIVES), "")
    return lead, frozenset(content_stems(text))


#: How a question opens when the recogniser wrote no question mark: a wh-word, an inverted
#: auxiliary ("did you", "were they"), or a request ("tell me", "can you describe").
_ASKING = (
    r"(?:can|could|would|will)\s+you\s+(?:please\s+)?(?:tell|describe|explain|give|say|share)"
    r"\b|(?:what|when|where|who|whom|whose|why|which|how)\b(?!\s+you\s+(?:are|feel)\s+ready)"
    r"(?:\s+(?:did|do|does|was|were|is|are|have|has|had|can|could|would|will)\b)?|"
    r"(?:did|do|does|were|was|are|is|have|has|had|can|could|would|will|shall|should|may)\s+"
    r"(?:you|they|he|she|it|we|anyone|anybody|someone|somebody|there|the|your|this|that|any|"
    r"anything|something)"
    r"\b|tell\s+me\b|describe\b|explain\b"
)
_ASKING_START = re.compile(
    r"^\W*(?:(?:so|and|okay|ok|now|right|well|then|also|sorry|thank\s+you|thanks|please|just|"
    # the recogniser's fillers and acknowledgements: "alright um what happened after that"
    rf"{FILLERS}|yeah|yes|good|fine|i\s+see|understood)"
    r"\W+)*(?:" + _ASKING + r")",
    re.IGNORECASE,
)
_ASKING_ANYWHERE = re.compile(r"\b(?:" + _ASKING + r")", re.IGNORECASE)
_STATEMENT_AFTER_WH = re.compile(
    r"^\W*(?:what|where|when)\s+you\s+(?:said|told|say|tell|mentioned)\b", re.IGNORECASE
)
#: A question that only asks to confirm the sentence before it.
_TAG = re.compile(
    r"^\W*(?:is\s+(?:that|this|it)\s+(?:right|correct|true|so)|(?:am\s+i|is\s+that)\s+"
    r"(?:right|correct)|correct|right|true|yes|did\s+(?:they|he|she|it)|were\s+you|was\s+it)\W*$",
    re.IGNORECASE,
)
#: A turn with no full stop or question mark over this many words is recogniser text.
_UNPUNCTUATED_WORDS = 8


#: "And then", "and after you left Bani Walid": a follow-up said as a phrase, as the recogniser
#: writes it (no question mark).
_ELLIPTIC_FOLLOW_UP = re.compile(
    r"^\W*(?:and|so)\s+(?:then(?:\s+(?:to\s+|in\s+)?[\w'-]+)?|next|after\s+(?:that|this)|"
    r"after\s+(?:you|they)\s+\w+"
    r"(?:\s+[\w'-]+){0,4}|what\s+(?:about|next|then)\b(?:\s+[\w'-]+){0,4})\W*$",
    re.IGNORECASE,
)


def _asks(part: str) -> bool:
    """The sentence is shaped as a question, with or without its question mark."""
    if part.rstrip().endswith("?") or _IMPERATIVE.search(part) or _ELLIPTIC_FOLLOW_UP.match(part):
        return True
    return bool(_ASKING_START.search(part)) and not _STATEMENT_AFTER_WH.search(part)


def _unpunctuated_parts(turn: str) -> list[str]:
    """Recogniser text run together: cut it where a question begins."""
    starts = [m.start() for m in _ASKING_ANYWHERE.finditer(turn)]
    cuts = [0, *[s for s in starts if s > 0], len(turn)]
    parts = [turn[a:b].strip() for a, b in itertools.pairwise(cuts)]
    return [p for p in parts if p]


_RUN_ON_QUESTION = re.compile(
    r"(?<=\w)\s+(?=(?:when|where|who|what|why|how|which)\s+(?:did|do|does|was|were|is|are|have|"
    r"has|had|can|could|would|will)\s+(?:you|they|he|she|it|this|that|the|we)\b)",
    re.IGNORECASE,
)


def _run_together(part: str) -> list[str]:
    """A statement and a question run into one sentence, cut before the question."""
    if part.rstrip().endswith("?") or _asks(part):
        return [part]
    pieces = _RUN_ON_QUESTION.split(part, maxsplit=1)
    return [p.strip() for p in pieces if p.strip()]


def question_sentences(turn: str) -> list[str]:
    """The questions in a caseworker turn.

    A sentence ending in '?', a request ("Tell me..."), or a sentence shaped as a question
    without its mark, as the recogniser writes it ("when did this happen", "were you hurt").
    A turn of recogniser text with no full stops at all is cut where each question begins.
    A "yes or no" demand said as its own sentence ("I need a yes or no answer.") is joined to
    the question it goes with, so the demand is counted without counting an extra question.
    """
    parts = [s.text for s in sentences(turn)]
    if (
        len(parts) == 1
        and not re.search(r"[.?!]", turn)
        and len(turn.split()) >= (_UNPUNCTUATED_WORDS)
    ):
        parts = _unpunctuated_parts(turn)
    # "Thank you for telling me when did this happen." (the recogniser ran two sentences
    # together): the question starts where a wh-word meets its auxiliary.
    parts = [piece for part in parts for piece in _run_together(part)]
    questions: list[str] = []
    pending_demand = ""
    for number, part in enumerate(parts):
        if _TAG.match(part) and number > 0 and not _asks(parts[number - 1]):
            # "They beat you with sticks. Is that right?": one question, the statement's.
            questions.append(f"{parts[number - 1]} {part}")
            continue
        if _asks(part):
            questions.append((pending_demand + " " + part).strip() if pending_demand else part)
            pending_demand = ""
        elif YES_NO_DEMAND.search(part):
            if questions:
                questions[-1] = questions[-1] + " " + part
            else:
                pending_demand = part
    if pending_demand:
        questions.append(pending_demand)
    return questions


def classify(question: str) -> str:
    """'open' (what happened / how / why / tell me / describe / explain) or 'closed'."""
    if _EMBEDDED_CLOSED.search(question) and not re.search(
        r"\b(?:what|how|why)\b(?!\s+(?:many|"
        r"much|long|old|often|far))",
        question.split("tell me")[-1],
        re.I,
    ):
        return "closed"
    if _SINGLE_FACT_WHAT.search(question):
        return "closed"
    if _ELLIPTIC_FOLLOW_UP.match(question):
        return "open"  # "And then?", "And after you left Bani Walid?"
    return "open" if _OPEN.search(question) else "closed"


def make_question(
    segment: int, text: str, earlier: list[Question], answered: set[int], turn: str = ""
) -> Question:
    """Classify one question, recognising a repeat of an earlier, answered one.

    ``turn`` is the whole caseworker turn: "Please answer the question." before it is a cue.
    """
    repeated_of = None
    lead, stems = _signature(text)
    cue = bool(_REPEAT_CUE.search(turn or text))
    for before in reversed(earlier):
        if before.segment not in answered:
            continue
        other_lead, other_stems = before.signature
        if not stems or not other_stems:
            continue
        jaccard = len(stems & other_stems) / len(stems | other_stems)
        if (
            (lead == other_lead and jaccard >= 0.6)
            or (cue and jaccard >= 0.5)
            or (cue and stems <= other_stems)
        ):
            repeated_of = before.segment
            break
    loaded = LOADED.search(text)
    return Question(
        segment=segment,
        text=text,
        kind=classify(text),
        yes_no_demand=bool(YES_NO_DEMAND.search(text)),
        loaded=loaded.group(0) if loaded else None,
        repeated_of=repeated_of,
        signature=(lead, stems),
    )
