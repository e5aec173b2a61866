"""Round 30 of the analysis: wording and episodes first met in the folded blind sets and in
sets ZZZV-ZZZW (session 18).

A "yes" to a question naming a new doer is a new episode; a weapon is not sport; a blindfold,
tied hands or a hood at an arrest is not torture unless it took the breath; threats reported
with "would be" or "or" are not harm done; "our whole quarter" is a place; a described milder
harm said in the same breath not to have been harm is dropped; a detention that left the
claimant unable to stand is harm; a question after whole-sentence lead-ins is found; an answer
that goes back to the episode's place stays in it; relatives who open a clause did the harm;
the time and place told just before the question that drew a disclosure are its own.
"""

from __future__ import annotations

import pytest

from companion.analysis.analyser import analyse
from companion.analysis.harm import find_harm
from companion.transcript.parse import parse_transcript_text
from tests.analysis_helpers import disclosed_at


def _followups(text: str) -> list[dict[str, bool]]:
    result = analyse(parse_transcript_text(text).segments)
    return [d["followups"] for d in result["disclosures"]]


def test_a_yes_to_harm_by_a_new_doer_is_a_new_episode() -> None:
    """From set ZZZT: harm by Boko Haram in the forest, then months later in the army's
    barracks, "Were you mistreated by the soldiers?" "He says yes." is another episode."""
    text = (
        "Caseworker: What happened to you?\n\n"
        "Interpreter: He says they took him with other boys. They kept them in the Sambisa "
        "forest.\n\n"
        "Caseworker: What was life like for you in the forest?\n\n"
        "Interpreter: He says they made the boys carry food and dig holes. If a boy was slow they "
        "beat him with a stick until he fell down. He says he was beaten like this many times, "
        "on his back and his head.\n\n"
        "Caseworker: Thank you for telling me that. How long were you held by Boko Haram?\n\n"
        "Interpreter: He says almost two years.\n\n"
        "Caseworker: How did you get away?\n\n"
        "Interpreter: He says the army attacked the camp. He ran with two other boys. They "
        "walked for four days until they reached Bama.\n\n"
        "Caseworker: What happened in Bama?\n\n"
        "Interpreter: He says the soldiers took all the boys who came out of the forest. They "
        "took them to the barracks in Maiduguri, Giwa barracks.\n\n"
        "Caseworker: How long were you in Giwa barracks?\n\n"
        "Interpreter: He says about eight months. The cell was full, more than one hundred "
        "people. Many died there from sickness.\n\n"
        "Caseworker: Were you mistreated by the soldiers?\n\n"
        "Interpreter: He says yes.\n"
    )
    assert disclosed_at(text) == [3, 13]


def test_a_question_about_who_did_the_told_harm_stays_in_the_episode() -> None:
    text = (
        "Caseworker: What happened at the compound?\n\n"
        "Claimant: Two of the young ones hit me with the back of their rifles on my back.\n\n"
        "Caseworker: I am sorry. How long were you there?\n\n"
        "Claimant: Three days.\n\n"
        "Caseworker: What did you do then?\n\n"
        "Claimant: I went to my uncle in Kabul.\n\n"
        "Caseworker: Were the men who hit you Taliban fighters under Mullah Sadiq?\n\n"
        "Claimant: Yes, his men.\n"
    )
    assert disclosed_at(text) == [1]


def test_a_beating_with_a_bat_near_a_football_pitch_is_not_sport() -> None:
    said = (
        "four of them caught me behind the football pitch and they beat me with a bat and "
        "with stones on the head"
    )
    assert find_harm(said, False, "what happened when you said no")


@pytest.mark.parametrize(
    ("said", "third_person"),
    [
        ("He says at night he did with me what he wanted.", True),
        ("They did bad things to me in that room, every night.", False),
        ("At the border one of them bent my finger back until it broke.", False),
        ("They put a plastic bag over my head until I could not breathe.", False),
        ("They put a cloth over my face and poured water until I choked.", False),
        ("They burned my whole body with cigarettes.", False),
    ],
)
def test_round_30_harm_is_found(said: str, third_person: bool) -> None:
    assert find_harm(said, third_person, "What happened to you there?")


