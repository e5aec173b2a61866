"""Round 31 of the analysis: wording and episodes first met in sets ZZZX-ZZZY (session 19).

Harm by other kin than the episode's doer is another episode; "they did the same as Jasim" is
harm of the kind Jasim's episode was; a refusal ("you will not take my daughter") does not make
"her" the daughter; a truck that hit the taxi is an accident; a bullet still in the thigh stays
harm though the doctors could not take it out; a hand inside the clothes; an instrument named
alone, then where on the body it was used. A review of the first version found nine faults
(below); "what they did with all the girls, he did with me" was taken back with them (its "with"
read a factory job and a bus to a camp as sexual violence).
"""

from __future__ import annotations

import pytest

from companion.analysis.harm import find_harm
from tests.analysis_helpers import disclosed_at


def test_harm_by_other_kin_than_the_episodes_doer_is_another_episode() -> None:
    """From set ZZZY: a husband's beatings, then years later her brother's in her father's
    house."""
    text = (
        "Caseworker: Where did you live after the marriage?\n\n"
        "Claimant: In his house in Koya, with his mother.\n\n"
        "Caseworker: Did your husband hit you?\n\n"
        "Claimant: Yes.\n\n"
        "Caseworker: How often?\n\n"
        "Claimant: When he was angry. With his hands and his belt, many times a month.\n\n"
        "Caseworker: Did you go to the police?\n\n"
        "Claimant: No. A woman does not go to the police against her husband.\n\n"
        "Caseworker: What years were you married?\n\n"
        "Claimant: From 2010 until I left in 2020.\n\n"
        "Caseworker: Why did you leave in 2020?\n\n"
        "Claimant: I went to my family's house and I told my father I want a divorce. My "
        "younger brother Karwan said I have shamed us. Karwan beat me with a stick on my legs "
        "and said a divorced woman is better dead.\n"
    )
    assert disclosed_at(text) == [3, 11]


def test_more_from_the_same_kin_stays_in_the_episode() -> None:
    text = (
        "Caseworker: Did your husband hit you?\n\n"
        "Claimant: Yes.\n\n"
        "Caseworker: How often?\n\n"
        "Claimant: Every week.\n\n"
        "Caseworker: Did you go to the police?\n\n"
        "Claimant: No.\n\n"
        "Caseworker: Did he hurt you in any other way?\n\n"
        "Claimant: My husband also burned my arm with the iron once.\n"
    )
    assert disclosed_at(text) == [1]


def test_harm_told_as_the_same_as_an_earlier_doer_did_is_a_new_episode() -> None:
    """From set ZZZY (the ASR form): a forced marriage to her cousin Jasim, then a smuggler
    and his friend in Van "did the same as Jasim"."""
    text = (
        "Caseworker: can you tell me about your marriage\n\n"
        "Claimant: i was fifteen my father gave me to my cousin jasim he was thirty\n\n"
        "Caseworker: how was the marriage\n\n"
        "Claimant: from the first night he did things to me that i did not want and when i "
        "said no he hit me with his belt on my back\n\n"
        "Caseworker: do you have children\n\n"
        "Claimant: two daughters\n\n"
        "Caseworker: how did you leave iran\n\n"
        "Claimant: my friend knew a smuggler i went with him to the border and then to van\n\n"
        "Caseworker: what happened in van\n\n"
        "Claimant: the smuggler kept me in a house for ten days there was another man his "
        "friend [long pause] they did the same as jasim i cant say it [crying]\n"
    )
    assert disclosed_at(text) == [3, 9]


def test_the_same_as_somewhere_is_not_the_same_as_someone() -> None:
    text = (
        "Caseworker: What happened to you in Libya?\n\n"
        "Claimant: The guards beat me with pipes every day.\n\n"
        "Caseworker: And in Italy, in the camp?\n\n"
        "Claimant: No one hurt me there. They do the same things as in Libya, the count in "
        "the morning and the food at noon.\n"
    )
    assert disclosed_at(text) == [1]


@pytest.mark.parametrize(
    ("said", "third_person", "context"),
    [
        (
            'She says in one raid she stood in the doorway and said "you took one son, you will '
            'not take my daughter". A policeman struck her on the arm with his baton.',
            True,
            "",
        ),
        (
            "You see how I walk. The bullet is still inside my thigh, the doctors said it is too "
            "near the nerve to take out.",
            False,
            "Has anything happened to you while working?",
        ),
        (
            "He put his hand inside my clothes and touched me everywhere, between my legs.",
            False,
            "",
        ),
        ("Cables. On the back. And the feet.", False, "Can you tell me what they did?"),
        ("Cigarettes. On my arms.", False, "What did they do to you?"),
    ],
)
def test_round_31_harm_is_found(said: str, third_person: bool, context: str) -> None:
    assert find_harm(said, third_person, context)


@pytest.mark.parametrize(
    ("said", "third_person", "context"),
    [
        (
            "A car accident, in 2011. I was in a taxi going to work, and a truck came out of a "
            "side road and hit us. The driver died.",
            False,
            "",
        ),
        ("We were crossing the road when a bus came round the corner and hit us.", False, ""),
        ('She says they took her son. She says "they will not take my daughter too".', True, ""),
        ("Sticks. We had to carry sticks for the fire.", False, "Can you tell me what they did?"),
        ("The nurse touched me everywhere to look for broken bones.", False, ""),
        ("The bullet hit the wall and the doctors came out of the clinic to see.", False, ""),
    ],
)
def test_round_31_ordinary_talk_stays_quiet(said: str, third_person: bool, context: str) -> None:
    assert not find_harm(said, third_person, context)


