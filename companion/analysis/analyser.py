"""The incremental analyser: committed segments in, prompt events out, the contract at the end.

Live, the app feeds each committed segment as it comes; ``analyse`` and the summary feed a whole
transcript. The same code, so the prompts, the command and the summary always agree.

Per *episode* of harm the analyser keeps a checklist — when, where, how, by whom — each asked
(by the caseworker) and/or answered (by the claimant), with the segments that did it; whether
the disclosure was acknowledged in the caseworker's next turn; and whether the claimant was told
they may submit medical evidence. A later, different episode ("the second time", "months later")
opens a new checklist; more detail about the same one does not.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from companion.analysis import cues
from companion.analysis.answers import (
    ANY_ACT,
    HarmQuestion,
    answers_earlier,
    answers_with_the_wound,
    disclosed_by_yes,
    harm_asked,
    verdict,
)
from companion.analysis.events import AnalysisEvent
from companion.analysis.harm import (
    HARM_WORDS,
    NEGATED_BEFORE,
    RELATIVES,
    HarmMention,
    find_harm,
    harm_to_a_relative,
)
from companion.analysis.lexicon import SEVERITY, lexicon
from companion.analysis.ordinary import ordinary_turn
from companion.analysis.questions import Question, make_question, question_sentences
from companion.analysis.second_opinion import (
    Opinions,
    SecondOpinion,
    default_second_opinion,
)
from companion.analysis.text import (
    content_stems,
    person_style,
    says_unharmed,
    sentences,
    stem,
    without_notes,
)
from companion.transcript.model import Segment

CLAIMANT_SIDE = ("claimant", "interpreter")
#: A question is compared with this many earlier ones to see if it is asked again (about an
#: hour of questioning), so the live cost per segment stays bounded.
_RECENT_QUESTIONS = 200
#: Segments after an episode's last activity during which talk still belongs to it.
SCOPE = 4

#: Those who keep a detention ("Did the guards do anything to you?" about the barracks told).
_KEEPERS = re.compile(
    r"\b(?:guards?|jailers?|wardens?|officers?|interrogators?|warders?)\b", re.IGNORECASE
)
#: An act told with its own subject ("she was sentenced ...").
_SUBJECT_FIRST = re.compile(r"\W*(?:i|he|she|we|they|you)\b", re.IGNORECASE)


def _points_back_not_speech(text: str) -> str | None:
    """Words pointing back to harm told, but not "I told"/"I said" reporting speech then ("I
    told my father I want a divorce")."""
    back = cues.refers_back(text)
    return None if back and re.match(r"i\s+(?:already\s+)?(?:told|said)\b", back, re.I) else back


#: ... done to someone else ("as Jasim to my sister").
_TO_SOMEONE = re.compile(
    r"\s+(?:to|with)\s+(?:(?:my|his|her|their|our)\s+\w+|him|her|them)\b", re.IGNORECASE
)
#: "they did the same as Jasim", "he did to me the same things as my husband".
_SAME_AS = re.compile(
    r"\b(?:did|do|does|done)\s+(?:(?:to|with)\s+me\s+)?(?:exactly\s+)?the\s+same(?:\s+things?)?\s+"
    r"(?:(?:to|with)\s+me\s+)?(?:as|like)\s+(?:my\s+|the\s+)?"
    r"(?P<who>(?!(?:in|at|on|there|here|before|usual|always|then|them|him|her|us|me|that|this)\b)"
    r"[\w'-]+)",
    re.IGNORECASE,
)
#: Characters of the same turn's earlier segments read with a new one.
_TURN_CONTEXT = 400
#: Claimant turns a closed question about harm waits for its "yes" or "no" (an answer that is
#: neither, then "Yes or no?", then "Yes.").
_ANSWER_WAIT = 2


@dataclass
class Element:
    """One follow-up element of an episode."""

    asked: list[int] = field(default_factory=list)
    answered: list[int] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)

    @property
    def covered(self) -> bool:
        """Asked about or given."""
        return bool(self.asked or self.answered)


@dataclass
class Episode:
    """One episode of harm the claimant disclosed."""

    number: int
    segment: int
    category: str
    evidence: str
    elements: dict[str, Element] = field(
        default_factory=lambda: {name: Element() for name in cues.ELEMENTS}
    )
    acknowledged: bool | None = None  # None until the caseworker's next turn
    acknowledgement: str = ""
    medical_signposted: int | None = None
    last_activity: int = 0
    #: The last claimant turn about it.
    last_told: int = 0
    #: The last turn that told harm in it (not only more about its setting).
    last_harm: int = 0
    closed: bool = False
    probe_stopped_at: int | None = None
    words: set[str] = field(default_factory=set)
    #: Every content word of the disclosing turn (to recognise a question about it).
    context_words: set[str] = field(default_factory=set)
    years: set[str] = field(default_factory=set)
    #: Times told by the claimant's age ("when I was fifteen").
    ages: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)
    #: When disclosed by a "yes": the caseworker's question it answered.
    question: str = ""
    #: When raised by the second opinion, not a rule: its rating (0-1).
    second_opinion: float | None = None
    #: Whether the harm was told with an arrest or detention (a later one is another episode).
    detained: bool = False
    #: Told as the claimant's captivity anywhere in its turns ("they took him to a house",
    #: "they kept me three days"): "while they held you" asks within it.
    captive: bool = False
    #: Opened by the conditions of a detention only, no harm told in it yet.
    conditions: bool = False

    @property
    def known(self) -> set[str]:
        """The words the episode was told in: its harm and the rest of its disclosing turn."""
        return self.words | self.context_words

    def missing(self) -> list[str]:
        """Elements neither asked about nor given."""
        return [name for name, element in self.elements.items() if not element.covered]

    def to_contract(self) -> dict[str, Any]:
        """The ``disclosures`` entry of the contract (plus detail keys)."""
        return {
            "segment": self.segment,
            "category": self.category,
            "evidence": self.evidence,
            "acknowledged": bool(self.acknowledged),
            "followups": {name: e.covered for name, e in self.elements.items()},
            "medical_evidence_signposted": self.medical_signposted is not None,
            "followup_detail": {
                name: {"asked": e.asked, "answered": e.answered, "evidence": e.evidence}
                for name, e in self.elements.items()
            },
            "acknowledgement": self.acknowledgement,
            "probe_stopped_at": self.probe_stopped_at,
            "question": self.question or None,
            "second_opinion": self.second_opinion,
        }


@dataclass
class Distress:
    """A moment of distress and what the caseworker did next."""

    segment: int
    evidence: str
    responded: bool | None = None
    response: str = ""


