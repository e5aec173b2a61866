"""Ordinary talk that only sounds like harm: medical care, accidents, sport, figures of speech.

"The doctor gave me an injection in my arm", "a small electric shock from a machine, it was my
mistake", "they beat us 3-1 in the final", "a torture of a bus journey": a harm word in such a
clause is not a disclosure. The phrases live in ``resources/analysis/harm.toml`` (``[ordinary]``).
"""

from __future__ import annotations

import re

from companion.analysis.lexicon import lexicon
from companion.analysis.text import tokens

#: Said not to be an accident; or a bullet, which no fall explains.
_NO_ACCIDENT = re.compile(
    r"\b(?:not|no|never|wasn'?t|was\s+not|isn'?t)\s+(?:an?\s+|my\s+)?(?:accident|mistake|fault)|"
    r"\b(?:a|the)\s+bullets?\s+(?:hit|went|entered|passed|grazed|struck)\b",
    re.IGNORECASE,
)


#: Someone said not to have done it ("it is not from the police", "nothing to do with the
#: army"); not "my husband's brothers beat me, not the police", which names the brothers.
_NOT_BY = re.compile(
    r"\b(?:not|never)\s+(?:from|by|because\s+of)\s+(?:the\s+)?[\w-]+|"
    r"\bnothing\s+to\s+do\s+with\s+(?:the\s+)?[\w-]+",
    re.IGNORECASE,
)

#: A vehicle is what struck ("a truck came out of a side road and hit us"): the act follows a
#: vehicle with no one else named between them (not "the car stopped and they hit us").
_VEHICLE_DID_IT = re.compile(
    r"(?:^|[,;:]\s*|\b(?:and|when|then|suddenly|because)\s+)(?:a|the|another|our|their|my)\s+"
    r"(?:\w+\s+)?(?:car|truck|lorry|bus|minibus|taxi|motorbike|motorcycle|tractor|pick-?up)\s+(?:(?!\b(?:i|we|you|he|she|they|them|him|her|me|us|"
    r"was|were|got|men|man|guys|boys|driver|soldiers?|police\w*|someone|somebody|people|"
    r"strangers?|checkpoint)\b)[^.;!?])*?\b(?:and\s+)?$",
    re.IGNORECASE,
)
#: ... with what a vehicle does when it strikes (not "beat", not "I was raped").
_IMPACT = re.compile(
    r"(?:hit|struck|knocked|ran\s+over|run\s+over|crashed\s+into|rammed|smashed\s+into)\b",
    re.IGNORECASE,
)


def _names_perpetrator(turn: str) -> bool:
    """Someone who could have done harm is named in the turn ("the police", "the soldiers");
    a relative is not ("blood from her brother" names no one who hurt her)."""
    lex = lexicon()
    return any(
        match.group(0).lower() not in lex.relatives
        for match in lex.perpetrators.finditer(_NOT_BY.sub(" ", turn))
    )


#: Not medical care: a "native doctor" or "witch doctor" cutting marks by force.
_NOT_CARE = re.compile(
    r"\b(?:native|witch|juju|fetish)\s+(?:doctors?|priests?|m[ae]n)\b", re.IGNORECASE
)
#: ... when the claimant was held down or forced.
_HELD_DOWN = re.compile(
    r"\b(?:held|holding|pinned|tied)\s+(?:me|her|him)\s+(?:down|to)\b|\bforced\s+(?:me|her|him)\b",
    re.IGNORECASE,
)
#: A wound only a weapon makes.
_WEAPON_WOUND = re.compile(r"\b(?:bullets?|gunshot|shrapnel|pellets)\b", re.IGNORECASE)
_MISHAP = re.compile(
    r"\b(?:accident\w*|mistake|hunting|stray|cleaning|celebrat\w*|wedding|in\s+the\s+air)\b",
    re.IGNORECASE,
)
#: Care told as what came after the act: "and", a comma, "then", "so", "later".
_CARE_AFTER = re.compile(r",|;|\b(?:and|then|so|later|afterwards)\b", re.IGNORECASE)
#: "twelve stitches", "5 stitches": the count of a wound's stitches.
_STITCHES_COUNTED = re.compile(
    r"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
    r"thirty|many)\s+stitches\b",
    re.IGNORECASE,
)
#: The act may be the care or a slip: surgery ("cut me open", "had to cut my leg off", "cut
#: ... to take out"), a mistake, an accident.
_CARE_ITSELF = re.compile(
    r"\bcut\s+(?:(?:me|him|her)|(?:my|his|her)\s+[\w-]+)\s+(?:open|off)\b|\bhad\s+to\b|"
    r"\bto\s+(?:take|get)\s+out\b|\bby\s+(?:mistake|accident)\b|\baccident(?:al|ally)?\b|"
    r"\boperat\w+",
    re.IGNORECASE,
)
#: Words read before the act for its doer.
_DOER_WORDS = 8


