"""Round 33 of the analysis: wording and episodes first met in sets ZZZZB-ZZZZC (session 20).

"They left me on the ground bleeding" is harm told by what it left; medication forced on people
held ("if someone refused, the guards held him"); "Did you see people being harmed?" and "Can
you describe what you saw?" ask what the claimant witnessed; "Were you harmed while they held
you?" asks within the captivity told, not about another time; "it still clicks and hurts" is a
trace of the harm told; a detention in another place, asked about the journey, is another
episode; "photographs from after I was released" starts no later episode; "Those evenings ...
were killing me" is a sentence of its own. A review of the first version found twelve faults
(below), each mended.
"""

from __future__ import annotations

import pytest

from companion.analysis.harm import find_harm
from tests.analysis_helpers import disclosed, disclosed_at, turns


@pytest.mark.parametrize(
    ("said", "third_person"),
    [
        ("On the way back the militia caught me. They left me on the road bleeding.", False),
        ("He says the men left him for dead near the river.", True),
        (
            "Every week the guards gave all the prisoners tablets. If anyone refused, two guards "
            "held him down and we had to open our mouths.",
            False,
        ),
        (
            "She says the nurses gave all the women pills which they had to swallow in front "
            "of the guard.",
            True,
        ),
    ],
)
def test_round_33_harm_is_found(said: str, third_person: bool) -> None:
    assert find_harm(said, third_person, "")


@pytest.mark.parametrize(
    ("said", "third_person"),
    [
        (
            "My nephew brought the charcoal and the gas. Those nights at the stall were killing "
            "me, my back, the heat, but it paid the rent.",
            False,
        ),
        (
            "He says a man who argued was hit with a rifle; he fell down and they left him "
            "bleeding. He says they did not touch him because he paid.",
            True,
        ),
        ("My nose was bleeding and they left me alone after that.", False),
        ("The nurse gave me an injection for the pain and I slept.", False),
        (
            "In the reception camp in Greece the nurses gave all the women injections against "
            "tetanus.",
            False,
        ),
    ],
)
def test_round_33_ordinary_talk_and_harm_to_others_stay_quiet(
    said: str, third_person: bool
) -> None:
    assert not find_harm(said, third_person, "")


def test_a_yes_to_having_seen_harm_is_no_disclosure() -> None:
    text = (
        "Caseworker: What was your work?\n\n"
        "Claimant: I drove the bus that took detainees from the police stations to the camp.\n\n"
        "Caseworker: Did you see people being hurt?\n\n"
        "Claimant: Yes.\n\n"
        "Caseworker: Can you describe what you saw?\n\n"
        "Claimant: At the gate the guards pulled them out by the arms. When an old man was slow "
        "a guard kicked him and I saw blood on his face. I stayed in the bus. I could not do "
        "anything.\n"
    )
    assert disclosed_at(text) == []


def test_a_question_naming_the_claimant_after_seeing_is_still_asked() -> None:
    assert disclosed("Did you see who beat you?", "Yes, it was the district police.") == [1]


def test_harm_while_held_belongs_to_the_captivity_told() -> None:
    """From set ZZZZB: a kidnapping told, then "Were you harmed while they held you?" "Yes."."""
    text = (
        "Caseworker: Were you kidnapped yourself?\n\n"
        "Interpreter: He says yes.\n\n"
        "Caseworker: When was that?\n\n"
        "Interpreter: He says in June 2022. He says he was driving home from Jacmel in a "
        "friend's car, and at a barricade men with rifles stopped the car, pulled him out, hit "
        "him with a rifle butt and put him in a pickup. He says they took him to a house out in "
        "the hills.\n\n"
        "Caseworker: How long were you held?\n\n"
        "Interpreter: He says twelve days.\n\n"
        "Caseworker: Were you harmed while they held you?\n\n"
        "Interpreter: He says yes.\n"
    )
    assert disclosed_at(text) == [3]


def test_other_ways_while_held_stays_in_the_episode() -> None:
    text = (
        "Caseworker: what happened to you\n\n"
        "Claimant: in may they came for me at night with rifles they took me to the mountain "
        "they kept me four days in a hole and on the last day the commander put his gun to my "
        "head and fired next to my ear\n\n"
        "Caseworker: thank you for telling me are you ok to continue\n\n"
        "Claimant: yes\n\n"
        "Caseworker: why did they let you go\n\n"
        "Claimant: the village went up to ask for me\n\n"
        "Caseworker: did they hurt you in other ways while you were held\n\n"
        "Claimant: they kicked me when they put me in the hole\n"
    )
    assert disclosed_at(text) == [1]


def test_a_pain_that_lasts_is_a_trace_of_the_harm_told() -> None:
    text = (
        "Caseworker: were you beaten by the police when they arrested you\n\n"
        "Claimant: yes\n\n"
        "Caseworker: what were you charged with\n\n"
        "Claimant: rioting and then i got bail\n\n"
        "Caseworker: how did you leave\n\n"
        "Claimant: through the airport on my own passport\n\n"
        "Caseworker: do you have any medical conditions\n\n"
        "Claimant: my knee when they hit me with the baton it still hurts when i climb stairs\n"
    )
    assert disclosed_at(text) == [1]