class Analyser:
    """Feed segments in spoken order with :meth:`feed`; read :meth:`result` at any time.

    ``second_opinion`` reads the turns in which the rules found no harm (the shipped model by
    default; None: the rules alone).
    """

    def __init__(self, second_opinion: Opinions = "shipped") -> None:
        #: Resolved at its first use, on the thread that analyses (loading the shipped model
        #: takes most of a second; an interview is made on the UI thread).
        self._second_opinion_choice = second_opinion
        self.segments: list[Segment] = []
        self.episodes: list[Episode] = []
        self.distress: list[Distress] = []
        self.vulnerability: list[dict[str, Any]] = []
        self.questions: list[Question] = []
        self._answered_questions: set[int] = set()
        self._last_caseworker: int | None = None
        self._asked_now: dict[str, str] = {}
        self._yes_no_seen = 0
        self._medical_prompted: set[int] = set()
        self._reported_missing: dict[int, tuple[str, ...]] = {}
        self._about_current = False
        self._pending_ack: list[Episode] = []
        self._pending_distress: list[Distress] = []
        self._unsignposted: list[Episode] = []
        self._open: list[Episode] = []
        self._question_segments: set[int] = set()
        self._owner: dict[int, Episode] = {}  # id(mention) -> episode, for the current turn
        #: The caseworker's last closed question naming a harm done to the claimant, with what
        #: a "yes" to it discloses ("Were you tortured?" -> "Yes.").
        self._harm_question: HarmQuestion | None = None
        #: Every closed question about harm, for a yes that comes back to one later, and those
        #: answered no.
        self._harm_questions: list[HarmQuestion] = []
        self._denied_questions: set[int] = set()
        self._harm_question_waits = 0
        self._interpreter_styles = {"first": 0, "third": 0}
        #: Where the claimant began telling of another arrest or time ("They came for me again").
        self._fresh_event: int | None = None
        #: When the claimant was last taken to a place the latest episode was not at.
        self._moved_at: int | None = None
        #: The episode the caseworker's last question was on (its answer belongs to it).
        self._answering_episode: Episode | None = None
        #: Where the talk last left the latest episode's setting after its harm was told, with
        #: the episode it left. Set in three places: a claimant turn off the episode naming a
        #: place or year it was not told with (:meth:`_note_drift`; an answer to a question
        #: about leaving, "How did you get out?", counts as off it), a caseworker question
        #: about trouble naming a new doer (:meth:`_caseworker`), and a new arrest or time
        #: told (where ``_fresh_event`` is set). Harm told after it is another episode unless
        #: the talk points back (:meth:`_new_episode`).
        self._drift: tuple[int, Episode] | None = None

    # -- input -----------------------------------------------------------------------------
    def feed(self, segment: Segment) -> list[AnalysisEvent]:
        """Analyse the next segment; returns the prompts it raises."""
        index = len(self.segments)
        if segment.index != index:
            segment = Segment(
                index,
                segment.speaker,
                segment.text,
                segment.start,
                segment.end,
                segment.notes,
                segment.line,
                segment.language,
            )
        self.segments.append(segment)
        events: list[AnalysisEvent] = []
        if segment.speaker == "caseworker":
            self._caseworker(segment, events)
        elif segment.speaker in CLAIMANT_SIDE:
            self._claimant(segment, events)
        return events

    def feed_all(self, segments: Iterable[Segment]) -> list[AnalysisEvent]:
        """Analyse a whole transcript; returns every prompt raised, in order."""
        events: list[AnalysisEvent] = []
        for segment in segments:
            events += self.feed(segment)
        events += self.finish()
        return events

    def finish(self) -> list[AnalysisEvent]:
        """The interview ended: close open episodes (prompts for anything still missing)."""
        events: list[AnalysisEvent] = []
        if self.segments and self.segments[-1].speaker == "caseworker":
            self._turn_ended(events)
        for episode in list(self._open):
            self._close(episode, len(self.segments) - 1, events)
        return events

    # -- caseworker turns ------------------------------------------------------------------
    def _caseworker(self, segment: Segment, events: list[AnalysisEvent]) -> None:
        text = without_notes(segment.text)
        i = segment.index
        ack = cues.acknowledges(text)
        asks = bool(question_sentences(text))
        # A caseworker turn may come as several segments ("Okay." ... "Thank you for telling
        # me."): a disclosure or distress is settled by the first segment that responds, or
        # that asks something else; a segment that does neither leaves it open until the
        # caseworker's turn ends.
        waiting: list[Episode] = []
        for episode in self._pending_ack:
            about = self._about(episode, text)
            if ack or about:
                episode.acknowledged = True
                episode.acknowledgement = ack or about or ""
            elif asks:
                self._not_acknowledged(episode, i, text, events)
            else:
                waiting.append(episode)
        self._pending_ack = waiting
        response = cues.responds_to_distress(text)
        still: list[Distress] = []
        for moment in self._pending_distress:
            if response:
                moment.responded, moment.response = True, response
            elif asks or cues.INSIST.search(text) or cues.INSIST_MORE.search(text):
                self._not_responded(moment, i, text, events)
            else:
                still.append(moment)
        self._pending_distress = still
        if self._unsignposted and cues.signposts_medical(text):
            for episode in self._unsignposted:
                episode.medical_signposted = i
            self._unsignposted = []
        self._asked_now = {}
        current = self._current_episode()
        moving_on = bool(cues.moving_on(text))
        self._about_current = bool(
            current is not None
            and not moving_on
            and not cues.own_moves(text)  # "How did you leave the army?"
            and self._about(current, text, broad=True)
        )
        turn_questions = question_sentences(text)
        before = without_notes(self.segments[i - 1].text) if i > 0 else ""
        asked_harm = [
            q for q in (harm_asked(t, i, text, before) for t in turn_questions) if q is not None
        ]
        if asked_harm:
            self._harm_question, self._harm_question_waits = asked_harm[-1], 0
            self._harm_questions.extend(asked_harm)
        elif any(content_stems(t) for t in turn_questions) or cues.REAL_OFFER.search(text):
            self._harm_question = None  # a new question, or a break offered instead
        # (a bare "Yes or no?" or "Please answer" keeps the harm question open)
        latest = self.episodes[-1] if self.episodes else None
        if (
            latest is not None
            and any(cues.asks_what_happened(q) for q in turn_questions)
            and self._names_someone_new(latest, text)
            and not cues.refers_back(text)
            # "What happened to your brother?": the person named is harmed, not a doer (any
            # "happened to ..." question, "to you" too, does not move the talk on)
            and not _HAPPENED_TO.search(text)
            and not (  # "Were they police or soldiers?": who did it, not someone new
                not latest.elements["by_whom"].covered
                and any("by_whom" in cues.elements_named(q) for q in turn_questions)
            )
        ):
            self._drift = (i, latest)  # "And the separatists, did they cause you problems?"
        self._answering_episode = None
        for question_text in turn_questions:
            question = make_question(
                i,
                question_text,
                self.questions[-_RECENT_QUESTIONS:],
                self._answered_questions,
                turn=text,
            )
            self.questions.append(question)
            self._question_segments.add(i)
            self._style_events(question, events)
            if (
                current is not None
                and not moving_on
                and not cues.own_moves(question_text)  # "Where did you go when you arrived?"
                and self._question_on(current, i, question_text)
            ):
                if not cues.own_history(question_text) and (
                    cues.ANAPHORA.search(question_text)
                    or cues.DETENTION.search(question_text)
                    or self._about(current, question_text, broad=True)
                ):
                    self._answering_episode = current  # the answer belongs to the episode
                asked = cues.elements_asked(question_text)
                for name, words in cues.elements_named(question_text).items():
                    # "Were the two men federal police?" asks by whom; "Did anything happen
                    # in 2018?" does not ask when *this* episode was, if it was in 2008.
                    other_time = cues.years(question_text) - current.years
                    other_place = cues.proper_places(question_text) - current.places
                    if name == "where" and self._elsewhere(current, question_text, words):
                        continue  # "Did you have problems at the shop?": another setting
                    if not (name == "when" and other_time and current.years) and not (
                        name == "where" and other_place and current.places
                    ):
                        asked.setdefault(name, words)
                for name, words in asked.items():
                    self._asked_now[name] = words
                    current.elements[name].asked.append(i)
                    current.elements[name].evidence.append(words)
                if asked or self._about_current:
                    current.last_activity = i  # the talk is still on this episode
        self._last_caseworker = i
        self._followup_events(i, events)

    def _not_acknowledged(
        self, episode: Episode, index: int, text: str, events: list[AnalysisEvent]
    ) -> None:
        episode.acknowledged = False
        events.append(
            AnalysisEvent(
                "not-acknowledged",
                index,
                text[:200],
                episode.number,
                {"category": episode.category},
            )
        )

    def _not_responded(
        self, moment: Distress, index: int, text: str, events: list[AnalysisEvent]
    ) -> None:
        moment.responded = False
        events.append(AnalysisEvent("distress-not-responded", index, text[:200]))

    def _turn_ended(self, events: list[AnalysisEvent]) -> None:
        """The caseworker's turn ended: what it did not respond to, it did not respond to."""
        index = self._last_caseworker
        if index is None:
            return
        text = without_notes(self.segments[index].text)
        for episode in self._pending_ack:
            self._not_acknowledged(episode, index, text, events)
        for moment in self._pending_distress:
            self._not_responded(moment, index, text, events)
        self._pending_ack, self._pending_distress = [], []

    def _followup_events(self, index: int, events: list[AnalysisEvent]) -> None:
        """Tell the UI when an open episode's checklist changed and something is still open."""
        for episode in self._open:
            missing = tuple(episode.missing())
            if missing and missing != self._reported_missing.get(episode.number):
                self._reported_missing[episode.number] = missing
                events.append(
                    AnalysisEvent(
                        "followup-open",
                        index,
                        episode.evidence,
                        episode.number,
                        {"missing": ", ".join(missing)},
                    )
                )

    def _style_events(self, question: Question, events: list[AnalysisEvent]) -> None:
        if question.yes_no_demand:
            self._yes_no_seen += 1
            if self._yes_no_seen >= 2:
                events.append(AnalysisEvent("yes-no-demand", question.segment, question.text))
        if question.repeated_of is not None:
            events.append(
                AnalysisEvent(
                    "repeated-question",
                    question.segment,
                    question.text,
                    details={"first_asked": str(question.repeated_of)},
                )
            )
        if question.loaded:
            events.append(
                AnalysisEvent(
                    "loaded-question",
                    question.segment,
                    question.text,
                    details={"words": question.loaded},
                )
            )

    def _about(self, episode: Episode, text: str, broad: bool = False) -> str:
        """Words showing the caseworker's turn is about the episode (a question on it).

        ``broad`` also counts any word of the disclosing turn (the flat, the town), to credit
        the claimant's answer to it; acknowledgement needs the words of the harm itself.
        """
        words = episode.known if broad else episode.words
        for question in question_sentences(text):
            if HARM_WORDS.search(question):
                return question
            shared = _canonical(content_stems(question)) & _canonical(words)
            if shared:
                return question
            if cues.ANAPHORA.search(question) and (
                cues.elements_asked(question) or cues.HOW_ASKED.search(question)
            ):
                return question
        return ""

    # -- claimant (and interpreter) turns --------------------------------------------------
    def _claimant(self, segment: Segment, events: list[AnalysisEvent]) -> None:
        i = segment.index
        text = segment.text
        previous = self.segments[i - 1] if i > 0 else None
        if previous is not None and previous.speaker == "caseworker":
            self._turn_ended(events)
        if self._last_caseworker in self._question_segments:
            self._answered_questions.add(self._last_caseworker)
        third_person = segment.speaker == "interpreter" and self._interpreter_third_person(text)
        lead = self._turn_lead(segment)
        asked_before = self._last_question_text()
        mentions = self._harm_in_turn(segment, lead, asked_before, third_person)
        answer = verdict(text)
        asked = self._harm_question
        if asked is not None:
            says_yes = answer == "yes" or (
                answer is None and not asked.needs_act and answers_with_the_wound(text)
            )  # "Were you injured?" "In the back. Buckshot."
            confirmed = disclosed_by_yes(asked, text) if says_yes else None
            if confirmed is not None:
                mentions = [confirmed, *mentions]
            if answer == "no":
                self._denied_questions.add(asked.segment)
            self._harm_question_waits += 1
            if answer is not None or self._harm_question_waits >= _ANSWER_WAIT:
                self._harm_question = None
        elif not mentions and answers_earlier(text):
            earlier = self._question_pointed_back_to(text)
            confirmed = disclosed_by_yes(earlier, text) if earlier is not None else None
            if confirmed is not None:  # "What you asked before, about the commanders. Yes."
                mentions = [confirmed]
        self._owner = {}  # which episode each of this turn's mentions belongs to
        spoken = without_notes(text)
        latest_before = self.episodes[-1] if self.episodes else None  # before this turn
        new_places = cues.proper_places(spoken) - (latest_before.places if latest_before else set())
        had_places = bool(latest_before and latest_before.places)
        if not mentions:
            mentions = self._same_as_told(spoken)
        if not mentions:
            mentions = self._second_look(i, spoken, lead, third_person)
        touched: list[Episode] = []
        for position, mention in enumerate(mentions):
            episode = self._episode_for(mention, mentions[:position], spoken, i, events)
            if episode not in touched:
                touched.append(episode)
            if SEVERITY.index(mention.category) > SEVERITY.index(episode.category) and (
                episode.segment == i
            ):
                episode.category = mention.category
            if mention.how:
                self._give(episode, "how", i, mention.trigger)
            episode.words |= content_stems(mention.evidence)
            episode.last_activity = i
            episode.last_harm = i
        current = self._current_episode()
        answering = bool(
            self._asked_now or self._about_current or self._answering_episode is current
        )
        if (
            current is not None
            and current not in touched
            and answering
            and self._in_scope(current, i, spoken)
        ):
            touched.append(current)
        # An answer to "What happened after you were released?" that tells no harm, or a turn
        # after a new arrest or time was told: what it says may still answer the episode's
        # follow-ups, but the time and places it tells are what came next, not the episode's.
        moved_on = not mentions and (
            bool(cues.own_history(asked_before))
            or (  # or after a new arrest or time was told ("in 2015 I went to Qatar")
                self._fresh_event is not None
                and current is not None
                and current.last_told < self._fresh_event < i
                and not self._about_current  # ("Where in the prison were you kept?": on it)
            )
        )
        for episode in touched:
            relevant = (
                spoken if episode.segment != i else self._disclosure_text(spoken, mentions, episode)
            )
            if episode.segment == i and lead:
                # Disclosed at the end of a turn the pipeline cut up: the turn's earlier
                # segments ("It was 2016, after the protest in Bamenda.") tell when and where.
                relevant = f"{without_notes(lead)} {relevant}"
            for name, words in cues.elements_given(relevant, third_person).items():
                self._give(episode, name, i, words)
            episode.last_activity = i
            if moved_on:
                continue
            episode.last_told = i
            episode.years |= cues.years(
                _before_a_new_time(relevant, mentions) if episode.segment == i else relevant
            )
            episode.places |= cues.proper_places(relevant)
            held = relevant if episode.segment != i else self._up_to_harm(spoken, mentions, episode)
            episode.detained = episode.detained or bool(cues.detained(f"{lead} {held}"))
            episode.captive = episode.captive or bool(_CAPTIVE.search(relevant))
            if answer == "yes" and episode.segment != i and not episode.years:
                episode.years |= cues.years(asked_before)  # "Was that in 2017?" "Yes."
            if episode.segment == i and cues.asks_what_happened(asked_before):
                # "Can you tell me what happened on 1 October 2017?": the harm told is then
                episode.years |= cues.years(asked_before)
            if episode.segment == i:
                episode.context_words |= content_stems(relevant)
                episode.ages |= cues.ages(relevant)
        latest = self.episodes[-1] if self.episodes else None
        asked_of_another = answer == "yes" and bool(
            cues.new_episode_cue(asked_before)
            or cues.more_trouble_asked(asked_before)
            or (latest is not None and latest.years and cues.years(asked_before) - latest.years)
        )  # "Were you arrested again?" "Yes." / "In January 2019 did soldiers come?" "Yes."
        moved = bool(cues.moved_elsewhere(spoken))  # "they moved me to the central prison"
        told_of_another = bool(
            moved
            or cues.new_episode_cue(spoken)
            or cues.new_arrest_later(spoken)
            or (latest is not None and i - latest.last_told >= 2 and cues.arrested(spoken))
        )  # "They came for me again." / "The police came and arrested me."
        told_later_year = bool(
            latest is not None
            and latest.years
            and (not touched or moved_on)
            and any(year > max(latest.years) for year in cues.years(spoken))
        )  # "... from the start of 2018" after harm told of 2017, nothing said of that harm
        if not mentions and (
            asked_of_another
            or told_later_year
            or (told_of_another and (moved or not touched or moved_on))
        ):
            # A new arrest or time begins, its harm not yet told ("They came for me again.",
            # "Were you arrested again?" "Yes.").
            self._fresh_event = i
            if latest is not None and told_of_another:
                self._drift = (i, latest)  # harm told after it, however late, is of it
        if (
            not mentions
            and latest is not None
            and i > latest.segment
            and cues.taken_to(spoken, asked_before)
            and new_places
            and (had_places or cues.own_history(asked_before))
        ):
            # "They brought me to Adi Abeito." after harm told at Sawa: harm told there (within
            # eight turns, unless the talk points back) is another episode, even when the
            # turns between went on about the first.
            self._moved_at = i
        if not mentions and latest is not None and (moved_on or latest not in touched):
            self._note_drift(latest, i, spoken, asked_before)
        self._asked_now = {}
        self._about_current = False
        self._answering_episode = None
        self._followup_events(i, events)
        moment = cues.distress(text) or next(
            (words for kind, words in cues.vulnerabilities(spoken) if kind == "suicidal"), None
        )
        if moment:
            self.distress.append(Distress(i, _evidence(text, moment)))
            self._pending_distress.append(self.distress[-1])
            events.append(AnalysisEvent("distress", i, _evidence(text, moment)))
            open_episode = self._current_episode()
            if open_episode is not None and open_episode.missing():
                open_episode.probe_stopped_at = i
                events.append(
                    AnalysisEvent(
                        "probe-stopped",
                        i,
                        _evidence(text, moment),
                        open_episode.number,
                        {"missing": ", ".join(open_episode.missing())},
                    )
                )
        for kind, words in cues.vulnerabilities(spoken):
            evidence = _evidence(spoken, words)
            item: dict[str, Any] = {"segment": i, "kind": kind, "evidence": evidence}
            self.vulnerability.append(item)
            events.append(
                AnalysisEvent(
                    "safeguarding" if kind == "suicidal" else "vulnerability",
                    i,
                    evidence,
                    details={"kind": kind},
                    urgency="insist" if kind == "suicidal" else "calm",
                )
            )

    def _note_drift(self, episode: Episode, i: int, spoken: str, last_question: str) -> None:
        """The talk leaves the episode's setting: a turn not about it (the caller's judgement)
        names a place or a year it was not told with ("He went to Khartoum, to his uncle in
        Omdurman."). Not a place given to "where?", nor a year given to "when?" or to a
        question about a birth or an age."""
        places = {
            place
            for place in cues.proper_places(spoken)
            if place not in episode.places and not content_stems(place) <= episode.known
        }
        new_years = (
            set() if _ASKED_BIRTH.search(last_question) else cues.years(spoken) - episode.years
        )
        if (places and "where" not in self._asked_now) or (
            new_years and "when" not in self._asked_now
        ):
            self._drift = (i, episode)

    def _question_pointed_back_to(self, text: str) -> HarmQuestion | None:
        """The earlier harm question a late yes comes back to: the last one, not answered no
        and not already answered by a disclosure, sharing a word with the answer ("What you
        asked before, about the commanders. Yes, they did.")."""
        told = {e.question for e in self.episodes if e.question}
        said = content_stems(text)
        for question in reversed(self._harm_questions):
            if question.segment in self._denied_questions:
                continue
            if without_notes(self.segments[question.segment].text) in told:
                continue
            if said & content_stems(question.text):
                return question
        return None

    @property
    def _second_opinion(self) -> SecondOpinion | None:
        if self._second_opinion_choice == "shipped":
            self._second_opinion_choice = default_second_opinion()
        return self._second_opinion_choice

    def _same_as_told(self, spoken: str) -> list[HarmMention]:
        """Harm told as what the doer of an earlier episode did ("there was another man, his
        friend ... they did the same as Jasim"): that episode's kind of harm, done again."""
        for said in _SAME_AS.finditer(spoken):
            who = said.group("who").lower()
            if NEGATED_BEFORE.search(spoken, 0, said.start()) or _TO_SOMEONE.match(
                spoken, said.end()
            ):
                continue  # "He did not do the same as Jasim", "... as Jasim to my sister"
            for episode in reversed(self.episodes):
                # the doer named with the episode, in the talk that led to it ("my father gave
                # me to my cousin Jasim" ... "he did things to me") or in answers about it
                told = self._doer_told(episode, lead_up=True)
                # who is kin told with it ("my husband"), or a name told as kin ("my cousin
                # jasim"), not any word ("the same as a lot of people", "as you said")
                named = (
                    rf"\b{re.escape(who)}\b"
                    if cues.KIN.fullmatch(who)
                    else rf"{cues.KIN.pattern}\s*,?\s+{re.escape(who)}\b"
                )
                if any(re.search(named, t, re.IGNORECASE) for t in told):
                    evidence = next(
                        (p.text for p in sentences(spoken) if p.start <= said.start() < p.end),
                        said.group(0),
                    )
                    return [
                        HarmMention(episode.category, False, evidence, said.group(0), said.start())
                    ]
        return []

    def _second_look(
        self, index: int, spoken: str, lead: str, third_person: bool
    ) -> list[HarmMention]:
        """The second opinion on a turn the rules found no harm in, when no episode is being
        told: none yet, the talk moved on from the last one, or the caseworker asked about
        another time ("What happened when you came out of the container?").

        A segment with words enough is read alone; a shorter one with its turn's earlier
        segments (the pipeline cuts turns up)."""
        opinion = self._second_opinion
        if opinion is None:
            return []
        current = self._current_episode()
        asked = self._last_question_text()
        asked_since = current is None or (
            self._last_caseworker is not None and self._last_caseworker >= current.last_activity
        )  # (the question that drew the episode out does not move on from it)
        moved_on = (
            asked_since
            and bool(cues.own_history(asked))
            and not (current is not None and self._within(current, asked))
        )
        if current is not None and index - current.last_activity <= SCOPE and not moved_on:
            return []
        turn = spoken
        if not opinion.worth_asking(spoken):
            turn = f"{without_notes(lead)} {spoken}".strip()
        if (
            not opinion.worth_asking(turn)
            or ordinary_turn(turn, third_person)
            or says_unharmed(turn)
            or _about_someone_else(turn, third_person)
            or cues.asks_about_relative(asked)
            or (cues.asks_what_was_seen(asked) and cues.tells_of_others(turn))
            or harm_to_a_relative(turn)
        ):
            # Medical care, an accident, sport, work, a figure of speech; unharmed; or a turn
            # about someone else only ("He was there four days ... his back was black"),
            # answering a question about them ("Did they do anything to your mother?"), or
            # telling harm done to a relative ("they beat my younger brother"), even beside
            # the claimant's own (the rules, not the second opinion, must catch that); or
            # answering "Can you describe what you saw?" (harm witnessed).
            return []
        view = opinion.rate(turn)
        if not view.raised:
            return []
        return [
            HarmMention(
                "other-serious-harm",
                how=False,
                evidence=turn,  # the words it read: the segment, or the turn it ends
                trigger=spoken,
                position=0,
                rating=view.rating,
            )
        ]

    def _turn_lead(self, segment: Segment) -> str:
        """The text of this turn's earlier segments (same speaker, no one in between)."""
        before: list[str] = []
        for earlier in reversed(self.segments[: segment.index]):
            if earlier.speaker != segment.speaker or sum(map(len, before)) > _TURN_CONTEXT:
                break
            before.insert(0, earlier.text)
        return " ".join(before)

    def _harm_in_turn(
        self, segment: Segment, lead: str, asked: str, third_person: bool
    ) -> list[HarmMention]:
        """Harm in this segment, read with ``lead`` (the same turn's earlier segments) and
        ``asked`` (the question it answers).

        The live pipeline cuts one turn into several segments, sometimes mid-sentence ("they
        heated an iron bar" | "and pressed it on my back"). Only what ends in this segment is
        new.
        """
        if not lead:
            return find_harm(segment.text, third_person, asked)
        lead += " "
        found = find_harm(lead + segment.text, third_person, asked)
        return [
            replace(m, position=max(0, m.position - len(lead)))
            for m in found
            if m.position + len(m.trigger) > len(lead)
        ]

    def _interpreter_third_person(self, text: str) -> bool:
        """Whether this interpreter turn renders the claimant as "he"/"she".

        A turn with "he says" is in the third person, one with "I"/"my" in the first; a turn
        with neither follows what this interpreter has done so far (third person at first).
        """
        style = person_style(text)
        if style is not None:
            self._interpreter_styles[style] += 1
            return style == "third"
        return self._interpreter_styles["first"] <= self._interpreter_styles["third"]

    def _disclosure_text(self, spoken: str, mentions: list[HarmMention], episode: Episode) -> str:
        """The part of the segment about this episode (a later episode's words excluded)."""
        own = [m for m in mentions if self._owner.get(id(m)) is episode]
        if not own:
            return spoken
        start = min(m.position for m in own)
        later = [
            m.position
            for m in mentions
            if m.position > start and self._owner.get(id(m)) is not episode
        ]
        cut = min(later) if later else len(spoken)
        earlier = [
            m.position
            for m in mentions
            if m.position < start and self._owner.get(id(m)) is not episode
        ]
        begin = spoken.rfind(".", 0, start) + 1 if earlier else 0
        return spoken[begin:cut]

    def _up_to_harm(self, spoken: str, mentions: list[HarmMention], episode: Episode) -> str:
        """The disclosing turn up to the end of the sentence that told this episode's harm: a
        detention told after it ("... and they broke my arm. Then the police came and took
        me.") came after the harm, so harm told later in custody is another episode."""
        own = [m for m in mentions if self._owner.get(id(m)) is episode]
        if not own or own[-1].question:
            return spoken
        first = min(m.position for m in own)
        others_before = any(
            m.position < first and self._owner.get(id(m)) is not episode for m in mentions
        )  # "In 2015 they arrested me and beat me. Years later party men beat me ..."
        begin = spoken.rfind(".", 0, first) + 1 if others_before else 0
        last = max(m.position + len(m.trigger) for m in own)
        end = spoken.find(".", last)
        return spoken[begin:] if end < 0 else spoken[begin : end + 1]

    def _episode_for(
        self,
        mention: HarmMention,
        before: list[HarmMention],
        spoken: str,
        i: int,
        events: list[AnalysisEvent],
    ) -> Episode:
        current = self._current_episode() or (self.episodes[-1] if self.episodes else None)
        start = before[-1].position + len(before[-1].trigger) if before else 0
        window = spoken[start : mention.position + len(mention.trigger)]
        if mention.question:  # a "yes": the question says which time and place
            window = f"{mention.question} {window}"
            spoken = f"{mention.question} {spoken}"
        told_on = (  # "Yes. This time was different. They put a bag over my head ..."
            current is not None
            and current.segment == i
            and len(before) == 1
            and before[0].asked_at is not None
            and self._owner.get(id(before[0])) is current
            and not cues.new_arrest_later(window)  # not "Yes. Years later they arrested me ..."
        )
        if current is not None and (
            told_on or not self._new_episode(current, mention, window, spoken, i)
        ):
            if current.closed:
                current.closed = False
                self._open.append(current)
            self._owner[id(mention)] = current
            if current.conditions and not mention.conditions:
                self._harm_told_in(current, mention, i, events)
            return current
        told_in = self._told_before(mention, spoken, current)
        if told_in is not None:
            self._owner[id(mention)] = told_in
            return told_in
        if current is not None:
            self._close(current, i, events)
        episode = Episode(
            len(self.episodes), i, mention.category, mention.evidence, last_activity=i
        )
        episode.question = self._question_of(mention)
        episode.captive = bool(_CAPTIVE.search(spoken))
        episode.second_opinion = mention.rating
        episode.conditions = mention.conditions
        self.episodes.append(episode)
        self._open.append(episode)
        self._pending_ack.append(episode)
        self._unsignposted.append(episode)
        self._owner[id(mention)] = episode
        # The caseworker question that drew the disclosure out belongs to the episode.
        # A question pointing back ("Were you tortured during those eleven days?") brings
        # the caseworker's turn before it too ("You told me you were detained in November
        # 2019 ..."), if the topic was set within the last few turns.
        drawn_by = mention.asked_at if mention.asked_at is not None else self._last_caseworker
        if drawn_by is not None and (
            mention.asked_at is not None
            or all(s.speaker in CLAIMANT_SIDE for s in self.segments[drawn_by + 1 : i])
        ):
            drawing = [drawn_by]
            question = without_notes(self.segments[drawn_by].text)
            earlier = self._caseworker_before(drawn_by)
            if (
                earlier is not None
                and drawn_by - earlier <= 2
                and (cues.ANAPHORA.search(" ".join(question_sentences(question))))
            ):
                drawing.insert(0, earlier)
            for number in drawing:
                said = without_notes(self.segments[number].text)
                context = cues.elements_given(said)
                place = cues.place_mentioned(said)
                if place and "where" not in context:
                    context["where"] = place
                for name, words in context.items():
                    if name != "how":
                        self._give(episode, name, number, words)
                episode.years |= cues.years(said)
                episode.places |= cues.proper_places(said)
                episode.detained = episode.detained or bool(cues.detained(said))
            self._setting_told_before(episode, drawn_by, i)
        details = {"category": mention.category}
        if mention.rating is not None:
            details["second_opinion"] = f"{mention.rating:.2f}"
        events.append(AnalysisEvent("disclosure", i, mention.evidence, episode.number, details))
        return episode

    def _setting_told_before(self, episode: Episode, drawn_by: int, i: int) -> None:
        """The claimant's turn just before the question that drew the disclosure, when the
        question points to it ("It was in May 2023 ... the RSF had a checkpoint." "Did the RSF
        soldiers at the checkpoint beat you?"): the time and place it told are this episode's."""
        setting = drawn_by - 1
        if setting < 0 or setting >= i or self.segments[setting].speaker not in CLAIMANT_SIDE:
            return
        question = without_notes(self.segments[drawn_by].text)
        told = without_notes(self.segments[setting].text)
        shared = {w for w in content_stems(question) & content_stems(told) if len(w) > 3}
        shared -= _NOT_A_SETTING | _RELATIVE_STEMS  # "your brother": a person, not a setting
        if not (shared or _THAT_ONE.search(question)):
            return
        given = cues.elements_given(told)
        own = cues.elements_given(without_notes(self.segments[i].text))
        for name in ("when", "where"):
            if name in given and name not in own:  # the answer's own time and place win
                self._give(episode, name, setting, given[name])

    def _question_of(self, mention: HarmMention) -> str:
        """The caseworker's question a "yes" answered, or "" for harm told unasked."""
        if mention.asked_at is None:
            return ""
        return without_notes(self.segments[mention.asked_at].text)

    def _harm_told_in(
        self, episode: Episode, mention: HarmMention, i: int, events: list[AnalysisEvent]
    ) -> None:
        """An episode opened by the conditions of a detention ("thirty of us in a cell for
        four") is disclosed where the harm in it is told ("they beat me there"): the same
        episode (same number), now at this segment, its acknowledgement judged afresh."""
        episode.conditions = False
        if episode.segment == i:
            # the cell and the beating in one turn: the card quotes the beating
            episode.evidence = mention.evidence
            if SEVERITY.index(mention.category) > SEVERITY.index(episode.category):
                episode.category = mention.category
        else:
            episode.segment, episode.evidence = i, mention.evidence
            episode.category = mention.category
            episode.question = self._question_of(mention)
            episode.second_opinion = mention.rating
            episode.acknowledged, episode.acknowledgement = None, ""
            if episode not in self._pending_ack:
                self._pending_ack.append(episode)
        details = {"category": episode.category, "moved_from_conditions": "yes"}
        events.append(AnalysisEvent("disclosure", i, mention.evidence, episode.number, details))

    def _new_episode(
        self, current: Episode, mention: HarmMention, window: str, spoken: str, i: int
    ) -> bool:
        """Positive evidence of a different episode; more detail about this one is not."""
        cue = cues.new_episode_cue(window)
        if not cue and (
            mention.trigger.lower().startswith(("my body", "still", "scars", "marks"))
            or ("scars" in mention.trigger.lower() or "marks" in mention.trigger.lower())
            or cues.lasting_trace(mention.evidence)
            or cues.hurts_where(spoken, mention.position)
            or (  # "when they hit me with the baton it still hurts": the beating told
                cues.still_hurts(mention.evidence)
                and self._asks_of_told_act(current, mention.trigger)
                and not self._names_someone_new(current, window)
                and not self._names_someone_new(current, self._last_question_text())
            )
        ):
            return False  # scars, marks and pain since then are traces of harm already told
        if cue:
            return True  # (even after a trace: "A year later, when I had recovered ...")
        if cues.names_the_doer_by_it(
            window[: max(0, len(window) - len(mention.trigger))]
        ) and _canonical(content_stems(mention.trigger)) & _canonical(current.words):
            return False  # "I pray for the man who beat me": the beating told, naming its doer
        begin = spoken.find(window)
        if begin >= 0 and cues.next_in_list(spoken, begin, begin + len(window)):
            return True  # "One: ... Two: men came to his shop and beat him"
        if current.conditions and cues.earlier_time(window):
            return True  # the detention's conditions, then "Before that, in Sudan, they beat me"
        if current.segment != i and cues.compared_with_first(spoken[mention.position :]):
            return True  # "They did things to me I cannot say. It was worse than the first time."
        compared = cues.compared_with_place(spoken[mention.position :])
        if current.segment != i and compared and content_stems(compared) <= current.known:
            return True  # "What they did to me there was worse than Helmand." (told before)
        if (
            cues.moved_elsewhere(window)
            and not cues.refers_back(window)
            and not (current.segment == i and current.question)
        ):
            # "In Italy he sold me to other men ... his cousin beat me"; not the yes just given
            # to "Were you harmed in Libya?" told on ("the driver sold us to a gang ...").
            return True
        if current.segment == i:
            return False  # the same turn goes on about the same episode unless it says not
        last_turn = (  # the caseworker's last turn, a question or not ("Going back to ...")
            without_notes(self.segments[self._last_caseworker].text)
            if self._last_caseworker is not None
            else ""
        )
        if (
            self._drift is not None
            and self._drift[1] is current
            and current.last_harm < self._drift[0] < i
            and not cues.refers_back(window)
            and not _TOLD_YOU_AFTER.search(mention.evidence)  # "... whipped me, I told you."
            and not (  # "Were you injured?" "The rope cut my wrists": by the harm told
                _INJURIES_ASKED.match(last_turn) and self._of_its_means(current, mention)
            )
            and not self._quotes_the_harm(current, last_turn)
            and not cues.points_to_earlier(last_turn)
            and not self._back_on_the_harm(
                current, last_turn, without_notes(self.segments[self._drift[0]].text)
            )
            and not (mention.question and cues.names_told_harm(mention.question, current.known))
            and not self._within(current, last_turn)
            and not self._back_in_its_setting(current, window)
            and not (mention.question and _asks_who_did_it(current, mention.question))
            and not cues.RETURNING_TO.search(last_turn)  # "Returning to Italy, did you ...?"
        ):
            return True  # the talk went to another place or time, then harm was told
        if i - current.last_activity > SCOPE and not (
            cues.refers_back(window)
            or cues.refers_back(self._last_question_text())
            or self._back_in_its_setting(current, window)
        ):
            return True  # the talk had moved on: harm told now is another time
        if (
            mention.question
            and cues.names_told_harm(mention.question, current.known)
            and not cues.new_episode_cue(mention.question)
            and not self._names_another_place_or_year(current, mention.question)
        ):
            return False  # "Was the mock execution soon after your arrest?" "Yes.": that one
        if (
            mention.question
            and i - current.segment > 2
            and not cues.refers_back(mention.question)
            and not _TOLD_YOU.search(window)  # "Yes, I told you, they hung me upside down."
            and not (  # "Were you tortured in any other way?": more of this one
                cues.in_addition(mention.question)
                and not self._names_someone_new(current, mention.question)
            )
            and not _held_in_it(current, cues.qualified(mention.question))
            and (
                cues.qualified(mention.question)
                or self._another_setting(current, mention.question)
                or (  # not "Were the men who hit you Taliban fighters?": who did the told harm
                    self._names_someone_new(current, mention.question)
                    and not _asks_who_did_it(current, mention.question)
                    and self._doer_named(current, mention.asked_at)
                )
            )
        ):
            # A closed question about harm asked again, for another place or time or another
            # doer ("Were you ill-treated in Maekelawi?", "Were you hurt when your brothers
            # found you?", "Were you mistreated by the soldiers?" after harm by Boko Haram).
            return True
        context = spoken[: spoken.find(".", mention.position) + 1 or len(spoken)]
        asked = self._last_question_text()
        if (
            (
                self._fresh_event is not None
                and current.last_told <= self._fresh_event < i
                and i - self._fresh_event <= SCOPE
                and not cues.points_to_earlier(asked)  # "Earlier you said they taught you ..."
            )
            or (
                self._moved_at is not None
                and current.last_harm < self._moved_at < i
                and i - self._moved_at <= 2 * SCOPE
                and not cues.refers_back(window)
                and not cues.refers_back(self._last_question_text())
            )
        ) and not _TOLD_YOU_AFTER.search(mention.evidence):  # not "whipped me, I told you"
            return True  # "They came for me again." ... "Did they harm you?" "They did."
        if (
            cues.more_trouble_asked(asked)
            and i - current.segment > 1
            and not cues.refers_back(window)
            and not cues.refers_back(asked)
            and not cues.POINTS_BACK.search(asked)  # "... at the checkpoint that day?"
            and not self._within(current, asked)  # "... in the prison in those months?"
        ):
            return True  # "Did you have any other problems with the Houthis?" "Yes. He hit me"
        if current.years and cues.years(asked) - current.years and not cues.refers_back(asked):
            return True  # "Did anything happen to you in 2018?" after harm told of 2008
        if (
            cues.own_history(asked)
            and i - current.segment > 1
            and not cues.refers_back(window)
            and not self._within(current, asked)
        ):
            return True  # "What happened after that?": harm told now came later
        named_years = cues.years(asked)
        if (
            named_years
            and not named_years & current.years
            and i - current.segment > SCOPE
            and cues.asks_what_happened(asked)
            and not cues.refers_back(asked)
            and not self._within(current, asked)  # "What happened in the prison in 2017?"
        ):
            return True  # "Did anything happen to you in 2017 or 2018?" long after the harm
        if asked and i - current.segment > 2 and not cues.refers_back(asked):
            # Harm told in answer to a question about another place or time ("What happened
            # at the Ettela'at office in February?"); soon after the disclosure, only a
            # question about what happened in another place ("What happened in Sudan?", not
            # "Where did they keep you, at the checkpoint?" or "What did they do in the
            # basement?").
            qualifier = self._another_setting(current, asked)
            if qualifier and (
                i - current.segment > SCOPE
                or cues.another_time(qualifier)
                or (
                    cues.place_qualifier(qualifier)
                    and cues.asks_what_happened(asked)
                    and "where" not in self._asked_now
                )
            ):
                return True
        if (
            mention.question
            and i - current.segment > SCOPE
            and (  # another kind of harm, or an act the episode was not told with
                mention.category != current.category
                or not self._asks_of_told_act(current, mention.question)
            )
            and not cues.refers_back(mention.question)
            and not (  # "Were you also beaten?": there too; not "Did your husband also hit you?"
                cues.in_addition(mention.question)
                and not self._names_someone_new(current, mention.question)
            )
        ):
            return True  # asked later about another kind of harm ("Did Ardit ever hit you?")
        held_now = cues.custody(context)
        if (
            held_now
            and i - current.segment > 2
            and not cues.refers_back(window)
            and (not current.detained or self._held_elsewhere(current, held_now, asked))
        ):
            return True  # harm in a detention after harm told without one (the street, then
            # "they locked me in the cell for one week"), or in another one ("tell me about
            # the journey" -> "they put us in a container at their post and beat us")
        if (
            cues.years(context) - current.years
            and current.ages
            and "when" not in self._asked_now
            and not cues.refers_back(window)
            and not cues.POINTS_BACK.search(asked)  # "Tell me more about that day."
        ):
            return True  # "When I was fifteen he burned my hand" ... "In October 2022 they beat me"
        doer_asked = cues.DID_THEY_DO_ANYTHING.search(asked)
        if (  # "Did the separatists do anything to you?" after harm by soldiers
            doer_asked
            and i - current.segment > 2
            and not cues.refers_back(asked)
            and not cues.refers_back(window)  # "No. Only the soldiers, as I told you"
            and not (current.detained and _KEEPERS.search(doer_asked.group("who")))
            and not _canonical(content_stems(doer_asked.group("who"))) & _canonical(current.known)
        ):
            return True
        turned_to = cues.NEW_PERSON_ASKED.search(asked)
        if (  # "Now tell me about your husband." "He hit me many times."
            turned_to
            and i - current.segment > 2
            and not cues.POINTS_BACK.search(asked)  # "What did your brother do when he saw it?"
            and not cues.refers_back(asked)
            and not content_stems(turned_to.group(0)) & current.known
        ):
            return True
        if (
            i - current.segment > SCOPE
            and not mention.question
            and self._kin_not_told(current, spoken, mention)
            and not _points_back_not_speech(window)
            and not cues.POINTS_BACK.search(asked)
        ):
            return True  # "Hemin beat me with a water pipe" (her brother) after her husband's
            # beatings: another doer in the family, another episode
        answering = self._asked_now or self._about_current or self._answering_episode is current
        if answering and not mention.question and not cues.own_history(asked):
            # An answer to a question on this episode is about it, unless the question brought
            # in someone new and the answer another year ("You mentioned your husband. How did
            # he treat you?" -> "After the marriage in 2015 he beat me").
            new_years = cues.years(context) - current.years
            return bool(new_years) and (
                self._names_someone_new(current, asked)
                # "And was it finished?" "No, in 2020 his cousin found me ..."
                or (bool(current.years) and self._names_someone_new(current, context))
            )
        new_years = cues.years(context) - current.years
        new_places = cues.proper_places(context) - current.places
        # An answer to "when?" or "where?" about this episode gives its time or place.
        if new_years and current.years and "when" not in self._asked_now:
            return True
        if new_places and current.places and "where" not in self._asked_now:
            return True
        if i - current.segment > SCOPE and cues.caught_again(asked, context):
            return True  # long after the harm, asked what came next: caught again
        return bool(cues.new_arrest_later(context)) and not self._asked_now

    def _told_before(
        self, mention: HarmMention, spoken: str, current: Episode | None
    ) -> Episode | None:
        """An earlier episode the act is named from as a time ("on the day the soldiers cut his
        leg in 2017 they also took away his brother-in-law"): its act words, all told in it."""
        if not _THE_DAY_OF.search(spoken[: mention.position]):
            return None
        stems = content_stems(mention.trigger)
        end = mention.position + len(mention.trigger)
        near = spoken[:end] + " " + " ".join(spoken[end:].split()[:_AFTER_THE_ACT])
        if len(stems) < 2 or cues.new_episode_cue(near):
            return None  # "that time the guards cut my leg again"
        years = cues.years(spoken)
        for episode in reversed(self.episodes):
            if episode is not current and stems <= episode.words:
                # in a year of its own, or caught again: another time with the same act
                if years - episode.years or cues.new_arrest_later(spoken):
                    return None
                return episode
        return None

    @staticmethod
    def _names_someone_new(episode: Episode, text: str) -> bool:
        """The first doer ``text`` (a question, or an answer) names is one the episode was
        not told with ("your husband", "his cousin"; "the army" is the soldiers)."""
        named = cues.BY_WHOM_GIVEN.search(text)
        return named is not None and not (
            _canonical(content_stems(named.group(0))) & _canonical(episode.known)
        )

    @staticmethod
    def _names_another_place_or_year(episode: Episode, text: str) -> bool:
        """``text`` names a place or a year the episode was not told with."""
        return bool(cues.proper_places(text) - episode.places or cues.years(text) - episode.years)

    @staticmethod
    def _quotes_the_harm(episode: Episode, turn: str) -> bool:
        """The caseworker's turn points back with the harm's own words and no other place or
        year ("As you said, they beat you ..."); not "You said you were living in Tirana" nor
        "What do you mean by punished?" about what was told since."""
        return (
            bool(cues.refers_back(turn))
            and bool(_canonical(content_stems(turn)) & _canonical(episode.words))
            and not Analyser._names_another_place_or_year(episode, turn)
        )

    @staticmethod
    def _back_on_the_harm(episode: Episode, question: str, since: str = "") -> bool:
        """A question back on the harm told, naming no other place or year ("Tell me more
        about the beating.", "How many of them beat you that day?", "Did they hit you with
        anything else?"). "That night" is not the harm's when ``since`` (the turn the talk
        moved on with) told a night of its own ("In June 2020 they came to his house at
        night" -> "Were you injured that night?")."""
        if Analyser._names_another_place_or_year(episode, question):
            return False
        occasion = _THAT_OCCASION.search(question)
        if occasion and re.search(rf"\b{occasion.group(1)}\b", since, re.IGNORECASE):
            occasion = None
        return bool(
            cues.names_told_harm(question, episode.known)
            or occasion
            or (_ANYTHING_ELSE.search(question) and HARM_WORDS.search(question))
        )

    @staticmethod
    def _asks_of_told_act(episode: Episode, question: str) -> bool:
        """The question names an act the episode was told with ("Were the men who hit you
        Taliban?" after a beating), not only another ("Have you yourself been cut?" after
        beatings by a husband)."""
        if cues.names_told_harm(question, episode.known):
            return True
        words = [m.group(0) for m in HARM_WORDS.finditer(question)]
        words += [m.group(0) for m in ANY_ACT.finditer(question)]
        asked = {stem(word) for word in words}
        if asked and not asked - _GENERAL_HARM:
            return True  # "Were you injured?", "Did they hurt you badly?": of what was told
        return bool(_canonical(asked) & _canonical(episode.known | episode.words))

    @staticmethod
    def _another_setting(episode: Episode, question: str) -> str | None:
        """The first place, time or event the question names that is not the episode's own
        ("something happened again in 2020", "in that house" when the harm was in a forest)."""
        known = episode.known
        for qualifier in cues.qualifiers(question):
            if _held_in_it(episode, qualifier):
                continue  # "while you were held" in a kidnapping
            stems = content_stems(qualifier)
            if cues.another_time(qualifier) or (stems and not stems <= known):
                return qualifier
        return None

    @staticmethod
    def _elsewhere(episode: Episode, question: str, place: str) -> bool:
        """A question inviting an account of what happened in a place the episode never named
        ("Did you have problems at the shop?"): it asks about another setting, not where."""
        stems = content_stems(place)
        return cues.asks_what_happened(question) and bool(stems) and not stems <= episode.known

    def _doer_named(self, episode: Episode, asked_at: int | None) -> bool:
        """The episode was told with a doer named ("the soldiers"), not only "some men": a
        question naming a doer then asks about someone else, not who they were. Read in the
        disclosure and the answers about who did it, not in the question now answered."""
        return any(
            match.group(0).lower() not in _UNNAMED_DOERS
            for text in self._doer_told(episode, but=asked_at)
            for match in lexicon().perpetrators.finditer(text)
        )

    def _doer_told(
        self, episode: Episode, but: int | None = None, lead_up: bool = False
    ) -> list[str]:
        """Where the episode's doer is told: its disclosure and the answers about who did it
        (not segment ``but``); with ``lead_up``, also the claimant's talk from a few turns
        before it to its last activity ("my father gave me to my cousin Jasim" ... "he did
        things to me")."""
        numbers = list(episode.elements["by_whom"].answered)
        if lead_up:
            numbers += [
                n
                for n in range(max(0, episode.segment - 6), episode.last_activity + 1)
                if self.segments[n].speaker in CLAIMANT_SIDE
            ]
        return [episode.evidence] + [
            without_notes(self.segments[n].text) for n in numbers if n != but
        ]

    def _kin_not_told(self, episode: Episode, spoken: str, mention: HarmMention) -> bool:
        """The act was done by kin ("my brother", "Hemin" named as her brother) when the
        episode was told with other kin as its doer ("Did your husband hit you?")."""
        if _SUBJECT_FIRST.match(mention.trigger):
            return False  # "her brother heard she was sentenced to lashes": not his act
        start = max(spoken.rfind(mark, 0, mention.position) for mark in (". ", "? ", "! ")) + 1
        kin = cues.kin_doer(spoken[start : mention.position], spoken)
        if kin is None or cues.SPOUSE.fullmatch(kin):
            return False  # a husband may have been told as "my cousin Jasim" or "he"
        told = self._doer_told(episode)
        told_kin = {m.group(0).lower() for text in told for m in cues.KIN.finditer(text)}
        return bool(told_kin) and stem(kin) not in {stem(k) for k in told_kin}

    def _back_in_its_setting(self, episode: Episode, window: str) -> bool:
        """The answer goes back to the episode's own place by name ("Only one thing about the
        basement. They used the electricity on me." after "it was a basement" answered where)."""
        if self._names_someone_new(episode, window):
            return False  # "about that village. My stepfather burned my hand": another doer
        told: set[str] = set()
        for number in episode.elements["where"].answered:
            # an answer to where, not the disclosure itself nor the question that drew it
            if number != episode.segment and self.segments[number].speaker in CLAIMANT_SIDE:
                told |= content_stems(without_notes(self.segments[number].text))
        return any(stem(m.group(1)) in told for m in _ABOUT_THE.finditer(window))

    def _held_elsewhere(self, episode: Episode, held: str, asked: str) -> bool:
        """A detention told in a place the episode was not told with ("a container" after a
        police station), not on a question within the episode's own setting ("What happened
        after the yard?")."""
        place = content_stems(held) - _HOLDING_VERBS
        return (
            bool(place - episode.known)
            and not self._within(episode, asked)
            and not cues.refers_back(asked)
            and not cues.points_to_earlier(asked)
            and not cues.RETURNING_TO.search(asked)  # "Going back to the bar, how long ...?"
        )

    @staticmethod
    def _of_its_means(episode: Episode, mention: HarmMention) -> bool:
        """The harm told names a thing or person the episode was told with, its act words
        aside ("The rope cut my wrists" after being tied with a rope; not "the soldiers hit
        me with a rifle butt" after the police's batons)."""
        things = content_stems(ANY_ACT.sub(" ", mention.evidence)) - _NOT_A_SETTING
        return bool(_canonical(things) & _canonical(episode.known))

    @staticmethod
    def _within(episode: Episode, question: str) -> bool:
        """The question moves on within the episode's own setting ("What happened after the
        yard?" when the yard was where it began)."""
        qualifier = cues.qualified(question)
        if qualifier and cues.after_the_harm(qualifier):
            return False  # "What happened after the beating?": what came next
        stems = content_stems(qualifier) if qualifier else set()
        return bool(stems) and stems <= episode.known

    def _caseworker_before(self, index: int) -> int | None:
        """The caseworker's turn before segment ``index``, if any."""
        for number in range(index - 1, -1, -1):
            if self.segments[number].speaker == "caseworker":
                return number
        return None

    def _last_question_text(self) -> str:
        """The caseworker's last turn, if the claimant's turn answers it."""
        if self._last_caseworker is None or self._last_caseworker not in self._question_segments:
            return ""
        return without_notes(self.segments[self._last_caseworker].text)

    def _give(self, episode: Episode, name: str, segment: int, words: str) -> None:
        element = episode.elements[name]
        if segment not in element.answered:
            element.answered.append(segment)
            element.evidence.append(words)

    # -- episodes ----------------------------------------------------------------------------
    def _current_episode(self) -> Episode | None:
        return self._open[-1] if self._open else None

    def _question_on(self, episode: Episode, index: int, question: str) -> bool:
        """A caseworker question is on the episode: the talk was on it a few turns ago (a
        break offered and taken in between), or the question names it ("When did this
        happen?", "Who burned you?"). A question after the caseworker moved on, or about the
        claimant's own movements, is never credited to it (see the callers).
        """
        if index - episode.last_activity <= SCOPE:
            return True
        return bool(self._about(episode, question, broad=True))

    def _in_scope(self, episode: Episode, index: int, text: str) -> bool:
        if index - episode.last_activity <= SCOPE:
            return True
        return bool(content_stems(text) & episode.words)

    def _close(self, episode: Episode, index: int, events: list[AnalysisEvent]) -> None:
        if episode.closed:
            return
        episode.closed = True
        if episode in self._open:
            self._open.remove(episode)
        missing = episode.missing()
        if missing:
            events.append(
                AnalysisEvent(
                    "episode-closed",
                    index,
                    episode.evidence,
                    episode.number,
                    {"missing": ", ".join(missing)},
                )
            )
        if episode.medical_signposted is None and episode.number not in self._medical_prompted:
            self._medical_prompted.add(episode.number)
            events.append(
                AnalysisEvent("medical-evidence", index, episode.evidence, episode.number)
            )

    # -- output ----------------------------------------------------------------------------
    def result(self) -> dict[str, Any]:
        """The analysis in the contract's JSON form."""
        questions = self.questions
        return {
            "segments": len(self.segments),
            "disclosures": [e.to_contract() for e in self.episodes],
            "distress": [
                {
                    "segment": d.segment,
                    "evidence": d.evidence,
                    "responded": bool(d.responded),
                    "response": d.response,
                }
                for d in self.distress
            ],
            "vulnerability": list(self.vulnerability),
            "questions": {
                "total": len(questions),
                "open": sum(q.kind == "open" for q in questions),
                "closed": sum(q.kind == "closed" for q in questions),
                "yes_no_demands": sum(q.yes_no_demand for q in questions),
                "repeated": sum(q.repeated_of is not None for q in questions),
                "loaded": sum(q.loaded is not None for q in questions),
                "items": [
                    {
                        "segment": q.segment,
                        "text": q.text,
                        "kind": q.kind,
                        "yes_no_demand": q.yes_no_demand,
                        "loaded": q.loaded,
                        "repeated_of": q.repeated_of,
                    }
                    for q in questions
                ],
            },
        }