def _treated_after_harm(sentence: str, position: int, third_person: bool) -> bool:
    """Care told after harm someone else did ("He hit me with a stick and I needed stitches",
    "they beat me and I was taken to hospital", "him chop me here on the left arm twelve
    stitches"): no medical word before the act in its sentence, a doer just before it, and
    the care told as what came next (after "and", a comma, "then", "so"), or as a count of
    stitches. Not "The doctor cut me open and I had stitches", "I cut my hand on glass and had
    stitches", "they cut me open at the hospital"."""
    medical = lexicon().ordinary["medical"]
    if medical.search(sentence[:position]):
        return False
    care = medical.search(sentence, position)
    if care is None or not (
        _CARE_AFTER.search(sentence[position : care.start()])
        or _STITCHES_COUNTED.search(sentence, position)
    ):
        return False
    if _WEAPON_WOUND.search(sentence, position, care.start()) and not _MISHAP.search(sentence):
        return True  # a wound only a weapon makes needs no doer named, and its care may be an
        # operation ("The bullet is still in my thigh, the doctors said it is too near the nerve
        # to take out")
    if _CARE_ITSELF.search(sentence):
        return False
    near = " ".join(sentence[:position].split()[-_DOER_WORDS:])
    return _perpetrator_before(near, len(near), third_person)


def _perpetrator_before(sentence: str, position: int, third_person: bool) -> bool:
    """Someone (not the speaker) does the harm: "they", "the police", "he" (first person)."""
    if lexicon().perpetrators.search(sentence[:position]):
        return True
    return _pronoun_agent(sentence, position, third_person)


def _pronoun_agent(sentence: str, position: int, third_person: bool) -> bool:
    """ "They", "someone" (or, when the claimant speaks, "he"/"she") just before the act."""
    pronouns = ["they", "them", "someone", "somebody"] + ([] if third_person else ["he", "she"])
    return any(word in pronouns for word in tokens(sentence[:position])[-6:])


def accident_told(text: str) -> bool:
    """``text`` says outright that it was an accident and names no one who could have done
    it ("The lorry hit them all. It was an accident.")."""
    return (
        bool(lexicon().ordinary["accident"].search(text))
        and not _NO_ACCIDENT.search(text)
        and not _names_perpetrator(text)
    )


#: Acts only a person does to someone: work does not explain them away.
_DONE_BY_SOMEONE = re.compile(
    r"(?:beat|beaten|beating|punch\w*|slapp\w*|whipp\w*|flogg\w*|rap(?:e|ed|ing)|tortur\w*)\b",
    re.IGNORECASE,
)


#: The harm word at the position read, then me/us/him/her, not followed by a body part ("hurt
#: us", not "hurt her back"; a prefix match on purpose, so "her legs" and "her hands" are out
#: too).
_TO_A_PERSON = re.compile(
    r"[\w'-]+\s+(?:me|us|him|her)\b(?!\s+(?:back|leg|arm|hand|foot|head))", re.IGNORECASE
)
#: Beaten with a weapon ("they beat me with a bat and with stones"): nothing a game does. The
#: weapon is a word of the instrument class, read just after the person beaten.
_BEATEN_WITH = re.compile(
    r"(?:beat|beaten|beating|attack\w*|assault\w*|whipp\w*|flogg\w*)\s+(?:me|us|him|her|them)\s+"
    r"(?:[\w'-]+\s+){0,3}?with\s+(?:an?\s+|the\s+|his\s+|her\s+|their\s+|some\s+)?",
    re.IGNORECASE,
)
#: Characters before the act read for a person doing it.
_PERSON_REACH = 80
#: Someone, not something, doing it ("the owner and his son ... beat him", not "a rope ...
#: whipped my face").
_PERSON_BEFORE = re.compile(
    r"\b(?:owner|boss|employer|foreman|supervisor|manager|man|men|boys|son|sons|people|they|he|she|"
    r"someone|somebody|workers?|guards?|police)\b",
    re.IGNORECASE,
)


