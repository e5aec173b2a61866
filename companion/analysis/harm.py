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
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from companion.analysis.cues import signposts_medical
from companion.analysis.described import find_described, find_implied
from companion.analysis.lexicon import Pattern, lexicon
from companion.analysis.ordinary import accident_told, ordinary_reason
from companion.analysis.text import (
    REPORTING,
    Sentence,
    clauses,
    conditional_future,
    contracted_not,
    feared_future,
    hypothetical,
    negated,
    sentences,
    tokens,
    unharmed,
    without_notes,
)

_LEX = lexicon()
RELATIVES = _LEX.relatives
BODY_PARTS = {word for word in _LEX.class_words["victim_body"] if " " not in word}
#: Subjects that make a harm word figurative ("the heat beat us down").
FIGURATIVE_SUBJECTS = _LEX.figurative_subjects
_VERB_ALT = _LEX.verb_alternation
_OBJECT = re.compile(
    rf"\b(?P<verb>{_VERB_ALT})\s+(?:(?:up|again|repeatedly|badly|severely|every\s+day|"
    rf"many\s+times|all\s+over)\s+)?(?:the\s+(?:soles|backs?|palms|bottoms?|tops?|sides?)\s+of\s+)?"
    # "flogged the two of us", "beat both of us"
    rf"(?:(?:the\s+(?:two|three|four|five|six)|both|each)\s+of\s+(?=us\b))?"
    rf"(?P<victim>me|us|myself|ourselves|him|her|them|my|our|his|you|your)\b"
    # the noun after it, past a size or age ("her little sister", "his small toe") or "whole"
    # ("burned our whole quarter" is a place, "burned my whole body" the claimant); at the end
    # of the text the size word itself ("hurt her little.")
    rf"(?:\s+(?:(?:little|small|big|younger|older|elder|baby|twin|whole|entire)\s+)?"
    rf"(?P<next>[a-z'-]+))?",
    re.IGNORECASE,
)
#: A passive told as what would be ("I would be hanged") ...
_WOULD_BE = re.compile(r"\w+\s+would\s+be\b", re.IGNORECASE)
#: ... after a verb of saying just before it: a threat reported, not a habit told.
_TOLD_THAT = re.compile(
    r"\b(?:said|says|told\s+\w+|warned(?:\s+\w+)?|threatened(?:\s+\w+)?|promised(?:\s+\w+)?|"
    r"shouted|screamed)\s+(?:that\s+)?$",
    re.IGNORECASE,
)
_PASSIVE = re.compile(
    rf"\b(?P<subj>i|we|he|she)\s+(?:(?:was|were|am|is|are)\s+being|was|were|got|get|had\s+been|"
    rf"have\s+been|has\s+been|am|is|are|being|would\s+be)\s+"
    rf"(?:(?:\w+ly|ever|also|then|badly|severely|repeatedly|regularly|often|"
    rf"again|sometimes|brutally|always|not|never)\s+)*"
    # "we were taken out and hit", "I was arrested and then beaten", "I was taken to the
    # station and beaten", "taken out of a car and beaten again"
    rf"(?:(?:[a-z]+(?:ed|en|wn|ght|ld)|sent|put|kept)\s+"
    rf"(?:(?:out|outside|away|down|off|in|inside|up)\s+)?"
    rf"(?P<chain>(?:of|to|into|onto|from|at|in|inside|outside)\s+"
    rf"(?:(?:the|a|an|our|my|his|her|their|that|this)\s+)?(?:[\w'-]+\s+){{1,3}}?)?"
    rf"and\s+(?:then\s+)?)?(?P<verb>{_VERB_ALT}|ill-treated|"
    rf"mistreated|detained\s+and\s+tortured)\b",
    re.IGNORECASE,
)
#: The claimant after a relative harmed with them: "my mother and me", "my dad and then me".
_AND_ME = re.compile(r"\s*(?:,\s*)?and\s+(?:then\s+|also\s+)?(?:me|us|myself)\b", re.IGNORECASE)
#: After "I was sent to the front and beat/shot ...": an object, so the speaker did it.
_DOES_TO = re.compile(
    r"\s+(?!(?:again|up|by|with|there|and|until|till|for|in|on|at|so|then|too|also|as|while|"
    r"when|unconscious|badly|severely|brutally|repeatedly|many|several|every|all|almost|"
    r"nearly|half|to|from|because|after|before|during|the\s+(?:whole|same|next)|"
    r"in\s+front)\b)(?:[a-z'-]+)",
    re.IGNORECASE,
)
_NOUN_EXPERIENCE = re.compile(
    r"\b(?:(?:every|each|all|both)\s+(?:one\s+)?of\s+(?P<among>us)|(?P<subj>i|we|he|she))\s+"
    r"(?:\w+\s+){0,2}?(?:received|receive|suffered|suffer|endured|experienced|went\s+through|"
    r"faced|underwent|was\s+subjected\s+to|were\s+subjected\s+to|got|took)\s+(?:\w+\s+){0,3}?"
    r"(?P<noun>beatings?|torture|abuse|blows|rape|sexual\s+violence|"
    r"electric\s+shocks?|ill[- ]treatment|mistreatment|lashes|violence)\b",
    re.IGNORECASE,
)
#: A punishment given to the claimant ("I was given forty lashes", "Every one of us was given
#: forty lashes ..., me also"): the subject just before the verb, and only a punishment ("given
#: a leaflet about sexual violence" is no harm).
_GIVEN = re.compile(
    r"\b(?:(?:every|each|all|both)\s+(?:one\s+)?of\s+(?P<among>us)|(?P<subj>i|we|he|she))\s+"
    r"(?:was|were|got)\s+given\s+(?:[\w-]+\s+){0,2}?(?P<noun>lashes|strokes|blows|beatings?|"
    r"electric\s+shocks?)\b",
    re.IGNORECASE,
)
_INSTRUMENT = (
    r"(?:[\w-]+\s+){0,3}?(?:iron|rod|rods|metal|cigarettes?|wires?|cables?|electricity|"
    r"electric\w*|shocks?|shocker|batons?|sticks?|knife|knives|blade|acid|fire|flame|"
    r"lighter|candle|water|oil|petrol|kerosene|paraffin|gasoline|diesel|bag|pliers|needles?|"
    r"hammer|pipe|gun|pistol|rifle)"
)
_USED_ON = re.compile(
    rf"\b(?:used|gave|applied|put|attached|pressed|held|poured|pointed|connected|tied)\s+"
    rf"(?:the\s+|an?\s+|some\s+|their\s+)?(?P<noun>{_INSTRUMENT})(?:\s+[\w-]+){{0,3}}?\s+(?:on|to|"
    rf"against|into|over|onto)\s+(?:the\s+\w+\s+of\s+)?(?P<victim>me|us|him|her|my|our|his)\b"
    rf"(?:\s+(?P<next>[a-z'-]+))?",
    re.IGNORECASE,
)
#: A bag over these is a hood (the restraint of an arrest) unless the words after it say it took
#: the breath away (within ``_BREATH_REACH`` characters, across commas).
_HOODED = {"head", "face", "eyes"}
_BREATH_REACH = 100
_BREATH_TAKEN = re.compile(
    r"\b(?:breath\w*|suffocat\w*|chok\w*|water|passed\s+out|fainted|tight\w*|no\s+air|"
    r"any\s+air)\b",
    re.IGNORECASE,
)
_GUN = re.compile(r"\b(?:gun|pistol|rifle)\b", re.IGNORECASE)
_GUN_TO_THE_HEAD = {"head", "forehead", "temple", "temples", "mouth", "face"}
_GAVE = re.compile(
    r"\b(?:gave|give|gives|giving)\s+(?P<victim>me|us|him|her)\s+(?:\w+\s+){0,2}?(?P<noun>"
    r"(?:electric\s+)?shocks?|electricity|beatings?|lashes|blows)\b",
    re.IGNORECASE,
)
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
    #: For a "yes" to a closed question: the question it answers (part of the evidence).
    question: str = ""
    #: ... and the segment it was asked in.
    asked_at: int | None = None
    #: Found by the second opinion, not a rule: its rating (0-1).
    rating: float | None = None
    #: The conditions of a detention only (see :attr:`Frame.conditions`).
    conditions: bool = False
    #: Care forced on the claimant (see :attr:`Pattern.care_forced`): medical words do not
    #: make it ordinary.
    care_forced: bool = False


