"""Small text tools for the rules: sentences, clauses, tokens, negation and modality."""

from __future__ import annotations

import re
from dataclasses import dataclass

from companion.transcript.parse import NOTE_PATTERN

_SENTENCE = re.compile(r"(?<=[.!?])\s+|\s*\n+\s*")
_CLAUSE = re.compile(
    r"\s*(?:[;,:]|\s[-–—]\s|\bbut\b|\band then\b|\bthen\b|\bafter that\b)\s*", re.IGNORECASE
)
#: The recogniser's fillers before a question or an answer ("um did they hurt you", "uh yes").
FILLERS = r"um+|uh+|erm|er|hmm+|mm+|alright|all\s+right"
_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?", re.IGNORECASE)
_NOTE = NOTE_PATTERN  # a bracketed note in the record: [crying], [pause]

NEGATIONS = {
    "not",
    "no",
    "never",
    "nobody",
    "none",
    "nothing",
    "without",
    "neither",
    "nor",
    "n't",
    "didn't",
    "don't",
    "doesn't",
    "wasn't",
    "weren't",
    "haven't",
    "hasn't",
    "hadn't",
    "couldn't",
    "wouldn't",
    "won't",
    "can't",
    "cannot",
    "isn't",
    "aren't",
}
#: The same contractions as the recogniser writes them, without the apostrophe ("they didnt
#: hit him"); not "cant" or "wont", which are words of their own.
BARE_NEGATIONS = {word.replace("'", "") for word in NEGATIONS if word.endswith("n't")} - {
    "cant",
    "wont",
}
#: A contraction's "not" in a pattern, with or without its apostrophe.
NOT_CONTRACTED = r"(?:n't|\b(?:did|do|does|was|were|could|would|has|have|had|is|are)nt)\b"


def contracted_not(word: str) -> bool:
    """Whether a token is a contraction's "not", with or without its apostrophe ("didn't",
    the recogniser's "didnt")."""
    return word.endswith("n't") or word in BARE_NEGATIONS


def is_negation(word: str) -> bool:
    """Whether a token denies ("not", "never", "nobody", "didn't", "didnt")."""
    return word in NEGATIONS or contracted_not(word)


#: Words that make an act threatened, feared or intended rather than done.
THREAT_WORDS = set(
    """threaten threatened threatening threatens threat threats afraid fear feared scared worried
    promised warned planned""".split()
)


@dataclass(frozen=True)
class Sentence:
    """A sentence of a segment with its character span."""

    text: str
    start: int
    end: int

    @property
    def is_question(self) -> bool:
        """Ends with a question mark."""
        return self.text.rstrip().endswith("?")


def sentences(text: str) -> list[Sentence]:
    """Split text into sentences (bracketed notes are their own sentences)."""
    out: list[Sentence] = []
    position = 0
    for part in _SENTENCE.split(text):
        if not part:
            continue
        start = text.find(part, position)
        end = start + len(part)
        position = end
        stripped = part.strip()
        if stripped:
            out.append(Sentence(stripped, start, end))
    return out


def clauses(sentence: str) -> list[str]:
    """Split a sentence into rough clauses at commas, semicolons, 'but' and 'then'."""
    return [c for c in _CLAUSE.split(sentence) if c and c.strip()]


def tokens(text: str) -> list[str]:
    """Lower-case word tokens ("didn't" stays one token)."""
    return [t.lower().replace("’", "'") for t in _TOKEN.findall(text.replace("’", "'"))]


def notes(text: str) -> list[str]:
    """Bracketed observations in a segment ("[Claimant crying]")."""
    return _NOTE.findall(text)


def without_notes(text: str) -> str:
    """The spoken words of a segment, without bracketed observations."""
    return _NOTE.sub(" ", text)


_SUBJECTS = {"they", "he", "she", "i", "we", "you", "someone", "somebody"}