def ordinary_reason(
    clause: str,
    sentence: str,
    following: str,
    position: int,
    third_person: bool,
    turn: str = "",
    near_only: bool = False,
) -> str | None:
    """Why the harm word at ``position`` of ``sentence`` is ordinary talk, or None.

    ``clause`` is the clause holding it, ``following`` the next sentence of the turn ("... it
    was my mistake"), ``turn`` the whole turn. Medical care counts in the clause, or earlier in
    a turn that names no perpetrator ("the dentist said my teeth were rotten. He pulled them
    out with pliers"); sport likewise; an idiom in the clause; an accident the speaker caused,
    in the sentence or the next, only when no one else is said to have done it. With
    ``near_only`` (an act found in a clause, not a described frame, which has its own window) a
    long unpunctuated clause is read only near the act.
    """
    lex = lexicon()
    ordinary = lex.ordinary
    turn = turn or sentence
    start = turn.find(sentence)
    before = turn[: start + position] if start >= 0 else sentence[:position]
    named_perpetrator = _names_perpetrator(turn)
    if near_only:
        clause = _near(clause, sentence, position)
    care_clause, care_before = clause, before
    if _HELD_DOWN.search(turn):  # a "native doctor" cutting a girl held down is not care
        care_clause, care_before = _NOT_CARE.sub("man", clause), _NOT_CARE.sub("man", before)
    if ordinary["medical"].search(care_clause) and not _treated_after_harm(
        sentence, position, third_person
    ):
        return "medical care"
    if ordinary["medical"].search(care_before) and not named_perpetrator:
        return "medical care"
    if _idiom_at(clause, sentence, position):
        return "a figure of speech"
    # Sport and work words do not explain away harm done in custody ("Were there periods you
    # did not work in the workshop?" "Only when I was held. They hung me by my wrists.").
    # Nor at work: "The owner and his son beat him with an iron bar" (an act only a person
    # does, a person before it: not _perpetrator_before, whose lexicon has no owner or son),
    # "they caught us and they hurt us all" (someone did it to the claimant, not said to be by
    # mistake).
    person_before = bool(
        _PERSON_BEFORE.search(sentence[max(0, position - _PERSON_REACH) : position])
    )
    pronoun_agent = _pronoun_agent(sentence, position, third_person)
    by_someone_named = bool(_DONE_BY_SOMEONE.match(sentence[position:])) and person_before
    they_did_it_to_a_person = bool(
        _TO_A_PERSON.match(sentence[position:])
        and pronoun_agent
        and not ordinary["accident"].search(f"{sentence} {following}")
    )
    not_an_accident_at_work = by_someone_named or they_did_it_to_a_person
    beaten_with = _BEATEN_WITH.match(sentence[position:])
    armed = bool(
        beaten_with
        and lex.classes["instrument"].match(sentence[position + beaten_with.end() :])
        and (pronoun_agent or person_before)
    )
    for reason in ("sport", "work"):
        words = ordinary[reason]
        near = (before, sentence, following)
        if reason == "work" and not_an_accident_at_work:
            continue
        if reason == "sport" and armed:
            continue  # "four of them caught me behind the football pitch, they beat me with a bat"
        if (
            any(words.search(part) for part in near)
            and not named_perpetrator
            and not lex.classes["custody"].search(turn)
            and not ordinary["set_upon"].search(turn)
        ):
            return reason
    agent = _perpetrator_before(sentence, position, third_person)
    told = f"{sentence} {following}"
    if _NO_ACCIDENT.search(told):
        return None
    if (
        _IMPACT.match(sentence, position)
        and _VEHICLE_DID_IT.search(sentence, max(0, position - 90), position)
        and not named_perpetrator
        and not _pronoun_agent(sentence, position, third_person)
    ):
        return "an accident"  # "a truck came out of a side road and hit us"
    if not agent and ordinary["self_caused"].search(told):
        return "an accident"  # "I fell off the roof and broke my arm"
    if ordinary["accident"].search(told) and not (
        named_perpetrator or _pronoun_agent(sentence, position, third_person)
    ):
        return "an accident"  # "my brother threw a blanket on me ... It was an accident"
    return None


