"""Word-pattern detectors for everything besides harm itself.

Follow-up elements (when, where, how, by whom — asked by the caseworker or given by the
claimant), acknowledgement, signposting to medical evidence, new-episode cues, distress and
vulnerability. Each returns the words that matched, so a prompt can show them.
"""

from __future__ import annotations

import re

from companion.analysis.text import REPORTING, content_stems, negated, sentences, tokens

ELEMENTS = ("when", "where", "how", "by_whom")

_MONTHS = (
    r"january|february|march|april|may|june|july|august|september|october|november|"
    r"december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_NUMBER_WORD = (
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a\s+few|"
    r"several|many|some|a|an|\d+"
)
_YEAR_WORDS = r"(?:nineteen|twenty|two\s+thousand(?:\s+and)?)\s+(?:\w+(?:[\s-]\w+)?)"

WHEN_GIVEN = re.compile(
    rf"\b(?:1[89]\d\d|20\d\d|13\d\d|14\d\d)\b|\b(?:in|on|of|since|by|until|around|about|early|"
    rf"late|mid)\s+(?:{_MONTHS})\b|\b(?:{_MONTHS})\s+\d{{1,2}}\b|\b\d{{1,2}}(?:st|nd|rd|th)?\s+of\s+"
    rf"(?:{_MONTHS})\b|\b(?:spring|summer|autumn|winter|ramadan|eid|nowruz|christmas|easter)\b|"
    rf"\b(?:{_NUMBER_WORD})\s+(?:days?|weeks?|months?|years?)\s+(?:ago|later|before|after|"
    rf"earlier)\b|\blast\s+(?:year|month|week|summer|winter|spring|autumn)\b|\bthe\s+(?:next|"
    rf"following|previous)\s+(?:day|week|month|year|morning|night)\b|\b(?:after|before|during)"
    rf"\s+the\s+(?:\w+\s+)?(?:election|elections|coup|protests?|demonstrations?|war|wedding|"
    rf"funeral|referendum|revolution|uprising|fighting|attack|ceasefire|holidays?)\b|"
    rf"\bwhen\s+(?:i|he|she|we)\s+(?:was|were)\s+(?:\d+|\w+)\b|\bin\s+{_YEAR_WORDS}\b|\b(?:yesterday|that\s+year|"
    rf"the\s+same\s+year|the\s+day\s+after)\b",
    re.IGNORECASE,
)
WHEN_ASKED = re.compile(
    r"\bwhen\b|\bhow\s+old\s+were\s+you\b|\bwhat\s+(?:year|month|date|day|time|season)\b|\bwhich\s+(?:year|month|day|date)"
    r"\b|\bhow\s+long\s+ago\b|\bwhat\s+was\s+the\s+date\b",
    re.IGNORECASE,
)

PLACES = (
    r"prison|jail|gaol|police\s+station|station|detention\s+(?:centre|center|camp|"
    r"facility)|camp|barracks|military\s+base|army\s+base|base|cell|basement|cellar|house|"
    r"home|office|checkpoint|check\s+point|border|village|town|city|capital|market|street|"
    r"university|school|mosque|church|temple|hospital|compound|headquarters|building|"
    r"warehouse|container|forest|farm|garage|court|courthouse|ministry|embassy|port|"
    r"airport|bus\s+station|square|district|province|region|neighbourhood|neighborhood|"
    r"kitchen|bedroom|living\s+room|bathroom|room|yard|garden|field|car|truck|lorry|shop|"
    r"restaurant|hotel|flat|apartment|club|hole|pit|tent|boat"
)
#: Capitalised words of the calendar: never a place ("in March", "after Eid").
_MONTHS_DAYS_FEASTS = (
    "January February March April May June July August September October November December "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday Ramadan Eid"
).split()
CALENDAR_WORDS = [
    *_MONTHS_DAYS_FEASTS,
    *"Christmas Easter Nowruz Newroz Spring Summer Autumn Winter".split(),
]
_MONTH_DAY = "(?:" + "|".join(CALENDAR_WORDS) + ")"
WHERE_GIVEN = re.compile(
    rf"(?i:\b(?:in|at|to|into|inside|near|outside|from|behind|under|on)\s+(?:the\s+|a\s+|an\s+|"
    rf"my\s+|our\s+|his\s+|her\s+|their\s+|that\s+|this\s+)?(?:[\w-]+\s+){{0,2}}?(?:{PLACES})\b)|"
    rf"\b(?i:in|at|near|outside|to|into|from)\s+(?i:the\s+)?(?!I\b)(?!{_MONTH_DAY}\b)[A-Z][\w'’-]+"
    rf"(?:\s+[A-Z][\w'’-]+)*|"
    rf"(?i:\b(?:north|south|east|west|centre|center)\s+of\s+(?:the\s+)?\w+)",
)
_PLACE_NAMED = re.compile(
    rf"\b(?:the|a|an|that|this|your|my)\s+(?:[\w-]+\s+)?(?:{PLACES})\b", re.IGNORECASE
)


def _words(match: re.Match[str] | None) -> str | None:
    """The words a pattern matched, or None."""
    return match.group(0) if match else None


def place_mentioned(text: str) -> str | None:
    """A place named in a question ("You mentioned the detention centre...")."""
    return _words(_PLACE_NAMED.search(text) or WHERE_GIVEN.search(text))


WHERE_ASKED = re.compile(
    rf"\bwhere\b|\bwhich\s+(?:place|{PLACES})\b|\bwhat\s+(?:place|{PLACES})\b|\bname\s+of\s+the\s+"
    rf"(?:place|{PLACES})\b|\bwhat\s+was\s+the\s+place\b",
    re.IGNORECASE,
)

HOW_GIVEN = re.compile(
    r"\b(?:lashes|lashed|whipped|flogged|electric(?:ity|al)?\s+shocks?|electrocuted|burn(?:ed|t)|"
    r"cigarettes?|kicked|punched|slapped|beat(?:en)?\s+(?:me|him|her|us|with)|hung|suspended|"
    r"raped|drown\w*|waterboard\w*|stabbed|cut\s+(?:me|him|her|my|his))\b|\bwith\s+(?:a\s+|an\s+|the\s+|their\s+|his\s+|some\s+)?(?:[\w-]+\s+)?(?:sticks?|rifles?|guns?|"
    r"batons?|cables?|wires?|belts?|knife|knives|fists?|hands|boots|cigarettes?|water|hoses?|"
    r"pipes?|whips?|rods?|iron|electricity|chains?|ropes?|bottles?|truncheons?|clubs?|bars?|"
    r"pliers|needles?|acid|fire|plastic\s+bags?)\b",
    re.IGNORECASE,
)
HOW_ASKED = re.compile(
    r"\bhow\s+(?:did|were|was|do|had)\s+(?:they|he|she|you|the)\b|\bwhat\s+(?:exactly\s+)?did\s+(?:they|he|she|"
    r"the\s+\w+)\s+(?:do|use)\b|\bwhat\s+happened\s+(?:to\s+you|next|then|there|in|at|inside|"
    r"during|after)\b|\bwhat\s+happened\??$|\b(?:can|could|would)\s+you\s+(?:describe|tell\s+me\s+"
    r"(?:more|what\s+happened|about))\b|\bdescribe\b|\bin\s+what\s+way\b|\bwith\s+what\b|"
    r"\bwhat\s+(?:was|were)\s+(?:used|done)\b|\btell\s+me\s+(?:more\s+)?(?:about\s+)?what\s+"
    r"(?:happened|they\s+did)\b",
    re.IGNORECASE,
)

