"""Harm told by its setting, its name among detainees or what it left; answers that come back to a
question; a release or a move that starts another episode; a community's harm that is not the
claimant's; recogniser text (rounds 16-18 of the blind measure, tests/analysis_blind/FIRST_RUNS.md,
and the review of them)."""

from __future__ import annotations

import pytest

from tests.analysis_helpers import disclosed_at


def told(said: str, asked: str = "What happened after your arrest?") -> list[int]:
    return disclosed_at(f"Caseworker: {asked}\nClaimant: {said}\n")


@pytest.mark.parametrize(
    "said",
    [
        "At the station there was the reception party for all the new ones, me too.",
        "Everyone knows what the soldiers do to girls at that checkpoint. They did it to me too.",
        "I spent a year in the prison at Kashimpur. I still cannot straighten my fingers.",
    ],
)
def test_harm_told_by_its_setting_is_a_disclosure(said: str) -> None:
    assert told(said) == [1]


@pytest.mark.parametrize(
    ("said", "asked"),
    [
        ("My cousin threw a welcome party for me when I arrived in Leeds.", "How was Leeds?"),
        (
            "Everyone knows what the soldiers do to girls at that checkpoint. My sister never "
            "went that way.",
            "Why did you avoid the checkpoint?",
        ),
        ("I spent a year in the prison. Since then I cannot sleep at night.", "What happened?"),
        ("The army attacked our area and burned us out, every house.", "What happened?"),
        ("A shell hit our street in 2016.", "What happened in 2016?"),
        ("He is in Ankara now. He still has the marks on his back.", "Where is your brother?"),
        ("In the camp the cold was terrible; we burned plastic to keep warm.", "And Calais?"),
    ],
)
def test_talk_of_places_and_others_stays_quiet(said: str, asked: str) -> None:
    assert told(said, asked) == []


def test_work_words_do_not_explain_away_harm_in_custody() -> None:
    assert told(
        "Only when I was held at the barracks. They hung me from the ceiling by my arms.",
        "Did you ever stop working at the garage and the workshop?",
    ) == [1]


def test_a_yes_to_being_there_is_not_a_disclosure_but_to_being_attacked_is() -> None:
    assert told("Yes.", "Were you at home when the militia attacked?") == []
    assert told("Yes.", "Were you at home when they attacked you?") == [1]


def test_an_answer_that_names_the_wound_says_yes() -> None:
    assert told("On my leg. A bullet.", "Were you injured?") == [1]


def test_a_late_yes_that_points_back_to_the_question_is_a_disclosure() -> None:
    assert disclosed_at(
        "Caseworker: Did the guards ever beat you?\n"
        "Claimant: I want to explain the work first.\n"
        "Caseworker: Go on.\n"
        "Claimant: We cut stone from six until dark.\n"
        "Caseworker: When did you leave?\n"
        "Claimant: In 2019.\n"
        "Caseworker: Anything else before we move on?\n"
        "Claimant: What you asked earlier about the guards. Yes, they did.\n"
    ) == [7]


def test_a_release_in_the_same_turn_starts_another_episode() -> None:
    assert disclosed_at(
        "Caseworker: What happened after the march?\n"
        "Claimant: They held me at the station for a week and beat me with a stick. After I was "
        "released I went to the capital, and there a militiaman raped me in my room.\n"
    ) == [1, 1]


def test_a_move_to_another_prison_starts_another_episode() -> None:
    assert disclosed_at(
        "Caseworker: What happened at the district office?\n"
        "Claimant: They beat me with sticks in the cell.\n"
        "Caseworker: I am sorry. What happened next?\n"
        "Claimant: After a month they moved me to the central prison.\n"
        "Caseworker: What happened to you there?\n"
        "Claimant: They burned my arms with cigarettes.\n"
    ) == [1, 5]


def test_the_interpreter_quoting_her_own_words_is_her_disclosure() -> None:
    assert disclosed_at(
        "Caseworker: Where were you taken?\n"
        "Interpreter: She says to the prison, and she says in her words: what they do to women "
        "in there, he did to me.\n"
    ) == [1]


def test_a_question_about_another_time_opens_another_episode() -> None:
    assert disclosed_at(
        "Caseworker: What happened at the police station in 2016?\n"
        "Claimant: They beat me with a stick on my legs.\n"
        "Caseworker: I am sorry. What about the time they stopped you on the road?\n"
        "Claimant: That was in 2018. Two men pulled me out of the car and kicked me in the "
        "stomach.\n"
    ) == [1, 3]


def test_harm_where_the_claimant_was_taken_next_is_another_episode() -> None:
    assert disclosed_at(
        "Caseworker: Were you hit at the checkpoint in Zalingei?\n"
        "Claimant: Yes, with a rifle.\n"
        "Caseworker: What happened after the checkpoint?\n"
        "Claimant: They kept me there two days and then they brought me to Nyala.\n"
        "Caseworker: How long were you in Nyala?\n"
        "Claimant: Three months, in a big hall with many people.\n"
        "Caseworker: How were you treated there?\n"
        "Claimant: They hung me by my wrists from the window bars.\n"
    ) == [1, 7]