#: Things of hers that can be harmed without harming her ("they burned her stall"), what is
#: harmed only in a figure of speech ("tortured my mind", "burned my life"), and "my other"
#: ("shot my other cousin").
_POSSESSIONS = set(
    """house home shop stall car phone money things belongings business property land farm
    animals goods papers documents passport bag room door name shop's kiosk cattle crops
    market fields books computer laptop flat apartment church mosque temple school village
    office roof harvest store pay salary wages hours street streets area areas id
    card cards uniform photos pictures letters certificates certificate diploma files sim flag
    neighbourhood neighborhood district town city region houses homes shops villages camp
    community quarter settlement tent tents hut huts compound mosques churches temples schools
    offices farms markets cars place places motorcycle motorcycles motorbike motorbikes bike
    bikes bicycle truck trucks lorry van taxi bus vehicle vehicles boat tractor furniture
    livestock goats sheep cows chickens garden gate fence windows window electronics granary
    homestead meetings meeting party company target desk checkpoint minibus moto cng
    shoes shirt mind life reputation other""".split()
)


def _victim_is_claimant(
    victim: str, following: str | None, third_person: bool, generic_you: bool = False
) -> bool:
    victim = victim.lower()
    following = (following or "").lower().replace("’", "'").removesuffix("'s")
    if victim in ("you", "your"):
        # "They fold you inside a tyre": the claimant telling what was done to them as what is
        # done to anyone there, in answer to a question about them.
        return generic_you and not third_person and following not in RELATIVES
    if victim in ("me", "us", "myself", "ourselves"):
        return True
    if victim in ("my", "our"):
        return (
            following not in RELATIVES
            and following.rstrip("s") not in RELATIVES
            and following not in _POSSESSIONS
        )
    if victim == "them":
        return False
    # him / her / his: the claimant only in the interpreter's third-person rendering.
    if not third_person:
        return False
    if victim in ("his", "her") and following in RELATIVES:
        return False
    if victim == "her" and following not in BODY_PARTS:
        # "hit her with rifles", "hit her whenever": the person; "burned her stall": a thing.
        return following not in _POSSESSIONS and following not in RELATIVES
    return not (
        victim in ("his", "her")
        and following
        and following not in BODY_PARTS
        and following not in ("own", "whole", "bare", "left", "right")
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
    "is",
    "are",
    "would",
    "nearly",
    "almost",
    "completely",
    "totally",
}


_PREPOSITIONS = {"on", "in", "inside", "from", "with", "near", "at", "behind"}
_ARTICLES_AND_POSSESSIVES = {"a", "an", "the", "his", "their", "her", "my", "our", "its"}


#: Words read before an act for its subject.
_SUBJECT_WINDOW = 6


def _figurative(clause_words: list[str], index: int) -> bool:
    """The nearest word before the act is a thing, not a person ("the heat beat us down"),
    and not a thing the doer was on or in ("a man on a motorbike stabbed me", "soldiers at the
    checkpoint on Ngwa Road flogged him": the words before that are read instead; "a car on
    the road hit me", "in Douala car hit me": the car)."""
    first = max(0, index - _SUBJECT_WINDOW)
    before = clause_words[first:index]
    at = len(before) - 1
    while at >= 0:
        word = before[at]
        if word in _SKIP_BEFORE:
            at -= 1
            continue
        if word == "that" and at + 1 < len(before) and before[at + 1] in ("is", "are"):
            return False  # "the man that is beating me": a relative pronoun, not a thing
        if word not in FIGURATIVE_SUBJECTS:
            return False
        if word not in _LEX.ridden:
            return True
        lead, named = at - 1, 0  # back over "a", "the", and one word naming it ("on Ngwa
        while lead >= 0 and before[lead] not in _PREPOSITIONS:  # Road", "in a white car")
            if before[lead] in _ARTICLES_AND_POSSESSIVES:
                lead -= 1
            elif named == 0 and before[lead].isalpha():  # (not "in 2018 a kombi hit me")
                lead, named = lead - 1, 1
            else:
                break
        if not (lead >= 0 and before[lead] in _PREPOSITIONS):
            return True
        if lead == 0 and first == 0:
            return True  # the clause opens on it: "in Douala car hit me"
        at = lead - 1  # read on before the place or vehicle the doer was at, on or in
    return False