_SAME_GROUP = {
    "officer": "police",
    "policeman": "police",
    "policemen": "police",
    "cop": "police",
    "soldier": "army",
    "military": "army",
    "troop": "army",
    "guard": "guard",
    "warden": "guard",
    "jailer": "guard",
    "beat": "beat",
    "beaten": "beat",
    "hit": "beat",
    "torture": "torture",
    "tortur": "torture",
    "rap": "rape",
    "rape": "rape",
}


_FIRST_PERSON = re.compile(r"\b(?:i|me|my|myself|we|us|our|ourselves)\b", re.IGNORECASE)
_THIRD_SINGULAR = re.compile(r"\b(?:he|she|him|her|his|hers)\b", re.IGNORECASE)


#: Words a question shares with the turn before it that do not say it is about that turn's
#: setting (stems, as content_stems gives them).
_NOT_A_SETTING = {
    stem(w) for w in "they them what happen happened there your were have been".split()
}

#: Relatives as stems: a person the question shares with the turn before is not its setting.
_RELATIVE_STEMS = {stem(w) for w in RELATIVES}

#: A question pointing at something just told ("during those two months", "that day").
_THAT_ONE = re.compile(
    r"\b(?:that|those|these)\s+(?:\w+\s+)?(?:days?|nights?|times?|weeks?|months?|years?|place|"
    r"room|house|camp|prison|cell|checkpoint|station|village|town|road|journey|period|"
    r"detention|arrest|raid|attack)\b",
    re.IGNORECASE,
)