def test_a_second_detention_on_the_journey_is_another_episode() -> None:
    """Arrested and beaten at a police station, then, asked about the journey, put in a
    container at a border post and beaten: another detention."""
    text = turns(
        "Caseworker: what happened after the taliban came",
        "Claimant: they arrested me and kept me ten days in an old police station they tied my "
        "hands to the window bars and hit me with cables",
        "Caseworker: how did you get out",
        "Claimant: my uncle paid them and they released me",
        "Caseworker: tell me about the journey",
        "Claimant: at the border the guards caught us they put us in a container at their post "
        "and beat us with plastic pipes all night",
    )
    assert disclosed_at(text) == [1, 5]


def test_going_back_to_the_arrest_keeps_its_cell_in_the_episode() -> None:
    text = turns(
        "Caseworker: Have you had problems with the authorities?",
        "Claimant: Yes. In 2019 the police raided our meeting and arrested all of us. On the way "
        "to the station they beat us with batons.",
        "Caseworker: What did your family say?",
        "Claimant: My brothers told the whole village.",
        "Caseworker: Going back to the raid, how long were you held by the police?",
        "Claimant: Two nights. They kept us in a cell with no space to lie down.",
    )
    assert disclosed_at(text) == [1]


# -- found by the review of the change (each failed on its first version) ------------------


@pytest.mark.parametrize(
    "text",
    [
        turns(
            "Caseworker: What happened in the prison?",
            "Interpreter: She says another prisoner was taken out of the cell at night, and then "
            "the guards came back and raped her.",
        ),
        turns(
            "Caseworker: What happened at the checkpoint?",
            "Interpreter: He says the driver and one passenger got out of the car, then the "
            "soldiers pulled him out and beat him.",
        ),
        turns(
            "Caseworker: What happened in the detention centre?",
            "Claimant: They kept me in a tiny cell underground. Those three months, no light, no "
            "toilet, one cup of rice a day.",
        ),
        turns(
            "Caseworker: Apart from what you saw happening to the others, what happened to you "
            "at the base?",
            "Claimant: They put me in a hole in the ground, covered with a metal sheet. I stayed "
            "there nine days. I could not stand up or lie down, and in the day the metal became "
            "so hot that my skin came off where I touched it.",
        ),
        turns(
            "Caseworker: Can you tell me everything you saw in the cell?",
            "Claimant: There was a hook in the ceiling. They tied my wrists to it and I hung "
            "there for hours with my toes just touching the floor.",
        ),
        turns(
            "Caseworker: Did you witness or suffer any beatings in the prison?",
            "Claimant: Yes, many times.",
        ),
    ],
)
def test_harm_the_review_found_lost_is_found(text: str) -> None:
    assert disclosed_at(text) == [1]


@pytest.mark.parametrize(
    "said",
    [
        "By truck through the desert. The journey left us half-dead, we had no water.",
        "Yes, I had malaria. The fever left me half dead for a week.",
        "When we arrived on the island the Red Cross gave everyone an injection, a vaccine. If "
        "someone refused, they could not get on the bus to the camp.",
        "At the hospital they gave me painkillers. My brother held my arm because I was "
        "shaking, and they gave me an injection.",
        "In the reception centre the nurse gave all of us tablets for the lice. If you refused, "
        "you could not stay in the room.",
        "A doctor from the organisation gave me tablets for my stomach. He was kind. The guards "
        "held us in the camp but they let the doctors come in.",
        "In prison I saw them give another prisoner an injection. They gave him an injection and "
        "two guards held him down.",
    ],
)
def test_ordinary_talk_the_review_found_raised_stays_quiet(said: str) -> None:
    assert not find_harm(said, False, "")


_DEMONSTRATION = (
    "Caseworker: What happened at the demonstration?",
    "Claimant: The police beat me with batons.",
    "Caseworker: Thank you. When did you get married?",
    "Claimant: In 2015.",
    "Caseworker: Where did you live?",
    "Claimant: In my husband's family house in Herat.",
    "Caseworker: Did you work?",
    "Claimant: No, I stayed at home.",
    "Caseworker: How did your husband treat you?",
)


@pytest.mark.parametrize(
    "text",
    [
        turns(
            *_DEMONSTRATION,
            "Claimant: Badly. He hit me with a stick on my shoulder, it still clicks and hurts.",
        ),
        turns(
            "Caseworker: What happened to you?",
            "Claimant: Men from the militia stopped me on the road. They beat me and took my "
            "phone and my money.",
            "Caseworker: Where was this?",
            "Claimant: Near Kismayo.",
            "Caseworker: Were you harmed while you were in detention?",
            "Claimant: Yes, the guards beat me.",
        ),
        turns(
            "Caseworker: What happened to you?",
            "Claimant: My husband beat me and locked me out of the house.",
            "Caseworker: How often?",
            "Claimant: Many times.",
            "Caseworker: Were you harmed while you were in detention?",
            "Claimant: Yes, the guards beat me.",
        ),
    ],
)
def test_new_episodes_the_review_found_merged_stay_apart(text: str) -> None:
    assert len(disclosed_at(text)) == 2