def _category(verb: str, default: str) -> str:
    act = _LEX.act(verb)
    return act.category if act else default


def _how(verb: str) -> bool:
    act = _LEX.act(verb)
    return act.method if act else False


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
    r"\b(?:his|her|their|my|your|our)\s+(?:\w+\s+)?(?P<rel>"
    + "|".join(sorted(_MALE | _FEMALE))
    + r")\b",
    re.IGNORECASE,
)
_HARMED_VERB = re.compile(
    r"\b(?:kill|killed|shot|shoot|beat|beaten|arrested|arrest|took|take|detained|kidnapped|"
    r"murdered|attacked|hit|hurt|tortured|raped|abducted|stabbed|dragged|grabbed|seized|caught|"
    r"pulled)\b[^.]*$",
    re.I,
)
_HARMED_PASSIVE = re.compile(
    r"\s+(?:was|were|had\s+been)\s+(?:\w+\s+)?(?:killed|shot|beaten|"
    r"arrested|taken|detained|kidnapped|murdered|attacked|tortured)",
    re.I,
)
_THIRD_VICTIM = re.compile(r"\b(?:he|him|his|she|her)\b", re.IGNORECASE)
_BORN = re.compile(r"\s+(?:was|were)\s+born\b", re.IGNORECASE)
_PREDICATE = re.compile(r"\b(?:her|him|be|become|became|was|is|as)\s+$", re.IGNORECASE)
_THIRD_OBJECT = re.compile(r"\b(?:him|his|her)\b", re.IGNORECASE)
#: After a named relative: what happened to them ("his uncle Yusuf dead", "your father was").
_RELATIVE_HARMED = re.compile(
    r"(?:\s+[A-Za-z]+){0,2}?\s+(?:(?:was|were|had\s+been|has\s+been)\s+(?:\w+\s+)?(?:killed|shot|"
    r"beaten|taken|arrested|hurt|attacked|murdered|found|tortured|injured|stabbed)|dead|'s\s+body|"
    r"body|killed|taken|tried\s+to\s+(?:stop|help|protect|defend))\b",
    re.I,
)
#: A negation just before a verb ("will not take", "didn't touch", "never hurt"; not "did not
#: just beat").
NEGATED_BEFORE = re.compile(
    r"(?:\bnot|\bnever|n't|\bno\s+one)\s+(?!(?:just|only|merely|simply)\b)(?:\w+\s+)?$",
    re.IGNORECASE,
)
#: How far back (characters) in the same sentence a relative is who "him" is.
_SAME_SENTENCE_SPAN = 400
#: How far back (characters) a named relative can be what "he"/"him" refers to.
_COREFERENCE_SPAN = 240


#: A capitalised word before "was"/"had" ... is a person ("Arash was kept"), but not right
#: after a lower-case "in"/"at" (a place or a language: "teaching in Burmese was forbidden";
#: one space, lower case only), nor a group before "were" ("Ahmadis were using a mosque").
#: Someone else met in the sentence as the one harmed ("A man who refused was hit").
_SOMEONE_HARMED = re.compile(
    r"\b(?:a|an|one|another)\s+(?:[\w-]+\s+)?(?P<who>man|boy|guy|woman|girl|lady)\s+"
    r"(?:who\s+[\w-]+\s+)?(?:was|got)\s+(?:\w+\s+)?(?:hit|beaten|shot|kicked|stabbed|slapped|"
    r"hurt|injured|attacked|wounded|knocked\s+down)\b",
    re.IGNORECASE,
)
#: The relative a name is given for ("her brother Adam").
_NAMED_AS = re.compile(
    r"\b(" + "|".join(sorted((_MALE | _FEMALE) - (_MALE & _FEMALE))) + r")\s+$", re.IGNORECASE
)
_MEN = {"man", "boy", "guy"}
_NAMED_PERSON = re.compile(
    r"(?<![.!?]\s)(?<!^)(?<!\bin\s)(?<!\bat\s)"
    r"\b(?!(?:He|She|They|It|The|This|That|I|We|You|His|Her|My|In|On|At|"
    r"God|Allah)\b)[A-Z][a-z]+(?:'s)?\s+(?:was|had|is|has|got)\b|"
    r"\b(?:Mr|Mrs|Ms|Miss|Dr|Sheikh|Pastor|Father|Imam)\.?\s+[A-Z][a-z]+"
)


#: ... or said in the passive ("I was not beaten there", "he was not physically harmed").
_NOT_HARMED_PASSIVE = re.compile(
    r"\b(?P<subj>i|we|he|she)\s+(?:was\s+not|were\s+not|wasn't|weren't)\s+(?:ever\s+|physically\s+|actually\s+)?"
    r"(?:beaten|harmed|hurt|"
    r"touched|mistreated|ill-treated)\b",
    re.IGNORECASE,
)


#: Kinds of harm a described frame may tell that a denial beside it outweighs ("They did not
#: hit me"); not torture or sexual violence, which no such sentence undoes.
_MILDER = frozenset({"ill-treatment", "other-serious-harm"})


#: Deprivation that lasted: hours, nights or days of it, or sleep kept from the claimant, is
#: harm in itself.
_LASTED = re.compile(r"\b(?:days?|weeks?|months?|hours|nights?|sleep|slept)\b", re.IGNORECASE)


def _unharmed_there(parts: list[Sentence], mention: HarmMention, third_person: bool) -> bool:
    """The sentence of a detention's conditions, or the next, says the claimant was not
    harmed there ("They held us in a cell for two days. They didn't beat me there")."""
    held = [n for n, part in enumerate(parts) if part.start <= mention.position < part.end]
    if not held:
        return False
    own = {"me", "us", "i", "we"} | ({"him", "her", "he", "she"} if third_person else set())
    for part in parts[held[0] : held[0] + 2]:
        passive = {m.group("subj").lower() for m in _NOT_HARMED_PASSIVE.finditer(part.text)}
        if (unharmed(part.text) | passive) & own:
            return True
    return False


