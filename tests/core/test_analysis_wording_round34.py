"""Round 34 of the analysis: wording and episodes first met in sets ZZZZD-ZZZZE (session 20).

A hand held on a gas burner; "they burned you on the back ... They did this to me twice";
"her brother Adam ... one of the soldiers hit her" is the claimant, not Adam. Quiet: "I fell
too and broke my arm" after an accident the speaker caused; "It was like burning my own life";
a family that "stayed in the basement" during a battle; another man's lashing told in the next
sentence. Episodes: "her head hurts where she was hit" is a trace; "Were you injured?" after
the harm asks about it when the answer names its means; "they whipped me, I told you" points
back. A review of the first version found eight faults (below), seven mended.
"""

from __future__ import annotations

import pytest

from companion.analysis import cues
from companion.analysis.harm import find_harm
from tests.analysis_helpers import disclosed_at, turns


@pytest.mark.parametrize(
    ("said", "third_person"),
    [
        (
            "In the night four of them held me down and pressed my hand on the gas burner in "
            "the kitchen.",
            False,
        ),
        (
            "In the warehouse they phoned your family and while they listened they burned you "
            "with a hot bar. They did this to me three times.",
            False,
        ),
        (
            "She says her brother Musa was at home. They took her brother, and when she "
            "screamed one of the soldiers hit her with a whip.",
            True,
        ),
    ],
)
def test_round_34_harm_is_found(said: str, third_person: bool) -> None:
    assert find_harm(said, third_person, "")


@pytest.mark.parametrize(
    ("said", "third_person"),
    [
        (
            "I had an accident with the motorbike. It was my fault, I was going too fast. I fell "
            "too and broke my arm.",
            False,
        ),
        ("I burned all my certificates in the oven. It was like burning my own life.", False),
        (
            "During the siege we stayed in the basement for a month with two other families, "
            "with very little food.",
            False,
        ),
        (
            "Not me. A shopkeeper was flogged because they found cigarettes in his shop, and they "
            "made us watch. Another man from our street was thrown from a roof.",
            False,
        ),
    ],
)
def test_round_34_ordinary_talk_and_harm_to_others_stay_quiet(
    said: str, third_person: bool
) -> None:
    assert not find_harm(said, third_person, "")


@pytest.mark.parametrize(
    ("said", "blow"),
    [
        ("She says her head often hurts where she was hit, and she forgets things.", "was hit"),
        ("My back aches where they whipped me.", "whipped"),
    ],
)
def test_pain_where_the_claimant_was_hit_is_a_trace(said: str, blow: str) -> None:
    assert cues.hurts_where(said, said.index(blow))


def test_new_harm_told_with_its_pain_is_not_a_trace() -> None:
    said = "In Libya the smugglers whipped me with cables, my back hurts where they hit me."
    assert not cues.hurts_where(said, said.index("whipped"))


def test_injuries_asked_after_the_harm_are_of_it() -> None:
    text = turns(
        "Caseworker: Did they tie you up?",
        "Claimant: Yes. They tied my arms behind my back with a rope and left me tied to a tree "
        "in the sun until the next evening.",
        "Caseworker: Thank you for telling me. Do you know who any of these men were?",
        "Claimant: They wore hunters' clothes and carried guns. One of them I had seen before "
        "at the market in Bankass; he sold fuel.",
        "Caseworker: How did you get away?",
        "Claimant: An old Dogon man I knew from the market came and talked to them. In the "
        'evening they cut the rope and said, "Go and tell your brothers." I walked all night.',
        "Caseworker: Were you injured?",
        "Claimant: The rope cut my wrists. Only the marks remain now.",
    )
    assert disclosed_at(text) == [1]


def test_harm_told_again_with_i_told_you_is_the_same_episode() -> None:
    text = turns(
        "Caseworker: What happened in the camp?",
        "Claimant: They wanted me to fight. When I refused they whipped me thirty times.",
        "Caseworker: How did you get out?",
        "Claimant: The army came and took us to Maiduguri, to the government camp.",
        "Caseworker: What did you do there?",
        "Claimant: I cooked for the women.",
        "Caseworker: Can you see why someone might doubt that you never fought for them?",
        "Claimant: I understand. But many of us were like this. I refused and they whipped me, "
        "I told you.",
    )
    assert disclosed_at(text) == [1]


# -- found by the review of the change (each failed on its first version) ------------------


@pytest.mark.parametrize(
    "said",
    [
        "They heated an iron bar in the fire. One of the guards was pressing it on my back.",
        "They filled a barrel with cold water. One guard was pushing my head into it.",
        "I was raped at the checkpoint. Afterwards we hid in the forest for days.",
        "We were hiding in the house when I was shot in the leg.",
        "They tied my hands and whipped me in front of the whole class.",
    ],
)
def test_harm_the_review_found_lost_is_found(said: str) -> None:
    assert find_harm(said, False, "")


def test_harm_to_others_with_the_claimant_spared_stays_quiet() -> None:
    said = "They beat you there for nothing. Thank God, nothing like that was done to me."
    assert not find_harm(said, False, "")


_RELEASED = (
    "Caseworker: What happened when you were arrested in 2015?",
    "Claimant: The police beat me with batons at the station for two days.",
    "Caseworker: When were you released?",
    "Claimant: After two days my uncle paid them.",
    "Caseworker: Where did you go then?",
)


@pytest.mark.parametrize(
    "text",
    [
        turns(
            *_RELEASED,
            "Claimant: I went to Port Sudan and worked at the harbour. One day there was a "
            "fight with the harbour guards.",
            "Caseworker: Were you injured?",
            "Claimant: Yes, the soldiers hit me with a rifle butt and broke my arm.",
        ),
        turns(
            *_RELEASED,
            "Claimant: I travelled to Libya and worked on a farm for a year.",
            "Caseworker: What happened there?",
            "Claimant: His sons beat me with a hose pipe when I asked for my money, I told you "
            "he never paid us.",
        ),
    ],
)
def test_new_episodes_the_review_found_merged_stay_apart(text: str) -> None:
    assert disclosed_at(text) == [1, 7]