def test_a_yes_told_on_in_the_same_turn_is_one_episode() -> None:
    assert disclosed_at(
        "Caseworker: Were you harmed during the second arrest?\n"
        "Claimant: Yes. This time was worse. They burned my arms with cigarettes.\n"
    ) == [1]


@pytest.mark.parametrize(
    "said",
    [
        "Everyone knows what they do to Yazidi girls in those houses. I do not want to say it.",
        "They beat both of us, my cousin and me, with pipes.",
        "Two weeks at the police station with very hospitable hosts, day and night. My nose is "
        "still crooked.",
    ],
)
def test_more_harm_told_by_its_setting(said: str) -> None:
    assert told(said) == [1]


@pytest.mark.parametrize(
    ("said", "asked"),
    [
        ("I was a guest of the security service for a week.", "What happened after the march?"),
        ("They wrote a false origin on the card to force us", "what does your card say"),
        (
            "He was held four days at the centre. When he came out his back and legs were black; "
            "they beat him in the corridor and walked on the men in the yard.",
            "Where was your brother taken?",
        ),
    ],
)
def test_more_talk_that_stays_quiet(said: str, asked: str) -> None:
    assert told(said, asked) == []


@pytest.mark.parametrize(
    ("said", "asked"),
    [
        (
            "yes in the autumn near the border the guards fired on us without warning i was shot "
            "in the leg",
            "did anything happen to you",
        ),
        (
            "the army took me for forced labour to carry ammunition and when i was slow the "
            "soldiers beat me with sticks",
            "did you have problems with the army before that",
        ),
        (
            "he took a knife and cut me on my arm and on my side he said next time it is my neck "
            "i have the scars here and later i went to the hospital and said it was glass",
            "what happened that night",
        ),
        (
            "One night the guards took me to the end of the corridor. They treated me like a "
            "woman.",
            "What happened during those weeks?",
        ),
        (
            "He kept me in his room after the guests left. What he did to me there I cannot say.",
            "What was your life like in his house?",
        ),
    ],
)
def test_recogniser_text_and_hard_words_are_heard(said: str, asked: str) -> None:
    assert told(said, asked) == [1]


@pytest.mark.parametrize(
    ("said", "asked"),
    [
        ("sometimes yes at night", "do you ever think about harming yourself"),
        (
            "In a match I hit the batsman with a bouncer and his whole team wanted to kill me!",
            "What did you do in your free time?",
        ),
        ("When they attacked our mosques in 2010, my cousin was killed.", "Why did you leave?"),
    ],
)
def test_questions_of_risk_sport_and_a_communitys_harm_stay_quiet(said: str, asked: str) -> None:
    assert told(said, asked) == []


def test_worse_than_the_first_time_is_another_episode() -> None:
    assert disclosed_at(
        "Caseworker: What happened at the camp?\n"
        "Claimant: They beat me with a hose.\n"
        "Caseworker: Is there anything else you want to tell me?\n"
        "Claimant: They did things to me I cannot say. It was worse than the first time.\n"
    ) == [1, 3]


@pytest.mark.parametrize(
    ("said", "asked"),
    [
        ("I never said I was tortured.", "What did you tell the police?"),
        ("I was in prison for two years. I still cannot see my children.", "How is your family?"),
        ("You know what they do to girls there. My mother warned me too.", "Why not that road?"),
        (
            "I worked as an electrician in the basement of a bank branch. I got a bad electric "
            "shock from the wiring.",
            "What work did you do?",
        ),
        ("On the side of the road, near the market.", "Were you injured?"),
    ],
)
def test_what_the_review_found_stays_quiet(said: str, asked: str) -> None:
    assert told(said, asked) == []


def test_sleep_kept_from_the_claimant_is_harm_though_they_were_not_hit() -> None:
    assert told("They kept me standing for three days without sleep, but they did not hit me.") == [
        1
    ]


def test_getting_out_of_a_car_is_not_another_episode() -> None:
    assert told(
        "They stopped me at the checkpoint and beat me with rifles. After I got out of the car "
        "they kicked me."
    ) == [1]


def test_a_yes_then_a_later_arrest_in_the_same_turn_is_two_episodes() -> None:
    assert told(
        "Yes. Three years later they arrested me again and whipped me in the cell.",
        "Were you beaten at the checkpoint in 2016?",
    ) == [1, 1]


def test_a_late_yes_about_something_else_is_not_a_disclosure() -> None:
    assert (
        disclosed_at(
            "Caseworker: Did the police ever beat you?\n"
            "Claimant: No.\n"
            "Caseworker: Tell me about your family.\n"
            "Claimant: What you asked before about my father, yes, he was a soldier.\n"
        )
        == []
    )


def test_being_forced_to_harm_yourself_is_harm() -> None:
    assert told("Yes.", "Did they force you to harm yourself?") == [1]