PERPETRATORS = (
    r"police(?:\s*(?:men|man|officers?|women|woman))?|officers?|soldiers?|army|military|troops|"
    r"guards?|prison\s+guards?|wardens?|jailers?|militia(?:men)?|militants?|rebels?|security\s+"
    r"(?:service|services|forces|agents|officers|men|police)|intelligence(?:\s+(?:service|"
    r"officers|agents))?|secret\s+police|agents?|government\s+(?:men|forces|people|agents|"
    r"soldiers)|commanders?|captain|interrogators?|gang(?:\s+members)?|smugglers?|traffickers?|"
    r"taliban|al[- ]shabaab|isis|islamic\s+state|daesh|boko\s+haram|janjaweed|basij|"
    r"revolutionary\s+guards?|hezbollah|rsf|rapid\s+support\s+forces|paramilitar(?:y|ies)|"
    r"mafia|border\s+guards|coast\s+guards|gendarmes?|gendarmerie|men\s+in\s+uniform|"
    r"(?:party|youth)\s+(?:members|men|wing)|(?:my|your|her|his|their)\s+(?:[\w-]+\s+)?(?:husband|"
    r"uncles?|father|stepfather|brothers?|in-laws|family|cousins?|boss|employer|ex-husband|master|"
    r"neighbou?rs|relatives|sons?|mother-in-law|father-in-law|leader|chief|commander|partner|"
    r"ex-partner|boyfriend|ex-boyfriend|ex-wife|stepmother|wife)|"
    r"members\s+of\s+(?:the\s+)?[\w-]+|his\s+(?:men|"
    r"people)|the\s+(?:chief|leader|boss|owner|landlord|driver|trafficker|loan\s+shark)|"
    r"(?:a\s+)?(?:group|gang|crowd|mob|band)\s+of\s+\w+|(?:young\s+|two\s+|three\s+|four\s+|"
    r"some\s+|the\s+)?(?:men|women|people|boys)\s+(?:from|of|in|with|on)\b|"
    r"mob|youths|villagers|vigilantes|(?:national|state|general|political)\s+security|"
    r"imbonerakure|omon|kgb|fsb|sars|cid|nisa|niss|mukhabarat|shabiha|wagner|rab|anr|snr|"
    r"ettela'?at|sepah|hisbah|amniyat|ms-13|mara|pandillas?|kidnappers|captors|jailers|"
    # (madam, kafeel: a domestic worker's employer; "madam" as an address matches too)
    r"separatists?|amba\s+boys|insurgents?|jihadists?|extremists?|bandits?|madam|kafeel"
)
BY_WHOM_GIVEN = re.compile(rf"\b(?:{PERPETRATORS})\b", re.IGNORECASE)
#: An organisation named by its initials, as agents often are ("the SNR arrested me").
_ACRONYM_AGENT = re.compile(
    r"\b(?:the\s+)?(?!UK\b|USA\b|ID\b|TV\b|OK\b|UN\b|EU\b)[A-Z]{2,6}\b"
    r"(?=\s+(?:\w+\s+)?(?:came|took|arrested|beat|held|kept|tortured|demanded|threatened|"
    r"attacked|stopped|shot|"
    r"raped|detained|caught|hit|burned|used|put|officers?|men|agents?|"
    r"soldiers?|people))"
)
#: A single person did it ("he hurt me badly"): the claimant can say who.
_PERSON_AGENT = re.compile(
    r"\b(?P<agent>he|she)\s+(?:\w+\s+)?(?:beat|hit|hurt|kicked|raped|burned|"
    r"cut|pushed|slapped|punched|abused|attacked|locked|forced|tortured|"
    r"stabbed|shot|whipped|assaulted|strangled)\b",
    re.IGNORECASE,
)
BY_WHOM_ASKED = re.compile(
    r"\bhow\s+many\s+(?:of\s+them|men|officers|soldiers|guards|people|police|attackers)\b|"
    r"\btheir\s+names\b|\bnames?\s+of\s+(?:the\s+)?(?:officers|men|soldiers|guards|people)\b|"
    r"\bwho\b|\bby\s+whom\b|\bwhich\s+(?:group|people|organi[sz]ation|men|officers|force|forces|"
    r"unit|party|soldiers)\b|\bdo\s+you\s+know\s+(?:the\s+)?names?\b|\bwhat\s+(?:group|"
    r"organi[sz]ation|force|unit)\b",
    re.IGNORECASE,
)

_GIVEN = {"when": WHEN_GIVEN, "where": WHERE_GIVEN, "how": HOW_GIVEN, "by_whom": BY_WHOM_GIVEN}
_ASKED = {"when": WHEN_ASKED, "where": WHERE_ASKED, "how": HOW_ASKED, "by_whom": BY_WHOM_ASKED}


def elements_given(text: str, victim_third_person: bool = False) -> dict[str, str]:
    """Follow-up elements stated in the text, with the words that state them.

    ``victim_third_person``: the text is the interpreter's rendering, where "he"/"she" is the
    claimant; a single-person agent then counts only if it is not the claimant's pronoun.
    """
    found: dict[str, str] = {}
    for name, pattern in _GIVEN.items():
        match = pattern.search(text)
        if match:
            found[name] = match.group(0)
    if "by_whom" not in found:
        match = _ACRONYM_AGENT.search(text)
        person = _PERSON_AGENT.search(text)
        if match:
            found["by_whom"] = match.group(0)
        elif person and (not victim_third_person or _other_pronoun(text, person.group("agent"))):
            found["by_whom"] = person.group(0)
    return found


def _other_pronoun(text: str, agent: str) -> bool:
    """In "she says he beat her", the agent "he" is not the claimant "she"."""
    lead = REPORTING.search(text)
    return lead is not None and lead.group(1).lower() != agent.lower()


#: Years, and places named with a capital, that tell one episode from another.
_YEAR = re.compile(r"\b(?:1[89]\d\d|20\d\d)\b")
_NOT_PLACES = {
    *_MONTHS_DAYS_FEASTS,
    "I",
    "God",
    "English",
}
_PROPER_PLACE = re.compile(
    r"\b(?i:in|at|near|to|from|outside|inside|on)\s+(?i:the\s+)?"
    r"([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*)"
)
#: The words of a capture ("arrested", "caught" ...).
_CAPTURED = r"arrested|detained|caught|captured|abducted|kidnapped"
_ARREST = re.compile(
    rf"\b(?:{_CAPTURED}|raided|came\s+for|"
    r"picked\s+(?:me|him|her)\s+up|took\s+(?:me|him|her|us))\b",
    re.IGNORECASE,
)
_LATER = re.compile(
    r"\b(?:later|afterwards|after\s+that|in\s+(?:\w+\s+)?(?:1[89]|20)\d\d|when\s+"
    r"(?:i|he|she)\s+(?:returned|came\s+back|went\s+back)|went\s+back)\b",
    re.IGNORECASE,
)


_AGE = re.compile(
    r"\bwhen\s+(?:i|he|she)\s+was\s+(?:a\s+(?:child|boy|girl|teenager)|(?:about\s+|only\s+|just\s+)?"
    r"(?:\d{1,2}|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|"
    r"nineteen|(?:six|seven|eight|nine)(?:teen)?)(?:\s+years?\s+old)?)\b|"
    r"\bat\s+the\s+age\s+of\s+(?:\d{1,2}|\w+)\b",
    re.IGNORECASE,
)


def ages(text: str) -> set[str]:
    """A time told by the claimant's age ("when I was fifteen", "at the age of 12")."""
    return {m.group(0).lower() for m in _AGE.finditer(text)}


_UNITS = "one two three four five six seven eight nine".split()
_TEENS = "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_NUMBER_WORDS = {
    **{w: n for n, w in enumerate(_UNITS, 1)},
    **{w: n for n, w in enumerate(_TEENS, 10)},
    **{w: n for n, w in enumerate(_TENS, 2)},
}
_TWO_DIGITS = (
    rf"(?:(?:{'|'.join(_TENS)})(?:[\s-](?:{'|'.join(_UNITS)}))?|{'|'.join(_TEENS)}|"
    rf"(?:oh|o)[\s-](?:{'|'.join(_UNITS)}))"
)
#: A year said in words, as the recogniser writes it: "twenty seventeen", "two thousand and
#: nineteen", "nineteen ninety-eight".
_SPOKEN_YEAR = re.compile(
    rf"\b(?:(?P<century>nineteen|twenty)[\s-](?P<rest>{_TWO_DIGITS})|two\s+thousand(?:\s+and)?"
    rf"\s+(?P<after>{_TWO_DIGITS}|{'|'.join(_UNITS)}))\b",
    re.IGNORECASE | re.ASCII,
)
#: After words that could be an amount: "two thousand five hundred dollars", "twenty thirty
#: days" (but "twenty seventeen soldiers stopped us" is a year: no amount is said that way).
_AMOUNT_AFTER = re.compile(
    r"\s+(?:hundred|thousand|million|dollars?|euros?|pounds?|birr|people|persons|men|women|"
    r"children|girls|boys|days|weeks|months|years|times|minutes|hours|kilo\w*|km|miles|of\s+(?:us|"
    r"them)|soldiers|guards|prisoners)\b",
    re.IGNORECASE,
)


def _two_digits(words: str) -> int:
    parts = re.split(r"[\s-]+", words.lower())
    if parts[0] in ("oh", "o"):
        parts = parts[1:]
        return _NUMBER_WORDS[parts[0]]
    if parts[0] in _TENS:
        return _NUMBER_WORDS[parts[0]] * 10 + (_NUMBER_WORDS[parts[1]] if len(parts) > 1 else 0)
    return _NUMBER_WORDS[parts[0]]


def _spoken_years(text: str) -> set[str]:
    found = set()
    for match in _SPOKEN_YEAR.finditer(text):
        could_be_amount = match.group("after") or match.group("rest").lower() in _TENS
        if could_be_amount and _AMOUNT_AFTER.match(text, match.end()):
            continue
        if match.group("century"):
            century = 1900 if match.group("century").lower() == "nineteen" else 2000
            found.add(str(century + _two_digits(match.group("rest"))))
        else:
            found.add(str(2000 + _two_digits(match.group("after"))))
    return found


def years(text: str) -> set[str]:
    """Years mentioned: four digits, or said in words ("twenty seventeen")."""
    return set(_YEAR.findall(text)) | _spoken_years(text)


def proper_places(text: str) -> set[str]:
    """Places named with a capital letter after a preposition ("in Conakry")."""
    return {m for m in _PROPER_PLACE.findall(text) if m.split()[0] not in _NOT_PLACES}


def arrested(text: str) -> str | None:
    """An arrest or abduction told ("the police came and arrested me")."""
    return _words(_ARREST.search(text))