#: "About the basement", "about that cell": a place or thing named as what the words are about.
_ABOUT_THE = re.compile(r"\babout\s+(?:the|that|this)\s+([\w'-]+)", re.IGNORECASE)

#: A question about who did harm ("Were the men who hit you Taliban?", "the soldiers that beat
#: you"): it asks about the doer of harm told, not about harm by someone new.
_DOER_OF_THE_HARM = re.compile(
    r"\b(?:who|that|which)\s+(?:had\s+|have\s+)?(?:\w+\s+)?"
    + HARM_WORDS.pattern
    + r"\s+(?:you|him|her)\b",
    re.IGNORECASE,
)

#: An answer saying it was told already ("Yes, I told you", "he already told you").
#: A bare question about injuries ("Were you injured?", "What injuries did you have?").
_INJURIES_ASKED = re.compile(
    r"^\W*(?:(?:and|so)\s+)?(?:(?:were|was)\s+you\s+(?:\w+\s+)?(?:injured|hurt|wounded)|"
    r"(?:what|any)\s+injuries\s+(?:did\s+you\s+(?:have|get|suffer)|were\s+there))\W*$",
    re.IGNORECASE,
)
#: "... they whipped me, I told you." / "as I told you": the harm already told (not "I told
#: you he never paid us").
_TOLD_YOU_AFTER = re.compile(
    r"\b(?:i|he|she)\s+(?:already\s+)?(?:told|said\s+(?:it|this|that)\s+to)\s+you"
    r"(?:\s+(?:before|already|earlier))?\W*$|\b(?:as|like)\s+(?:i|he|she)\s+(?:already\s+)?"
    r"(?:told\s+you|said)\b",
    re.IGNORECASE,
)
_TOLD_YOU = re.compile(
    r"\b(?:i|he|she)\s+(?:told|said\s+(?:it|this|that)\s+to)\s+you\b|"
    r"\b(?:i|he|she)\s+already\s+(?:told|said)\b",
    re.IGNORECASE,
)