def negated(words: list[str], index: int, window: int = 4) -> bool:
    """True if a negation governs the word at ``index``: within ``window`` words before it and
    not across a new subject ("when my family could not pay they burned her arm": not negated).
    """
    start = max(0, index - window)
    if index < len(words) and words[index] in _SUBJECTS:
        # the act comes with its own subject ("I was raped"): a negation before it belongs to
        # the clause before ("i didnt tell anyone i was raped", "without warning i was shot"),
        # unless it denies saying so ("I never said I was tortured")
        return any(
            is_negation(words[at]) and bool(_CLAIMING & set(words[at + 1 : at + 3]))
            for at in range(start, index)
        )
    for at in range(index - 1, start - 1, -1):
        word = words[at]
        if word == "without" and not (index < len(words) and words[index].endswith("ing")):
            continue  # "without a pass and beat him", "without warning one bullet went in";
            # but "without anyone beating us" denies the beating
        if is_negation(word):
            if at + 1 < index and words[at + 1] in _KEPT_ON:
                continue  # "they didnt stop beating me", "would not stop hitting me"
            return True
        if word in _SUBJECTS:
            return False
    return False


#: Verbs of saying that a negation before a told act denies ("I never said I was tortured").
_CLAIMING = {"say", "said", "says", "claim", "claimed", "claims", "mean", "meant"}
#: After a negation, words that say the act went on ("never stopped beating me").
_KEPT_ON = {"stop", "stopped", "stopping", "cease", "ceased", "quit"}


#: Words that make "would" habitual (it happened again and again), not hypothetical.
_HABITUAL = {"whenever", "every", "each", "always", "usually", "often"}
_MODALS = set(
    "would will could might may shall should going gonna wanted want wants tried try".split()
)


def hypothetical(words: list[str], index: int, window: int = 6) -> bool:
    """True if the act at ``index`` is threatened, feared or intended, not done.

    A modal counts when it governs the act ("they would hurt me", "going to kill me"), not when
    it sits in another clause ("when her family could not pay, they burned her arm"); words of
    threat or fear count anywhere in the window ("he threatened to beat me").
    """
    before = words[max(0, index - window) : index]
    if any(w in THREAT_WORDS for w in before):
        return True
    if _HABITUAL & set(words[:index]):
        return False  # "whenever I answered back, he would correct me with his belt"
    if "would" in before[-3:] and _habit_with_when(words, index):
        return False  # "when the food was late he would beat me": the past, told as habit
    for word in reversed(before[-3:]):
        if word in _MODALS:
            return True
        if word in _SUBJECTS:
            return False
    if _asked_whether(before[-4:]) and "yes" not in words[index:]:
        # "the man asked me if I was harmed": a question reported, not an act told (unless
        # the answer is told too: "asked me if I was raped and I said yes")
        return True
    if {"and", "or"} & set(before[-3:]):
        # "her husband will take her back and beat her", "they will send me away or hurt me",
        # "they will put a case against me and beat me": a future governs both verbs (not
        # "would", which may be the past told as habit: "they would take us out and beat us")
        span = words[max(0, index - 2 * window) : index]
        for at in range(len(span) - 1, -1, -1):
            word = span[at]
            if word in _FUTURE_ONLY:
                return True
            if word in _SUBJECTS or word in _CLAUSE_WORDS or word == "since":
                return False  # "I will explain how police came and beat me"
            if _told_in_the_past(span, at) or (len(span) - at > window and word in _NEW_SUBJECT):
                return False  # "I will never forget the night the police came ... and beat me",
                # "it will be two years since the soldiers arrested me and tortured me"
    return False


#: Far from the act, the start of another subject ("the police", "my uncle").
_NEW_SUBJECT = {"the", "my", "his", "her", "their", "our"}
_PASSIVE_AUX = {"be", "been", "being", "get", "gets", "got"}


def _told_in_the_past(words: list[str], at: int) -> bool:
    """``words[at]`` is a verb in the past, not a participle after "be" ("the soldiers arrested
    me", "came"; not "they will be arrested")."""
    word = words[at]
    past = word in _PAST_FORMS or (word.endswith("ed") and len(word) > 4)
    return past and not (at > 0 and words[at - 1] in _PASSIVE_AUX)