#: Held somewhere, not merely taken: "they locked me in the cell", "kept her in a basement".
_DETAINED = re.compile(
    r"\b(?:arrested|detained|imprisoned|jailed|locked\s+(?:me|him|her|us|you)\s+(?:up|in)|"
    r"(?:put|kept|held|threw)\s+(?:me|him|her|us|you)\s+in\s+(?:a|the|their|an)\s+"
    r"(?:\w+\s+)?(?:cell|prison|jail|container|basement|lock-?up|detention|camp|thana|"
    r"police\s+(?:station|post)))\b|"
    r"\btook\s+(?:me|him|her|us|you)\s+to\s+(?:a|the|their)\s+(?:\w+\s+)?(?:station|base|camp|"
    r"prison|barracks|headquarters|cell)\b|"
    r"(?<!\bworks\s)(?<!\bworked\s)(?<!\bwork\s)(?<!\bworking\s)"
    r"\b(?:in|at|inside)\s+(?:a|the|their)\s+(?:[\w-]+\s+){0,2}?(?:police\s+station|prison|jail|"
    r"detention\s+cent(?:re|er)|lock-?up)\b(?!\s+(?:ward|hospital|clinic))|\bin\s+(?:police\s+)?custody\b",
    re.IGNORECASE,
)


def detained(text: str) -> str | None:
    """A detention told ("they locked me in the cell for one week", "he was arrested")."""
    return _words(_DETAINED.search(text))


_LOCKED_IN_CUSTODY = re.compile(
    r"\blocked\s+(?:me|him|her|us|you)\s+(?:up\s+)?in(?:to|side)?\s+(?:a|the|their|an)\s+(?:\w+\s+)?"
    r"(?:cell|prison|jail|lock-?up|container|basement|cellar|detention)\b",
    re.IGNORECASE,
)


def custody(text: str) -> str | None:
    """A detention by those who hold people (an arrest, a prison, a cell), not a room at home
    or a trafficker's bathroom ("he locked her in the bathroom")."""
    held = detained(text)
    if held and held.lower().startswith("locked") and not _LOCKED_IN_CUSTODY.search(text):
        return None
    return held


#: Taken again, in words that only tell a new capture (not "took me", which goes on).
_CAUGHT = re.compile(rf"\b(?:{_CAPTURED})\s+(?:me|him|her|us|them)\b", re.IGNORECASE)


def caught_again(asked: str, answer: str) -> bool:
    """Asked what came next, the claimant tells of being caught ("What happened after that?"
    "He went to Iran ... then the police caught him and took him to the camp")."""
    return bool(_FORWARD.search(asked)) and bool(_CAUGHT.search(answer))


def new_arrest_later(text: str) -> str | None:
    """A new arrest told as a later event ("In 2017 the SNR arrested me")."""
    arrest, later = _ARREST.search(text), _LATER.search(text)
    return f"{later.group(0)} ... {arrest.group(0)}" if arrest and later else None


_OWN_MOVES = re.compile(
    r"\b(?:where|when)\s+(?:did|do|will|would|were)\s+you\s+(?:first\s+)?(?:go|live|stay|travel|"
    r"move|run|flee|hide|work|study|leave|arrive|come|enter|marry|get\s+married|born|apply|claim)\b|"
    # (he/she: the caseworker speaking of the claimant to the interpreter)
    r"\bhow\s+did\s+(?:you|he|she)\s+(?:leave|get\s+out\s+of|escape\s+from|travel|come\s+to|reach|arrive|"
    r"flee|cross|enter|get\s+(?:to|into|across))\b",
    re.IGNORECASE,
)


_FORWARD = re.compile(
    r"\b(?:after|afterwards|later|next|since\s+then|from\s+there)\b|"
    # "What happened when you returned to Albania?"
    r"\bwhen\s+you\s+(?:returned|came\s+back|went\s+back|got\s+back)\s+(?:to\s+)?"
    r"(?:(?-i:[A-Z])|home\b|your\s+(?:country|village|town|city))|\bhow\s+did\s+you\s+"
    r"(?:leave|get|come|travel|escape|reach|arrive|go|manage)\b|\bwhat\s+did\s+you\s+do\b",
    re.IGNORECASE,
)


#: A question about an earlier or another time ("Before 2017, had you ever had problems?",
#: "What about the time they took you in a car?").
_BACKWARD = re.compile(
    r"\bbefore\s+(?:that|this|then|(?:19|20)\d\d)\b|\b(?:earlier\s+than|prior\s+to)\b|"
    r"\bwhat\s+about\s+the\s+(?:time|day|night|occasion)\b",  # "What about the time they ..."
    re.IGNORECASE,
)


#: "and then Turkey", "so then to Libya": the next stage of the claimant's story.
_THEN_PLACE = re.compile(
    r"^\W*(?:and|so)\s+then\s+(?:to\s+|in\s+)?(?!what|how|who|why|when|where|did|were|was|"
    r"they|you)[\w'-]+(?:\s+[\w'-]+)?\W*$",
    re.IGNORECASE,
)
#: The caseworker takes the talk back after a digression ("Returning to Italy, did you ...").
RETURNING_TO = re.compile(
    r"^\W*(?:(?:so|okay|ok|now|right|and)\W+)?(?:returning|coming\s+back|going\s+back|back)\s+to\b",
    re.IGNORECASE,
)
#: "Did the separatists do anything to you?": whether someone named did harm too.
DID_THEY_DO_ANYTHING = re.compile(
    r"\b(?:did|have|has)\s+(?P<who>(?:the|those|these|any\s+of\s+the)\s+[\w'-]+(?:\s+[\w'-]+)?)"
    r"\s+(?:ever\s+)?(?:do|done|did)\s+anything\s+to\s+you\b",
    re.IGNORECASE,
)
#: A question that turns to someone new: "Now tell me about your husband", "What did your
#: brothers do?", "You mentioned your uncle".
NEW_PERSON_ASKED = re.compile(
    rf"\b(?:what\s+did|what\s+about|tell\s+me\s+(?:more\s+)?about|you\s+(?:also\s+)?mentioned|"
    # "What was your life like with your husband?", "Tell me about your marriage."
    rf"(?:life|time|things)\s+(?:like\s+)?with)\s+(?:{PERPETRATORS})\b|"
    rf"\btell\s+me\s+(?:more\s+)?about\s+(?:your|the|her|his)\s+marriage\b",
    re.IGNORECASE,
)


def own_history(question: str) -> str | None:
    """A question about the claimant's own movements, what came next or an earlier time
    ("When did you arrive in the UK?", "Did anything happen after that?", "Before 2017, had
    you ever had any problems?")."""
    return _words(
        _OWN_MOVES.search(question)
        or _FORWARD.search(question)
        or _BACKWARD.search(question)
        or _THEN_PLACE.search(question)
    )


_RELATIVE_WORDS = (
    r"(?:mother|father|brothers?|sisters?|wife|husband|sons?|daughters?|children|child|family|"
    r"parents|uncle|aunt|cousins?|friends?|neighbours?|partner|grandmother|grandfather)"
)
_YOUR_RELATIVE = re.compile(
    rf"\b(?:to|with)\s+your\s+{_RELATIVE_WORDS}\b|"
    rf"\b(?:hurt|harm|harmed|beat|beaten|touch|injured|arrest|arrested|take|took)\s+your\s+"
    rf"{_RELATIVE_WORDS}\b|\byour\s+{_RELATIVE_WORDS}\s+(?:was|were|get|got|been)\s+"
    r"(?:hurt|harmed|injured|beaten|arrested|taken|attacked)\b",
    re.IGNORECASE,
)
_YOU = re.compile(r"\byou\b", re.IGNORECASE)


def asks_about_relative(question: str) -> str | None:
    """A question about harm to someone close to the claimant, not the claimant ("Did they do
    anything to your mother?", "Was your brother hurt?")."""
    match = _YOUR_RELATIVE.search(question)
    return match.group(0) if match and not _YOU.search(question) else None


_WHAT_WAS_SEEN = re.compile(
    r"\b(?:what|everything|anything)\s+(?:did\s+)?you\s+(?:saw|see|seen|witnessed|witness|"
    r"watched)\b|\bwhat\s+you\s+(?:have|had)\s+(?:seen|witnessed)\b",
    re.IGNORECASE,
)


_ME_OR_US = re.compile(r"\b(?:me|us|myself|ourselves|to\s+you|you\s+yourself)\b", re.IGNORECASE)


def asks_what_was_seen(question: str) -> str | None:
    """A question about what the claimant witnessed ("Can you describe what you saw?"), not
    about them ("Apart from what you saw, what happened to you?")."""
    if _ME_OR_US.search(question):
        return None
    return _words(_WHAT_WAS_SEEN.search(question))


def tells_of_others(turn: str) -> bool:
    """A turn with no "me" or "us" in it: harm it tells was done to others."""
    return not _ME_OR_US.search(turn)


def own_moves(question: str) -> str | None:
    """A question about the claimant's own movements ("How did you leave the army?")."""
    return _words(_OWN_MOVES.search(question))


def elements_named(question: str) -> dict[str, str]:
    """Follow-up elements a closed question puts to the claimant ("Was it the police?", "Was
    this in 2019?"): asking to confirm one is asking about it. "how" is not among them."""
    if _OWN_MOVES.search(question):
        return {}
    found = {}
    named = (("when", WHEN_GIVEN), ("where", _PLACE_NAMED), ("by_whom", BY_WHOM_GIVEN))
    for name, pattern in named:
        match = pattern.search(question)
        if match:
            found[name] = match.group(0)
    return found


