"""The second opinion on disclosures (a sentence model beside the rules), harm told without
saying it, and later episodes told after the first (issue 15)."""

from __future__ import annotations

import logging

import numpy as np
import pytest

from companion.analysis import encoder as encoder_module
from companion.analysis import second_opinion as second_opinion_module
from companion.analysis.analyser import Analyser, analyse
from companion.analysis.encoder import HIDDEN, ModelMissingError, SentenceEncoder, Vector
from companion.analysis.second_opinion import SecondOpinion, default_second_opinion
from companion.analysis.wording import render
from companion.transcript import parse_transcript_text

#: Words the rules do not name as harm, told as harm.
UNNAMED = (
    "That night three of them stayed with me in the bedroom until morning and I could not "
    "stop them."
)


class KeywordEncoder:
    """A fake encoder: the first dimension says whether the text holds a marker word."""

    def __init__(self, marker: str = "bedroom") -> None:
        self.marker = marker
        self.seen: list[str] = []

    def encode(self, text: str) -> Vector:
        self.seen.append(text)
        vector = np.zeros(HIDDEN, dtype=np.float32)
        vector[0] = 1.0 if self.marker in text else -1.0
        return vector


def fake_opinion(encoder: KeywordEncoder | None = None) -> SecondOpinion:
    weights = np.zeros(HIDDEN, dtype=np.float32)
    weights[0] = 5.0  # rating 0.99 with the marker, 0.01 without
    return SecondOpinion(encoder or KeywordEncoder(), weights, 0.0, 0.93)


def run(text: str, opinion: SecondOpinion | None) -> dict:
    return analyse(parse_transcript_text(text).segments, opinion)


ASKED = "Caseworker: What happened after the soldiers came to the village?\n"


def test_a_turn_the_rules_miss_is_raised_with_its_words_and_rating() -> None:
    text = ASKED + f"Claimant: {UNNAMED}\nCaseworker: Thank you for telling me.\n"
    assert run(text, None)["disclosures"] == []  # the rules alone hear nothing
    [disclosure] = run(text, fake_opinion())["disclosures"]
    assert disclosure["segment"] == 1
    assert disclosure["evidence"] == UNNAMED
    assert disclosure["second_opinion"] == pytest.approx(0.9933, abs=1e-3)
    assert disclosure["acknowledged"] is True


def test_its_card_says_it_was_the_second_opinion_and_quotes_the_words() -> None:
    analyser = Analyser(fake_opinion())
    events = analyser.feed_all(parse_transcript_text(ASKED + f"Claimant: {UNNAMED}\n").segments)
    [event] = [e for e in events if e.kind == "disclosure"]
    card = render(event)
    assert event.evidence == UNNAMED
    assert card["title"] == "Possible disclosure of harm"
    assert "second opinion rates them 0.99" in card["why"]


@pytest.mark.parametrize(
    "said",
    [
        # Ordinary talk: medical care, an accident, sport; the harm said not done.
        "The doctor kept me in the bedroom of the clinic for three days with a drip in my arm.",
        "It was an accident, I fell down the stairs near the bedroom and broke my wrist.",
        "They searched the bedroom and shouted at me, but they did not hit me or touch me.",
        # Too short to tell anything on its own: a bare answer is the rules' to read.
        "In the bedroom, yes.",
    ],
)
def test_ordinary_unharmed_or_short_turns_are_not_asked(said: str) -> None:
    encoder = KeywordEncoder()
    assert run(ASKED + f"Claimant: {said}\n", fake_opinion(encoder))["disclosures"] == []
    assert encoder.seen == []  # not even rated


def test_no_second_episode_while_one_is_being_told() -> None:
    text = (
        "Caseworker: What happened at the police station?\n"
        "Claimant: They beat me with batons on my back.\n"
        "Caseworker: Who beat you?\n"
        f"Claimant: {UNNAMED}\n"
    )
    encoder = KeywordEncoder()
    [disclosure] = run(text, fake_opinion(encoder))["disclosures"]
    assert disclosure["segment"] == 1 and disclosure["second_opinion"] is None
    assert encoder.seen == []