def _habit_with_when(words: list[str], index: int) -> bool:
    """ "when" shortly before "would <act>", nothing said or threatened between ("when the food
    was late he would beat me"; not "when they pulled me out he told me next time they would
    cut off my hand")."""
    window = words[max(0, index - 8) : index]
    if "when" not in window:
        return False
    since = window[len(window) - 1 - window[::-1].index("when") :]
    if set(since) & _SAID_BETWEEN or set(words[max(0, index - 14) : index]) & _FEARED:
        return False
    # the "when" clause told in the past ("was late", "cried"; not "when I go back", "when
    # they find out I converted")
    for word in since[1:-1]:
        if word in _PRESENT_FORMS:
            return False
        if word in _PAST_FORMS or (word.endswith("ed") and len(word) > 4):
            return True
    return False


_SAID_BETWEEN = {"said", "told", "tell", "tells", "says", "next", "if", "will", "warned"}
_FEARED = {"thought", "think", "afraid", "scared", "fear", "feared", "warned", "worried", "knew"}
_PAST_FORMS = {"was", "were", "had", "did", "came", "went", "got", "saw", "took", "ran", "left"}
_PRESENT_FORMS = {
    "is",
    "are",
    "am",
    "find",
    "finds",
    "go",
    "goes",
    "return",
    "returns",
    "come",
    "comes",
    "know",
    "knows",
    "see",
    "sees",
    "catch",
    "catches",
    "get",
    "gets",
    "hear",
    "hears",
    "learn",
    "learns",
    "discover",
    "discovers",
    "do",
    "does",
}


def _asked_whether(before: list[str]) -> bool:
    """The words before an act report a question about it ("asked me if", "asking whether")."""
    for at in range(len(before) - 1, -1, -1):
        if before[at] in ("if", "whether"):
            return any(w in _ASKING for w in before[max(0, at - 2) : at])
    return False


_ASKING = {"ask", "asks", "asked", "asking"}
_FUTURE_ONLY = {"will", "shall", "gonna"}
_CLAUSE_WORDS = {"how", "what", "that", "when", "why", "where", "who", "because"}


_STEM_SUFFIXES = ("ings", "ing", "ies", "ied", "ed", "es", "s")


def stem(word: str) -> str:
    """A crude stem for comparing questions ("members" ~ "member", "asked" ~ "ask")."""
    word = word.lower()
    for suffix in _STEM_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            base = word[: -len(suffix)]
            return base + "y" if suffix in ("ies", "ied") else base
    return word


STOPWORDS = set(
    """a an the and or but if then so of to in on at by for with from about as into over after
    before during until while this that these those it its i me my we us our you your he him his
    she her they them their there here what which who whom whose when where why how do does did
    done be is are was were been being have has had having can could would will shall should may
    might must not no yes just only please tell me again asked ask say said told mean really very
    also any some all one ever now then well okay ok right sir madam did you please without
    behind above below under through across between around again answer question""".split()
)


def content_stems(text: str) -> set[str]:
    """Stems of the content words (for recognising a question asked again)."""
    return {stem(w) for w in tokens(text) if w not in STOPWORDS and not w.isdigit() and len(w) > 2}


_FUTURE = re.compile(r"\b(?:will|won't|would|'ll|'d|going\s+to|gonna)\b", re.IGNORECASE)


def conditional_future(before: str) -> bool:
    """The words before an act make it a future condition: "if they catch him they will hang
    him, or put him in Evin and torture him"."""
    words = set(tokens(before))
    return bool(words & {"if", "unless"}) and bool(_FUTURE.search(before))


#: Fear of what would come: the fear word, then (at once, or after "that" or "if ...") who
#: would do it and the modal ("I was afraid that if I told anyone ... I would be attacked",
#: "she feared they would kill her"); not a fear explained by the past ("I was terrified
#: because every night the guards would come and beat me", "... because they'd burned me").
_FEARED_FUTURE = re.compile(
    r"\b(?:afraid|scared|feared|fear|frightened|terrified|worried)\s+(?:that\s+)?"
    r"(?:if\b[^.;]*?\b|(?:they|he|she|i|we|you|someone|somebody|people|(?:my|his|her|the)\s+"
    r"[\w'-]+)\s+)(?:would|will|might)\b",
    re.IGNORECASE,
)