def elements_asked(question: str) -> dict[str, str]:
    """Follow-up elements a caseworker question asks for.

    Questions about the claimant's own movements ("Where did you go after that?", "When did you
    arrive in the UK?") ask about their history, not about an episode of harm.
    """
    found: dict[str, str] = {}
    if _OWN_MOVES.search(question):
        return found
    for name, pattern in _ASKED.items():
        match = pattern.search(question)
        if match:
            found[name] = match.group(0)
    return found


_MOVING_ON = re.compile(
    r"\b(?:(?:let(?:'s|\s+us)|i(?:'d|\s+would)\s+like\s+to|i\s+want\s+to|we\s+(?:will|"
    r"can|need\s+to))\s+(?:now\s+)?(?:move\s+on|turn\s+to|go\s+back\s+to|talk\s+about\s+"
    r"(?:your|the)\s+(?:journey|travel|family|documents|passport|education|work|religion)|ask\s+"
    r"(?:you\s+)?about\s+(?:your|the)\s+(?:journey|travel|family|documents|passport|education|"
    r"work|religion))|moving\s+on|(?:a|another|a\s+different)\s+(?:subject|topic)|change\s+"
    r"(?:the\s+)?(?:subject|topic))\b",
    re.IGNORECASE,
)


def moving_on(turn: str) -> str | None:
    """The caseworker announces a change of subject ("Let's move on to your journey")."""
    return _words(_MOVING_ON.search(turn))


# -- new episode ----------------------------------------------------------------------------
NEW_EPISODE = re.compile(
    r"\b(?:(?:the\s+)?(?:second|third|fourth|next|last|other|another)\s+(?:time|occasion|"
    r"arrest|detention)|(?<!and )again(?!\s+and\s+again)|once\s+more|this\s+time|"
    r"another\s+time|a\s+second\s+time|"
    r"(?:\w+\s+)?(?:days?|weeks?|months?|years?)\s+later|(?:the\s+)?(?:following|next)\s+"
    r"(?:year|month|week)|later\s+that\s+year|re-?arrested|arrested\s+me\s+again|took\s+(?:me|"
    r"him|her|us)\s+again|(?<!from\s)(?<!taken\s)after\s+(?:i|he|she|we)\s+(?:was|were|got)\s+"
    r"(?:released|freed|"
    r"out\s+of\s+(?:prison|jail|detention|custody))|after\s+(?:my|his|her|our)\s+release)\b",
    re.IGNORECASE,
)
#: A list the claimant tells one by one ("One: in May 2010 ... Two: men came to his shop and
#: beat him ... Three: the police arrested him"): its first item, and each later one.
_LIST_BEGUN = re.compile(r"(?:^|[.;:!?]\s+)(?:one|first|firstly|1)\s*[:)]", re.IGNORECASE)
_LIST_NEXT = re.compile(
    r"[.;!?]\s+(?:two|three|four|five|second|secondly|third|thirdly|fourth|[2-5])\s*[:)]",
    re.IGNORECASE,
)


def next_in_list(turn: str, start: int, end: int) -> bool:
    """Between ``start`` and ``end`` of a turn that began a numbered list, the list moves to
    its next item (not "Three: two soldiers and the commander", an answer to "how many")."""
    begun = _LIST_BEGUN.search(turn, 0, start)
    if begun is None:
        return False
    return _LIST_NEXT.search(turn, max(start - 2, begun.end()), end) is not None


_BACK = re.compile(
    r"\b(?:that\s*'?s\s+where|that\s+is\s+where|where\s+they\s+(?:did|hung|beat|kept|burned|burnt|tortured|raped|held|whipped|shocked)|that\s+(?:detention|place|arrest)|the\s+same\s+(?:time|day|"
    r"night|place|people|men)|as\s+i\s+(?:said|told|mentioned)|i\s+(?:already\s+)?(?:told|said|"
    r"mentioned)|(?:you|i)\s+asked\s+(?:me\s+)?(?:before|earlier)|earlier|before\s+the\s+"
    # "He knows it was the RAB who shot him": who did the harm already told
    r"break|(?:knows?|sure|certain|believes?|think|thinks)\s+(?:that\s+)?it\s+was\s+(?:the\s+)?"
    r"[\w'-]+(?:\s+[\w'-]+)?\s+who|"
    # "his back hurts since the helicopter position": a trace of harm already told
    r"since\s+(?:the|that)\s+(?:[\w'-]+\s+){0,2}(?:position|beating|beatings|torture|detention|"
    r"prison|attack|night|day)|"
    r"those\s+(?:days|weeks|months|nights)|during\s+(?:that|this|the\s+same)|going\s+"
    r"back\s+to|(?:you|i)\s+(?:said|told\s+(?:me|us))\s+(?:that\s+)?(?:you|i)\s+were|"
    # "When you said they used you like a wife, do you mean ...": asking what was meant
    r"(?:do|did)\s+you\s+mean|when\s+you\s+said|"
    # "the truth about the night in January. It was not only hitting.": told more fully (not
    # "Not only that. When I got home my husband beat me": something new)
    r"(?:the\s+(?:whole\s+)?truth|everything)\s+about\s+(?:the|that)\s+(?:night|day|time|attack|"
    r"beating|detention)|it\s+(?:was\s+not|wasn't)\s+only\s+(?:the\s+)?(?:hitting|beating|"
    r"beatings|kicking|slapping))\b",
    re.IGNORECASE,
)


_QUALIFIER = re.compile(
    r"\bon\s+the\s+[\w'-]+\s+(?:side|border|road|coast|island)\b|"
    r"\bon\s+(?:the|a|that)\s+(?:boat|ship|lorry|truck|bus|train|journey|crossing|sea|way)\b|"
    r"\b(?:in|at|inside|near|on\s+the\s+way\s+to|during)\s+(?!(?:that|this|the\s+same|those|"
    r"there)\b)(?:the\s+)?[\w'-]+|\b(?:when|after|before|while)\s+(?:you|your|they|the)\b[^?.,;]*|"
    r"\b(?:again|second|third|next|other|another|later)\b|\bthat\s+time\s+(?:too|as\s+well)\b",
    re.IGNORECASE,
)


#: "in that house", "at that checkpoint": a setting just mentioned (not "that time", "that place").
_THAT_SETTING = re.compile(
    r"\b(?:in|at|on|inside|near|during)\s+that\s+(?!(?:place|time|period|moment|situation|day|night|"
    r"week|month|year|case|way|point|stage)\b)[\w'-]+",
    re.IGNORECASE,
)
_OTHER_MANNER = re.compile(
    r"(?:in\s+(?:any\s+|some\s+)?)?(?:other|another)\s+(?:way|ways|method|methods|thing|things|form|forms|kind|kinds|manner|"
    r"type|types)\b",
    re.IGNORECASE,
)
_ANOTHER_TIME = re.compile(r"^(?:again|second|third|next|another|later)$", re.IGNORECASE)


def qualifiers(question: str) -> list[str]:
    """Every place, time or event a question names (see :func:`qualified`), and a setting
    just mentioned ("were you ever hurt in that house")."""
    found = [
        m.group(0)
        for m in _QUALIFIER.finditer(question)
        if not _OTHER_MANNER.match(question, m.start())  # "in any other way": the same harm
    ]
    return found + [m.group(0) for m in _THAT_SETTING.finditer(question)]


def another_time(qualifier: str) -> bool:
    """A qualifier that is itself another time ("again", "another", "second")."""
    return bool(_ANOTHER_TIME.match(qualifier.strip()))


def qualified(question: str) -> str | None:
    """A question that names its own place, time or event ("in Maekelawi", "when your
    brothers found you", "again")."""
    return _words(_QUALIFIER.search(question))


_AFTER_THE_HARM = re.compile(
    r"^(?:after|since)\s+(?:(?:the|that|this)\s+(?:beating|attack|assault|torture|rape|shooting|"
    r"stabbing|incident|ambush)s?\b|(?:you|they)\s+(?:left|escaped|got\s+out|were\s+released|"
    r"came\s+out|let\s+you\s+go|released\s+you))",
    re.IGNORECASE,
)


_LASTING_TRACE = re.compile(
    r"\b(?:hurts?|hurting|pains?|aches?|aching)\b[^.]{0,40}\bsince\s+(?:the|that|then|they)\b|"
    # "I have trouble remembering things since they hit my head"
    r"\b(?:since|ever\s+since|from\s+the\s+time)\s+(?:they|he|she|the\s+[\w-]+)\s+(?:hit|beat|"
    r"kicked|hurt|tortured|burned|burnt|shocked|injured|cut|stabbed|shot|hung|hanged|whipped|"
    r"flogged|suspended)\s+(?:me|him|(?:my|his|her)\s+"
    r"(?:head|back|legs?|arms?|face|feet|hands?|ears?|eyes?|body|knees?|ribs|teeth|nose))\b|"
    # "since the blow to his head his memory is weak"
    r"\b(?:since|ever\s+since|from)\s+(?:the|that|those)\s+(?:blows?|beatings?|kicks?|burns?|"
    r"shocks?|injur(?:y|ies)|wounds?|torture|attack|assault)\b",
    re.IGNORECASE,
)
#: "her head often hurts where she was hit": the blow is the one already told.
_HURTS_WHERE = re.compile(
    r"\b(?:hurts?|aches?|pains?)\s+(?:[\w-]+\s+){0,2}?where\s+(?:(?:i|he|she|we)\s+(?:was|were)\s+|"
    r"they\s+)(?:hit|beaten|beat|kicked|burned|burnt|cut|shot|stabbed|struck|whipped)\b",
    re.IGNORECASE,
)
_STILL_HURTS = re.compile(
    r"\b(?:it|they|that|this)\s+still\s+(?:\w+\s+and\s+)?(?:hurts?|aches?|pains?|clicks?|swells?|"
    r"bleeds?)\b",
    re.IGNORECASE,
)