def test_a_later_time_asked_about_lets_the_second_opinion_speak_again() -> None:
    text = (
        "Caseworker: What happened at the police station?\n"
        "Claimant: They beat me with batons on my back.\n"
        "Caseworker: What happened after you were released?\n"
        f"Claimant: {UNNAMED}\n"
    )
    disclosures = run(text, fake_opinion())["disclosures"]
    assert [d["segment"] for d in disclosures] == [1, 3]


def test_a_short_segment_is_read_with_its_turns_earlier_segments() -> None:
    encoder = KeywordEncoder()
    text = (
        ASKED
        + "Claimant: That night three of them came in\n"
        + "Claimant: to the bedroom until morning.\n"
    )
    [disclosure] = run(text, fake_opinion(encoder))["disclosures"]
    turn = "That night three of them came in to the bedroom until morning."
    assert encoder.seen == [turn]
    assert disclosure["segment"] == 2
    assert disclosure["evidence"] == turn  # the card quotes what was read, not the fragment


def test_the_weights_file_is_checked_with_one_error_naming_the_field() -> None:
    data = dict(second_opinion_module.trained_weights())
    data["threshold"] = 1.5
    with pytest.raises(ValueError, match=r"second_opinion.json: threshold 1.5"):
        second_opinion_module._check(data)
    del data["weights"]
    with pytest.raises(ValueError, match=r"second_opinion.json: no 'weights'"):
        second_opinion_module._check(data)
    with pytest.raises(ValueError, match="expected 384"):
        SecondOpinion(KeywordEncoder(), np.zeros(10, dtype=np.float32), 0.0, 0.9)


