"""Round 29 of the analysis: wording first met in sets ZZZN-ZZZQ (session 16).

"my" before a person or a thing is not the claimant ("beat my deacon", "burned my electronics
shop", "tortured my mind", "shot my other cousin"); harm naming its doer ("I pray for the man
who beat me") is the harm already told, when it is the same act; "beat my back" is the body.
"""

from __future__ import annotations

import pytest

from companion.analysis.harm import find_harm
from tests.analysis_helpers import disclosed_at


@pytest.mark.parametrize(
    "said",
    [
        "They came to the church again and beat my deacon, Mr Lukusa, because he would not say "
        "where I was.",
        "Then the area boys burned my electronics shop in Ojuelegba.",
        "Those days they tortured my mind, I cannot explain it.",
        "The Chhatra League boys attacked our meetings many times.",
        "They burned my life in one night.",
        "In August 2022 they shot my other cousin, Dler, at a wedding in Said Sadiq.",
    ],
)
def test_round_29_ordinary_talk_stays_quiet(said: str) -> None:
    assert find_harm(said, False, "") == []


@pytest.mark.parametrize(
    "said",
    [
        "They beat my back with a cable.",
        "The guard burned my forearm with a cigarette.",
        "They kicked my whole body until I fainted.",
        "He broke my jaw with his fist.",
        "They cut my throat with a knife but I survived.",
        "I wanted to leave but they beat me.",
        "They broke my arm.",
        # what the round's review found when "my" had to be followed by a body word, and when
        # "want to" was read as a wish (both taken back)
        "They kicked my kidney until I was pissing blood.",
        "they hit my my head with the gun",
        "the soldier hit my swollen face again",
        "they attached wires to my testicles",
        "they beat our bodies with sticks",
        "they assaulted my person and stole my phone",
        "they wanted to arrest me and beat me up",
        "the officer wanted to sleep with me and raped me",
        "i want to tell the truth i was beaten",
    ],
)
def test_round_29_harm_to_the_body_is_found(said: str) -> None:
    assert find_harm(said, False, "")


def test_harm_naming_its_doer_is_the_harm_already_told() -> None:
    text = (
        "Caseworker: What happened in the container?\n\n"
        "Claimant: At night they took me out and beat me with belts on the soles of my feet.\n\n"
        "Caseworker: Thank you for telling me. Is there anything else you want to add?\n\n"
        "Claimant: Only that I pray for the man who beat me.\n"
    )
    assert disclosed_at(text) == [1]


@pytest.mark.parametrize(
    "later",
    [
        "The man who raped me in that warehouse was the smuggler's brother.",
        "I still have nightmares about the men who raped me in Sabha.",
    ],
)
def test_another_harm_told_by_its_doer_is_another_episode(later: str) -> None:
    """What the round's review found: a relative clause naming a different act is a first
    telling, not the beating already told."""
    text = (
        "Caseworker: What happened at the police station?\n\n"
        "Claimant: The police beat me with sticks on my back for two days.\n\n"
        "Caseworker: Thank you. How did you travel to Libya?\n\n"
        "Claimant: By lorry through the desert, with thirty people, it took two weeks.\n\n"
        "Caseworker: What happened in Libya?\n\n"
        f"Claimant: {later}\n"
    )
    assert disclosed_at(text) == [1, 5]


def test_harm_told_again_later_is_still_a_new_episode() -> None:
    text = (
        "Caseworker: What happened in the container?\n\n"
        "Claimant: At night they took me out and beat me with belts on the soles of my feet.\n\n"
        "Caseworker: What happened after you were released in 2019?\n\n"
        "Claimant: In 2021 the police arrested me again and they beat me in the station.\n"
    )
    assert disclosed_at(text) == [1, 3]