@pytest.mark.parametrize(
    ("said", "third_person"),
    [
        (
            "He says he went out to buy kerosene. A white van stopped, men pulled him inside and "
            "tied his own sarong cloth over his eyes.",
            True,
        ),
        (
            "He says they put a cloth over his eyes, tied his hands with his own belt and put him "
            "in a room next to the checkpoint.",
            True,
        ),
        ("They put a bag on my head in the car.", False),
        ("He was shouting, he hit the table, he said I would be hanged as an apostate.", False),
        ("They will send me away again or hurt me.", False),
        ("Then soldiers came back and burned our whole quarter.", False),
        ("I saw videos of the protests and a photo of her cutting her hair.", False),
    ],
)
def test_round_30_ordinary_talk_stays_quiet(said: str, third_person: bool) -> None:
    assert find_harm(said, third_person, "What happened then?") == []


def test_conditions_said_to_be_without_harm_are_not_a_disclosure() -> None:
    said = (
        "The cell was for eight people and held eighteen, there was no mattress, the toilet was "
        "a hole in the corner, and the light was on day and night. But he was not physically "
        "harmed."
    )
    assert find_harm(said, True, "What was the cell like?") == []


def test_standing_during_a_search_said_not_to_be_harm_stays_quiet() -> None:
    said = (
        "They kept me standing against the wall in the yard while they searched. They did not "
        "hit me."
    )
    assert find_harm(said, False, "Was your home searched?") == []


def test_standing_for_days_without_sleep_is_harm_though_they_did_not_hit() -> None:
    said = "They kept me standing for three days without sleep. They did not hit me."
    assert find_harm(said, False, "What happened at the station?")


def test_held_and_let_out_unable_to_stand_is_harm() -> None:
    text = (
        "Caseworker: Did they ever detain you?\n\n"
        "Claimant: In Ramadan 2021 they took me from the mosque. Three days they kept me "
        "downstairs in the district department. When they let me out I could not stand up "
        "straight, my brother carried me to the taxi. For a month I could not lie on my back.\n"
    )
    assert disclosed_at(text) == [1]


def test_a_colleague_held_and_hurt_is_not_the_claimant() -> None:
    text = (
        "Caseworker: Was anyone else arrested?\n\n"
        "Claimant: My colleague Azamat was arrested at the same time. He was kept two days and "
        "when he came out he could not walk properly for a week.\n"
    )
    assert disclosed_at(text) == []


def test_a_closed_question_after_whole_sentence_lead_ins_is_found() -> None:
    text = (
        "Caseworker: What happened after you refused?\n\n"
        "Claimant: In June 2019 they took me from the garage. Three days they kept me. "
        "Something happened there. I do not want to say it.\n\n"
        "Caseworker: I understand, and you don't have to describe it. I'll ask one question, "
        "and you can just say yes or no if that is easier. Were you hurt while they held you?\n\n"
        "Claimant: Yes.\n"
    )
    assert disclosed_at(text) == [3]


def test_torture_in_any_other_way_is_more_of_the_same_episode() -> None:
    text = (
        "Caseworker: Were you beaten while you were held in the NISS office?\n\n"
        "Claimant: Yes.\n\n"
        "Caseworker: Who beat you?\n\n"
        "Claimant: The officers, with hoses.\n\n"
        "Caseworker: How many days were you there?\n\n"
        "Claimant: Eleven days.\n\n"
        "Caseworker: What did you eat?\n\n"
        "Claimant: Bread, once a day.\n\n"
        "Caseworker: I need a yes or no answer for the record. Were you tortured in any other "
        "way?\n\n"
        "Claimant: They put my head in a barrel of water.\n"
    )
    assert disclosed_at(text) == [1]