#: A doer named by the harm already told: "the man who beat me", "the ones that tortured us".
_DOER_BY_THE_ACT = re.compile(
    r"\b(?:man|men|one|ones|person|people|guy|guys|soldiers?|officers?|guards?|policem[ae]n|"
    r"police|boys?|commanders?|interrogators?)\s+(?:who|that|which)\s+(?:had\s+)?$",
    re.IGNORECASE,
)


def names_the_doer_by_it(before: str) -> bool:
    """The words just before a harm name its doer by it ("I pray for the man who", "The ones
    who"): when it is the act already told, it is that harm, naming who did it."""
    return bool(_DOER_BY_THE_ACT.search(before.rstrip() + " "))


def lasting_trace(text: str) -> bool:
    """Pain told as lasting since harm already told ("his back hurts all the time since the
    helicopter position")."""
    return bool(_LASTING_TRACE.search(text))


def hurts_where(text: str, position: int) -> bool:
    """The harm word at ``position`` is the blow in "it hurts where they hit me": a trace of a
    blow already told, not "the smugglers whipped me, my back hurts where they hit me"."""
    return any(m.start() <= position < m.end() for m in _HURTS_WHERE.finditer(text))


def still_hurts(text: str) -> str | None:
    """Pain told as lasting ("when they hit me with the baton it still clicks and hurts")."""
    return _words(_STILL_HURTS.search(text))


_EARLIER_TIME = re.compile(
    r"\bbefore\s+(?:that|this|then)\b|\b(?:years?|months?|weeks?)\s+(?:before|earlier)\b|"
    r"\bearlier\s+(?:that\s+year|in)\b|\bhad\s+(?:already\s+)?(?:been\s+)?(?:beaten|arrested|"
    r"attacked|detained|hurt|raped|tortured)\b",
    re.IGNORECASE,
)


def earlier_time(text: str) -> str | None:
    """Harm placed before the one being told ("Before that, in Sudan, the police had beaten me")."""
    return _words(_EARLIER_TIME.search(text))


def after_the_harm(qualifier: str) -> bool:
    """A question's qualifier that places it after the harm or the place it was done ("after
    the beating", "after you left Bani Walid")."""
    return bool(_AFTER_THE_HARM.search(qualifier))


_PLACE_QUALIFIER = re.compile(
    r"^(?:in|at|inside|near|on)\b|^(?:when|after)\s+(?:you|they)\s+(?:went|moved|returned|got|"
    r"arrived|came|reached|were\s+(?:taken|moved|sent))\b",
    re.IGNORECASE,
)
_WHAT_HAPPENED = re.compile(
    r"\bwhat\s+happened\b|\bdid\s+(?:you\s+(?:have|face|experience)|anything\s+(?:else\s+)?happen)\b|"
    r"\b(?:any|have|had)\s+(?:any\s+)?(?:problems?|trouble|difficult(?:y|ies))\b|"
    r"\bcause(?:d)?\s+you\s+(?:any\s+)?(?:problems?|trouble|harm)\b|"
    r"\bwhat\s+was\s+(?:it|life|the\s+[\w'-]+(?:\s+[\w'-]+){0,3})\s+like\b|\bhow\s+was\s+(?:it|life)\b",
    re.IGNORECASE,
)


_TIME_OF_DAY = re.compile(
    r"^(?:in|at|on|during)\s+(?:the\s+)?(?:night|nights|morning|evening|afternoon|day|dawn|first|"
    r"end|beginning|start|weekend)\b",
    re.IGNORECASE,
)


def place_qualifier(qualifier: str) -> bool:
    """A question's qualifier that names a place ("in Sudan", "at the shop", "on the boat") or
    a move to one ("when you went to your father's house")."""
    return bool(_PLACE_QUALIFIER.search(qualifier)) and not _TIME_OF_DAY.search(qualifier)


def asks_what_happened(question: str) -> bool:
    """A question inviting the claimant to tell what happened ("What happened in Sudan?", "Did
    you have problems at the shop?"), not one about the harm itself."""
    return bool(_WHAT_HAPPENED.search(question))


def refers_back(text: str) -> str | None:
    """Words pointing back to harm already told ("that time", "as I said", "there")."""
    return _words(_BACK.search(text))


_REPEATED = re.compile(
    r"\b(?:every|each)\s+time\b|\bwhenever\b|\bover\s+and\s+over\b|"
    r"\bif\s+(?:i|he|she|we|they)\b[^.]{0,60}\bagain\b",  # "if I did not pay he beat me again"
    re.I,
)


#: Case-sensitive: a capital after "to" is a named place ("sent me with a group to Russia").
_MOVED = re.compile(
    r"\b(?:[Mm]oved|[Tt]ransferred|[Ss]ent|[Ss]old)\s+(?:me|him|her|us)\s+"
    r"(?:with\s+(?:a|the)\s+\w+\s+)?(?:on\s+a\s+\w+\s+|by\s+\w+\s+)?to\s+"
    r"(?:(?:[Aa]|[Aa]nother|[Tt]he)\s+(?:[\w-]+\s+)?(?:prison|jail|camp|base|station|branch|"
    r"detention|centre|center|container|facility|barracks)|(?:the\s+)?[A-Z][\w'-]+)|"
    r"\b[Ss]old\s+(?:me|him|her|us)\s+to\b"
)


_TAKEN_TO = re.compile(
    r"\b(?:took|brought|taken|moved|transferred|sent|drove)\s+(?:(?:me|us|him|her)\s+)?"
    r"(?:back\s+)?to\b",
    re.IGNORECASE,
)
_WHERE_TAKEN = re.compile(
    r"\bwhere\s+(?:were|was)\s+(?:you|he|she|they)\s+(?:then\s+)?(?:taken|moved|transferred|"
    r"sent)\b",
    re.IGNORECASE,
)


def taken_to(answer: str, question: str = "") -> str | None:
    """Someone taken somewhere: told in the answer ("they brought me to Adi Abeito"), or the
    answer to "Where were you taken?" (not "When were you taken to Tolay?")."""
    return _words(_TAKEN_TO.search(answer) or _WHERE_TAKEN.search(question))


_COMPARED = re.compile(
    r"\b(?:worse|different|longer|harder)\s+than\s+(?:the|that)\s+first\s+time\b", re.IGNORECASE
)


#: "... was worse than Helmand": compared with a place named (a capital letter; not "worse
#: than death").
_COMPARED_WITH_PLACE = re.compile(r"\bworse\s+than\s+(?:in\s+|at\s+)?[A-Z][a-z]+\b")
_NOT_A_PLACE = {"I", "Death", "Hell", "Anything", "Before", "That", "This", "Ever"}


def compared_with_first(text: str) -> str | None:
    """Harm compared with an earlier time ("It was worse than the first time"): told after
    the harm, it says the harm was another time."""
    return _words(_COMPARED.search(text))


def compared_with_place(text: str) -> str | None:
    """The name harm is compared with ("worse than Helmand"); the caller decides whether it
    is a place an earlier episode was told in."""
    place = _COMPARED_WITH_PLACE.search(text)
    if place and place.group(0).split()[-1] not in _NOT_A_PLACE:
        return place.group(0).split()[-1]
    return None


_TOLD_HARM = re.compile(
    r"\b(?:the|that|this)\s+(?P<harm>mock\s+execution|beating|beatings|torture|rape|attack|"
    r"assault|shooting|stabbing|whipping|flogging|burning|burns|abuse|electric\s+shocks?|shocks)\b",
    re.IGNORECASE,
)


def names_told_harm(question: str, known: set[str]) -> bool:
    """A question naming, as already told, a harm the episode holds ("Was the mock execution
    soon after your arrest?"): it asks about that harm, not another time."""
    return any(content_stems(m.group("harm")) <= known for m in _TOLD_HARM.finditer(question))


_EARLIER_TOLD = re.compile(
    r"\b(?:earlier|before\s+the\s+break|(?:go|going|come|coming)\s+back\s+to)\b", re.IGNORECASE
)


def points_to_earlier(question: str) -> str | None:
    """A question pointing to something told some time before ("Earlier you said they 'taught
    you a lesson'"), not to what was just said ("during that raid")."""
    return _words(_EARLIER_TOLD.search(question))


_IN_ADDITION = re.compile(
    r"\b(?:also|as\s+well|in\s+addition)\b|\bin\s+(?:any|some)\s+other\s+ways?\W*$",
    re.IGNORECASE,
)