def feared_future(up_to_act: str) -> bool:
    """The words up to an act (the act included) tell it as feared, not done."""
    return bool(_FEARED_FUTURE.search(up_to_act))


#: The verbs of an interpreter's reported speech ("he says", "she explained").
REPORTING_VERBS = (
    r"(?:says|said|is\s+saying|told|tells|explains|explained|adds|added|states|stated|answers|"
    r"answered|replies|replied|confirms|confirmed)"
)
#: "He says" / "she said": the interpreter renders the claimant in the third person; the
#: pronoun (group 1) is the claimant's.
REPORTING = re.compile(rf"\b(he|she)\s+{REPORTING_VERBS}\b", re.IGNORECASE)
_REPORTED_SPEECH = re.compile(
    rf"{REPORTING.pattern}|\baccording\s+to\s+(?:him|her)\b|\bthe\s+(?:claimant|applicant|client)"
    rf"\s+(?:says|said)\b",
    re.IGNORECASE,
)
_FIRST_PERSON = re.compile(r"\b(?:i|i'm|i've|i'd|i'll|me|my|mine|myself)\b", re.IGNORECASE)


#: Reported speech in the past tense: in a turn with "I"/"my" it is someone else speaking
#: ("he pressed it on my arm, to teach me a lesson, he said"), not the interpreter's rendering.
_PAST_REPORTING = re.compile(
    r"\b(?:he|she)\s+(?:said|explained|added|stated|answered|replied|confirmed)\b",
    re.IGNORECASE,
)
#: The interpreter speaking for themselves, at the start of the turn or of a sentence or
#: clause ("... with cables. My apologies, he said cables"): not the claimant's first person.
#: Not "They would not let me sleep, he said" (no "let me" among them).
_INTERPRETER_ASIDE = re.compile(
    r"(?:^|[.,;!?]\s*)(?:sorry,?\s+)?(?:my\s+(?:apologies|mistake|error)|excuse\s+me|"
    r"correct\s+me|if\s+i\s+may|i\s+(?:will|'ll)\s+(?:repeat|clarify|check))\b",
    re.IGNORECASE,
)


def person_style(text: str) -> str | None:
    """How an interpreter's turn renders the claimant: "third" ("He says they beat him"),
    "first" ("They beat me"), or None when it shows neither. A turn in the first person whose
    only "he said" is past-tense speech of someone in it ("At first he said nothing. That night
    he cut me") is in the first person."""
    spoken = without_notes(text)
    reported = [m.group(0) for m in _REPORTED_SPEECH.finditer(spoken)]
    first = bool(_FIRST_PERSON.search(_INTERPRETER_ASIDE.sub(" ", spoken)))
    if reported and not (first and all(_PAST_REPORTING.fullmatch(r) for r in reported)):
        return "third"
    return "first" if first else None


#: "They did not hit me", "nobody laid a finger on him": the turn says the harm was not done.
#: Within one clause (no new subject between the negation and the act), and not "they never
#: stopped beating me" or "they did not just hit me".
_UNHARMED = re.compile(
    rf"(?:\b(?:not|never|nobody|no\s+one)|{NOT_CONTRACTED})\s+(?!(?:just|only|stop\w*)\b)"
    r"(?:(?!(?:they|he|she|we|i|when|but|until|because)\b)\w+\s+){0,3}?"
    r"(?:(?:hurt|harm|touch|hit|beat|push|injur)\w*|laid\s+a\s+(?:finger|hand)\s+on)\s+"
    r"(?P<who>me|him|her|us|them)\b",
    re.IGNORECASE,
)


def says_unharmed(text: str) -> bool:
    """Whether the turn says the harm was not done ("they did not push me or hit me")."""
    return bool(_UNHARMED.search(text))


def unharmed(text: str) -> set[str]:
    """Who the text says was not harmed, by pronoun ("They didn't beat me there" -> {"me"})."""
    return {match.group("who").lower() for match in _UNHARMED.finditer(text)}