#: Words for harm in general: a question with only these asks about the harm told.
_GENERAL_HARM = {
    stem(word)
    for word in "hurt harm harmed injured injury injuries ill-treated ill-treatment mistreated "
    "abused abuse wounds wound wounded scars scar marks mark".split()
}
#: A question on the occasion just told ("that day", "that night").
_THAT_OCCASION = re.compile(r"\bthat\s+(day|night|morning|evening|time)\b", re.IGNORECASE)
_ANYTHING_ELSE = re.compile(r"\b(?:anything|something)\s+else\b", re.IGNORECASE)
#: "What happened to your brother?": the person asked about is harmed, not a doer.
_HAPPENED_TO = re.compile(r"\b(?:happened|done)\s+to\b", re.IGNORECASE)
#: A question whose answer's years are a birth or an age, not a time the talk moved to.
_ASKED_BIRTH = re.compile(r"\b(?:birth|born|birthday|how\s+old|your\s+age)\b", re.IGNORECASE)


#: A sentence that opens on a time of its own ("In 2023, when the war started, ...").
_NEW_TIME_OPENER = re.compile(
    r"^\W*(?:then\s+|and\s+)?(?:in|on|by|during|from)\s+(?:(?:the\s+)?[\w'-]+\s+){0,2}"
    r"(?:19|20)\d\d\b|^\W*(?:[\w'-]+\s+)?(?:years?|months?)\s+later\b",
    re.IGNORECASE,
)