#: After a named person: told dead, so not the one harmed later in the turn.
_KILLED = re.compile(
    r"\s+(?:(?!nearly\b|almost\b)\w+\s+)?(?:killed|murdered|assassinated|executed|shot\s+dead|dead)"
    r"\b",
    re.IGNORECASE,
)
#: ... unless what follows goes back to before the death ("Before that they tortured him").
_BEFORE_THE_DEATH = re.compile(
    r"\bbefore\s+(?:that|this|then|he|she|they)\b|\bhad\b", re.IGNORECASE
)
#: A relative only in a picture or a document ("photos of his father").
_PICTURED = re.compile(
    r"\b(?:photos?|photographs?|pictures?|videos?|images?|posters?|letters?|documents?|cards?)"
    r"\s+of\s+$",
    re.IGNORECASE,
)


_QUOTED_SELF = re.compile(r"\b(?:to|with)\s+me\b", re.IGNORECASE)


def _other_gender(spoken: str, mention: HarmMention) -> bool:
    """ "She says ... He had been shot": the claimant is a woman, so "he" is someone else."""
    reporting = REPORTING.search(spoken)
    victim = _THIRD_OBJECT.search(mention.trigger) or _THIRD_VICTIM.search(mention.trigger)
    if reporting is None or victim is None:
        return False
    claimant_female = reporting.group(0).lower().startswith("she")
    victim_female = victim.group(0).lower() in ("she", "her")
    return claimant_female != victim_female


#: What may come before a relative who begins a sentence as its subject ("He says his father
#: and ...", "The owner and his son took him ...").
_SUBJECT_LEAD = re.compile(
    r"\W*(?:(?:he|she)\s+(?:says|said)\s+(?:that\s+)?)?"
    r"(?:(?:the|a|an|his|her|their)\s+[\w'-]+(?:\s+[\w'-]+)?\s+and\s+)?",
    re.IGNORECASE,
)


#: Between a relative who begins the sentence and the harm: more of the same subject ("His
#: father and older brother beat him") ...
_CO_SUBJECTS = re.compile(
    r"(?:\s+and\s+(?:(?:his|her|their|the|an?)\s+)?[\w'-]+(?:\s+[\w'-]+)?)?\s*", re.IGNORECASE
)
#: A relative opening a clause ("that same evening, at home, his father ...") ...
_CLAUSE_LEAD = re.compile(
    r"(?:^\W*|[,;:]\s*|\b(?:says|said)\s+(?:that\s+)?|\b(?:then|when)\s+)"
    r"(?:(?:the|a|an|his|her|their)\s+[\w'-]+(?:\s+[\w'-]+)?\s+and\s+)?$",
    re.IGNORECASE,
)
#: ... then its co-subjects and what they did first, up to "and" before the act ("and his two
#: brothers locked the door and"), no one else named on the way.
_RELATIVES_DID_IT = re.compile(
    r"(?:\s+and\s+(?:(?:his|her|their|the|an?)\s+)?(?:\w+\s+)?[\w'-]+)?"
    r"\s+(?:(?!(?:him|her|they|them|police|soldiers|men|guards|officers)\b)[\w'-]+\s+){1,6}?"
    r"(?:and|then|and\s+then)\s*",
    re.IGNORECASE,
)
#: ... or the claimant taken first ("The owner and his son took him down to the basement, beat
#: him"), not someone else doing it ("his brother went out and the soldiers beat him").
_TOOK_HIM = re.compile(
    r"\s+(?:took|dragged|pulled|grabbed|tied|held|caught)\s+(?:him|her)\b(?![^,.;]*\band\s+the\b)",
    re.IGNORECASE,
)


#: A question about what happened to someone close ("What happened to your brother?"); the
#: relative word read for its gender (cues.asks_about_relative tells the same question for the
#: second opinion, analyser._HAPPENED_TO any "happened to ..." for episodes).
_ASKED_OF_RELATIVE = re.compile(
    r"\b(?:happened|done|did\s+they\s+do)\s+to\s+your\s+(?P<one>[a-z]+)(?:\s+(?P<two>[a-z]+))?"
    # the relative the question is about: "Your father was a police officer, is that right?"
    r"|^\W*(?:and\s+|so\s+)?your\s+(?P<one_>[a-z]+)(?:\s+(?P<two_>[a-z]+))?\s+(?:was|were|is|had|"
    r"has|worked|used\s+to)\b",
    re.IGNORECASE,
)


_TOO = re.compile(r"\b(?:him|her)\s+(?:too|also|as\s+well)\b", re.IGNORECASE)


def _asked_about_relative(question: str, mention: HarmMention) -> bool:
    """In a third-person rendering, "him" answering "What happened to your brother?" is the
    brother ("He says his brother was caught ... The guards beat him")."""
    asked = _ASKED_OF_RELATIVE.search(question)
    # "beat him", "He still has the marks"; not "He says he was beaten" (the claimant)
    head = mention.evidence.partition(mention.trigger)[0]
    victim = _THIRD_OBJECT.search(mention.trigger) or (
        None if REPORTING.search(head) else _THIRD_VICTIM.search(mention.trigger)
    )
    if asked is None or victim is None or _TOO.search(mention.evidence):
        return False  # "the police arrested him too and beat him": the claimant as well
    genders = _MALE if victim.group(0).lower() in ("he", "him", "his") else _FEMALE
    named = {(word or "").lower() for word in asked.groups()}
    return bool(named & genders)