def in_addition(question: str) -> bool:
    """A question asking about more harm besides what was told ("Were you also beaten?"):
    the same time and place, not another."""
    return bool(_IN_ADDITION.search(question))


_MORE_TROUBLE = re.compile(
    r"\b(?:any|some)\s+(?:more|other|further|new)\s+(?:problems?|trouble|incidents?|"
    r"difficult(?:y|ies))\b|\b(?:problems?|trouble)\s+(?:again|after\s+that)\b|"
    r"\bever\s+(?:been\s+)?(?:harmed|hurt|attacked|beaten|ill-treated|mistreated)\s+by\s+"
    r"(?:anyone|anybody|someone)\s+else\b|"
    r"\b(?:anyone|anybody|someone)\s+else\s+ever\s+(?:harm|hurt|attack|beat)\w*\s+you\b",
    re.IGNORECASE,
)


_ABOUT_HEALTH = re.compile(
    r"\b(?:health|medical|physical|mental|sleep\w*|memory|pain|doctor|treatment)\b", re.IGNORECASE
)


def more_trouble_asked(question: str) -> str | None:
    """A question whether more happened to the claimant later ("After that, did you have any
    more problems?"): a yes opens another time, its harm told next. Not one about health
    ("any other problems, with your health?")."""
    if _ABOUT_HEALTH.search(question):
        return None
    return _words(_MORE_TROUBLE.search(question))


def moved_elsewhere(text: str) -> str | None:
    """The claimant moved to another place of detention or another town, or sold on ("they
    moved me to a prison made of containers", "they sent me with a group to Russia", "in Italy
    he sold me to other men"): harm told after it is another episode. Being taken somewhere
    ("they took him to the branch") is where an episode begins, not a move to another."""
    return _words(_MOVED.search(text))


def new_episode_cue(text: str) -> str | None:
    """Words that announce a different, later episode ("the second time", "months later").

    "Again" in a repetition ("every time I said it, the officer burned me again") is the same
    episode going on, not another.
    """
    match = NEW_EPISODE.search(text)
    if match and match.group(0).lower() == "again" and _REPEATED.search(text):
        return None
    return _words(match)


# -- acknowledgement and responses ----------------------------------------------------------
EMPATHY = re.compile(
    r"\bthank(?:s|\s+you)\b|\b(?:i\s*'?\s*a?m|i\s+am)\s+(?:so\s+|very\s+|really\s+)?sorry\b|"
    r"\bsorry\s+(?:that|to\s+hear|for|this)\b|\bi\s+understand\b|\bthat\s+must\s+(?:have\s+)?be"
    r"(?:en)?\b|\bi\s+appreciate\b|\bi\s+can\s+see\b|\bthis\s+is\s+(?:very\s+)?(?:difficult|hard|"
    r"painful)\b|\bthat\s+sounds\b|\bi\s+know\s+(?:this|it)\s+(?:is|must)\b|\btake\s+your\s+time"
    r"\b|\bno\s+rush\b|\bthere\s+is\s+no\s+hurry\b|\b(?:it\s*'?s|it\s+is)\s+(?:ok|okay|all\s+"
    r"right|alright|fine)\b|\byou\s+are\s+safe\b|\bwell\s+done\b|\bbrave\b",
    re.IGNORECASE,
)
WELLBEING = re.compile(
    r"\bare\s+you\s+(?:ok|okay|alright|all\s+right|able\s+to\s+(?:continue|go\s+on)|feeling)\b|"
    r"\b(?:do|would)\s+you\s+(?:need|like|want)\s+(?:a|to|some)\s+(?:\w+\s+)?(?:break|moment|"
    r"minute|pause|rest|stop|water|drink|tissue)|\b(?:shall|should|can|could)\s+we\s+(?:stop|"
    r"pause|take\s+a\s+break|have\s+a\s+break|come\s+back|leave\s+(?:this|that|it))\b|\b(?:a|"
    r"short)\s+break\b|\bsome\s+water\b|\bwe\s+can\s+(?:stop|pause|come\s+back|leave\s+(?:this|"
    r"that|it)|move\s+on|take\s+a\s+break|continue\s+later)\b|\blet(?:'s|\s+us)\s+(?:stop|pause|"
    r"take\s+a\s+break|leave\s+(?:this|that))\b|\bwhenever\s+you\s+are\s+ready\b|\bif\s+you\s+"
    r"(?:feel\s+(?:able|comfortable)|are\s+able|can)\b",
    re.IGNORECASE,
)
#: Words of being held: a question with them is on the detention the harm happened in.
DETENTION = re.compile(
    r"\b(?:held|kept|detained|detention|locked|imprisoned|prison|jail|cell|custody|released|"
    r"captivity|camp|base|station)\b",
    re.IGNORECASE,
)
ANAPHORA = re.compile(r"\b(?:this|that|it|they|them|there|those|these|he|she)\b", re.IGNORECASE)
#: A question pointing back at what was just told ("that day", "when he saw it").
POINTS_BACK = re.compile(r"\b(?:this|that|it|those|these|there)\b", re.IGNORECASE)


def acknowledges(turn: str) -> str | None:
    """Words in a caseworker turn that recognise what was said or check on the claimant."""
    for pattern in (EMPATHY, WELLBEING):
        match = pattern.search(turn)
        if match:
            return match.group(0)
    return None


# -- medical evidence -----------------------------------------------------------------------
MEDICAL = re.compile(
    r"\b(?:doctors?|gp|medical|medico-?legal|physician|psychologists?|psychiatrists?|health\s+"
    r"professional|freedom\s+from\s+torture|helen\s+bamber|clinicians?|nurse|rule\s+35|"
    r"scars?\s+(?:examined|assessed)|examined\s+by)\b",
    re.IGNORECASE,
)
PERMISSION = re.compile(
    r"\b(?:you\s+(?:may|can|could|might|are\s+(?:able|entitled|welcome)|have\s+the\s+(?:right|"
    r"option))|if\s+you\s+(?:wish|want|would\s+like)|would\s+you\s+like|we\s+can\s+(?:refer|"
    r"arrange|help)|\b(?:may|can|could|might|would|will)\s+(?:help|support|be\s+useful)|(?:is|are)\s+(?:available|an\s+option)|"
    r"feel\s+free|option\s+(?:of|to)|your\s+(?:solicitor|legal\s+representative|lawyer)\s+can|"
    r"(?:send|submit|provide)\s+(?:us\s+)?(?:a|an|any)\s+(?:medical|report|letter))\b",
    re.IGNORECASE,
)
DEMAND = re.compile(
    r"^\s*(?:do|did|have|has|can|could)\s+you\s+(?:have|got|show|provide|produce|bring)\b|"
    r"\byes\s+or\s+no\b|\bwhy\s+(?:do|did)\s+you\s+not\s+have\b|\bwhere\s+is\s+(?:your|the)\b",
    re.IGNORECASE,
)


def signposts_medical(turn: str) -> str | None:
    """The caseworker tells the claimant they may see a doctor / submit medical evidence.

    A sentence naming a doctor or medical evidence, with permission or an offer in it or in the
    next sentence ("A doctor could write about your teeth. If you want, your solicitor can
    arrange this."). A demand for evidence ("do you have medical evidence, yes or no?") is not
    signposting. Returns the medical sentence, or None.
    """
    parts = [s.text for s in sentences(turn)]
    for index, sentence in enumerate(parts):
        if not MEDICAL.search(sentence) or DEMAND.search(sentence):
            continue
        if PERMISSION.search(" ".join(parts[index : index + 2])):
            return sentence
    return None


# -- distress ---------------------------------------------------------------------------------
DISTRESS = re.compile(
    r"\b(?:cry|cries|crying|cried|tears|sobbing|sobs|weeping|weeps|shaking|shakes|trembling|"
    r"distressed|distress|upset|panic(?:king)?|hyperventilat\w*|breaks?\s+down|broke\s+down|"
    r"overwhelmed)\b|\b(?:i|he|she)\s+(?:can(?:no|')?t|cannot|could\s*n[o']t|do\s*n[o']t\s+want"
    r"\s+to|don't\s+want\s+to|do\s+not\s+want\s+to|does\s*n[o']t\s+want\s+to|is\s+not\s+able\s+"
    r"to|am\s+not\s+able\s+to)\s+(?:talk|speak|say|remember|think|continue|go\s+on|describe)"
    r"(?:\s+(?:about|more|any\s+more|anymore))?\b|\b(?:i|he|she)\s+(?:do|does)\s*(?:n[o']t|not)\s+"
    r"like\s+to\s+(?:think|talk|remember)\b|\b(?:it\s+is|it's)\s+too\s+(?:hard|painful|"
    r"difficult|much)\b|\bplease\s+(?:stop|can\s+we\s+stop)\b|\b(?:i|he|she)\s+(?:feel|feels)\s+"
    r"(?:sick|dizzy|faint|unwell)\b|\bi\s+need\s+(?:a\s+)?(?:moment|minute|break)\b|\blong\s+"
    r"(?:silence|pause)\b|\bflashbacks?\b|\b(?:feel|felt|am|is)\s+(?:\w+\s+)?(?:shame|ashamed|"
    r"embarrassed)\b|\bsilent\s+for\b|\blooking\s+down\b",
    re.IGNORECASE,
)