#: Words after an act named as a time that may still say it was another ("... cut my leg
#: again").
_AFTER_THE_ACT = 3
#: An act named as the time something else happened: "on the day the soldiers cut his leg".
_THE_DAY_OF = re.compile(
    r"\b(?:the|that)\s+(?:day|night|time|morning|evening|week)\s+(?:when\s+|that\s+)?"
    r"(?:the\s+)?[\w'-]+\s+$",
    re.IGNORECASE,
)


def _before_a_new_time(text: str, mentions: list[HarmMention]) -> str:
    """The disclosing turn without what it goes on to tell of a later time: the sentences after
    its last harm, from the first that opens on a year of its own ("... that is when they shot
    him in the leg. ... In 2023, when the war started, the militias attacked El Geneina"): the
    years told there are not the episode's."""
    ends = [text.rfind(m.trigger) + len(m.trigger) for m in mentions if m.trigger in text]
    if not ends:
        return text
    after = max(ends)
    for sentence in sentences(text[after:]):
        if sentence.start > 0 and _NEW_TIME_OPENER.match(sentence.text):
            return text[: after + sentence.start]
    return text


#: Perpetrator words that say who only as "men".
_UNNAMED_DOERS = frozenset({"men", "mob", "gang"})


#: The verbs of a detention told ("put us in a container"), not its place.
_HOLDING_VERBS = {
    "put",
    "kept",
    "held",
    "lock",
    "locked",
    "threw",
    "took",
    "arrest",
    "detain",
    "imprison",
}
#: Being held: "while they held you", "during your detention", "in custody" (not a place).
_HELD = {"held", "kept", "detain", "detention", "custody", "captivity", "hostage"}
#: An episode told as the claimant's captivity ("took him to a house", "they kept me three
#: days"); not "took my phone", "locked me out".
_CAPTIVE = re.compile(
    r"\b(?:kidnapp\w*|abduct\w*|hostage|captiv\w*|ransom|arrest\w*|detain\w*|imprison\w*|"
    r"(?:took|taken|dragged|carried)\s+(?:me|him|her|us)\s+(?:away\s+)?to|"
    r"(?:held|kept)\s+(?:me|him|her|us)\b|locked\s+(?:me|him|her|us)\s+(?:up|in))\b",
    re.IGNORECASE,
)


