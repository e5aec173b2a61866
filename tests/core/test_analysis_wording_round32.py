"""Round 32 of the analysis: wording and episodes first met in sets ZZZZ-ZZZZA (session 19).

A push against a wall that drew the claimant's blood; "she had to see clients" with men coming
every night; "I was shocked that ..." is surprise; a native doctor cutting a claimant held down
is not medical care; "when the food was late he would beat me" is the past, told as habit; a
future governs a second verb further back unless a past clause comes between; "Did the
separatists do anything to you?" asks about someone new; "Returning to Italy, ..." takes the
talk back to the episode after a digression. A review of the first version found nine faults
(below), each mended.
"""

from __future__ import annotations

import pytest

from companion.analysis.harm import find_harm
from tests.analysis_helpers import disclosed_at


@pytest.mark.parametrize(
    ("said", "third_person"),
    [
        ("Once he pushed me against the wall when I was pregnant and I bled.", False),
        (
            "She says she had to see clients. Men came to the flat every night, sometimes five "
            "or six.",
            True,
        ),
        (
            "Three men held me down on the floor. The native doctor took a blade and made small "
            "cuts on my chest and my back and rubbed black powder into them.",
            False,
        ),
        ("When the food was late he would beat me with his belt.", False),
    ],
)
def test_round_32_harm_is_found(said: str, third_person: bool) -> None:
    assert find_harm(said, third_person, "")


@pytest.mark.parametrize(
    ("said", "third_person"),
    [
        ("He pushed me against the door and walked out.", False),
        ("I was shocked that someone else is like me.", False),
        ("We were very shocked by the news from home.", False),
        ("The doctor made small cuts on my back to drain the abscess.", False),
        (
            "The owner's brother told my father I stole from them and they will put a case "
            "against me and beat me.",
            False,
        ),
        (
            "When they let me go the judge told me next time they would cut off my hand.",
            False,
        ),
    ],
)
def test_round_32_ordinary_talk_and_threats_stay_quiet(said: str, third_person: bool) -> None:
    assert not find_harm(said, third_person, "")


def test_harm_by_someone_new_asked_about_by_name_is_another_episode() -> None:
    """From set ZZZZ (the ASR form): soldiers hung him in their camp; later "did the separatists
    do anything to you" is answered with a cutlass."""
    text = (
        "Caseworker: what happened at the camp\n\n"
        "Claimant: the soldiers tie my hands for back and they hang me from the roof they beat "
        "me with belt\n\n"
        "Caseworker: how long were you there\n\n"
        "Claimant: two weeks then my uncle pay money\n\n"
        "Caseworker: where did you go after\n\n"
        "Claimant: i go back to my village to the farm\n\n"
        "Caseworker: why did the separatists call you black leg\n\n"
        "Claimant: because the soldiers release me they think i work with government\n\n"
        "Caseworker: did the separatists do anything to you\n\n"
        "Claimant: they catch me for the farm road hold me down and one of them cut me here "
        "for my back with cutlass two times\n"
    )
    assert disclosed_at(text) == [1, 9]


def test_asked_about_the_same_doers_again_stays_in_the_episode() -> None:
    text = (
        "Caseworker: What happened at the camp?\n\n"
        "Claimant: The soldiers tied my hands behind my back and beat me with belts.\n\n"
        "Caseworker: How long were you there?\n\n"
        "Claimant: Two weeks.\n\n"
        "Caseworker: Did the soldiers do anything else to you?\n\n"
        "Claimant: They also burned my arm with a cigarette.\n"
    )
    assert disclosed_at(text) == [1]


def test_returning_to_the_episode_after_a_digression_keeps_it_one_episode() -> None:
    """From set ZZZZA: exploitation in Milan, questions about her father's work and school,
    then "Returning to Italy, did you agree to see these men?"."""
    text = (
        "Caseworker: What happened when you reached Italy?\n\n"
        "Interpreter: She says they went to Milan, to a flat of his friend. After one week he "
        "said she must help him with his debts. She says she had to see clients. Men came to "
        "the flat every night.\n\n"
        "Caseworker: Let's go back to Albania for a moment. What did your father do for work?\n\n"
        "Interpreter: She says he was a builder.\n\n"
        "Caseworker: Did you go to school?\n\n"
        "Interpreter: She says until year nine.\n\n"
        "Caseworker: Returning to Italy, did you agree to see these men?\n\n"
        "Interpreter: She says no. The first time she said no he hit her with his belt and "
        "locked her in the bathroom all night.\n"
    )
    assert disclosed_at(text) == [1]


# -- found by the review of the change (each failed on its first version) ------------------


@pytest.mark.parametrize(
    "said",
    [
        "I will never forget the night the police came to my house and beat me",
        "tomorrow it will be two years since the soldiers arrested me and tortured me",
        "this is why I will not go back the soldiers arrested me and beat me",
        "the militia beat me with iron bars and my uncle brought a native doctor because I was "
        "in shock",
        "they cut my face with a knife and the witch doctor put herbs on it and it broke my heart",
        "they really shocked me with the electric wires",
        "When I cried he would beat me with the belt.",
    ],
)
def test_harm_the_review_found_lost_is_found(said: str) -> None:
    assert find_harm(said, False, "")


@pytest.mark.parametrize(
    "said",
    [
        "when they find out I converted they would beat me",
        "when they arrested me I thought they would beat me",
        "my mother warned me that when my uncle finds me he would burn me",
        "I worked at the hotel reception at night, I had to see clients and give them their keys",
        "I was a lawyer, many nights I had to see clients in the prison",
        "my sister was trafficked, she had to see clients every night",
        "the traditional doctor cut my skin to put medicine for the snake bite",
        "the guard shoved me into the door so I could watch them beat my brother until he was "
        "unconscious",
        "they will be arrested and beaten",
        "her husband will take her back and beat her",
    ],
)
def test_threats_and_ordinary_talk_the_review_found_raised_stay_quiet(said: str) -> None:
    assert not find_harm(said, False, "")


def test_a_question_about_the_guards_of_the_told_detention_stays_in_it() -> None:
    text = (
        "Caseworker: What happened in 2019?\n\n"
        "Claimant: The army came to our village. They arrested me and took me to the barracks. "
        "They beat me with their guns every day and burned my arm with cigarettes.\n\n"
        "Caseworker: Thank you for telling me that. How long were you there?\n\n"
        "Claimant: Two weeks.\n\n"
        "Caseworker: How did you get out?\n\n"
        "Claimant: My uncle paid money.\n\n"
        "Caseworker: Did the guards do anything to you?\n\n"
        "Claimant: Yes, they hung me from the ceiling by my hands.\n"
    )
    assert disclosed_at(text) == [1]


def test_an_answer_pointing_back_to_the_told_doers_is_not_a_new_episode() -> None:
    text = (
        "Caseworker: Tell me what happened in Cameroon.\n\n"
        "Claimant: In March 2019 the soldiers came to our village. They arrested me and took me "
        "to the camp.\n\n"
        "Caseworker: What happened at the camp?\n\n"
        "Claimant: They beat me with their guns every day and burned my arm with cigarettes.\n\n"
        "Caseworker: Thank you for telling me that. How long were you there?\n\n"
        "Claimant: Two weeks.\n\n"
        "Caseworker: Did the separatists do anything to you?\n\n"
        "Claimant: No, the separatists never touched me. It was only the soldiers, as I told "
        "you, they beat me at the camp.\n"
    )
    assert disclosed_at(text) == [3]
