"""Answers read with the question they answer.

"Were you raped during the five days?" -> "Yes, beaten and raped." The answer is a disclosure
of the harm the question names, in that episode, and the question's words are part of its
evidence. A closed question names a harm with the claimant as victim when, said as a statement
("I was raped during the five days"), the harm rules find one; a "yes" opening (or "that's
right", "many times", "they did" ...; ``[answer]`` in ``resources/analysis/harm.toml``) confirms
it, a "no" opening does not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from companion.analysis.harm import HarmMention, find_harm
from companion.analysis.lexicon import SEVERITY, lexicon
from companion.analysis.ordinary import ordinary_reason
from companion.analysis.text import (
    REPORTING_VERBS,
    THREAT_WORDS,
    sentences,
    tokens,
    without_notes,
)


@dataclass(frozen=True)
class HarmQuestion:
    """A caseworker's closed question naming a harm done to the claimant."""

    segment: int
    text: str
    category: str
    method: bool  # the question names how ("Did they burn you with cigarettes?")
    #: The caseworker's whole turn ("You said you were arrested again in 2020. Were you
    #: tortured on that occasion?"): which time and place the question is about.
    turn: str = ""
    #: "Did anything happen to you at the border?" names no harm: a yes counts only with an
    #: act of harm in the answer ("they hit us with their rifles").
    needs_act: bool = False


_LEAD = r"^\W*(?:(?:and|so|sorry|but|okay|ok|now|right|just|then|also)\W+)*"
_TO_STATEMENT: tuple[tuple[str, str], ...] = (
    (_LEAD, ""),
    (
        r"^(?:is\s+it\s+(?:right|true|correct)\s+that|are\s+you\s+saying(?:\s+that)?|do\s+you\s+"
        r"mean(?:\s+that)?)\s+",
        "",
    ),
    (r"^(?:were|was)\s+you\b", "I was"),
    (r"^(?:have|had)\s+you\s+(?:ever\s+)?been\b", "I have been"),
    (r"^(?:did|do|have|had)\s+you\b", "I"),
    (r"^(?:were|was)\s+(they|he|she)\b", r"\1 were"),
    (r"^(?:did|has|have|had)\s+(?=\w)", ""),
    (r"\byou\s+were\b", "I was"),
    (r"\byou\s+(?:have|had)\s+been\b", "I have been"),
    (r"\byou\s+got\b", "I got"),
    # "Were you cut yourself as a child?": "yourself" stresses who, it is not self-harm
    (r"^(I was\s+(?:\w+\s+)?\w+(?:ed|en|t))\s+yourself\b", r"\1"),
    (r"^I was\s+yourself\s+", "I was "),  # "Were you yourself excised?"
    (r"\byourself\b", "myself"),
    (r"\byour\b", "my"),
    (r"\byou\b", "me"),
)


def as_statement(question: str) -> str:
    """A closed question said as the claimant's statement ("Did they beat you?" -> "they beat
    me")."""
    text = question.strip().rstrip("?").strip()
    for pattern, replacement in _TO_STATEMENT:
        text = re.sub(
            pattern,
            replacement,
            text,
            count=1 if pattern.startswith("^") else 0,
            flags=re.IGNORECASE,
        )
    return text