@pytest.mark.parametrize(
    "said",
    [
        "They put me in a car and beat me.",
        "The car stopped and they hit us with sticks.",
        "The truck stopped. The soldiers got out and hit us.",
    ],
)
def test_harm_by_people_with_a_vehicle_is_still_harm(said: str) -> None:
    assert find_harm(said, False, "")


# -- found by the review of the change (each failed on its first version) ------------------


@pytest.mark.parametrize(
    ("said", "third_person", "context"),
    [
        (
            "A taxi took me to a flat outside the city and I was raped there for three days.",
            False,
            "",
        ),
        ("The bus stopped at a checkpoint and I was beaten with a rifle butt.", False, ""),
        ("We were running. Then a pickup came and I was shot in the leg.", False, ""),
        (
            "A car stopped beside me, three masked guys jumped out and beat me with sticks.",
            False,
            "",
        ),
        ("Sticks and belts. On the back and the legs.", False, "What did they do to you?"),
    ],
)
def test_harm_the_review_found_lost_is_found(said: str, third_person: bool, context: str) -> None:
    assert find_harm(said, third_person, context)


@pytest.mark.parametrize(
    ("said", "third_person", "context"),
    [
        (
            "She says the soldiers did not just beat her daughter. They raped her in front of "
            "everyone.",
            True,
            "",
        ),
        (
            "The electricity. They cut the electricity and the water for a week.",
            False,
            "The authorities punished your neighbourhood. Can you tell me what they did?",
        ),
        (
            "Pipes. I had to carry pipes on my back all day.",
            False,
            "What did they do to you at the work camp?",
        ),
        (
            "At every checkpoint I put my hand inside my clothes to check the money was there.",
            False,
            "",
        ),
        ("My little boy touched me everywhere looking for sweets.", False, ""),
        (
            "I don't know what they did with the women and children, they were taken by bus to "
            "another camp. When the officers were done with me they gave me back my phone.",
            False,
            "",
        ),
        (
            "I saw what they did with all the girls, they put them on a bus to the factory. They "
            "did the same with me, I worked there two years.",
            False,
            "",
        ),
        (
            "At my cousin's wedding the men fired in the air, a stray bullet hit my arm and the "
            "doctors operated to take it out.",
            False,
            "",
        ),
        (
            "My brother's friend was cleaning his gun, the bullet went into my foot and the "
            "doctors operated.",
            False,
            "",
        ),
    ],
)
def test_ordinary_talk_the_review_found_raised_stays_quiet(
    said: str, third_person: bool, context: str
) -> None:
    assert not find_harm(said, third_person, context)


_ARREST_2018 = (
    "Caseworker: What happened in 2018?\n\n"
    "Claimant: The police arrested me at a market and beat me with sticks at the station.\n\n"
    "Caseworker: Where did you live after that?\n\n"
    "Claimant: In Erbil, with my aunt, near the bazaar.\n\n"
    "Caseworker: Did you work there?\n\n"
    "Claimant: I worked in a bakery for about a year.\n\n"
    "Caseworker: Did you go to school?\n\n"
    "Claimant: Only until grade six.\n\n"
    "Caseworker: What did you do then?\n\n"
)


@pytest.mark.parametrize(
    "answer",
    [
        "I did the same as a lot of people in my town, I sold my shop and went to Turkey.",
        "He does the same as his father, he is a teacher.",
        "I did the same as you said on the phone, I went to the doctor.",
        "I did the same as the others, I walked at night to the border.",
        "My brother did the same as well, he left in 2020.",
    ],
)
def test_doing_the_same_as_someone_is_not_harm(answer: str) -> None:
    assert disclosed_at(f"{_ARREST_2018}Claimant: {answer}\n") == [1]


_JASIM = (
    "Caseworker: Tell me about your marriage.\n\n"
    "Claimant: My father gave me to my cousin Jasim when I was fifteen. Jasim forced me every "
    "night and beat me.\n\n"
    "Caseworker: I'm sorry. Where did you live?\n\n"
    "Claimant: In his house in Basra.\n\n"
    "Caseworker: Did you have children?\n\n"
    "Claimant: No.\n\n"
    "Caseworker: Did you work?\n\n"
    "Claimant: No, he did not allow it.\n\n"
    "Caseworker: Tell me about Karim, the man who helped you leave.\n\n"
)


@pytest.mark.parametrize(
    "answer",
    [
        "No. Karim was kind. He did not do the same as Jasim.",
        "He did the same as Jasim to my sister, not to me.",
    ],
)
def test_not_the_same_or_to_someone_else_is_not_harm_to_the_claimant(answer: str) -> None:
    assert disclosed_at(f"{_JASIM}Claimant: {answer}\n") == [1]


def test_the_husband_told_first_as_a_cousin_is_the_same_doer() -> None:
    text = (
        "Caseworker: Who is Jasim?\n\n"
        "Claimant: My father gave me to my cousin Jasim when I was fifteen. Jasim beat me.\n\n"
        "Caseworker: What did he hit you with?\n\n"
        "Claimant: With his hands, and sometimes with a cable.\n\n"
        "Caseworker: Where on your body?\n\n"
        "Claimant: On my back and my legs. He hit me so I could not walk.\n\n"
        "Caseworker: Were you injured?\n\n"
        "Claimant: Yes, I had bruises and once a broken tooth.\n\n"
        "Caseworker: What happened the last time?\n\n"
        "Claimant: It was at night. My husband hit me with the cable until I fainted.\n"
    )
    assert disclosed_at(text) == [1]
