"""Finding disclosures of harm the claimant says *they* suffered, in their words or the
interpreter's (first or third person).

Rules over word patterns: an act of harm (beating, burning, rape, electric shocks, being held and
hurt ...) with the claimant as its victim — "me", "us", "my back", a passive "I was beaten", or,
in the interpreter's third-person rendering, "him"/"her" ("he says they burned him"). Not a
disclosure: the act negated ("nobody touched me"), only threatened or feared ("they would hurt
me"), done to someone else ("they beat my brother"), or figurative ("the waiting was torture",
"the heat beat us down").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from companion.analysis.text import clauses, hypothetical, negated, sentences, tokens, without_notes

#: From least to most severe, to pick an episode's category.
SEVERITY = ("ill-treatment", "other-serious-harm", "torture", "sexual-violence")

RELATIVES = set(
    """brother brothers sister sisters father mother son sons daughter daughters husband wife
    uncle aunt cousin cousins friend friends neighbour neighbours neighbor neighbors colleague
    colleagues family children child kids parents people others men women prisoners boy boys
    girl girls grandfather grandmother nephew niece fiance fiancee baby partner relatives
    relative classmates students student comrades comrade members""".split()
)
BODY_PARTS = set(
    """back head face feet foot legs leg arms arm hands hand fingers finger nails fingernails
    toenails body chest stomach belly teeth tooth eye eyes ears ear skin knees knee genitals
    shoulders shoulder neck ribs wrists wrist ankles ankle hair mouth nose lips soles""".split()
)
#: Subjects that make a harm word figurative ("the heat beat us down").
FIGURATIVE_SUBJECTS = set(
    """heat sun weather journey trip wait waiting queue food work job cold rain hunger thirst
    life situation traffic travel boat bus road walk it this that everything process paperwork
    noise time silence loneliness memory memories thought thoughts""".split()
)

# (pattern, category, names a method)
_VERBS: list[tuple[str, str, bool]] = [
    (r"beat(?:s|en|ing)?(?:\s+up)?", "ill-treatment", True),
    (r"hit(?:s|ting)?", "ill-treatment", True),
    (r"kick(?:s|ed|ing)?", "ill-treatment", True),
    (r"punch(?:es|ed|ing)?", "ill-treatment", True),
    (r"slap(?:s|ped|ping)?", "ill-treatment", True),
    (r"whip(?:s|ped|ping)?|flog(?:s|ged|ging)?|lash(?:es|ed|ing)?", "torture", True),
    (r"tortur(?:e|es|ed|ing)", "torture", False),
    (r"burn(?:s|ed|t|ing)?", "torture", True),
    (r"electrocut(?:e|es|ed|ing)|shock(?:s|ed)?", "torture", True),
    (r"rap(?:e|es|ed|ing)", "sexual-violence", True),
    (
        r"sexually\s+(?:abus(?:e|ed|ing)|assault(?:s|ed|ing)?|attack(?:ed)?)",
        "sexual-violence",
        True,
    ),
    (r"molest(?:s|ed|ing)?", "sexual-violence", True),
    (r"abus(?:e|es|ed|ing)", "ill-treatment", False),
    (r"mistreat(?:s|ed|ing)?|ill-treat(?:s|ed|ing)?", "ill-treatment", False),
    (r"hurt(?:s|ing)?|harm(?:s|ed|ing)?|injur(?:e|ed|ing)", "ill-treatment", False),
    (r"assault(?:s|ed|ing)?|attack(?:s|ed|ing)?", "ill-treatment", True),
    (r"stab(?:s|bed|bing)?|shot|shoot(?:s|ing)?", "other-serious-harm", True),
    (r"cut(?:s|ting)?", "ill-treatment", True),
    (r"hang(?:s|ed|ing)?|hung", "torture", True),
    (r"strangl(?:e|es|ed|ing)|chok(?:e|es|ed|ing)|suffocat(?:e|ed|ing)", "torture", True),
    (r"drown(?:s|ed|ing)?|waterboard(?:s|ed|ing)?", "torture", True),
    (r"starv(?:e|es|ed|ing)", "other-serious-harm", True),
    (r"humiliat(?:e|es|ed|ing)", "ill-treatment", False),
]
_VERB_ALT = "|".join(f"(?:{v})" for v, _, _ in _VERBS)
_OBJECT = re.compile(
    rf"\b(?P<verb>{_VERB_ALT})\s+(?:(?:up|again|repeatedly|badly|severely|every\s+day|"
    rf"many\s+times|all\s+over)\s+)?(?:the\s+(?:soles|backs?|palms|bottoms?|tops?|sides?)\s+of\s+)?"
    rf"(?P<victim>me|us|myself|ourselves|him|her|them|my|our|his)\b"
    rf"(?:\s+(?P<next>[a-z'-]+))?",
    re.IGNORECASE,
)
_PASSIVE = re.compile(
    rf"\b(?P<subj>i|we|he|she)\s+(?:was|were|got|get|had\s+been|have\s+been|has\s+been|am|is|"
    rf"are|being|would\s+be)\s+(?:(?:also|then|badly|severely|repeatedly|regularly|often|"
    rf"again|sometimes|brutally|always|not|never)\s+)*(?P<verb>{_VERB_ALT}|ill-treated|"
    rf"mistreated|detained\s+and\s+tortured)\b",
    re.IGNORECASE,
)
_NOUN_EXPERIENCE = re.compile(
    r"\b(?P<subj>i|we|he|she)\s+(?:\w+\s+){0,2}?(?:received|receive|suffered|suffer|endured|"
    r"experienced|went\s+through|faced|underwent|was\s+subjected\s+to|were\s+subjected\s+to|"
    r"got|took)\s+(?:\w+\s+){0,3}?(?P<noun>beatings?|torture|abuse|blows|rape|sexual\s+violence|"
    r"electric\s+shocks?|ill[- ]treatment|mistreatment|lashes|violence)\b",
    re.IGNORECASE,
)
_INSTRUMENT = (
    r"(?:[\w-]+\s+){0,3}?(?:iron|rod|rods|metal|cigarettes?|wires?|cables?|electricity|"
    r"electric\w*|shocks?|shocker|batons?|sticks?|knife|knives|blade|acid|fire|flame|"
    r"lighter|candle|water|oil|bag|pliers|needles?|hammer|pipe|gun|pistol|rifle)"
)
_USED_ON = re.compile(
    rf"\b(?:used|gave|applied|put|attached|pressed|held|poured|pointed|connected|tied)\s+"
    rf"(?:the\s+|an?\s+|some\s+|their\s+)?(?P<noun>{_INSTRUMENT})(?:\s+[\w-]+){{0,3}}?\s+(?:on|to|"
    rf"against|into|over|onto)\s+(?:the\s+\w+\s+of\s+)?(?P<victim>me|us|him|her|my|our|his)\b"
    rf"(?:\s+(?P<next>[a-z'-]+))?",
    re.IGNORECASE,
)
_GAVE = re.compile(
    r"\b(?:gave|give|gives|giving)\s+(?P<victim>me|us|him|her)\s+(?:\w+\s+){0,2}?(?P<noun>"
    r"(?:electric\s+)?shocks?|electricity|beatings?|lashes|blows|injections?)\b",
    re.IGNORECASE,
)
#: Being held in a small or dark place for days, or where "they came every night".
_CONFINEMENT = (
    r"(?:a|an|the|one|that|this)\s+(?:[\w-]+\s+){0,3}?(?:room|cell|hole|container|basement|"
    r"cellar|cage|pit|toilet|box)\b[^.]*?(?:\bfor\s+(?:[\w-]+\s+){0,2}(?:days|weeks|months)\b|"
    r"\b(?:came|come|visited)\s+(?:every|each)\s+(?:night|day)\b|\bcould\s+not\s+(?:lie|stand|"
    r"sit|breathe)\b)"
)
# Patterns that carry their own victim and meaning: (pattern, category, how, victim group).
_SPECIAL: list[tuple[re.Pattern[str], str, bool]] = [
    (
        re.compile(
            r"\btook\s+turns\s+(?:with|on|raping|abusing)\s+(?P<victim>me|her|him|us)\b", re.I
        ),
        "sexual-violence",
        True,
    ),
    (
        re.compile(
            r"\bforced\s+(?:him|her|them)sel(?:f|ves)\s+(?:on|upon)\s+(?P<victim>me|her|him|us)\b",
            re.I,
        ),
        "sexual-violence",
        True,
    ),
    (
        re.compile(
            r"\bmade\s+(?P<victim>me|us|him|her)\s+(?:stand|kneel|sit|lie|stay|crawl|squat|walk|"
            r"sleep)\b[^.]{0,40}?\b(?:cold\s+water|in\s+(?:the\s+)?water|snow|ice|in\s+the\s+sun|"
            r"all\s+night|for\s+(?:many\s+)?(?:hours|days)|on\s+(?:broken\s+)?glass|naked)\b",
            re.I,
        ),
        "torture",
        True,
    ),
    (
        re.compile(
            r"\bdid\s+(?:bad\s+|terrible\s+|horrible\s+)?things\s+to\s+(?P<victim>me|us|him|her)\b",
            re.I,
        ),
        "ill-treatment",
        False,
    ),
    (
        re.compile(
            r"\bdid\s+(?:to\s+(?:me|her|us|him)\s+)?what\s+(?:men|they)\s+do\s+to\s+"
            r"(?:women|a\s+woman|girls)\b",
            re.I,
        ),
        "sexual-violence",
        False,
    ),
    (
        re.compile(
            r"\bforced\s+(?P<victim>me|her|him|us)\s+(?:to\s+(?:be|sleep|have\s+sex)\s+with|"
            r"into\s+(?:sex|prostitution))\b",
            re.I,
        ),
        "sexual-violence",
        True,
    ),
    (
        re.compile(
            r"\b(?:took\s+off|removed|tore\s+off)\s+(?P<victim>my|her|his)\s+clothes\b", re.I
        ),
        "sexual-violence",
        True,
    ),
    (
        re.compile(
            r"\b(?:broke|broken|smashed|fractured|crushed)\s+(?P<victim>my|his|her)\s+"
            r"(?:\w+\s+)?(?:fingers?|legs?|arms?|hands?|ribs?|nose|teeth|jaw|wrists?|feet|"
            r"foot|skull|back|knees?)\b",
            re.I,
        ),
        "ill-treatment",
        True,
    ),
    (
        re.compile(r"\bstamp(?:ed|ing)?\s+on\s+(?P<victim>me|my|his|her)\b", re.I),
        "ill-treatment",
        True,
    ),
    (
        re.compile(
            r"\b(?:knocked|threw|pushed|dragged)\s+(?P<victim>me|him|her|us)\s+(?:to|on|"
            r"down|onto|into|off)\s+(?:the\s+)?(?:ground|floor|stairs|wall)\b",
            re.I,
        ),
        "ill-treatment",
        True,
    ),
    (
        re.compile(
            r"\b(?:cloth|towel|bag|plastic\s+bag|hood)\s+over\s+(?P<victim>my|his|her)\s+"
            r"(?:face|head|mouth|nose)\b",
            re.I,
        ),
        "torture",
        True,
    ),
    (
        re.compile(
            r"\btied\s+(?P<victim>my|his|her|me|him)\b[^.]{0,40}?\b(?:behind\s+(?:my|his|"
            r"her)\s+back|together|to\s+a\s+(?:chair|pole|tree|bed|bar|pipe))",
            re.I,
        ),
        "torture",
        True,
    ),
    (
        re.compile(
            r"\b(?:tried|attempted|wanted)\s+to\s+(?P<verb>kill|rape|drown|strangle)\s+"
            r"(?P<victim>me|us|him|her)\b",
            re.I,
        ),
        "other-serious-harm",
        True,
    ),
    (
        re.compile(
            r"\bmock\s+execution|\bpretended\s+to\s+(?:shoot|execute|kill|hang)\s+"
            r"(?P<victim>me|us|him|her)\b|\b(?:put|held|pointed)\s+a\s+gun\s+(?:to|at)\s+"
            r"(?P<victim2>my|his|her)\s+head",
            re.I,
        ),
        "torture",
        True,
    ),
    (
        re.compile(
            r"\bpulled\s+(?:out\s+)?(?P<victim>my|his|her|our)\s+(?:finger|toe)?nails", re.I
        ),
        "torture",
        True,
    ),
    (
        re.compile(
            r"\b(?:held|pushed|put|forced)\s+(?P<victim>my|his|her)\s+head\s+(?:under|into)\s+"
            r"(?:the\s+)?(?:water|bucket|toilet)",
            re.I,
        ),
        "torture",
        True,
    ),
    (
        re.compile(
            r"\b(?:hung|hanged|suspended|tied)\s+(?P<victim>me|us|him|her)\s+(?:up\s+)?"
            r"(?:by|from)\s+(?:the\s+|my\s+|his\s+|her\s+)?(?:arms|wrists|feet|hands|"
            r"ceiling|legs)",
            re.I,
        ),
        "torture",
        True,
    ),
    (
        re.compile(
            rf"\b(?P<subj>i|we|he|she)\s+(?:was|were)\s+(?:kept|held|locked|detained|put|"
            rf"left)\s+(?:up\s+)?(?:in|inside)\s+{_CONFINEMENT}",
            re.I,
        ),
        "other-serious-harm",
        False,
    ),
    (
        re.compile(
            rf"\b(?:kept|held|locked|put|left|threw)\s+(?P<victim>me|us|him|her)\s+(?:up\s+)?"
            rf"(?:in|inside|into)\s+{_CONFINEMENT}",
            re.I,
        ),
        "other-serious-harm",
        False,
    ),
    (
        re.compile(
            r"\b(?:still\s+(?:have|has|carry|carries|bear|bears)\s+(?:the\s+)?(?:scars|marks)|"
            r"(?:scars|marks)\s+(?:on|all\s+over)\s+(?P<victim>my|his|her)\s+body|"
            r"(?P<victim2>my|his|her)\s+body\s+(?:still\s+)?(?:has|have|bears|shows)\s+"
            r"(?:the\s+)?(?:scars|marks))",
            re.I,
        ),
        "ill-treatment",
        False,
    ),
]


#: Any word for an act of harm (a caseworker question naming one is about the disclosure).
HARM_WORDS = re.compile(
    r"\b(?:beat\w*|hit|hurt|tortur\w*|rap(?:e|ed|ing)|sexual\w*|assault\w*|abus\w*|burn\w*|"
    r"electric\w*|shock\w*|kick\w*|whip\w*|ill-?treat\w*|mistreat\w*|injur\w*|harm\w*|"
    r"wounds?|scars?|marks)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class HarmMention:
    """One act of harm to the claimant found in a segment."""

    category: str
    how: bool
    evidence: str  # the sentence it was found in
    trigger: str  # the words that matched
    position: int  # character offset in the segment


def _victim_is_claimant(victim: str, following: str | None, third_person: bool) -> bool:
    victim = victim.lower()
    following = (following or "").lower()
    if victim in ("me", "us", "myself", "ourselves"):
        return True
    if victim in ("my", "our"):
        return following not in RELATIVES and following.rstrip("s") not in RELATIVES
    if victim == "them":
        return False
    # him / her / his: the claimant only in the interpreter's third-person rendering.
    if not third_person:
        return False
    if victim in ("his", "her") and following in RELATIVES:
        return False
    return not (
        victim == "his" and following and following not in BODY_PARTS and following not in ("own",)
    )


_SKIP_BEFORE = {
    "also",
    "then",
    "really",
    "just",
    "always",
    "often",
    "badly",
    "had",
    "have",
    "has",
    "did",
    "was",
    "were",
    "would",
    "nearly",
    "almost",
    "completely",
    "totally",
}


def _figurative(clause_words: list[str], index: int) -> bool:
    """The nearest word before the act is a thing, not a person ("the heat beat us down")."""
    for word in reversed(clause_words[max(0, index - 4) : index]):
        if word in _SKIP_BEFORE:
            continue
        return word in FIGURATIVE_SUBJECTS
    return False


def _category(verb: str, default: str) -> str:
    for pattern, category, _ in _VERBS:
        if re.fullmatch(pattern, verb, re.IGNORECASE):
            return category
    return default


def _how(verb: str) -> bool:
    for pattern, _, how in _VERBS:
        if re.fullmatch(pattern, verb, re.IGNORECASE):
            return how
    return False


_MALE = {
    "father",
    "brother",
    "son",
    "husband",
    "uncle",
    "cousin",
    "nephew",
    "grandfather",
    "boy",
    "friend",
    "neighbour",
    "neighbor",
    "colleague",
}
_FEMALE = {
    "mother",
    "sister",
    "daughter",
    "wife",
    "aunt",
    "niece",
    "grandmother",
    "girl",
    "cousin",
    "friend",
    "neighbour",
    "neighbor",
    "colleague",
}
_RELATIVE_BEFORE = re.compile(
    r"\b(?:his|her|their|my)\s+(?:\w+\s+)?(?P<rel>" + "|".join(sorted(_MALE | _FEMALE)) + r")\b",
    re.IGNORECASE,
)
_HARMED_VERB = re.compile(
    r"\b(?:killed|shot|beat|beaten|arrested|took|detained|kidnapped|murdered|"
    r"attacked|hit|hurt|tortured|raped|abducted|stabbed)\b[^.]*$",
    re.I,
)
_HARMED_PASSIVE = re.compile(
    r"\s+(?:was|were|had\s+been)\s+(?:\w+\s+)?(?:killed|shot|beaten|"
    r"arrested|taken|detained|kidnapped|murdered|attacked|tortured)",
    re.I,
)
_THIRD_VICTIM = re.compile(r"\b(?:him|his|her)\b", re.IGNORECASE)


def _about_a_relative(spoken: str, mention: HarmMention) -> bool:
    """In a third-person rendering, "him"/"her" after "his father" may be the father.

    When a relative of the victim pronoun's gender is named earlier in the turn, the pronoun is
    not taken as the claimant ("He says they killed his father. They shot him...").
    """
    victim = _THIRD_VICTIM.search(mention.trigger)
    if not victim:
        return False
    pronoun = victim.group(0).lower()
    genders = _MALE if pronoun in ("him", "his") else _FEMALE
    before = spoken[: mention.position]
    for match in _RELATIVE_BEFORE.finditer(before):
        if match.group("rel").lower() not in genders or before[match.end() :].startswith("'"):
            continue  # "her sister's house" is a place, not the person harmed
        lead = before[max(0, match.start() - 40) : match.start()]
        tail = before[match.end() : match.end() + 30]
        if _HARMED_VERB.search(lead) or _HARMED_PASSIVE.match(tail):
            return True
    return False


def find_harm(text: str, third_person: bool) -> list[HarmMention]:
    """Harm the speaker (the claimant, or the claimant rendered by the interpreter) suffered."""
    spoken = without_notes(text)
    found: list[HarmMention] = []
    for sentence in sentences(spoken):
        offset = sentence.start
        for clause in clauses(sentence.text):
            base = spoken.find(clause, offset)
            base = base if base >= 0 else offset
            found.extend(_clause_harm(clause, sentence.text, base, third_person))
    found.sort(key=lambda m: m.position)
    if third_person:
        found = [m for m in found if not _about_a_relative(spoken, m)]
    unique: list[HarmMention] = []
    for mention in found:
        if not any(abs(mention.position - u.position) < 3 for u in unique):
            unique.append(mention)
    return unique


def _word_index(clause: str, char: int) -> int:
    return len(tokens(clause[:char]))


def _clause_harm(clause: str, sentence: str, base: int, third_person: bool) -> list[HarmMention]:
    words = tokens(clause)
    out: list[HarmMention] = []

    def blocked(start: int, end: int) -> bool:
        index = _word_index(clause, start)
        inside = tokens(clause[start:end])[:4]  # "I was not beaten", not "could not lie"
        return (
            negated(words, index)
            or any(w in ("not", "never") or w.endswith("n't") for w in inside)
            or hypothetical(words, index)
            or _figurative(words, index)
        )

    for match in _OBJECT.finditer(clause):
        verb = match.group("verb")
        if re.fullmatch(r"hurt(?:s|ing)?|harm(?:s|ed|ing)?", verb, re.I) and _figurative_hurt(
            words
        ):
            continue
        if match.group("victim").lower() in ("my", "our", "his") and match.group("next") is None:
            continue
        if not _victim_is_claimant(match.group("victim"), match.group("next"), third_person):
            continue
        if (match.group("next") or "").lower() in (
            "down",
            "back",
            "off",
        ) and verb.lower().startswith("beat"):
            continue  # "beat us down": figurative
        if blocked(match.start(), match.end()):
            continue
        out.append(
            HarmMention(
                _category(verb, "ill-treatment"),
                _how(verb),
                sentence,
                match.group(0),
                base + match.start(),
            )
        )
    for match in _PASSIVE.finditer(clause):
        subject = match.group("subj").lower()
        if subject in ("he", "she") and not third_person:
            continue
        verb = match.group("verb")
        if blocked(match.start(), match.end()):
            continue
        category = "torture" if "tortured" in verb.lower() else _category(verb, "ill-treatment")
        out.append(
            HarmMention(category, _how(verb), sentence, match.group(0), base + match.start())
        )
    for match in _NOUN_EXPERIENCE.finditer(clause):
        subject = match.group("subj").lower()
        if subject in ("he", "she") and not third_person:
            continue
        if blocked(match.start(), match.end()):
            continue
        noun = match.group("noun").lower()
        category = (
            "sexual-violence"
            if "rape" in noun or "sexual" in noun
            else "torture"
            if "torture" in noun or "electric" in noun or "lashes" in noun
            else "ill-treatment"
        )
        how = bool(re.search(r"beating|blows|rape|electric|lashes", noun))
        out.append(HarmMention(category, how, sentence, match.group(0), base + match.start()))
    for match in _USED_ON.finditer(clause):
        if not _victim_is_claimant(match.group("victim"), match.group("next"), third_person):
            continue
        if blocked(match.start(), match.end()):
            continue
        out.append(HarmMention("torture", True, sentence, match.group(0), base + match.start()))
    for match in _GAVE.finditer(clause):
        if not _victim_is_claimant(match.group("victim"), None, third_person):
            continue
        if blocked(match.start(), match.end()):
            continue
        noun = match.group("noun").lower()
        category = "torture" if re.search(r"shock|electric|lashes", noun) else "ill-treatment"
        out.append(HarmMention(category, True, sentence, match.group(0), base + match.start()))
    for pattern, category, how in _SPECIAL:
        for match in pattern.finditer(clause):
            groups = match.groupdict()
            victim = groups.get("victim") or groups.get("victim2")
            subject = groups.get("subj")
            if victim and not _victim_is_claimant(
                victim, "body" if "body" in match.group(0) else None, third_person
            ):
                continue
            if subject and subject.lower() in ("he", "she") and not third_person:
                continue
            if blocked(match.start(), match.end()):
                continue
            verb = (groups.get("verb") or "").lower()
            cat = "sexual-violence" if verb == "rape" else category
            out.append(HarmMention(cat, how, sentence, match.group(0), base + match.start()))
    return out


def _figurative_hurt(words: list[str]) -> bool:
    """'It hurt me to leave my family': feelings, not an act of harm."""
    return any(w in ("it", "this", "that", "leaving", "feelings", "words") for w in words[:3])