def _about_a_relative(spoken: str, mention: HarmMention, offset: int = 0) -> bool:
    """In a third-person rendering, "him"/"her" after "his father" may be the father.

    When a relative of the victim pronoun's gender is named earlier in the turn, the pronoun is
    not taken as the claimant ("He says they killed his father. They shot him...").
    """
    victim = _THIRD_VICTIM.search(mention.trigger)
    if not victim:
        return False
    pronoun = victim.group(0).lower()
    genders = _MALE if pronoun in ("he", "him", "his") else _FEMALE
    before = spoken[: offset + mention.position]
    near = before[-_COREFERENCE_SPAN:]
    for match in _NAMED_PERSON.finditer(near):
        if _KILLED.match(near, match.end()) and not _BEFORE_THE_DEATH.search(near[match.end() :]):
            continue  # "after the singer Hachalu was killed ... they pushed her head": not him
        named_as = _NAMED_AS.search(near[: match.start()])
        if named_as and named_as.group(1).lower() not in genders:
            continue  # "Her brother Adam was in the house ... hit her": not Adam
        if not REPORTING.search(near[match.end() :]):
            return True  # "Arash was kept in solitary ... they beat him"
    for match in _RELATIVE_BEFORE.finditer(near):
        tail = near[match.end() :]
        same = match.group("rel").lower() in genders and not tail.startswith("'")
        if same and _RELATIVE_HARMED.match(tail) and not REPORTING.search(tail):
            return True  # "he found his uncle dead ... he had been shot"
    before = before[offset:]  # "his father" earlier in this turn (not in the question)
    sentence_start = max(before.rfind(p) for p in (". ", "? ", "! ", ": ", "; ")) + 1
    sentence_start = max(sentence_start, len(before) - _SAME_SENTENCE_SPAN)
    clause_start = before.rfind(". ") + 1  # (a ";" goes on about the same man)
    for match in _SOMEONE_HARMED.finditer(before, clause_start):
        if (match.group("who").lower() in _MEN) == (genders is _MALE) and not REPORTING.search(
            before[match.end() :]
        ):
            return True  # "A man who refused was hit ...; he fell down and they left him bleeding"
    for match in _RELATIVE_BEFORE.finditer(before, sentence_start):
        tail = before[match.end() :]
        if _PREDICATE.search(before[max(0, match.start() - 12) : match.start()]):
            continue  # "he made her his wife": the relative is the claimant
        if not tail.strip():
            continue  # "her grandmother had her cut": the relative did it, to the claimant
        if _PICTURED.search(before[max(0, match.start() - 20) : match.start()]):
            continue  # "they found photos of his father ... they hit him": not the father
        if _THIRD_OBJECT.search(mention.trigger) and (
            (
                _SUBJECT_LEAD.fullmatch(before[sentence_start : match.start()])
                and (_CO_SUBJECTS.fullmatch(tail) or _TOOK_HIM.match(tail))
            )
            or (
                _CLAUSE_LEAD.search(before[sentence_start : match.start()])
                and _RELATIVES_DID_IT.fullmatch(tail)
            )
        ):
            continue  # "His father and older brother beat him", "that evening, at home, his
            # father and his two brothers locked the door and beat him": the relatives did it
        same = match.group("rel").lower() in genders and not tail.startswith("'")
        if same and not _BORN.match(tail) and not REPORTING.search(tail):
            return True  # "they dragged his father into the yard and beat him"
    for match in _RELATIVE_BEFORE.finditer(before):
        if match.group("rel").lower() not in genders or before[match.end() :].startswith("'"):
            continue  # "her sister's house" is a place, not the person harmed
        lead = before[max(0, match.start() - 40) : match.start()]
        tail = before[match.end() : match.end() + 30]
        harmed = _HARMED_VERB.search(lead)
        while harmed and (later := _HARMED_VERB.search(lead, harmed.start() + 1)):
            harmed = later  # the verb nearest the relative
        if harmed and NEGATED_BEFORE.search(lead[: harmed.start()]):
            harmed = None  # "you will not take my daughter": a refusal, nothing done to her
        if harmed or _HARMED_PASSIVE.match(tail):
            return True
    return False


#: A question about what was done to the claimant: an answer may tell it as what "they do to
#: you" ("What was done to you there?" "They fold you inside a tyre and beat the feet").
_ASKED_WHAT_WAS_DONE = re.compile(
    r"\b(?:done|do|did)\s+(?:they\s+)?to\s+you\b|\bhappened\s+to\s+you\b|"
    r"\b(?:treat|treated|hurt|harm|harmed)\s+you\b|\bwhile\s+you\s+were\s+(?:held|detained|kept|"
    r"in\s+(?:custody|detention|prison))\b",
    re.IGNORECASE,
)
#: ... but not "you" in a generalisation, quoted speech or a denial ("If you are black they beat
#: you", "She asked me, did they beat you?", "Nothing to me").
_NOT_GENERIC_YOU = re.compile(
    r"\b(?:if|when|whenever|unless)\s+you\b|\b(?:asked|said|says|say|told|tells|warned|warns|"
    r"shouted|will|would)\b|\bnothing\b|\bnot\s+(?:me|to\s+me)\b",
    re.IGNORECASE,
)
#: The questions a method named alone may answer ("What did they do to you?" "The electricity.").
_ASKED_HOW_DONE = re.compile(
    r"\bwhat\s+(?:did|do)\s+(?:they|he|she|the\s+[\w'-]+)\s+do\s+to\s+you\b|"
    r"\bwhat\s+was\s+done\s+to\s+you\b|\bhow\s+(?:were|was)\s+you\s+(?:tortured|treated|hurt|harmed)\b",
    re.IGNORECASE,
)