def test_without_the_model_the_rules_work_alone_and_say_why_once(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(encoder_module.importlib.util, "find_spec", lambda name: None)
    with pytest.raises(ModelMissingError, match="make setup"):
        encoder_module.model_zip()
    monkeypatch.setattr(second_opinion_module, "_DEFAULT", [])

    def missing(layers: int) -> SentenceEncoder:
        raise ModelMissingError("the sentence model is not installed")

    monkeypatch.setattr(second_opinion_module, "SentenceEncoder", missing)
    with caplog.at_level(logging.WARNING):
        assert default_second_opinion() is None
        assert default_second_opinion() is None
    assert [r.getMessage() for r in caplog.records] == [
        "analysis without the second opinion: the sentence model is not installed"
    ]
    text = "Caseworker: What happened?\nClaimant: They beat me with a cable.\n"
    assert [d["segment"] for d in analyse(parse_transcript_text(text).segments)["disclosures"]] == [
        1
    ]


def test_the_shipped_model_reads_harm_apart_from_ordinary_talk() -> None:
    """The real sentence model (installed by make setup) and the shipped weights."""
    opinion = default_second_opinion()
    assert opinion is not None
    harm = opinion.rate(
        "At night the guards came into the cell, tied my hands behind my back and kept me "
        "hanging from the door until I could not feel my arms."
    )
    ordinary = opinion.rate(
        "I worked in my uncle's shop in the market selling phones and chargers for two years."
    )
    assert harm.rating > 0.9 > 0.1 > ordinary.rating


# -- harm told without saying it, and later episodes -------------------------------------------


def test_sexual_violence_told_without_saying_it_is_a_disclosure() -> None:
    text = (
        "Caseworker: What happened at the police station?\n"
        "Claimant: That same night one officer took me out of the cell to the back of the "
        "station. He... I cannot say it. [claimant crying]\n"
    )
    [disclosure] = run(text, None)["disclosures"]
    assert disclosure["category"] == "sexual-violence"
    assert disclosure["segment"] == 1


def test_a_refusal_to_talk_about_nightmares_is_not_a_disclosure() -> None:
    text = (
        "Caseworker: How are you sleeping?\n"
        "Claimant: At night I have bad dreams. I don't want to talk about it.\n"
    )
    assert run(text, None)["disclosures"] == []


def test_a_name_is_not_a_verb() -> None:
    text = (
        "Caseworker: How did you come to the UK?\n"
        "Claimant: Hung's brother knows a man who sends people to Europe for work.\n"
    )
    assert run(text, None)["disclosures"] == []


def test_harm_told_of_an_earlier_time_is_another_episode() -> None:
    text = (
        "Caseworker: Were you tortured by the CID, yes or no?\n"
        "Interpreter: He says yes.\n"
        "Caseworker: Was that in 2017?\n"
        "Interpreter: He says yes. They burned him with cigarettes on his arms.\n"
        "Caseworker: Before 2017, had you ever had any problems with the authorities?\n"
        "Interpreter: He says in 2009 in the camp the soldiers stripped him and kicked him.\n"
    )
    assert [d["segment"] for d in run(text, None)["disclosures"]] == [1, 5]


def test_harm_in_a_detention_after_harm_in_the_street_is_another_episode() -> None:
    text = (
        "Caseworker: What happened at your shop?\n"
        "Claimant: Four of them came. The one with the machete cut me on my hand and they "
        "kicked me on the ground.\n"
        "Caseworker: When was this?\n"
        "Claimant: March 2021.\n"
        "Caseworker: Did you report it to the police?\n"
        "Claimant: I went to the police station. That is where my problem became bigger.\n"
        "Caseworker: Why was that?\n"
        "Claimant: They said I am the cultist and they locked me in the cell for one week. "
        "They beat me on the buttocks with a cutlass.\n"
    )
    assert [d["segment"] for d in run(text, None)["disclosures"]] == [1, 7]


def test_moving_on_within_the_same_detention_stays_one_episode() -> None:
    text = (
        "Caseworker: Please tell me about the time you were held.\n"
        "Claimant: First they put us in the yard, on our knees all night, and they hit me "
        "with a baton on the legs.\n"
        "Caseworker: Who was hitting people?\n"
        "Claimant: The riot police, in black, with balaclavas.\n"
        "Caseworker: What happened after the yard?\n"
        "Claimant: They kicked me into a cell for four people with thirty women.\n"
    )
    assert [d["segment"] for d in run(text, None)["disclosures"]] == [1]


def test_making_an_analyser_does_not_load_the_model(monkeypatch: pytest.MonkeyPatch) -> None:
    """An interview is made on the UI thread: the model loads at first use, on the analysis
    thread."""
    loaded: list[bool] = []
    monkeypatch.setattr(
        "companion.analysis.analyser.default_second_opinion", lambda: loaded.append(True)
    )
    analyser = Analyser()
    assert loaded == []
    analyser.feed_all(parse_transcript_text(ASKED + f"Claimant: {UNNAMED}\n").segments)
    assert loaded == [True]


@pytest.mark.parametrize(
    "said",
    [
        "The guards took me out of the cell and I spent the rest of the day in the yard.",
        "They chose me to work in the kitchen, you understand, because I can cook for many.",
    ],
)
def test_ordinary_words_of_a_refusal_do_not_imply_harm(said: str) -> None:
    text = f"Caseworker: What happened in the camp?\nClaimant: {said}\n"
    assert run(text, None)["disclosures"] == []


def test_a_question_pointing_back_keeps_the_episode() -> None:
    text = (
        "Caseworker: What happened at the police station?\n"
        "Claimant: They beat me with batons on my back.\n"
        "Caseworker: Who beat you?\n"
        "Claimant: Two officers.\n"
        "Caseworker: You previously mentioned the batons. Where did they hit you?\n"
        "Claimant: They hit me on my back and on my legs with the batons.\n"
    )
    assert [d["segment"] for d in run(text, None)["disclosures"]] == [1]


def test_being_taken_home_is_not_a_detention() -> None:
    text = (
        "Caseworker: What happened at the market?\n"
        "Claimant: Men from the militia beat me with sticks on my back.\n"
        "Caseworker: When was this?\n"
        "Claimant: In May 2018.\n"
        "Caseworker: What happened after that?\n"
        "Claimant: My neighbours took me home, and my back hurt where they beat me.\n"
    )
    assert [d["segment"] for d in run(text, None)["disclosures"]] == [1]