def test_going_back_to_the_episodes_place_stays_in_the_episode() -> None:
    text = (
        "Caseworker: What happened after you refused?\n\n"
        "Claimant: In June 2019 the FSB took me from the garage and kept me three days.\n\n"
        "Caseworker: Were you hurt while they held you?\n\n"
        "Claimant: Yes.\n\n"
        "Caseworker: Do you know where you were held?\n\n"
        "Claimant: In Simferopol, I think. We went down many stairs, it was a basement.\n\n"
        "Caseworker: How did you leave Crimea?\n\n"
        "Claimant: In August I flew to Moscow and the same day to Istanbul.\n\n"
        "Caseworker: Why did you stay in Turkey?\n\n"
        "Claimant: There is a big Crimean Tatar community in Istanbul, they helped me.\n\n"
        "Caseworker: Where is your family now?\n\n"
        "Claimant: My wife and children are in the village.\n\n"
        "Caseworker: Is there anything else you would like to tell me?\n\n"
        "Claimant: Only one thing about the basement. They used the electricity on me.\n"
    )
    assert disclosed_at(text) == [3]


def test_relatives_who_open_a_clause_did_the_harm_to_the_claimant() -> None:
    text = (
        "Caseworker: What happened when your father collected you?\n\n"
        "Interpreter: He says that same evening, at home, his father and his two brothers "
        "locked the door and beat him with a belt and kicked him.\n"
    )
    assert disclosed_at(text) == [1]


def test_the_time_told_just_before_the_question_belongs_to_the_episode() -> None:
    text = (
        "Caseworker: Tell me about the day you left Nyala.\n\n"
        "Claimant: It was in May 2023. At the exit of the town the RSF had a checkpoint. They "
        "made all the men get down.\n\n"
        "Caseworker: Did the RSF soldiers at the checkpoint beat you?\n\n"
        "Claimant: Yes, and they took my phone.\n"
    )
    assert _followups(text)[0]["when"] is True


def test_a_time_told_before_an_unrelated_question_is_not_borrowed() -> None:
    text = (
        "Caseworker: When did you finish school?\n\n"
        "Claimant: In May 2015, in Nyala.\n\n"
        "Caseworker: Were you ever beaten by the police?\n\n"
        "Claimant: Yes, many times.\n"
    )
    assert _followups(text)[0]["when"] is False


def test_harm_to_a_group_is_the_claimants_when_asked_how_they_were_treated() -> None:
    text = (
        "Caseworker: How were you treated in the warehouse?\n\n"
        "Interpreter: He says the guards beat them with plastic hoses every day while the "
        "families were on the phone. He was there five months.\n"
    )
    assert disclosed_at(text) == [1]


def test_others_hit_but_not_the_claimant_stays_quiet() -> None:
    text = (
        "Caseworker: What happened to you in the custody?\n\n"
        "Claimant: Honestly, they did not beat me. Some of the others in the cell said they "
        "were hit in the bus, but me, no. They gave us bread and cheese.\n"
    )
    assert disclosed_at(text) == []


# What the round's review found (a helper that read only the change, each fault reproduced).


@pytest.mark.parametrize(
    ("asked", "said"),
    [
        ("What did they do to you?", "Nothing. My brothers were there and they beat them."),
        ("How did they treat you?", "They were fine with me. The new prisoners, they beat them."),
        (
            "What happened to you at the checkpoint?",
            "My parents were with me. They beat them in front of me.",
        ),
        (
            "What happened after your arrest?",
            "They held me for two days. Later, in 2019, I broke my leg playing football and I "
            "could not walk for three weeks.",
        ),
        ("What happened in prison?", "In prison I got malaria and I could not stand for days."),
        ("What happened when you fell?", "When I fell I bent my wrist back until it broke."),
        ("What happened then?", "I read the Gospel and something changed inside me."),
    ],
)
def test_round_30_review_ordinary_talk_stays_quiet(asked: str, said: str) -> None:
    assert disclosed_at(f"Caseworker: {asked}\n\nClaimant: {said}\n") == []