def find_harm(text: str, third_person: bool, context: str = "") -> list[HarmMention]:
    """Harm the speaker (the claimant, or the claimant rendered by the interpreter) suffered.

    Acts named by a verb ("they beat me", an elliptic "Yes, beaten and raped") and harm
    described without one ("they pressed a hot iron on my back"); ordinary talk (medical care,
    accidents, sport, figures of speech) is left out. ``context`` is the question the turn
    answers ("What treatment did you have?"; "You were telling me about the night your father
    was taken"): it sets the subject and who "he" may be.
    """
    spoken = without_notes(text)
    setting = f"{_without_signposting(without_notes(context))}\n{spoken}" if context else spoken
    subjects = claimant_subjects(spoken, third_person)
    generic_you = bool(_ASKED_WHAT_WAS_DONE.search(context)) and not _NOT_GENERIC_YOU.search(spoken)
    found: list[HarmMention] = []
    parts = sentences(spoken)
    named_in: list[tuple[int, int]] = []
    for number, sentence in enumerate(parts):
        following = parts[number + 1].text if number + 1 < len(parts) else ""
        offset = sentence.start
        for clause in clauses(sentence.text):
            base = spoken.find(clause, offset)
            base = base if base >= 0 else offset
            found_here = _clause_harm(
                clause, sentence.text, base, third_person, subjects, generic_you
            )
            for mention in found_here + _elliptic(clause, sentence.text, base):
                if not _ordinary(mention, clause, sentence, following, third_person, setting):
                    found.append(mention)
                    named_in.append((sentence.start, sentence.end))
        for mention in _sentence_harm(sentence.text, sentence.start, third_person, generic_you):
            if not _ordinary(mention, sentence.text, sentence, following, third_person, setting):
                found.append(mention)
                named_in.append((sentence.start, sentence.end))
    for described in find_described(spoken, third_person, setting):
        if any(start <= described.position < end for start, end in named_in):
            continue  # the act is already named in that sentence
        mention = HarmMention(
            described.frame.category,
            True,
            described.evidence,
            described.trigger,
            described.position,
            conditions=described.frame.conditions,
        )
        if (
            described.frame.category in _MILDER
            and not _LASTED.search(described.evidence)
            and _unharmed_there(parts, mention, third_person)
        ):
            continue  # "They kept me standing against the wall while they searched. They did
            # not hit me.": what was described, said in the same breath not to have been harm
            # (not "standing for three days without sleep, but they did not hit me")
        found.append(mention)
    if not found:
        found = [
            HarmMention(told.frame.category, False, told.evidence, told.trigger, told.position)
            for told in find_implied(spoken, third_person, without_notes(context))
            if not accident_told(_around(parts, told.position, told.position + len(told.trigger)))
        ]
    if not found and parts and _ASKED_HOW_DONE.search(context):
        found = _method_named(parts[0].text, parts[0].start, spoken[parts[0].end :])
    elif not found and parts and _ASKED_WHAT_THEY_DID.search(context):
        found = _method_named(parts[0].text, parts[0].start, spoken[parts[0].end :], False)
    # "They held us in a cell for two days. They didn't beat me there": the conditions of a
    # detention the turn says was without harm are not a disclosure.
    found = [m for m in found if not (m.conditions and _unharmed_there(parts, m, third_person))]
    found.sort(key=lambda m: m.position)
    if third_person:
        # Her own words quoted ("What they do to girls in there, he did to me") are hers.
        found = [
            m
            for m in found
            if _QUOTED_SELF.search(m.trigger)
            or not (
                _about_a_relative(setting, m, len(setting) - len(spoken))
                or _other_gender(spoken, m)
                or _asked_about_relative(context, m)
            )
        ]
    unique: list[HarmMention] = []
    for mention in found:
        if not any(abs(mention.position - u.position) < 3 for u in unique):
            unique.append(mention)
    return unique


@lru_cache(maxsize=64)
def _without_signposting(turn: str) -> str:
    """The caseworker turn as the setting of the answer, without its signposting of medical
    evidence: "You can see a doctor here about this ... Can you tell me about the marriage?"
    asks about the marriage, and care offered for harm already told does not make the next
    harm care ("I understand you had surgery in Turkey. What did they do?" keeps its surgery)."""
    offered = signposts_medical(turn)
    if offered is None:
        return turn
    return " ".join(part.text for part in sentences(turn) if part.text != offered)


#: A sentence saying what the one before it was ("It was an accident.").
_SAYS_WHAT_IT_WAS = re.compile(r"^\W*(?:it|that|this)\s+was\b", re.IGNORECASE)


def _around(parts: list[Sentence], start: int, end: int) -> str:
    """The sentences holding ``start``..``end``, and the next if it says what they were."""
    held = [n for n, part in enumerate(parts) if part.start < end and part.end > start]
    if not held:
        return ""
    last = held[-1] + 1
    if last < len(parts) and _SAYS_WHAT_IT_WAS.match(parts[last].text):
        last += 1
    return " ".join(part.text for part in parts[held[0] : last])


def _ordinary(
    mention: HarmMention,
    clause: str,
    sentence: Sentence,
    following: str,
    third_person: bool,
    setting: str,
) -> bool:
    """The mention is ordinary talk (medical care, sport, an accident, a figure of speech),
    read near the act; care forced on the claimant is not made ordinary by the clinic."""
    reason = ordinary_reason(
        clause,
        sentence.text,
        following,
        mention.position - sentence.start,
        third_person,
        setting,
        near_only=True,
    )
    if not reason and not third_person and _OWN_BODY.match(mention.trigger):
        before = sentence.text[: max(0, mention.position - sentence.start)]
        if _DID_IT.search(before) and not _ACTED_ON_ME.search(before):
            return True  # "I fell too and broke my arm": the speaker did it, to themselves
    return bool(reason) and not (reason == "medical care" and mention.care_forced)


#: Someone acting on the speaker first ("They pushed me and I fell and broke my arm").
_ACTED_ON_ME = re.compile(
    r"\b(?:they|he|she|someone|somebody|the\s+[\w-]+)\s+(?:[\w'-]+\s+){0,2}?(?:me|us)\b",
    re.IGNORECASE,
)
#: An act on the speaker's own body ("broke my arm").
_OWN_BODY = re.compile(
    r"[\w'-]+\s+my\s+(?:own\s+|left\s+|right\s+)?(?:"
    + "|".join(sorted(BODY_PARTS, key=len, reverse=True))
    + r")\b",
    re.IGNORECASE,
)
_NOT_A_SUBJECT = r"(?!(?:they|he|she|them|him|her|someone|somebody|it|the|a|one)\b)[a-z']+\s+"
#: The speaker as the subject just before it: "I fell too and ", "I ".
_DID_IT = re.compile(rf"\bi\s+(?:{_NOT_A_SUBJECT}){{0,2}}?(?:and\s+(?:then\s+)?)?$", re.IGNORECASE)


#: Words at most in the first sentence of an answer that names only a method ("The electricity.").
_METHOD_ANSWER_WORDS = 5