#: Distress said in few words: a bare "I can't.", "I can't share everything", "no more".
DISTRESS_WORDS = re.compile(
    r"(?:^|[.!?\]]\s*)\W*(?:(?:no|sorry|please)\W+)*(?:i|he|she)\s+(?:can(?:no|'|\u2019)?t|cannot)"
    r"(?:\s+(?:do\s+(?:this|it)|any\s*more|anymore))?\s*(?:[.!]|$)|"
    r"\b(?:i|he|she)\s+(?:can(?:no|'|\u2019)?t|cannot|could\s*n[o'\u2019]t|(?:do|does)\s*"
    r"n[o'\u2019]t\s+want\s+to|(?:do|does)\s+not\s+want\s+to|(?:am|is)\s+not\s+ready\s+to)\s+"
    r"(?:share|tell|explain|answer|go\s+into|go\s+through|say\s+(?:it|this|that|more|"
    r"everything)|relive|repeat\s+(?:it|this))\b|\bstop\s+please\b|\bno\s+more\s+"
    r"(?:please|questions)\b|\bplease\s+(?:no|don'?t\s+ask)\b|\bi\s+(?:need|want)\s+to\s+"
    r"stop\b|\b(?:too|very)\s+(?:painful|hard|difficult)\s+(?:to|for\s+me)\b|\bplease\s+(?:do\s+not|"
    r"don'?t)\s+ask\b|\b(?:is\s+)?asking\s+(?:you\s+)?please\b|\bcan(?:no|'|\u2019)?t\s+stop\s+"
    r"(?:thinking|crying|shaking)\b|\b(?:very|so|really)\s+(?:scared|frightened|afraid|tired|"
    r"exhausted|hopeless)\b|\bterrified\b|\b(?:i\s*'?m|i\s+am|he\s+is|she\s+is)\s+not\s+(?:ok|"
    r"okay|well|good|fine)\b|\bnot\s+good\b|\b(?:my|his|her)\s+chest\s+is\s+(?:tight|hurting)\b|\b(?:feel|"
    r"feels|feeling)\s+(?:very\s+|really\s+|so\s+)?(?:bad|terrible|awful|faint|dizzy)\b|\b(?:i|he|she)\s+"
    r"(?:really|just|honestly)\s+(?:can(?:no|'|\u2019)?t|cannot)\s+(?:continue|go\s+on|talk|say|do\s+this)\b|"
    r"\bbut\s+not\s+about\s+(?:the|that|this|it)\b",
    re.IGNORECASE,
)
#: A note on the record of a marked pause, silence or tears ("[pause]", "[long silence]").
DISTRESS_NOTE = re.compile(
    r"\[[^\]]*\b(?:pause[sd]?|paus\w*|silen\w*|cr(?:y|ies|ying|ied)|tears|tearful|sob\w*|"
    r"weep\w*|shak\w*|trembl\w*|upset|distress\w*|breaks?\s+down|broke\s+down|head\s+in\s+"
    r"(?:his|her)\s+hands|unable\s+to\s+(?:speak|continue|answer)|composure|no\s+answer|"
    r"does\s+not\s+answer|did\s+not\s+answer|quiet|hesitat\w*|struggl\w*|covers?\s+(?:his|"
    r"her)\s+(?:face|eyes)|face\s+in\s+(?:his|her)\s+hands|wip(?:es|ing)\s+(?:his|her)\s+"
    r"(?:eyes|face|tears)|breathing\s+(?:heavily|fast|hard)|emotional|agitated|rocking|"
    r"visibly\s+\w+|sigh\w*|stares?|staring|voice\s+(?:breaking|breaks|cracking|cracks|shaking|"
    r"trembling))\b[^\]]*\]",
    re.IGNORECASE,
)


def distress(text: str) -> str | None:
    """Words or a bracketed note showing distress in the interview, or None."""
    for pattern in (DISTRESS_NOTE, DISTRESS, DISTRESS_WORDS):
        match = pattern.search(text)
        if match:
            return match.group(0).strip(" .!")
    return None


#: What a response to distress offers: a pause, a break, water, time, reassurance, permission
#: not to go on.
OFFER = re.compile(
    r"\btake\s+(?:your|all\s+the|as\s+much)\s+time\b|\bin\s+your\s+own\s+time\b|\bno\s+"
    r"(?:rush|hurry|pressure)\b|\bthere\s+is\s+no\s+hurry\b|\b(?:it\s*'?s|it\s+is|that\s*'?s|"
    r"that\s+is)\s+(?:ok|okay|all\s+right|alright|fine|understandable|normal)\b|\byou\s+are\s+"
    r"safe\b|\byou\s+(?:do\s*n[o']t|do\s+not|don't)\s+(?:have|need)\s+to\b|\byou\s+(?:can|may)"
    r"\s+(?:stop|tell\s+me\s+later|take\s+a\s+break|have\s+a\s+break|ask\s+for\s+a\s+break|"
    r"leave\s+(?:it|this|that))\b|\bwe\s+(?:can|could|will|'ll)\s+(?:stop|pause|come\s+back|"
    r"return\s+to|leave\s+(?:this|that|it)|move\s+on|take\s+a\s+break|have\s+a\s+break|"
    r"continue\s+later|do\s+this\s+later|go\s+slowly|go\s+at\s+your\s+pace)\b|"
    r"\bwhenever\s+you\s+(?:are|feel)\s+ready\b|\bwhen\s+you\s+(?:are|feel)\s+ready\b|"
    r"\bi\s+(?:can\s+see|understand|know)\s+(?:this|that|it|how)\b|\bthis\s+is\s+(?:very\s+)?"
    r"(?:difficult|hard|painful)\b|\bthat\s+must\s+(?:have\s+)?be(?:en)?\b|\b(?:a|short)\s+"
    r"break\b|\bsome\s+water\b|\btissues?\b",
    re.IGNORECASE,
)
#: Pressing on regardless: "We have to ask you and you have to answer".
INSIST = re.compile(
    r"\bwe\s+(?:have|need|must)\s+to\s+(?:ask|continue|go\s+on|finish|get\s+through|know)\b|"
    r"\byou\s+(?:have|need|must)\s+to\s+(?:answer|tell|explain|say)\b|\byou\s+must\s+"
    r"(?:answer|tell)\b|\bi\s+(?:have|need|must)\s+to\s+(?:ask|know|have\s+an\s+answer)\b|"
    r"\bi\s+need\s+(?:you\s+to\s+answer|an\s+answer)\b|\b(?:please\s+)?answer\s+(?:the|my)\s+"
    r"question\b|\bjust\s+answer\b|\bthere\s+is\s+no\s+time\b|\bwe\s+do\s*n[o']t\s+have\s+"
    r"(?:much\s+)?time\b|\bstop\s+crying\b|\bcalm\s+down\b",
    re.IGNORECASE,
)


#: A concrete offer, which stands even beside a "but we have to go on".
REAL_OFFER = re.compile(
    r"\b(?:take|have)\s+(?:a\s+|an\s+)?(?:[\w-]+\s+){0,2}break\b|\b(?:a|an|short)\s+(?:[\w-]+"
    r"\s+){0,2}break\b|\bpause\b|\bstop\s+(?:here|for\s+(?:now|a\s+(?:moment|while|minute)))\b|"
    r"\bsome\s+water\b|\bglass\s+of\s+water\b|\btissues?\b|\btake\s+(?:your|all\s+the|as\s+"
    r"much)\s+time\b|\bno\s+(?:rush|hurry|pressure)\b|\byou\s+(?:do\s*n[o'\u2019]t|do\s+not)\s+"
    r"(?:have|need)\s+to\b|\bwe\s+(?:can|could|will|'ll)\s+(?:stop|pause|come\s+back|return\s+"
    r"to|leave\s+(?:this|that|it)|move\s+on|continue\s+later|do\s+this\s+later)\b|\bare\s+you\s+"
    r"(?:safe|ok|okay|alright|all\s+right|able\s+to\s+(?:continue|go\s+on))\b|\bwhen(?:ever)?\s+"
    r"you\s+(?:are|feel)\s+ready\b|\bno\s+need\s+to\s+apologi[sz]e\b|\b(?:don'?t|do\s+not)\s+"
    r"apologi[sz]e\b|\bnothing\s+to\s+apologi[sz]e\s+for\b",
    re.IGNORECASE,
)
#: Pressing on regardless, more ways: "I need to establish the facts", "it's important that
#: you answer", "we are short of time".
INSIST_MORE = re.compile(
    r"\b(?:i|we)\s+(?:do\s+)?(?:need|have|must)\s+to\s+(?:ask|establish|put|finish|get|know|go\s+"
    r"through|cover|check|clarify|understand|continue)\b|\b(?:it\s*'?s|it\s+is)\s+important\s+"
    r"(?:that\s+)?you\s+(?:answer|tell)\b|\bshort\s+of\s+time\b|\brunning\s+out\s+of\s+time\b|"
    r"\bbut\s+(?:i|we)\s+(?:do\s+)?(?:need|have|must)\b|\bi\s+have\s+to\s+put\b|\b(?:the\s+)?"
    r"details?\s+(?:matter|are\s+important|is\s+important)\b|\btry\s+to\s+(?:think|remember)\b|"
    r"\bthink\s+(?:carefully|harder)\b|\bi\s+have\s+to\s+ask\s+(?:again|you\s+again)\b",
    re.IGNORECASE,
)