@pytest.mark.parametrize(
    "said",
    [
        "They kept me standing for twenty hours. They did not hit me.",
        "They kept us in a cell for a month with no food and no water. I was not really hurt, "
        "but I was very weak.",
        "He struck the pipe on my head.",
        "They put a bag on my head. I could not breathe.",
        "They put the bag over my head, it was so tight I nearly suffocated.",
        "Some men caught me near the stadium and beat me with a bat.",
        "The boys at the football pitch beat me with a bat because I am gay.",
        "Soldiers beat me at the checkpoint.",
        "In the car he bent my arm behind my back until it cracked.",
    ],
)
def test_round_30_review_harm_is_found(said: str) -> None:
    assert find_harm(said, False, "What happened to you?")


def test_forcing_the_head_back_into_water_stays_torture() -> None:
    found = find_harm("He forced my head back until I swallowed the water.", False, "")
    assert [m.category for m in found] == ["torture"]


def test_a_report_question_after_a_lead_in_asks_about_no_harm() -> None:
    text = (
        "Caseworker: What happened to your brother?\n\n"
        "Claimant: In 2019 the police beat my brother in the market.\n\n"
        "Caseworker: I need a yes or no answer. Did you report the beating to the police?\n\n"
        "Claimant: Yes.\n"
    )
    assert disclosed_at(text) == []


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("Were you beaten by the police?", "Yes, they were police."),
        ("Did the police beat you?", "Yes, it was them."),
    ],
)
def test_a_question_naming_who_the_unnamed_men_were_stays_in_the_episode(
    question: str, answer: str
) -> None:
    text = (
        "Caseworker: What happened in 2019?\n\n"
        "Claimant: In 2019 some men came to my house at night and beat me with sticks.\n\n"
        "Caseworker: How many were there?\n\n"
        "Claimant: Four.\n\n"
        f"Caseworker: {question}\n\n"
        f"Claimant: {answer}\n"
    )
    assert disclosed_at(text) == [1]


_LATER_TALK = (
    "Caseworker: What happened in your village?\n\n"
    "Claimant: In 2016 the soldiers came to the prison and beat me with their rifles.\n\n"
    "Caseworker: How did you leave the country?\n\n"
    "Claimant: I went to Sudan by bus.\n\n"
    "Caseworker: How long did you stay in Sudan?\n\n"
    "Claimant: One year. I worked in a restaurant.\n\n"
    "Caseworker: Where did you go after Sudan?\n\n"
    "Claimant: To Libya, then Italy.\n\n"
)


@pytest.mark.parametrize(
    "later",
    [
        "Caseworker: Were you harmed in any other way as a child?\n\nClaimant: Yes.\n",
        "Caseworker: Is there anything else you want to tell me?\n\n"
        "Claimant: Yes, about that prison. My stepfather burned my hand with a hot iron when I "
        "was ten.\n",
    ],
)
def test_another_time_or_doer_after_a_pointer_back_is_another_episode(later: str) -> None:
    assert disclosed_at(_LATER_TALK + later) == [1, 9]


def test_a_relative_pronoun_that_does_not_point_at_the_turn_before() -> None:
    text = (
        "Caseworker: Tell me about your life in Sudan.\n\n"
        "Claimant: I lived in Omdurman with my mother until 2019.\n\n"
        "Caseworker: Is there anything else that happened to you?\n\n"
        "Claimant: Yes, the police beat me.\n"
    )
    assert _followups(text)[0]["when"] is False


def test_a_hood_for_the_ride_is_quiet_a_hood_kept_on_for_days_is_harm() -> None:
    """After the review: "hood over" alone was deprivation in a detention, so a hood put on
    for the ride to the prison raised a prompt; a hood kept on for days still does."""
    assert find_harm("They put a hood over my head and drove me to the prison.", False, "") == []
    assert find_harm("In the cell they kept a hood over my head for five days.", False, "")