def _method_named(first: str, start: int, rest: str = "", method: bool = True) -> list[HarmMention]:
    """A method named alone, answering what was done to the claimant ("The electricity."), or
    an instrument named alone and then where on the claimant's body it was used ("Cables. On
    the back."; with ``method`` False, only the latter: the question did not say "to you")."""
    if len(first.split()) > _METHOD_ANSWER_WORDS:
        return []
    match = _LEX.classes["method_named"].search(first) if method else None
    evidence = first
    if match is None:
        match = _LEX.classes["instrument_named"].search(first)
        body = _ON_THE_BODY.match(rest)
        if match is None or body is None:
            return []
        evidence = f"{first}{rest[: body.end()]}"  # "Cables. On the back. And the feet"
    return [HarmMention("torture", True, evidence, match.group(0), start + match.start())]


#: Where on the body, told after an instrument named alone.
_ON_THE_BODY = re.compile(
    r"\W*(?:and\s+)?(?:on|to|across|over)\s+(?:the|my)\s+(?:back|feet|soles|legs|head|arms|hands|"
    r"body|chest|stomach|face|shoulders|knees|fingers|toes|genitals)\b(?!\s+of\b)",
    re.IGNORECASE,
)
#: "If you feel able, can you tell me what they did?" (after "Did they do anything to you?").
_ASKED_WHAT_THEY_DID = re.compile(
    r"\btell\s+me\s+what\s+(?:they|he|she)\s+did(?:\s+to\s+you)?\s*\?", re.IGNORECASE
)


#: A clause that opens with the act itself, its victim understood: "Yes, beaten and raped",
#: "Beaten every day", "And burned with cigarettes".
_ELLIPTIC = re.compile(
    r"^\W*(?:(?:yes|yeah|yep|and|also|then|just|badly|severely|brutally|many\s+times|"
    r"every\s+(?:day|night)|sometimes|again|i\s+was|we\s+were)\W+)*"
    rf"(?P<verb>{_VERB_ALT})\b",
    re.IGNORECASE,
)
_CHAINED = re.compile(rf"\b(?:and|or|then)\s+(?:also\s+)?(?P<verb>{_VERB_ALT})\b", re.IGNORECASE)
_JOINED = re.compile(r"^\W*(?:yes|yeah|and|also|then)\b", re.IGNORECASE)
_OBJECT_AFTER = re.compile(r"\s+(?:him|her|them|the|a|an|his|my|their|our|[A-Z])")
_PARTICIPLE = re.compile(r"(?:ed|en|t|ung)$|^(?:hit|cut|shot)$", re.IGNORECASE)


def _elliptic(clause: str, sentence: str, base: int) -> list[HarmMention]:
    """Participles of harm with no subject, the claimant understood as the victim."""
    first = _ELLIPTIC.match(clause)
    if first is None or not _PARTICIPLE.search(first.group("verb").split()[0]):
        return []
    if not (sentence.lstrip().startswith(clause.lstrip()[:12]) or _JOINED.match(clause)):
        return []  # ", Pal's son, shot Zef": an aside, not an answer
    if _OBJECT_AFTER.match(clause, first.end()):
        return []  # "shot Zef Doda's son": a verb with its object, not "beaten" said alone
    matches = [first, *_CHAINED.finditer(clause, first.end())]
    out = []
    for match in matches:
        verb = match.group("verb")
        if not _PARTICIPLE.search(verb.split()[0]):
            continue
        out.append(
            HarmMention(
                _category(verb, "ill-treatment"),
                _how(verb),
                sentence,
                clause.strip(),
                base + match.start("verb"),
            )
        )
    return out


#: What the speaker did just before an act that is then theirs too ("I fell and broke my arm").
_OWN_MISHAP = {"fell", "slipped", "tripped", "crashed", "jumped"}


def _self_done(words: list[str], index: int, subjects: frozenset[str]) -> bool:
    """The claimant is the subject of the act ("I cut my hand", "she burned her arm", "I fell
    and broke my arm"; not "I was hit, I fell and ..." for the hitting)."""
    before = words[max(0, index - 4) : index]
    if before[-3:-2] and before[-1] == "and" and before[-2] in _OWN_MISHAP:
        return before[-3] in subjects
    return bool(before) and before[-1] in subjects


def claimant_subjects(spoken: str, third_person: bool) -> frozenset[str]:
    """How the claimant is the subject of a sentence: "I"/"we", or in the interpreter's
    rendering the pronoun of "She says" (or either, when the turn does not say)."""
    if not third_person:
        return frozenset({"i", "we"})
    reporting = REPORTING.search(spoken)
    if reporting is None:
        return frozenset({"he", "she"})
    return frozenset({reporting.group(1).lower()})


def _word_index(clause: str, char: int) -> int:
    return len(tokens(clause[:char]))