def _held_in_it(episode: Episode, qualifier: str | None) -> bool:
    """A question's qualifier "while they held you" when the episode is the claimant's
    captivity ("they took him to a house out in the bush"): within it, not another time."""
    stems = content_stems(qualifier) if qualifier else set()
    return bool(stems) and stems <= _HELD and (episode.detained or episode.captive)


def _asks_who_did_it(episode: Episode, question: str) -> bool:
    """The question asks about the doer of harm the episode holds ("Were the men who hit you
    Taliban fighters?" after "they hit me"), not about harm by someone new."""
    return any(
        content_stems(match.group(0)) & episode.known
        for match in _DOER_OF_THE_HARM.finditer(question)
    )


def _about_someone_else(turn: str, third_person: bool) -> bool:
    """A claimant's own words about "he" or "she" with no "I", "me", "we" in them: someone
    else's story ("He was there four days. When he came out his back was black.")."""
    return (
        not third_person and not _FIRST_PERSON.search(turn) and bool(_THIRD_SINGULAR.search(turn))
    )


def _canonical(stems: set[str]) -> set[str]:
    """Stems with the words for the same people or acts made one ("officers" ~ "police")."""
    return {_SAME_GROUP.get(s, s) for s in stems}


def _evidence(text: str, words: str) -> str:
    """The sentence holding ``words`` (what the caseworker sees next to the prompt)."""
    for sentence in sentences(text):
        if words.lower() in sentence.text.lower():
            return sentence.text
    return words


def analyse(segments: Iterable[Segment], second_opinion: Opinions = "shipped") -> dict[str, Any]:
    """Analyse a whole transcript and return the contract JSON."""
    analyser = Analyser(second_opinion)
    analyser.feed_all(segments)
    return analyser.result()