_CLAUSE_CUT = re.compile(r"\s*(?:[:;,]|\s[-\u2013\u2014]\s)\s*")
_YOU = re.compile(r"\byou\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


_ASKS_IF_REPORTED = re.compile(
    r"^\W*(?:and\s+|so\s+)?(?:did|have|has|had)\s+(?:you|anyone|your\s+\w+)\s+(?:ever\s+)?"
    r"(?:report|tell|told|inform|complain)",
    re.IGNORECASE,
)


def harm_asked(
    question: str, segment: int, turn: str = "", context: str = ""
) -> HarmQuestion | None:
    """The harm a closed question asks the claimant to confirm, or None.

    The closed question may follow a lead-in ("While you were held at the camp, were you
    sexually abused?", "I need a yes or no answer: were you tortured there?"). ``context`` is
    the talk before it ("I did kickboxing for nine years"): a question about an injury in
    sport, work or medical care asks about no harm. A question about scars asks about harm
    already told, not a new one.
    """
    lex = lexicon()
    parts = _CLAUSE_CUT.split(question.strip())
    candidates = [question.strip()] + [", ".join(parts[index:]) for index in range(1, len(parts))]
    # ... or after a lead-in of whole sentences ("I'll ask one question, and you can just say
    # yes or no. Were you hurt while they held you?")
    told = _SENTENCE_END.split(question.strip())
    candidates += [" ".join(told[index:]) for index in range(1, len(told))]
    if _TRACES.search(question):
        return None  # "Do you still have marks from the whip?" asks about harm already told
    if _ASKS_IF_REPORTED.search(question):
        return None  # "Did you report the shooting to the police?" asks what the claimant did
    if _SELF_HARM.search(question):
        return None  # "Do you ever think about harming yourself?" asks about risk, not harm done
    tagged = bool(_ENDS_WITH_TAG.search(question))  # "... they beat you. Is that correct?"
    for candidate in candidates:
        if not (tagged or lex.closed_opening.match(candidate)):
            continue
        if _ASKS_IF_REPORTED.search(candidate) or _SELF_HARM.search(candidate):
            continue  # after a lead-in: "I need a yes or no. Did you report the beating?"
        if _ONLY_PRESENT.match(candidate):
            continue  # "Were you there when the paramilitaries attacked?" asks where they were
        if _SAW_IT.match(candidate):
            continue  # "Did you see people being harmed?" asks what the claimant witnessed
        mentions = find_harm(as_statement(candidate), third_person=False, context=context)
        if mentions:
            category = max((m.category for m in mentions), key=SEVERITY.index)
            return HarmQuestion(
                segment, question.strip(), category, any(m.how for m in mentions), turn
            )
        named = _named_act(candidate, context)
        if named is not None:
            return HarmQuestion(segment, question.strip(), named[0], named[1], turn)
    if _ANYTHING_HAPPEN.search(question):
        return HarmQuestion(segment, question.strip(), "ill-treatment", False, turn, True)
    return None


#: "Were you there when they attacked?": where the claimant was during an event, not harm to
#: them (unless "you" comes again before the question mark: "were you there when they beat
#: you?").
_ONLY_PRESENT = re.compile(
    r"^\W*(?:were|was)\s+you\s+(?:(?:still|also|yourself)\s+)?(?:there|present|at\s+home|"
    r"inside|(?:in|at)\s+(?:the\s+|a\s+|my\s+|our\s+|your\s+)?[\w'-]+(?:\s+[\w'-]+){0,2}?|"
    r"with\s+(?:them|him|her|the\s+\w+))\s+(?:when|while|during)\b(?![^?]*\byou\b)",
    re.IGNORECASE,
)
#: "Did you see people being harmed?": harm the claimant witnessed (unless "you" comes again
#: before the question mark, "did you see who hit you?", or "witness or suffer" asks both).
_SAW_IT = re.compile(
    r"^\W*(?:did|have|had)\s+you\s+(?:ever\s+|also\s+|yourself\s+)?(?:see|seen|witness\w*|watch|"
    r"watched|hear|heard)\b(?!\s+(?:or|and)\b)(?![^?]*\byou(?:r|rself)?\b)",
    re.IGNORECASE,
)
_YOUR_RELATIVE = re.compile(
    r"\byour\s+(?:[\w-]+\s+)?(?:" + "|".join(sorted(lexicon().relatives)) + r")\b", re.IGNORECASE
)
_ANYTHING_HAPPEN = re.compile(
    r"\b(?:did|has)\s+anything\s+(?:else\s+)?happen(?:ed)?\s+to\s+you\b", re.IGNORECASE
)
#: An act of harm done to a group the claimant was in ("hit them on their backs").
_GROUP_HARM = re.compile(
    r"\b(?:hit|beat|beaten|kicked|whipped|tortured|shot\s+at|burned|raped|attacked|stabbed)\s+"
    r"(?:them|us|everyone|everybody|all\s+of\s+(?:us|them)|the\s+(?:men|women|group|prisoners))\b",
    re.IGNORECASE,
)
_ENDS_WITH_TAG = re.compile(
    r"[.!]\s+(?:is\s+(?:that|this|it)\s+(?:right|correct|true|so)|correct|right|true|did\s+"
    r"(?:they|he|she|it)|were\s+you|was\s+it)\W*$",
    re.IGNORECASE,
)
#: An act of harm named by one of the lexicon's verbs ("cut", "burned", "whipped").
ANY_ACT = re.compile(rf"\b(?:{lexicon().verb_alternation})\b", re.IGNORECASE)
_TRACES = re.compile(r"\b(?:scars?|marks)\b", re.IGNORECASE)
_SELF_HARM = re.compile(
    r"\b(?:think\w*|thoughts?|tried|try|want\w*|feel\s+like|urges?)\s+(?:about\s+|of\s+|to\s+)?"
    r"(?:harm\w*|hurt\w*|kill\w*|cut\w*|end\w*)\s+(?:yourself|your\s+(?:own\s+)?life)\b|"
    # "Have you ever cut yourself?", "Did you injure yourself when you fell?": done by the
    # claimant (not "Were you hurt yourself?", done to them)
    r"\b(?:have|had|did|do)\s+you\s+(?:ever\s+)?(?:\w+\s+)?(?:harm\w*|hurt|cut|injur\w*|burn\w*|"
    r"kill\w*)\s+yourself\b",
    re.IGNORECASE,
)


def _named_act(question: str, context: str = "") -> tuple[str, bool] | None:
    """An act of harm named in a closed question about "you", however it is put ("Were you
    personally ever harmed by the Taliban?"), unless it is about a relative or only feared."""
    lex = lexicon()
    if not _YOU.search(question):
        return None
    if _YOUR_RELATIVE.search(question) or set(tokens(question)) & THREAT_WORDS:
        return None
    setting = f"{context}\n{question}" if context else question
    if ordinary_reason(question, question, "", len(question), False, setting):
        return None  # "Were you ever injured boxing?"
    for match in ANY_ACT.finditer(question):
        act = lex.act(match.group(0))
        if act is not None:
            return act.category, act.method
    return None


#: "I was, many times." / "We were." — a yes to "Were you ...?".
_I_WAS = re.compile(r"^\W*(?:i|we)\s+(?:was|were)\s*(?:[,.!]|$|many|yes|several)", re.IGNORECASE)
_BARE_YES = re.compile(r"\byes\b", re.IGNORECASE)
_NOD = re.compile(r"\[[^\]]*\bnod(?:s|ded|ding)?\b[^\]]*\]", re.IGNORECASE)
_HEAD_SHAKE = re.compile(r"\[[^\]]*\bshak\w*\s+(?:his|her)\s+head\b[^\]]*\]", re.IGNORECASE)
_REPORTED = re.compile(
    rf"^\W*(?:(?:he|she|they|the\s+(?:claimant|applicant|client))\s+{REPORTING_VERBS}"
    r"(?:\s+that(?!\s+(?:is|was|'s)\b))?\W+)",
    re.IGNORECASE,
)


def answer_words(text: str) -> str:
    """The spoken answer, without notes and without the interpreter's "he says"."""
    return _REPORTED.sub("", without_notes(text).strip(), count=1).strip()


def verdict(text: str) -> str | None:
    """ "yes", "no", or None: how a claimant turn answers a closed question."""
    lex = lexicon()
    spoken = answer_words(text)
    if not spoken:  # only a note: "[nods]", "[shakes her head]"
        if _NOD.search(text):
            return "yes"
        return "no" if _HEAD_SHAKE.search(text) else None
    # The answer may open with a narration ("She is quiet for some time. She says 'baleh'.
    # Unfortunately, yes."): the first sentence that answers decides.
    for sentence in [spoken, *(answer_words(p.text) for p in sentences(spoken)[1:3])]:
        said = sentence.strip(" \"'\u201c\u201d")
        if lex.no.match(said):
            return "no"
        if lex.yes.match(said) or _I_WAS.match(said):
            return "yes"
        first_clause = re.split(r"[,;.]", said, maxsplit=1)[0]
        if _BARE_YES.search(first_clause) and not lex.no.search(first_clause):
            return "yes"  # "It is yes, but she wants to explain how it was."
    return None


def disclosed_by_yes(asked: HarmQuestion, text: str) -> HarmMention | None:
    """The disclosure made by a turn already known to say yes to ``asked``, or None (the
    yes was about sport, work or medical care, or "anything happen?" with no act told)."""
    if asked.needs_act and not (
        _GROUP_HARM.search(text) or find_harm(text, third_person=True) or find_harm(text, False)
    ):
        return None  # "Did anything happen to you?" "Yes, I lost my bag."
    spoken = answer_words(text)
    if ordinary_reason(spoken, spoken, "", len(spoken), False, spoken):
        return None  # "Yes, I fell from the scaffolding, it was my own mistake."
    match = lexicon().yes.match(spoken)
    said = " ".join(without_notes(text).split())
    parts = sentences(said)
    answer = parts[0].text if parts else said  # quoted as said, "He says" and all
    evidence = f"Asked: \u201c{asked.text}\u201d \u2014 answered: \u201c{answer}\u201d"
    trigger = match.group(0).strip() if match else answer
    return HarmMention(
        asked.category,
        asked.method,
        evidence,
        trigger,
        0,
        question=asked.turn or asked.text,
        asked_at=asked.segment,
    )


_BODY_FIRST = re.compile(
    r"^\W*(?:(?:in|on|to|across|at|all\s+over)\s+(?:the\s+|my\s+|his\s+|her\s+|both\s+)?"
    r"(?:(?:left|right|lower|upper)\s+)?(?:back|head|face|leg|legs|arm|arms|chest|stomach|"
    r"shoulder|shoulders|hand|hands|feet|foot|neck|knee|knees|eye|ear|ribs|hip)\b"
    r"(?=\s*(?:[.,;!]|$|and\b|with\b|from\b|by\b))|here(?=\W*\[))",
    re.IGNORECASE,
)


def answers_with_the_wound(text: str) -> bool:
    """An answer to "Were you injured?" that skips the yes and says where ("In the back.
    Buckshot.", "Here [shows her arm]")."""
    spoken = answer_words(text)
    return bool(_BODY_FIRST.match(spoken or text))


#: The claimant comes back to a question asked earlier: "What you asked before, about the
#: commanders. Yes, they did."
_ASKED_BEFORE = re.compile(
    r"\b(?:what|the\s+thing)\s+you\s+asked\s+(?:me\s+)?(?:before|earlier|about)\b|"
    r"\byou\s+asked\s+(?:me\s+)?(?:before|earlier)\b|\b(?:your|the)\s+(?:earlier|previous|"
    r"other)\s+question\b|\bgoing\s+back\s+to\s+(?:your|the|what\s+you)\s+(?:question|asked)\b",
    re.IGNORECASE,
)
_LATE_YES = re.compile(
    r"\b(?:yes|yeah|they\s+did|he\s+did|she\s+did|it\s+happened|it\s+is\s+true|it's\s+true)\b",
    re.IGNORECASE,
)


def answers_earlier(text: str) -> bool:
    """A turn that says yes to a question asked some turns ago, pointing back to it."""
    spoken = answer_words(text)
    return bool(_ASKED_BEFORE.search(spoken) and _LATE_YES.search(spoken))