def _clause_harm(
    clause: str,
    sentence: str,
    base: int,
    third_person: bool,
    subjects: frozenset[str] = frozenset({"i", "we"}),
    generic_you: bool = False,
) -> list[HarmMention]:
    words = tokens(clause)
    clause_at = max(0, sentence.find(clause))  # where the clause begins in its sentence
    out: list[HarmMention] = []

    def blocked(start: int, end: int) -> bool:
        index = _word_index(clause, start)
        inside = tokens(clause[start:end])[:4]  # "I was not beaten", not "could not lie"
        return (
            negated(words, index)
            or any(w in ("not", "never") or contracted_not(w) for w in inside)
            or hypothetical(words, index)
            or _figurative(words, index)
            or conditional_future(sentence[: clause_at + start])
            or feared_future(sentence[: clause_at + end])
        )

    for match in _OBJECT.finditer(clause):
        verb = match.group("verb")
        if re.fullmatch(r"hurt(?:s|ing)?|harm(?:s|ed|ing)?", verb, re.I) and _figurative_hurt(
            words, _word_index(clause, match.start())
        ):
            continue
        if match.group("victim").lower() in ("my", "our", "his") and match.group("next") is None:
            continue
        if not _victim_is_claimant(
            match.group("victim"), match.group("next"), third_person, generic_you
        ) and not (
            match.group("victim").lower() in ("my", "our")
            and _AND_ME.match(sentence, clause_at + match.end())
        ):  # "they beat my mother and me", "my dad and then me": the claimant too
            continue
        if (
            (match.group("next") or "").lower() in ("down", "back", "off")
            and verb.lower().startswith("beat")
            and match.group("victim").lower() not in ("my", "our", "his", "her")
        ):
            continue  # "beat us down": figurative (not "beat my back")
        if blocked(match.start(), match.end()):
            continue
        if _self_done(words, _word_index(clause, match.start()), subjects):
            continue  # "she cut her hand repairing it": the claimant did it
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
        if match.group("verb").lower().endswith("ing"):
            continue  # "I was shooting the weddings": the speaker doing, not done to
        if match.group("chain") is not None and _DOES_TO.match(clause, match.end()):
            continue  # "I was recruited into the army and beat prisoners": the speaker doing
        subject = match.group("subj").lower()
        if subject in ("he", "she") and not third_person:
            continue
        verb = match.group("verb")
        if blocked(match.start(), match.end()):
            continue
        if _WOULD_BE.match(clause, match.start()) and _TOLD_THAT.search(clause[: match.start()]):
            continue  # "he said I would be hanged as an apostate": a threat reported
        category = "torture" if "tortured" in verb.lower() else _category(verb, "ill-treatment")
        out.append(
            HarmMention(category, _how(verb), sentence, match.group(0), base + match.start())
        )
    for match in [*_NOUN_EXPERIENCE.finditer(clause), *_GIVEN.finditer(clause)]:
        subject = (match.group("subj") or match.group("among")).lower()
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
        if not _victim_is_claimant(
            match.group("victim"), match.group("next"), third_person, generic_you
        ):
            continue
        if blocked(match.start(), match.end()):
            continue
        if (
            _GUN.search(match.group("noun"))
            and "butt" not in match.group(0).lower()
            and (match.group("next") or "").lower() not in _GUN_TO_THE_HEAD
        ):
            continue  # a gun put to the chest is a threat; to the head, a mock execution
        if (
            match.group("noun").lower().endswith("bag")
            and "plastic" not in match.group("noun").lower()
            and (match.group("next") or "").lower() in _HOODED
            and not _BREATH_TAKEN.search(
                sentence, clause_at + match.end(), clause_at + match.end() + _BREATH_REACH
            )
        ):
            continue  # "they put a bag on my head in the car": a hood to take him away
        out.append(HarmMention("torture", True, sentence, match.group(0), base + match.start()))
    for match in _GAVE.finditer(clause):
        if not _victim_is_claimant(match.group("victim"), None, third_person, generic_you):
            continue
        if blocked(match.start(), match.end()):
            continue
        noun = match.group("noun").lower()
        category = "torture" if re.search(r"shock|electric|lashes", noun) else "ill-treatment"
        out.append(HarmMention(category, True, sentence, match.group(0), base + match.start()))
    for special in _LEX.patterns:
        if not special.sentence:
            out += _pattern_harm(
                special, clause, base, sentence, third_person, generic_you, blocked
            )
    return out


def _pattern_harm(
    special: Pattern,
    text: str,
    base: int,
    sentence: str,
    third_person: bool,
    generic_you: bool,
    blocked: Callable[[int, int], bool],
) -> list[HarmMention]:
    """The mentions one ``[[pattern]]`` finds in ``text`` (a clause, or a whole sentence)."""
    out: list[HarmMention] = []
    for match in special.regex.finditer(text):
        groups = match.groupdict()
        victim = groups.get("victim") or groups.get("victim2") or groups.get("victim3")
        subject = groups.get("subj")
        if victim and not _victim_is_claimant(
            victim, "body" if "body" in match.group(0) else None, third_person, generic_you
        ):
            continue
        if subject and subject.lower() in ("he", "she") and not third_person:
            continue
        # the act after a doer the pattern names ("In the car he bent my arm"): "car" is where
        # it happened, not the subject
        act_at = match.end("doer") + 1 if groups.get("doer") else match.start()
        if blocked(act_at, match.end()):
            continue
        verb = (groups.get("verb") or "").lower()
        category = "sexual-violence" if verb == "rape" else special.category
        out.append(
            HarmMention(
                category,
                special.method,
                sentence,
                match.group(0),
                base + match.start(),
                conditions=special.conditions,
                care_forced=special.care_forced,
            )
        )
    return out


def _sentence_harm(
    sentence: str, base: int, third_person: bool, generic_you: bool
) -> list[HarmMention]:
    """Harm told across a sentence's commas (the ``sentence = true`` patterns)."""
    words = tokens(sentence)

    def blocked(start: int, end: int) -> bool:
        index = _word_index(sentence, start)
        return negated(words, index) or hypothetical(words, index) or _figurative(words, index)

    out: list[HarmMention] = []
    for special in _LEX.patterns:
        if special.sentence:
            out += _pattern_harm(
                special, sentence, base, sentence, third_person, generic_you, blocked
            )
    return out


def harm_to_a_relative(text: str) -> bool:
    """The text tells an act done to one of :data:`RELATIVES` (kin, friends, "people", animals)
    by name ("they beat my younger brother with hockey sticks"), even beside the claimant's own
    harm: what the second opinion must not read as the claimant's. The word as written ("my
    nephews" is not looked up as "nephew", unlike in _victim_is_claimant)."""
    return any(
        match.group("victim").lower() in ("my", "our", "his", "her")
        and (match.group("next") or "").lower().removesuffix("'s") in RELATIVES
        for match in _OBJECT.finditer(text)
    )


def _figurative_hurt(words: list[str], index: int) -> bool:
    """'It hurt me to leave my family', 'Leaving my mother hurt me': feelings, not an act of
    harm ("hurt" or "harm" at ``index``). Any "it"/"this"/"that" just before it counts (or with
    one adverb between, "it really hurt me"), not "That night they hurt me" nor "threw it away
    and hurt me"; a relative "that" counts too, a known gap ("The guard that hurt me")."""
    if any(w in ("leaving", "feelings", "words") for w in words[:3]):
        return True
    before = words[max(0, index - 2) : index]
    if before and before[-1] in ("it", "this", "that"):
        return True
    return (
        len(before) == 2
        and before[0] in ("it", "this", "that")
        and before[1] in ("really", "so", "very", "also", "deeply", "truly", "still")
    )