#: Characters after the start of a harm phrase within which an idiom still reads it ("he was
#: beaten by life", "I was burned by the sun").
_IDIOM_REACH = 14
#: Idioms that speak of the whole clause, not of one word ("it is an expression").
_ABOUT_THE_CLAUSE = re.compile(r"\bexpression\b", re.IGNORECASE)
#: A feeling told before the act: the act is inside it ("I felt like I was carrying a stone
#: inside me"), not done ("they beat me until I felt like dying" keeps the beating).
_FELT_LIKE = re.compile(r"\b(?:felt|feel|feels)\s+(?:like|as\s+if|as\s+though)\b", re.IGNORECASE)


def _idiom_at(clause: str, sentence: str, position: int) -> bool:
    """An idiom that holds the harm word at ``position`` of ``sentence`` ("it hit me"), names
    the agent just after it ("burned by the sun"), or says the clause is a figure of speech or
    a feeling; not one some words away ("beat me with a stick and cut my hair")."""
    offset = sentence.find(clause)
    at = position - offset if offset >= 0 else -1
    if at > 0 and _FELT_LIKE.search(clause[:at]):
        return True
    for match in lexicon().ordinary["idioms"].finditer(clause):
        if _ABOUT_THE_CLAUSE.search(match.group(0)) or at < 0:
            return True
        if match.start() <= at < match.end():
            return True
        if 0 <= match.start() - at <= _IDIOM_REACH:
            return True  # "he was beaten by life", "I was burned by the sun"
    return False


#: Words either side of a harm word that a long unpunctuated "clause" (recogniser text) is
#: cut to, so "i had to go to the hospital" twenty words on does not make "he cut me" medical.
_NEAR_WORDS = 12


def _near(clause: str, sentence: str, position: int) -> str:
    """The clause, or in a long unpunctuated one the words near the harm word."""
    words = list(re.finditer(r"\S+", clause))
    if len(words) <= 2 * _NEAR_WORDS:
        return clause
    offset = sentence.find(clause)
    if offset < 0:
        return clause
    at = position - offset
    index = sum(1 for w in words if w.start() < at)
    first = words[max(0, index - _NEAR_WORDS)].start()
    last = words[min(len(words) - 1, index + _NEAR_WORDS)].end()
    return clause[first:last]


def ordinary_turn(turn: str, third_person: bool) -> str | None:
    """Why a whole turn is ordinary talk, or None: an accident said outright ("it was an
    accident"; not "it was not an accident"), the speaker's own slip or fall where nobody else
    acts ("they", or "he"/"she" when the claimant speaks), or medical care, sport, work or a
    figure of speech, all with no perpetrator named.

    For the second opinion, which reads a turn as a whole: the activity words the rules read
    beside a harm word ("cooking", "at work") do not make a turn ordinary on their own.
    """
    ordinary = lexicon().ordinary
    if _names_perpetrator(turn):
        return None
    if accident_told(turn):
        return "an accident"
    if not _NO_ACCIDENT.search(turn):
        others = _OTHERS_THIRD if third_person else _OTHERS_FIRST
        if ordinary["self_caused"].search(turn) and not others.search(turn):
            return "an accident"  # "he slipped and cut his leg on the metal edge"
    if ordinary["idioms"].search(turn):
        return "a figure of speech"
    for reason in ("medical", "sport", "work"):
        if reason != "medical" and ordinary["set_upon"].search(turn):
            continue
        if ordinary[reason].search(turn):
            return "medical care" if reason == "medical" else reason
    return None


#: Someone else acting in the turn: "they", or (the claimant speaking) "he"/"she".
_OTHERS_THIRD = re.compile(r"\b(?:they|them)\b", re.IGNORECASE)
_OTHERS_FIRST = re.compile(r"\b(?:they|them|he|she|him)\b", re.IGNORECASE)