def responds_to_distress(turn: str) -> str | None:
    """What in the caseworker's turn responds to distress, or None.

    A response offers something (a pause, a break, water, time, reassurance, permission not to
    go on) or recognises what was said. An apology, thanks or "I know this is hard" followed by
    insisting on the question ("I'm sorry. We have to ask you and you have to answer", "I know
    this is upsetting, but I need to establish the facts") is not a response; a concrete offer
    is, even beside it.
    """
    offer = REAL_OFFER.search(turn)
    if offer:
        return offer.group(0)
    if INSIST.search(turn) or INSIST_MORE.search(turn):
        return None
    found = OFFER.search(turn) or WELLBEING.search(turn) or EMPATHY.search(turn)
    return _words(found)


# -- vulnerability ----------------------------------------------------------------------------
_VULNERABILITY: list[tuple[str, re.Pattern[str]]] = [
    (
        "suicidal",
        re.compile(
            r"\bsuicid\w*|\bkill\s+(?:my|him|her)sel(?:f|ves)\b|\bend(?:ing)?\s+(?:my|his|her)\s+"
            r"(?:own\s+)?life\b|\btake\s+(?:my|his|her)\s+(?:own\s+)?life\b|\b(?:do\s*n[o']t|does\s*"
            r"n[o']t|do\s+not|does\s+not)\s+want\s+to\s+(?:live|be\s+alive)\b|\bbetter\s+(?:off\s+)?"
            r"dead\b|\bfinish\s+(?:my|his|her)\s+(?:own\s+)?life\b|\bend\s+it\s+all\b|"
            r"\bnot\s+(?:want\s+to\s+)?wake\s+up\b|\bharm(?:ed|ing)?\s+(?:my|him|her)self\b|"
            r"\bend(?:ing)?\s+everything\b|\bbetter\s+if\s+(?:i|he|she)\s+(?:was|were|had)\s+"
            r"(?:not\s+here|died|dead|never\s+been\s+born)\b|\bnot\s+(?:be\s+)?here\s+any\s*more\b|"
            r"\bself[- ]harm\w*|\bcut\s+(?:my|him|her)self\b|\bwish\s+(?:i|he|she)\s+(?:was|"
            r"were)\s+dead\b|\boverdose\b",
            re.I,
        ),
    ),
    (
        "mental-health",
        re.compile(
            r"\bptsd\b|\bpost[- ]traumatic\b|\bdepress\w*|\banxi\w*|\bpanic\s+attacks?\b|\b"
            r"psycholog\w*|\bpsychiatr\w*|\bcounsell?(?:ing|or)\b|\bmental\s+(?:health|illness|"
            r"problems?)\b|\btraumati[sz]ed\b|\btrauma\b|\bhear(?:ing)?\s+voices\b|\bantidepressants?\b|"
            r"\bschizophreni\w*|\bbipolar\b|\bnervous\s+breakdown\b",
            re.I,
        ),
    ),
    (
        "memory",
        re.compile(
            r"\bmy\s+memory\b|\bhis\s+memory\b|\bher\s+memory\b|\bshort\s+memory\b|\bmemory\s+"
            r"(?:problems?|loss|is\s+(?:bad|poor|not\s+good))\b|\bforget(?:s|ting)?\s+(?:things|dates|"
            r"names|a\s+lot|easily|everything)\b|\b(?:can(?:no|')?t|cannot|do\s*n[o']t|do\s+not|"
            r"does\s*n[o']t)\s+remember\s+(?:dates|things|names|numbers|times)\b(?:\s+(?:well|"
            r"any\s*more|since))?|\bi\s+(?:often\s+|always\s+)?forget\b|\bconfused\s+about\s+dates\b",
            re.I,
        ),
    ),
    (
        "sleep",
        re.compile(
            r"\bnightmares\b|\b(?:have|has|had|having|get|gets|got)\s+(?:a\s+)?(?:bad\s+|terrible\s+)?nightmare\b|\bnightmare\s+(?:about|every|at\s+night|last\s+night)\b|\bbad\s+dreams?\b|\binsomnia\b|\b(?:can(?:no|')?t|cannot|could\s*n[o']t|"
            r"do\s*n[o']t|does\s*n[o']t)\s+sleep\b|\bwake\s+up\s+(?:screaming|shouting|crying|at\s+"
            r"night|in\s+the\s+night|many\s+times)\b|\b(?:problems?|trouble|difficult(?:y|ies))\s+"
            r"(?:with\s+)?sleeping\b|\bsleep(?:ing)?\s+(?:problems?|badly|pills|tablets)\b|\b"
            r"(?:not|never|hardly|barely)\s+sleep(?:ing)?\b|\bsleepless\b",
            re.I,
        ),
    ),
    (
        "physical-health",
        re.compile(
            r"\bdiabet\w*|\bpregnan\w*|\bhiv\b|\btuberculosis\b|\bepilep\w*|\bseizures?\b|\basthma\b|"
            r"\bheart\s+(?:condition|problems?|disease)\b|\bblood\s+pressure\b|\bcancer\b|\bkidney\b|"
            r"\bdisabilit\w*|\bdisabled\b|\bwheelchair\b|\b(?:never|not)\s+healed\b|\bbroken\s+(?:leg|"
            r"arm|hand|ribs?|back)\b|\b(?:leg|arm|hand|back|hip)\s+(?:was|is)\s+broken\b|\bchronic\s+"
            r"pain\b|\bpain\s+in\s+my\b|\bheadaches?\b|\bmigraines?\b|\b(?:hard\s+of\s+hearing|deaf|"
            r"blind)\b|\bmedication\b|\bhepatitis\b|\binjur(?:y|ies)\b|\b(?:do|does|can)\s*(?:n[o']t|"
            r"not)\s+(?:close|open|move|bend|work|walk|stand|grip)\s+(?:properly|well|normally)\b|"
            r"\bcannot\s+(?:walk|see|hear|stand|sit|work)\s+(?:properly|well|for\s+long)\b|\blimp\b|"
            r"\bhurts?\s+when\s+(?:i|he|she)\b|\bskin\s+(?:is\s+tight|came\s+off)\b",
            re.I,
        ),
    ),
    (
        "other",
        re.compile(
            r"\b(?:can(?:no|')?t|cannot)\s+read\b|\billiterate\b|\blearning\s+difficult\w*|\b"
            r"(?:i\s+am|i'm)\s+(?:only\s+)?(?:1[0-7]|fifteen|sixteen|seventeen)\b|\bunaccompanied\b",
            re.I,
        ),
    ),
]


def vulnerabilities(text: str) -> list[tuple[str, str]]:
    """(kind, words) for each condition the speaker states about themself."""
    found: list[tuple[str, str]] = []
    words = tokens(text)
    for kind, pattern in _VULNERABILITY:
        match = pattern.search(text)
        if not match:
            continue
        index = len(tokens(text[: match.start()]))
        # "I have no medical conditions", "I don't have depression": not a statement of one.
        if kind not in ("sleep", "memory", "suicidal") and negated(words, index, window=3):
            continue
        found.append((kind, match.group(0)))
    return found


#: Kin who may do harm in a family ("my husband", "my older brother Hemin").
_SPOUSES = r"husband|ex-husband|wife|partner|boyfriend|fianc[eé]"
_KIN = (
    rf"{_SPOUSES}|father|mother|stepfather|stepmother|brother|brothers|uncle|uncles|cousin|"
    r"cousins|son|grandfather|father-in-law|mother-in-law|brother-in-law|brothers-in-law"
)
KIN = re.compile(rf"\b(?:{_KIN})\b", re.IGNORECASE)
SPOUSE = re.compile(_SPOUSES, re.IGNORECASE)
#: The doer just before an act: "my uncle", "her older brother", or a name ("Hemin").
_DOER_BEFORE_ACT = re.compile(
    rf"(?:\b(?i:my|his|her|our)\s+(?:[\w-]+\s+)?(?P<kin>(?i:{_KIN}))(?:\s+[A-Z][a-z]+)?|"
    r"(?<![.!?]\s)(?<!^)\b(?P<name>(?!(?:He|She|They|It|The|This|That|I|We|You|Then|And|But|"
    r"So|When|After)\b)[A-Z][a-z]+))"
    r"(?:\s+(?i:also|again|then|himself|herself))?\s+$"
)


def kin_doer(sentence_before_act: str, turn: str) -> str | None:
    """The kin who did an act, told just before it ("my uncle beat me" -> "uncle"; "Hemin beat
    me" after "my older brother Hemin" -> "brother"), or None."""
    found = _DOER_BEFORE_ACT.search(sentence_before_act)
    if found is None:
        return None
    if found.group("kin"):
        return found.group("kin").lower()
    name = found.group("name")
    kin = re.search(
        rf"\b(?:my|his|her|our)\s+(?:[\w-]+\s+)?({_KIN})\s*,?\s+{re.escape(name)}\b",
        turn,
        re.IGNORECASE,
    )
    return kin.group(1).lower() if kin else None
