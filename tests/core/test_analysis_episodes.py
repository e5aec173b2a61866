"""Separate episodes told the way people tell them, and harm described in words the rules had not
heard (round 19 of the blind measure, tests/analysis_blind/FIRST_RUNS.md). Every wording here is
this file's own, not a blind set's."""

from __future__ import annotations

import pytest

from companion.analysis.analyser import analyse
from companion.transcript import parse_transcript_text
from tests.analysis_helpers import disclosed_at


def told(said: str, asked: str = "What happened then?") -> list[int]:
    return disclosed_at(f"Caseworker: {asked}\nClaimant: {said}\n")


def test_harm_in_custody_after_an_arrest_that_followed_a_beating_is_another_episode() -> None:
    # The arrest is told after the street beating, so the beating was not in custody.
    assert disclosed_at(
        "Caseworker: Why did you leave?\n"
        "Claimant: In 2019 neighbours accused me of insulting the Prophet. That night a crowd "
        "pulled me out of my house and beat me with sticks. Then the police came and took me.\n"
        "Caseworker: What was the charge?\n"
        "Claimant: Blasphemy.\n"
        "Caseworker: How long were you in custody?\n"
        "Claimant: Nine days at the police station in Sargodha. The inspector hung me by my "
        "wrists from the window bars.\n"
    ) == [1, 5]


def test_what_happened_after_the_beating_asks_about_what_came_next() -> None:
    assert disclosed_at(
        "Caseworker: What happened at the market?\n"
        "Claimant: Five men surrounded me and beat me until I could not stand.\n"
        "Caseworker: Who were they?\n"
        "Claimant: Boys from the youth wing of the ruling party.\n"
        "Caseworker: What happened after the beating?\n"
        "Claimant: They followed me home and in the night two of them raped me.\n"
    ) == [1, 5]


def test_harm_told_by_age_then_harm_told_by_year_are_two_episodes() -> None:
    assert disclosed_at(
        "Caseworker: Tell me about your family.\n"
        "Claimant: My uncle raised me. When I was twelve he burned my leg with a hot pan because "
        "I lost a goat. In 2016 I started work in the city.\n"
        "Caseworker: And your uncle?\n"
        "Claimant: In March 2021 he found me in the city and beat me with a cable.\n"
    ) == [1, 3]


def test_a_question_about_a_new_place_opens_another_episode_soon_after() -> None:
    assert disclosed_at(
        "Caseworker: What happened at the border?\n"
        "Claimant: The guards beat me with their rifles.\n"
        "Caseworker: How long were you there?\n"
        "Claimant: Two days.\n"
        "Caseworker: What happened in Tripoli?\n"
        "Claimant: The smugglers whipped me with a hose until my family paid.\n"
    ) == [1, 5]


def test_an_arrest_told_after_a_question_about_leaving_begins_another_episode() -> None:
    assert disclosed_at(
        "Caseworker: What happened at the training camp?\n"
        "Claimant: The officers tied my hands behind my back and left me in the sun all day.\n"
        "Caseworker: How did you leave the army?\n"
        "Claimant: I ran away with a friend but we were caught near the border.\n"
        "Caseworker: What happened then?\n"
        "Claimant: Every morning we were taken out and hit with sticks.\n"
    ) == [1, 5]


@pytest.mark.parametrize(
    ("said", "asked"),
    [
        ("Every night we were taken out and hit with pipes.", "What happened in prison?"),
        ("The judge sentenced me to eighty lashes in front of the village.", "And then?"),
        ("They folded me inside a car tyre and left me there.", "What did they do to you?"),
        ("At the border the police set their dogs on me.", "What happened in Croatia?"),
        ("They put you inside a tyre and beat your feet with a cable.", "What was done to you?"),
        ("A bullet went into my shoulder as we ran.", "What happened at the protest?"),
        (
            "After the football match three of them came with a bat, held my arms, hit my ribs.",
            "Why?",
        ),
        ("At the river the soldiers let their dogs bite my arms.", "What happened there?"),
        ("The boss gave me a deep cut on the hand to show me.", "What did he do?"),
        ("His brother saw me in the street and drove straight at me.", "What happened?"),
        ("In that house they used me as their wife for a year.", "What happened in the house?"),
        ("Every night I was made to sleep with the customers.", "What happened in Rome?"),
        ("In the cell the sergeant did a bad thing with me.", "What happened at the station?"),
        (
            "They brought a man who they said would cure me. He came every night.",
            "What did your family do when they found out?",
        ),
        (
            "The guards came to our room at night and took the girls they wanted. They used me.",
            "What was it like in the house?",
        ),
    ],
)
def test_harm_described_in_new_words_is_a_disclosure(said: str, asked: str) -> None:
    assert told(said, asked) == [1]


@pytest.mark.parametrize(
    ("said", "asked"),
    [
        ("They sentenced me to forty lashes in absentia after I had left.", "What happened?"),
        ("In the army they beat you if you are late, that is normal there.", "What is your job?"),
        ("I was arrested and questioned and then released the same day.", "What happened?"),
        (
            "He says one of them pushed her and she fell and hurt her hip.",
            "Did they harm your mother?",
        ),
        ("We played football and I was tackled and hurt my knee.", "How did you hurt your knee?"),
    ],
)
def test_new_words_that_stay_quiet(said: str, asked: str) -> None:
    assert told(said, asked) == []


def test_naming_who_did_harm_already_told_is_not_another_episode() -> None:
    assert disclosed_at(
        "Caseworker: What happened at the river?\n"
        "Claimant: They made me lie down and shot me in the knee.\n"
        "Caseworker: Where did you wake up?\n"
        "Claimant: In a prison cell. I am sure it was the army who shot me, "
        "the papers said I was shot in a clash.\n"
    ) == [1]


CELL_THEN_HARM = (
    "Caseworker: Where did they take you?\n"
    "Claimant: To the gendarmerie. They pushed forty of us into one small cell, there was no "
    "toilet and no water.\n"
    "Caseworker: I see. What happened to you there?\n"
    "Claimant: On the second night two gendarmes took me out and burned my arms with "
    "cigarettes.\n"
    "Caseworker: Thank you for telling me. I am sorry that happened. When was this?\n"
)


def test_a_detentions_conditions_then_the_harm_in_it_is_one_episode_at_the_harm() -> None:
    result = analyse(parse_transcript_text(CELL_THEN_HARM).segments)
    (episode,) = result["disclosures"]
    assert episode["segment"] == 3 and "cigarettes" in episode["evidence"]
    # Judged on the turn after the harm, not on the question after the cell.
    assert episode["acknowledged"] is True


def test_a_detentions_conditions_alone_stay_a_disclosure() -> None:
    text = CELL_THEN_HARM.split("Claimant: On the second night")[0] + "Claimant: Nothing more.\n"
    (episode,) = analyse(parse_transcript_text(text).segments)["disclosures"]
    assert episode["segment"] == 1


def test_the_card_moves_to_the_harm_and_stays_one_card() -> None:
    from companion.analysis.live import LiveAnalysis
    from companion.analysis.prompt_board import PromptBoard
    from companion.transcription.events import CommittedSegment

    board, live = PromptBoard(), LiveAnalysis()
    for s in parse_transcript_text(CELL_THEN_HARM).segments:
        board.apply(live.feed(CommittedSegment(s.index, "call", s.speaker, 0.0, 0.0, s.text)))
    (card,) = [c for c in board.cards if c.kind == "episode"]
    assert card.segment == 3 and "cigarettes" in card.evidence
    assert [kind for kind, _ in card.history].count("disclosure") == 2


def test_a_question_about_a_partner_with_another_year_opens_another_episode() -> None:
    assert disclosed_at(
        "Caseworker: What happened at the market?\n"
        "Claimant: In 2020 the gang cut my hand with a knife because I did not pay.\n"
        "Caseworker: You also said you had problems with your ex-boyfriend. Tell me about him.\n"
        "Claimant: In 2016 he broke my nose when I said I was leaving.\n"
    ) == [1, 3]


# -- round 20: learnt from sets ZN and ZO after their first run --------------------------------


def test_something_that_happened_again_is_another_episode() -> None:
    assert disclosed_at(
        "Caseworker: What happened at the camp?\n"
        "Claimant: They whipped me with a cable every night.\n"
        "Caseworker: How did you get out?\n"
        "Claimant: My uncle paid a bribe.\n"
        "Caseworker: In your screening interview you said something happened again in 2021. "
        "Can you tell me about that?\n"
        "Claimant: In March 2021 soldiers stopped our bus and two of them raped me.\n"
    ) == [1, 5]


def test_a_yes_about_a_setting_just_mentioned_is_another_episode() -> None:
    assert disclosed_at(
        "Caseworker: what happened on the way\n"
        "Claimant: in the desert the drivers beat us with sticks\n"
        "Caseworker: where did they take you after that\n"
        "Claimant: to a farm where we picked tomatoes for a year\n"
        "Caseworker: were you ever hurt on that farm\n"
        "Claimant: yes the owner burned my hand on the stove when i was slow\n"
    ) == [1, 5]


def test_harm_told_crossing_a_border_is_another_episode() -> None:
    assert disclosed_at(
        "Caseworker: What happened at the branch?\n"
        "Claimant: They hung me from the ceiling by my wrists.\n"
        "Caseworker: When were you released?\n"
        "Claimant: After four months.\n"
        "Caseworker: How did you cross into Turkey?\n"
        "Claimant: With a smuggler. The border guards caught us and beat me with their rifles.\n"
    ) == [1, 5]


def test_an_elliptic_follow_up_in_recogniser_text_is_an_open_question() -> None:
    text = (
        "Caseworker: what happened in the warehouse\n"
        "Claimant: the guards beat me with a hose until my family paid\n"
        "Caseworker: and after you left the warehouse\n"
        "Claimant: the coast guard caught us and in the prison they broke my finger\n"
    )
    result = analyse(parse_transcript_text(text).segments)
    assert [d["segment"] for d in result["disclosures"]] == [1, 3]
    assert [q["kind"] for q in result["questions"]["items"] if q["segment"] == 2] == ["open"]


def test_years_said_in_words_tell_another_episode() -> None:
    assert disclosed_at(
        "Caseworker: what happened in the flat\n"
        "Claimant: in twenty seventeen he hit me with a belt when i refused\n"
        "Caseworker: and was it over when you went home\n"
        "Claimant: no in twenty twenty his cousin found me and broke my nose\n"
    ) == [1, 3]


@pytest.mark.parametrize(
    "said",
    [
        "When I did not bring enough money he beat me, and if I cried he beat me again.",
        "She locked me in the bathroom without food when I refused, and he hit me.",
    ],
)
def test_harm_repeated_in_the_same_turn_is_one_episode(said: str) -> None:
    assert told(said, "What happened in Milan?") == [1]


def test_any_other_way_asks_about_the_same_episode() -> None:
    assert disclosed_at(
        "Caseworker: Were you beaten in the prison, yes or no?\n"
        "Claimant: Yes.\n"
        "Caseworker: Who beat you?\n"
        "Claimant: The guards.\n"
        "Caseworker: Were you tortured in any other way?\n"
        "Claimant: They held my head under water in a barrel.\n"
    ) == [1]


@pytest.mark.parametrize(
    ("said", "asked"),
    [
        ("The electricity.", "What did they do to you at the branch?"),
        ("Yes. It was done to me also.", "Is FGM practised in your family?"),
        ("Then the other soldier lay on me.", "What happened after they left?"),
        ("The men did to my body things I cannot say.", "What happened at the farm?"),
    ],
)
def test_harm_told_in_few_or_oblique_words_is_a_disclosure(said: str, asked: str) -> None:
    assert told(said, asked) == [1]


@pytest.mark.parametrize(
    ("said", "asked"),
    [
        ("The electricity was off for days.", "What did they do to you at the branch?"),
        ("Yes, it was done to me also.", "Were you arrested?"),
        ("The only injury I had was when I broke my wrist playing baseball.", "Any injuries?"),
        ("I took off my uniform and burned my id card.", "What did you do then?"),
        ("People attacked me on Facebook and called me a traitor.", "What happened next?"),
    ],
)
def test_round_20_talk_that_stays_quiet(said: str, asked: str) -> None:
    assert told(said, asked) == []


# -- round 21: learnt from sets ZP and ZQ after their first run --------------------------------


@pytest.mark.parametrize(
    ("said", "asked"),
    [
        ("The soldiers stopped me without papers and kicked me in the ribs.", "What happened?"),
        ("They melted plastic on my arm while my mother listened on the phone.", "And Libya?"),
        ("They made me and the other prisoners kneel on the gravel all night.", "What happened?"),
        (
            "The officer said he would teach me how to be a real woman. "
            "I don't want to say the rest.",
            "And at night?",
        ),
        ("Every night in that house I had to sleep with them.", "What happened there?"),
        ("They hit me with a pipe and cut my hair with scissors.", "What did they do?"),
    ],
)
def test_round_21_harm_is_a_disclosure(said: str, asked: str) -> None:
    assert told(said, asked) == [1]


@pytest.mark.parametrize(
    ("said", "asked"),
    [
        ("My sister cut my hair before the wedding.", "What did you do that day?"),
        ("They only abused me with words.", "Did they harm you?"),
        ("I felt like there was a stone inside me.", "How did you feel?"),
    ],
)
def test_round_21_talk_that_stays_quiet(said: str, asked: str) -> None:
    assert told(said, asked) == []


def test_harm_on_the_boat_after_harm_at_home_is_another_episode() -> None:
    assert disclosed_at(
        "Caseworker: What happened in the village?\n"
        "Claimant: The soldiers beat me with rifle butts.\n"
        "Caseworker: Where did you go then?\n"
        "Claimant: To the camp.\n"
        "Caseworker: What was it like on the boat?\n"
        "Claimant: The crew beat me with a pipe when I asked for water.\n"
    ) == [1, 5]


def test_pain_since_harm_already_told_is_not_another_episode() -> None:
    assert disclosed_at(
        "Caseworker: What happened in the container?\n"
        "Claimant: They tied me in the position they call the helicopter for hours.\n"
        "Caseworker: Who did this?\n"
        "Claimant: The guards.\n"
        "Caseworker: How is your health now?\n"
        "Claimant: My back hurts every day since the helicopter position.\n"
        "Caseworker: Have you seen a doctor?\n"
        "Claimant: Not yet.\n"
        "Caseworker: Do you sleep?\n"
        "Claimant: Badly. My shoulders hurt since that time.\n"
    ) == [1]


# -- round 22: learnt from sets ZR and ZS after their first run --------------------------------


@pytest.mark.parametrize(
    ("said", "asked"),
    [
        ("We ran and a bullet went into my arm, and I fell by the road.", "What happened?"),
        ("I will not describe everything. Look, this is what they left on me.", "And then?"),
        ("Two weeks they held me. What they did to me there I cannot say.", "What happened?"),
        ("They did things with a bottle that I cannot say here.", "What happened in the cell?"),
        (
            "The guards came into the room at night. Any girl they wanted. "
            "I could not refuse them.",
            "And the house?",
        ),
        ("What happens to the girls in that place happened to me too.", "And in Libya?"),
    ],
)
def test_round_22_harm_is_a_disclosure(said: str, asked: str) -> None:
    assert told(said, asked) == [1]


@pytest.mark.parametrize(
    ("said", "asked"),
    [
        ("Her father phoned and said you have dishonoured us, we will find you.", "And then?"),
        ("Yes. They wrote it down and did nothing.", "Did you report the beating to the police?"),
        ("He lifted his hand, but my aunt stopped him. He did not hit me.", "Did he hurt you?"),
        ("I cannot say how many months I was in prison.", "How long were you held?"),
        ("What they did to my cousin I cannot say.", "What happened to him?"),
        ("no thank god the tear gas was thick and a man pulled me into a shop", "were you hurt"),
    ],
)
def test_round_22_talk_that_stays_quiet(said: str, asked: str) -> None:
    assert told(said, asked) == []


@pytest.mark.parametrize(
    "asked",
    [
        "Now tell me about your husband.",
        "and then greece",
        "What did your brothers do?",
    ],
)
def test_a_turn_to_someone_or_somewhere_new_opens_another_episode(asked: str) -> None:
    assert disclosed_at(
        "Caseworker: What happened at the checkpoint?\n"
        "Claimant: The soldiers beat me with their belts.\n"
        "Caseworker: How long were you there?\n"
        "Claimant: One day.\n"
        f"Caseworker: {asked}\n"
        "Claimant: He hit me with a chair and broke my tooth.\n"
    ) == [1, 5]


def test_a_move_to_a_named_wing_and_a_police_lockup_are_other_episodes() -> None:
    assert disclosed_at(
        "Caseworker: What happened at the prison?\n"
        "Interpreter: He says the guards beat him with cables.\n"
        "Caseworker: Were you moved anywhere else during that time?\n"
        "Interpreter: He says yes, they moved him to the Scorpion, and there they hung him "
        "from the door by his arms.\n"
    ) == [1, 3]
    assert disclosed_at(
        "Caseworker: what did the neighbours do\n"
        "Claimant: they dragged us into the street and beat us with sticks\n"
        "Caseworker: who were they\n"
        "Claimant: the men from the mosque committee\n"
        "Caseworker: did the police help you\n"
        "Claimant: no that same night they kept us in the thana and one constable kicked me "
        "in the stomach\n"
    ) == [1, 5]


# -- what a review of rounds 19-22 found (its own examples), mended ----------------------------


@pytest.mark.parametrize(
    ("said", "asked"),
    [
        ("They raped me and put a stone inside me.", "What happened?"),
        ("He slapped me and abused me with words every day.", "How did he treat you?"),
        ("The smugglers whipped my back and there were no bandages.", "And the desert?"),
        ("My husband burned my arm with an iron and put ointment on it after.", "And then?"),
        ("I was raped on the boat. The rescuers found me two days later.", "And the sea?"),
        ("They let me through without a single guard hitting me, then the police beat me.", "?"),
    ],
)
def test_the_reviews_harm_is_still_a_disclosure(said: str, asked: str) -> None:
    assert told(said, asked) == [1]


@pytest.mark.parametrize(
    ("said", "asked"),
    [
        ("Correct me if I am wrong, but the soldiers came every night that year.", "And then?"),
        ("My mother brought a healer to cure me. He came at night after work.", "Were you ill?"),
        ("The guards came to the rooms at night to count us.", "What was the camp like?"),
        ("It was not done to me also, my mother refused.", "Is FGM practised in your area?"),
        ("My sister was cut. They wanted to do it to me too but we ran away.", "Is FGM done?"),
        ("I was cutting hair in the market and he taught it to me too.", "What work did you do?"),
        ("Nothing to me. They beat you only if you are a man.", "What did they do to you?"),
        ("My mother was crying. She asked me, did they beat you?", "What happened to you?"),
        ("I fixed cables.", "What work did you do while you were there?"),
        ("They searched the bag.", "What happened to you at the airport?"),
        ("There was no space, I had to sleep with them on the floor.", "How was the boat?"),
        ("It was very cold, at night we held our hands over the fire.", "What was it like?"),
        ("My little daughter lay on me the whole night.", "How did you sleep?"),
        ("We crossed at night without the soldiers ever beating us.", "Were you hurt?"),
    ],
)
def test_the_reviews_ordinary_talk_stays_quiet(said: str, asked: str) -> None:
    assert told(said, asked) == []


@pytest.mark.parametrize(
    ("first", "asked", "then"),
    [
        (
            "In 2018 the police arrested me and beat me with batons.",
            "How long were you held?",
            "Three days. My family paid two thousand five hundred dollars. On the last day they "
            "burned my arm with a cigarette.",
        ),
        (
            "When I was sixteen soldiers came to our village and beat me.",
            "Can you tell me more about that day?",
            "It was March 2010. They kicked me until I could not stand.",
        ),
        (
            "A guard beat me with a cable.",
            "What did the other guard do?",
            "He held my arms while the first one beat me.",
        ),
        (
            "The soldiers beat me and broke my arm.",
            "What did your brother do when he saw it?",
            "He tried to pull them off me but they kept kicking me.",
        ),
        (
            "Men from the ruling party beat me with sticks.",
            "Did anyone help you?",
            "My cousin who works in the prison saw them beat me and he took me home.",
        ),
    ],
)
def test_the_reviews_one_episode_stays_one(first: str, asked: str, then: str) -> None:
    assert disclosed_at(
        f"Caseworker: What happened?\nClaimant: {first}\nCaseworker: Who did it?\n"
        f"Claimant: I told you.\nCaseworker: {asked}\nClaimant: {then}\n"
    ) == [1]


def test_a_date_of_birth_is_no_later_year() -> None:
    assert disclosed_at(
        "Caseworker: What happened in 2018?\n"
        "Claimant: The police beat me during the protest.\n"
        "Caseworker: What is your date of birth?\n"
        "Claimant: The fourth of May 1993.\n"
        "Caseworker: What did the police do after they beat you?\n"
        "Claimant: They broke my arm with a baton.\n"
    ) == [1]


def test_years_in_words_never_crash_or_count_amounts() -> None:
    from companion.analysis.cues import years

    assert years("two thousand five hundred dollars") == set()
    assert years("nineteen twenty men came") == set()
    assert years("in twenty twenty-fıve the police beat me") <= {"2020"}  # a dotless ı
    assert told("In twenty twenty-fıve the police beat me.", "What happened?") == [1]


def test_harm_told_of_an_earlier_place_is_not_the_detentions() -> None:
    assert disclosed_at(
        "Caseworker: What happened in Libya?\n"
        "Claimant: The smugglers kept us in a container for two weeks, we could not lie down.\n"
        "Caseworker: Who were the smugglers?\n"
        "Claimant: Libyans. Before that, in Sudan, the police had beaten me at the border.\n"
    ) == [1, 3]


def _board_after(text: str, act: tuple[int, str] | None = None):  # type: ignore[no-untyped-def]
    from companion.analysis.live import LiveAnalysis
    from companion.analysis.prompt_board import PromptBoard
    from companion.transcription.events import CommittedSegment

    board, live = PromptBoard(), LiveAnalysis()
    for s in parse_transcript_text(text).segments:
        board.apply(live.feed(CommittedSegment(s.index, "call", s.speaker, 0.0, 0.0, s.text)))
        if act is not None and s.index == act[0]:
            (card,) = [c for c in board.cards if c.kind == "episode"]
            board.act(card.id, act[1], "later")
    return board


def test_a_card_set_aside_for_the_conditions_shows_again_for_the_harm() -> None:
    text = (
        "Caseworker: What was the cell like?\n"
        "Claimant: Thirty of us in one small cell, no toilet, for two weeks.\n"
        "Caseworker: Thank you. I understand.\n"
        "Caseworker: What happened at night?\n"
        "Claimant: At night they took me out and raped me.\n"
    )
    board = _board_after(text, act=(2, "not_now"))
    (card,) = [c for c in board.cards if c.kind == "episode"]
    assert card.is_open and card.segment == 4 and "raped" in card.evidence
    assert card.acknowledged is None and "Thank you for telling me" in card.say


@pytest.mark.parametrize(
    ("said", "asked"),
    [
        ("The headmaster caned me in front of the class until my legs bled.", "At school?"),
        ("Yes. I was nine, my aunt took me to an old woman.", "Were you yourself excised?"),
        ("They pulled out three of my toenails with pincers.", "What happened in the cell?"),
        ("The men who could not pay, they whipped with a cable, me also.", "In the warehouse?"),
        ("He says the militia made him suffer there for a month.", "What happened at the camp?"),
        ("What they did to me in that basement was worse than anything.", "And then?"),
        ("A boy on a motorbike stabbed me in the stomach.", "What happened after the meeting?"),
        ("they fired and the bullet go in my shoulder i fell", "what happened at the march"),
        ("The police forced me to have the coil after my second child.", "What happened then?"),
        ("The guards kicked all of them in the yard. I lost two teeth.", "What happened?"),
        ("The soldiers knocked out two of my teeth with a rifle.", "What happened?"),
    ],
)
def test_round_23_harm_is_a_disclosure(said: str, asked: str) -> None:
    third_person = said.startswith("He says")
    speaker = "Interpreter" if third_person else "Claimant"
    assert disclosed_at(f"Caseworker: {asked}\n{speaker}: {said}\n") == [1]


@pytest.mark.parametrize(
    ("said", "asked"),
    [
        ("They attacked our place of prayer and broke the windows.", "What happened?"),
        ("My cousin phoned: they burned my father's shop last month.", "Why now?"),
        ("They beat my uncle, me also they insulted in the street.", "What happened?"),
        (
            "It was an accident. A lorry hit them on the bridge and his arm was broken.",
            "What happened to your brother?",
        ),
    ],
)
def test_round_23_talk_that_stays_quiet(said: str, asked: str) -> None:
    assert told(said, asked) == []


def test_a_yes_to_more_problems_opens_another_episode() -> None:
    assert disclosed_at(
        "Caseworker: What happened at the rally?\n"
        "Claimant: The police hit me with batons on my back.\n"
        "Caseworker: I am sorry. When was that?\n"
        "Claimant: May 2018.\n"
        "Caseworker: After that, did you have any more problems?\n"
        "Claimant: Yes, a bigger problem later.\n"
        "Caseworker: Tell me about it.\n"
        "Claimant: In the winter of 2020 they took me from my shop to the station and beat me "
        "with a cable.\n"
    ) == [1, 7]


def test_a_question_naming_another_year_long_after_the_harm_opens_another_episode() -> None:
    assert disclosed_at(
        "Caseworker: Were you mistreated during those four days?\n"
        "Claimant: Yes.\n"
        "Caseworker: What did they do?\n"
        "Claimant: They slapped me and kicked me.\n"
        "Caseworker: Who did this?\n"
        "Claimant: Officers of the political branch.\n"
        "Caseworker: Did you see a doctor afterwards?\n"
        "Claimant: No, I was afraid.\n"
        "Caseworker: You could see a doctor here about it. What happened after you were "
        "released?\n"
        "Claimant: I had to report to the station every Monday. I stayed at home.\n"
        "Caseworker: Did anything happen to you in 2019 or 2020?\n"
        "Claimant: In 2019 nothing. In May 2020 I went to a wedding with friends, the police "
        "came and one policeman hit me with his baton on the arm.\n"
    ) == [1, 11]


def test_harm_asked_about_also_is_the_same_episode() -> None:
    assert disclosed_at(
        "Caseworker: What did they do to you in the cell?\n"
        "Claimant: They gave me electric shocks on my fingers.\n"
        "Caseworker: How many days?\n"
        "Claimant: Six.\n"
        "Caseworker: Who asked the questions?\n"
        "Claimant: An officer with a beard.\n"
        "Caseworker: Were you also beaten?\n"
        "Claimant: Yes.\n"
    ) == [1]


def test_trouble_since_the_harm_told_is_no_new_episode() -> None:
    assert disclosed_at(
        "Caseworker: What happened at the station?\n"
        "Claimant: They hit my head against the wall.\n"
        "Caseworker: Did you have any problems after that?\n"
        "Claimant: Yes. In 2021 a car followed me every day. Nobody touched me.\n"
        "Caseworker: Why did you not say this at screening?\n"
        "Claimant: I was tired, and I forget things since they hit my head.\n"
    ) == [1]


@pytest.mark.parametrize(
    ("said", "asked"),
    [
        (
            "He says they flogged all of them with a belt in the yard, him too.",
            "What happened there?",
        ),
        ("He made me be with his friends, for money, every weekend.", "What happened in Rome?"),
        ("They forced me to have an implant so I would not have children.", "And the camp?"),
        ("They put a coil inside me at the camp clinic, by force.", "What else happened?"),
        ("They taught me a lesson. After that I could not walk for a week.", "And then?"),
    ],
)
def test_round_23b_harm_is_a_disclosure(said: str, asked: str) -> None:
    third_person = said.startswith("He says")
    speaker = "Interpreter" if third_person else "Claimant"
    assert disclosed_at(f"Caseworker: {asked}\n{speaker}: {said}\n") == [1]


def test_fgm_arranged_by_a_relative_in_the_interpreters_words() -> None:
    assert disclosed_at(
        "Caseworker: Tell me about your childhood.\n"
        "Interpreter: She says when she was six her mother had her cut, in the village, by the "
        "old woman.\n"
    ) == [1]


@pytest.mark.parametrize(
    ("said", "asked"),
    [
        ("Yes, sometimes at night.", "Have you had thoughts of harming yourself?"),
        ("Yes.", "Do you still have thoughts of hurting yourself?"),
        ("They made us sit on the floor all night, then they let us go.", "At the station?"),
        (
            "I broke my ankle at football in 2018. It was not from the police, it was a tackle.",
            "Anything else?",
        ),
        ("He taught me a lesson in chess. I could not sleep for excitement.", "Your uncle?"),
    ],
)
def test_round_23b_talk_that_stays_quiet(said: str, asked: str) -> None:
    assert told(said, asked) == []


def test_a_yes_to_a_question_about_the_harm_already_told_is_the_same_episode() -> None:
    assert disclosed_at(
        "Caseworker: What happened in the prison?\n"
        "Claimant: They did a mock execution on me, in the yard.\n"
        "Caseworker: I am sorry. Who was in charge of the prison?\n"
        "Claimant: A colonel.\n"
        "Caseworker: Was the mock execution soon after your arrest?\n"
        "Claimant: Yes, two weeks after.\n"
    ) == [1]


def test_asking_what_was_meant_is_the_same_episode() -> None:
    assert disclosed_at(
        "Caseworker: What happened in the house?\n"
        "Claimant: Every night the commander came to my room and did things to me.\n"
        "Caseworker: Thank you for telling me. Do you need a break?\n"
        "Claimant: No.\n"
        "Caseworker: When you said he did things to you, do you mean that he raped you?\n"
        "Claimant: Yes.\n"
    ) == [1]


def test_harm_told_in_answer_to_other_problems_is_another_episode() -> None:
    assert disclosed_at(
        "Caseworker: What happened in detention?\n"
        "Claimant: They beat me with cables every night.\n"
        "Caseworker: How were you released?\n"
        "Claimant: My uncle paid.\n"
        "Caseworker: Did you have any other problems with them?\n"
        "Claimant: Yes. Their man in our street hit me with his rifle and broke my nose.\n"
    ) == [1, 5]


def test_the_year_a_question_names_is_the_harms_year() -> None:
    # The first harm was asked about by its date, so a raid told of a later year is another.
    assert disclosed_at(
        "Caseworker: Can you tell me what happened on 3 March 2016?\n"
        "Claimant: The soldiers stopped our bus and beat all of us with belts.\n"
        "Caseworker: Did you see a doctor?\n"
        "Claimant: No, there was no doctor.\n"
        "Caseworker: What happened after that?\n"
        "Claimant: In 2018 I moved to the city. Then in 2020 soldiers raided our street at night.\n"
        "Caseworker: Were you beaten during that raid?\n"
        "Claimant: Yes, and my brother also.\n"
    ) == [1, 7]


def test_another_kind_of_harm_when_asked_what_else_happened_is_another_episode() -> None:
    assert disclosed_at(
        "Caseworker: What happened in the camp?\n"
        "Claimant: The guards beat me with sticks during the lessons.\n"
        "Caseworker: Who were the guards?\n"
        "Claimant: Police.\n"
        "Caseworker: How long were you there?\n"
        "Claimant: One year.\n"
        "Caseworker: Did anything else happen to you in the camp?\n"
        "Claimant: They took me to the clinic and the doctors sterilised me by force.\n"
    ) == [1, 7]


def test_harm_to_a_group_the_claimant_is_told_to_be_in() -> None:
    assert disclosed_at(
        "Caseworker: What happened after the march?\n"
        "Interpreter: She says she and twenty other women were taken to a cell, and the guards "
        "beat all of them with batons.\n"
    ) == [1]


@pytest.mark.parametrize(
    ("said", "asked"),
    [
        ("My uncle made me go with them to the market in the city.", "Why did you leave?"),
        ("Forced sterilisation is common in the north, I read about it.", "Anything else?"),
        ("After my second child I asked the nurse to put a coil in me.", "Your health?"),
        ("The police beat my cousin and he phoned me too.", "What happened?"),
        ("The drought hit every farmer in the valley, me included.", "Why did you leave?"),
        ("Me and the other boys had a football team. We beat everyone in the district.", "And?"),
        ("I lost two teeth last year. In the village my brothers hit them, the thieves.", "And?"),
        (
            "My teacher taught me a lesson about honesty. Since the operation I cannot stand up "
            "for long.",
            "Your health?",
        ),
        ("My father had me cut the wood every morning before school.", "Your childhood?"),
        ("Being away from my children made me suffer a lot.", "How are you?"),
        ("What the boss did to me was terrible, he did not pay my salary.", "Your work?"),
        ("We walked for days in the desert, sitting in the sun burned me.", "The journey?"),
        ("I got myself burned while I was making tea.", "The scar?"),
        ("I tore my fingernails when I climbed over the fence at night.", "The border?"),
    ],
)
def test_the_reviews_round_23_ordinary_talk_stays_quiet(said: str, asked: str) -> None:
    assert told(said, asked) == []


@pytest.mark.parametrize(
    ("said", "asked"),
    [
        ("They made me sit on the ground all night naked in the snow.", "At the post?"),
        (
            "My husband's brothers beat me, not the police. The doctor put my arm in plaster.",
            "What happened?",
        ),
        (
            "I was in the containers for eight months, they made me do the cooking for the others. "
            "Even now I cannot lift my arms.",
            "And the army?",
        ),
    ],
)
def test_the_reviews_round_23_harm_is_still_found(said: str, asked: str) -> None:
    assert told(said, asked) == [1]


def test_a_yes_to_were_you_hurt_yourself_is_a_disclosure() -> None:
    assert told("Yes.", "Were you ever beaten or hurt yourself?") == [1]


@pytest.mark.parametrize(
    "then",
    [
        "Caseworker: Did anything else happen while you were at the station?\n"
        "Claimant: They gave me electric shocks on my feet.\n",
        "Caseworker: Did you have any further difficulties at the station that day?\n"
        "Claimant: Yes, he kicked me when I was on the ground.\n",
        "Caseworker: What happened in the station in 2017?\n"
        "Claimant: They hit me with cables and kicked me.\n",
    ],
)
def test_the_reviews_one_detention_stays_one_episode(then: str) -> None:
    assert disclosed_at(
        "Caseworker: What happened at the station?\n"
        "Claimant: The police took me to the station and beat me with sticks.\n"
        "Caseworker: Who were they?\n"
        "Claimant: Police from the district.\n"
        "Caseworker: How many days?\n"
        "Claimant: Three.\n" + then
    ) == [1]


def test_a_new_perpetrator_asked_about_also_is_another_episode() -> None:
    assert disclosed_at(
        "Caseworker: What happened in Lagos?\n"
        "Claimant: The officers raped me in the police station in Lagos.\n"
        "Caseworker: I am sorry. When was that?\n"
        "Claimant: 2019.\n"
        "Caseworker: Who were they?\n"
        "Claimant: Officers of the division.\n"
        "Caseworker: Did your husband also hit you?\n"
        "Claimant: Yes, he hit me many times at home.\n"
    ) == [1, 7]


@pytest.mark.parametrize(
    ("said", "asked"),
    [
        ("Yes, on my arms.", "Have you ever cut yourself?"),
        ("Yes.", "Did you injure yourself when you fell?"),
        (
            "She says she and the other passengers were on the bus. The lorry hit them all. "
            "It was an accident.",
            "What happened on the road?",
        ),
    ],
)
def test_the_second_reviews_talk_that_stays_quiet(said: str, asked: str) -> None:
    speaker = "Interpreter" if said.startswith("She says") else "Claimant"
    assert disclosed_at(f"Caseworker: {asked}\n{speaker}: {said}\n") == []


@pytest.mark.parametrize(
    "said",
    [
        "I was a victim of forced sterilisation.",
        "Anh said I was lazy. They taught me a lesson. After that I couldn't stand up for days.",
        "They beat my brother and me also.",
        "Me and five other prisoners were taken to the yard. The guards beat all of them.",
        "My husband made me suffer every day.",
        "I was in the containers for eight months. Even now I cannot lift my arms. My cousin "
        "had a car accident there last year.",
    ],
)
def test_the_second_reviews_harm_is_found(said: str) -> None:
    assert told(said) == [1]


def test_harm_by_the_same_doers_asked_about_also_is_the_same_episode() -> None:
    assert disclosed_at(
        "Caseworker: What happened in the village?\n"
        "Claimant: The soldiers beat me with rifles.\n"
        "Caseworker: When?\n"
        "Claimant: 2019.\n"
        "Caseworker: Where?\n"
        "Claimant: At home.\n"
        "Caseworker: Did the soldiers also burn you?\n"
        "Claimant: Yes, they burned me.\n"
    ) == [1]


def _exchange(turns: list[str], interpreter: tuple[str, ...] = ("He says", "She says")) -> str:
    """Caseworker and claimant in turn; a claimant's turn opening with ``interpreter`` is the
    interpreter's."""
    out = []
    for number, said in enumerate(turns):
        if number % 2 == 0:
            who = "Caseworker"
        else:
            who = "Interpreter" if said.startswith(interpreter) else "Claimant"
        out.append(f"{who}: {said}")
    return "\n".join(out) + "\n"


# -- round 24 (tests/analysis_blind/FIRST_RUNS.md): the claimant in a group, the interpreter's
# "him", and the talk moving to another setting before harm is told. Wordings this file's own.
@pytest.mark.parametrize(
    ("said", "asked"),
    [
        (
            "He says the militia took him and about thirty men to the stadium and whipped them "
            "with electric cable.",
            "What happened in June?",
        ),
        (
            "He says he fled with three friends. Near the river the border guards caught them "
            "and beat them with their belts.",
            "How did you leave?",
        ),
        (
            "She says they put them all in one room and when they arrived the guards hit "
            "everyone with sticks.",
            "Where were you taken?",
        ),
        (
            "He says the kidnappers hung people from the beams and beat them so the families "
            "would pay. He says they did this to him also.",
            "What was the house like?",
        ),
        ("He says his father and his uncle beat him with a stick for a whole night.", "Home?"),
        ("He says the foreman and his son dragged him into the store and beat him.", "Work?"),
        ("I was badly treated for three days in their office.", "What happened after the arrest?"),
        ("They struck me in the face with a rifle butt.", "At the checkpoint?"),
        ("The headmaster flogged the two of us in front of the school.", "Why did you leave?"),
    ],
)
def test_round_24_harm_is_found(said: str, asked: str) -> None:
    assert disclosed_at(_exchange([asked, said])) == [1]


@pytest.mark.parametrize(
    ("said", "asked"),
    [
        (
            "He says his cousin went to the army camp, and there they beat him with a cable.",
            "What happened to your cousin?",
        ),
        (
            "He says his brother was caught at the border. The soldiers beat him and kept him "
            "in a container.",
            "What happened to your brother?",
        ),
        ("He says he studies at the college, and the grammar is beating him.", "Life here?"),
        ("She says she hit her head on the door and needed stitches.", "The scar?"),
        ("He says his uncle was released and a week later he was shot in the street.", "Family?"),
    ],
)
def test_round_24_talk_that_stays_quiet(said: str, asked: str) -> None:
    assert disclosed_at(f"Caseworker: {asked}\nInterpreter: {said}\n") == []


def test_harm_told_after_the_talk_moved_to_another_country_is_another_episode() -> None:
    assert disclosed_at(
        "Caseworker: What happened at the police post?\n"
        "Claimant: The police burned my arm with cigarettes.\n"
        "Caseworker: I am sorry. How did you get out?\n"
        "Claimant: My uncle paid. I went to Kenya and then to Uganda, to a camp in Nakivale.\n"
        "Caseworker: How was life in the camp?\n"
        "Claimant: Hard. Some men there attacked me at night and cut my hand with a knife.\n"
    ) == [1, 5]


def test_a_question_naming_a_new_doer_then_harm_is_another_episode() -> None:
    assert disclosed_at(
        "caseworker: what happened in the town\n"
        "claimant: the soldiers took me to the camp and beat me with their belts\n"
        "caseworker: thank you for telling me when was this\n"
        "claimant: in the dry season two thousand nineteen\n"
        "caseworker: and the rebels did they cause you any problems\n"
        "claimant: yes they said i must close my shop\n"
        "caseworker: what did they do\n"
        "claimant: they cut my ear with a machete\n"
    ) == [1, 7]


def test_more_detail_asked_back_about_the_first_harm_stays_in_it() -> None:
    assert disclosed_at(
        "Caseworker: What happened in the prison?\n"
        "Claimant: The guards beat me with batons every day.\n"
        "Caseworker: How did you leave?\n"
        "Claimant: My family paid and I went to Istanbul in 2021.\n"
        "Caseworker: Going back to the prison, you said the guards beat you. What else did "
        "they do?\n"
        "Claimant: They also burned my feet.\n"
    ) == [1]


def test_pain_since_the_harm_is_a_trace_not_another_episode() -> None:
    assert disclosed_at(
        "Caseworker: What did they do at the base?\n"
        "Claimant: They hung me from my wrists for hours.\n"
        "Caseworker: I am sorry. After that I went to Athens in 2022?\n"
        "Claimant: Yes, in 2022.\n"
        "Caseworker: Any health problems?\n"
        "Claimant: My shoulders hurt since they hung me.\n"
    ) == [1]


@pytest.mark.parametrize(
    ("turns", "expected"),
    [
        pytest.param(
            [
                "What did the police do when they found you?",
                "They arrested me and of course beat me, with batons, all night.",
            ],
            [1],
            id="of-course-beat",
        ),
        pytest.param(
            ["School?", "The mullah in the Quran classes beat me with a stick."],
            [1],
            id="quran-classes",
        ),
        pytest.param(
            ["Who is your husband?", "My husband is the man that is beating me every day."],
            [1],
            id="the-man-that-is-beating",
        ),
        pytest.param(
            [
                "What happened to your brother?",
                "He says he does not know. He says he was beaten in the prison and never saw his "
                "brother again.",
            ],
            [1],
            id="he-was-beaten-asked-of-brother",
        ),
        pytest.param(
            [
                "How did you leave?",
                "I fled with my cousins to the border. Later I heard the police caught my "
                "neighbours and beat them.",
            ],
            [],
            id="heard-neighbours-beaten",
        ),
        pytest.param(
            [
                "Who was with you?",
                "Me and the others hid in the church. In the morning we heard they were beaten "
                "in the next village, the people who stayed.",
            ],
            [],
            id="heard-others-beaten",
        ),
        pytest.param(
            [
                "What happened to your brother?",
                "My brother ran with two friends to the river. The soldiers caught them and beat "
                "them.",
            ],
            [],
            id="brother-fled-with-friends",
        ),
        pytest.param(
            [
                "What did you see in Kampala?",
                "My uncle took me and my sister to Kampala. There we saw the police beating "
                "them, the protesters.",
            ],
            [],
            id="saw-police-beating-protesters",
        ),
        pytest.param(
            [
                "How long were you kept there?",
                "Two weeks. Every night the guards beat them, the older prisoners. Me they left "
                "alone because I was young.",
            ],
            [],
            id="me-they-left-alone",
        ),
        pytest.param(
            [
                "Where were you taken?",
                "To the police station. I could hear the guards beating them in the next room.",
            ],
            [],
            id="could-hear-beating",
        ),
        pytest.param(
            [
                "Why were you detained?",
                "Because I filmed the soldiers at the market. I saw them beating them, the "
                "traders, and I put it on Facebook.",
            ],
            [],
            id="saw-them-beating-traders",
        ),
        pytest.param(
            [
                "Where is your sister now?",
                "My sister is in Eritrea. She and her husband were caught at the border and they "
                "were beaten.",
            ],
            [],
            id="sister-and-husband-beaten",
        ),
        pytest.param(
            [
                "What happened at the protest?",
                "He says the soldiers were beating them in the square, and they arrested him also.",
            ],
            [],
            id="arrested-him-also",
        ),
        pytest.param(
            [
                "What did you see?",
                "The Taliban were hanging people in the square. They wanted to recruit me too.",
            ],
            [],
            id="hanging-people-recruit-me-too",
        ),
        pytest.param(
            [
                "What did you see in the square?",
                "They were beating them, the students. My brother was there, I told him also to "
                "run.",
            ],
            [],
            id="told-him-also-to-run",
        ),
        pytest.param(
            [
                "What happened to your family in the village?",
                "She says her sister went out for water and the militiamen raped her.",
            ],
            [],
            id="sister-raped",
        ),
        pytest.param(
            [
                "Tell me about the day the soldiers came.",
                "He says his brother went to the market and the soldiers beat him.",
            ],
            [],
            id="brother-beaten-by-soldiers",
        ),
        pytest.param(
            ["What did you do then?", "He says he got angry and he kicked him."],
            [],
            id="he-kicked-him-himself",
        ),
        pytest.param(
            [
                "What happened in the village?",
                "She says the daughter of Hassan was taken, and they beat her.",
            ],
            [],
            id="daughter-of-hassan",
        ),
        pytest.param(
            [
                "What problems did you have?",
                "They struck me off the voters list because of my religion.",
            ],
            [],
            id="struck-off-list",
        ),
        pytest.param(
            ["How did you feel?", "His words struck me deeply."], [], id="words-struck-me"
        ),
        pytest.param(
            ["Life in the camp?", "What struck me most was the silence. Nobody talked."],
            [],
            id="what-struck-me",
        ),
        pytest.param(
            [
                "Do you have any scars?",
                "Yes, on my arm. Lightning struck me when I was a child, in the field.",
            ],
            [],
            id="lightning-struck",
        ),
        pytest.param(
            [
                "How did you get the scar on your face?",
                "At the building site a rope snapped and whipped my face.",
            ],
            [],
            id="rope-whipped-face",
        ),
        pytest.param(
            [
                "How is your accommodation in the UK?",
                "We were badly treated in the hotel, the food was cold and the staff shouted.",
            ],
            [],
            id="badly-treated-hotel",
        ),
        pytest.param(
            [
                "Did you try to get a visa?",
                "Yes. I was badly treated at the embassy, they were rude to me and made me wait "
                "all day.",
            ],
            [],
            id="badly-treated-embassy",
        ),
        pytest.param(
            [
                "What happened in the village?",
                "Men came at night and beat me with sticks.",
                "When did you leave the country?",
                "In 2018.",
                "Did they hit you with anything else that night?",
                "Yes, they also whipped me with a belt.",
            ],
            [1],
            id="that-night-after-aside",
        ),
        pytest.param(
            [
                "What happened in the village?",
                "Men came at night and beat me with sticks.",
                "When did you leave the country?",
                "In 2018.",
                "Did they hit you with anything else?",
                "Yes, they also whipped me with a belt.",
            ],
            [1],
            id="anything-else-after-aside",
        ),
        pytest.param(
            [
                "What happened when the soldiers came to your house?",
                "They dragged me outside and beat me with their rifles.",
                "What is your ethnic group?",
                "I am Bamileke, my family is from Dschang.",
                "Tell me more about the beating.",
                "They kicked me on the ground and hit my head with the rifle.",
            ],
            [1],
            id="the-beating-after-aside",
        ),
        pytest.param(
            [
                "What happened when the soldiers came to your house?",
                "They dragged me outside and beat me with their rifles.",
                "When did you arrive in the UK?",
                "In 2021, by lorry.",
                "How many of them beat you that day?",
                "Three of them. One kicked me in the stomach.",
            ],
            [1],
            id="that-day-after-aside",
        ),
        pytest.param(
            [
                "What happened after you were stopped?",
                "They took me to a house and beat me.",
                "Were they police or soldiers? What happened exactly?",
                "They were soldiers. They kicked me and hit me with their guns.",
            ],
            [1],
            id="police-or-soldiers",
        ),
        pytest.param(
            [
                "What happened at the checkpoint?",
                "The soldiers stopped me and beat me with their guns.",
                "And the army, what happened exactly?",
                "They kicked me in the stomach when I was on the ground.",
            ],
            [1],
            id="the-army-is-the-soldiers",
        ),
        pytest.param(
            [
                "What happened after your arrest?",
                "In the cell the guards beat me with sticks.",
                "What happened to your brother?",
                "He was with me in the cell. They beat us both with sticks.",
            ],
            [1],
            id="happened-to-brother",
        ),
        pytest.param(
            [
                "What happened at the checkpoint?",
                "The soldiers beat me with sticks.",
                "Was anyone else hurt?",
                "Yes, my cousin. They beat him too.",
                "Where did they hit you?",
                "They hit me on my back and my legs.",
            ],
            [1],
            id="anyone-else-hurt",
        ),
        pytest.param(
            [
                "What happened at the station?",
                "The commander slapped me and kicked me.",
                "Did anyone else beat you?",
                "Yes, two guards also hit me with a stick while he watched.",
            ],
            [1],
            id="anyone-else-beat-you",
        ),
        pytest.param(
            [
                "Tell me about your husband.",
                "One night he came back home drunk and he beat me with his belt.",
                "What happened when he came back home?",
                "He was shouting, then he pushed me to the floor and kicked me.",
            ],
            [1],
            id="when-he-came-back-home",
        ),
    ],
)
def test_the_round_24_reviews_cases(turns: list[str], expected: list[int]) -> None:
    # A review of round 24 by a helper that did not look at the sets: group harm only where
    # the claimant was in the group and not only a witness; a relative who is the victim;
    # idioms with "struck"; a rope at work; rudeness is not ill-treatment; a plain follow-up
    # on the same harm after an aside, or a question on who did it, stays in the episode.
    assert disclosed_at(_exchange(turns)) == expected


# -- round 25: harm the rules did not read at all in the folded sets ZZH-ZZK (the wordings here
# are new, not taken from those sets): "he said" of someone else in a first-person rendering,
# "they hurt me" after "That time", a work setting with "they" doing it, "did something to me
# that I cannot say".
def test_a_first_person_rendering_with_someone_elses_he_said_is_the_claimants() -> None:
    assert disclosed_at(
        "Caseworker: What happened at home?\n"
        "Interpreter: My uncle was very angry, he said I shamed him. He took a hot knife and "
        "pressed it on my leg.\n"
    ) == [1]


@pytest.mark.parametrize(
    ("said", "asked"),
    [
        ("That spring I was kept for ten days and they hurt me very badly.", "And then?"),
        (
            "I worked on a farm for a year. Then in the forest the police caught us and they "
            "hurt us all.",
            "How did you travel?",
        ),
        ("One night the guard came to my cell and did something to me that I cannot say.", "?"),
    ],
)
def test_round_25_harm_is_found(said: str, asked: str) -> None:
    assert told(said, asked) == [1]


@pytest.mark.parametrize(
    ("said", "asked"),
    [
        ("It really hurt me to leave my mother behind.", "How do you feel?"),
        ("My father tortured me with his words every evening.", "Your family?"),
        ("They said they will come back and hurt her little brother.", "Your sister?"),
        ("He did something to me I will never forgive: he sold my land.", "Your cousin?"),
    ],
)
def test_round_25_talk_that_stays_quiet(said: str, asked: str) -> None:
    assert told(said, asked) == []


@pytest.mark.parametrize(
    ("turns", "expected"),
    [
        pytest.param(["Cell?", "I was kept in a cell. That night they hurt me very badly."], [1]),
        pytest.param(["Bag?", "They took my bag, threw it away and hurt me badly."], [1]),
        pytest.param(["Feel?", "Leaving my mother behind hurt me so much."], []),
        pytest.param(["Feel?", "The feelings I had when my mother died hurt me a lot."], []),
        pytest.param(
            ["Then?", "He said the guards beat him with cables. My apologies, he said cables."],
            [1],
            id="interpreter-aside",
        ),
        pytest.param(["Then?", "He told me they burned him with cigarettes in the cell."], [1]),
        pytest.param(["Then?", "He says they burned his small toe."], [1]),
        pytest.param(["Then?", "She says they will come back and hurt her little sister."], []),
        pytest.param(
            ["Surgery?", "The surgeon did something to me, I don't want to talk about it."], []
        ),
        pytest.param(
            ["Family?", "They broke the door and they beat my younger brother with sticks."], []
        ),
    ],
)
def test_the_round_25_reviews_cases(turns: list[str], expected: list[int]) -> None:
    # A review of round 25 by a helper that did not look at the sets (its wordings).
    assert disclosed_at(_exchange(turns, interpreter=("He ", "She "))) == expected


# -- round 26 (tests/analysis_blind/FIRST_RUNS.md): learnt from sets ZZL-ZZO. Wordings this
# file's own.
@pytest.mark.parametrize(
    ("turns", "expected"),
    [
        pytest.param(
            [
                "What happened at the mosque?",
                "He says a crowd was waiting outside. They shouted that Ahmadis were liars. "
                "When he came out they beat him with sticks.",
            ],
            [1],
            id="a-group-before-were-is-not-a-person",
        ),
        pytest.param(
            [
                "Tell me about the second arrest.",
                "She says it was after the singer Tesfaye was killed. They came at night and "
                "held her head under water in a barrel.",
            ],
            [1],
            id="a-person-told-killed-is-not-the-one-harmed-later",
        ),
        pytest.param(
            [
                "tell me about that",
                "He says at the checkpoint they looked in his phone and found photos of his "
                "father with the foreign soldiers they dragged him off the bike and kicked him",
            ],
            [1],
            id="photos-of-his-father",
        ),
        pytest.param(
            [
                "What happened in the village?",
                "He says the soldiers caught him by the well and did the fire thing to him, on "
                "his feet.",
            ],
            [1],
            id="the-fire-thing",
        ),
        pytest.param(
            [
                "Which way did you come?",
                "He says through Croatia. The police there let the dogs loose on him in the "
                "forest and sent them back.",
            ],
            [1],
            id="dogs-set-on-him",
        ),
        pytest.param(
            [
                "What happened in 2021?",
                "He says the militia took him, his cousin and about thirty men to a warehouse "
                "and whipped them every morning.",
            ],
            [1],
            id="taken-with-a-list-of-others",
        ),
        pytest.param(
            [
                "Why did you not claim at once?",
                "I was afraid that if I said I was gay, even here, I would be beaten.",
            ],
            [],
            id="fear-of-what-would-come",
        ),
        pytest.param(
            ["What do you fear?", "She says her brothers will find her and beat her."],
            [],
            id="a-future-governs-both-verbs",
        ),
        pytest.param(
            [
                "What happened at the station?",
                "We were kept in a cell for three days. They did not touch me there, they only "
                "shouted and took my fingerprints.",
            ],
            [],
            id="a-cell-without-harm",
        ),
        pytest.param(
            [
                "What happened in custody?",
                "He says they tortured him with questions, the same ones again and again all "
                "night.",
            ],
            [],
            id="tortured-with-questions",
        ),
        pytest.param(
            [
                "What happened that night?",
                "The men broke in and dragged my friend outside. They stripped her in the "
                "street. I hid behind the water tank.",
            ],
            [],
            id="stripped-her-is-the-friend",
        ),
    ],
)
def test_round_26_harm_told_and_talk_that_stays_quiet(
    turns: list[str], expected: list[int]
) -> None:
    assert disclosed_at(_exchange(turns)) == expected


def test_round_26_a_year_said_in_words_before_soldiers_is_a_year() -> None:
    from companion.analysis import cues

    assert cues.years("on the fifth of may twenty eighteen soldiers came") == {"2018"}
    assert cues.years("twenty thirty soldiers came") == set()  # twenty or thirty of them


def test_round_26_a_yes_to_use_electricity_on_you_is_a_disclosure() -> None:
    assert disclosed_at(
        _exchange(["Did they use electricity on you, yes or no?", "He says yes."])
    ) == [1]


def test_round_26_a_numbered_list_in_one_answer_is_three_episodes() -> None:
    assert (
        len(
            analyse(
                parse_transcript_text(
                    _exchange(
                        [
                            "Why are you claiming asylum?",
                            "He says he will tell it one by one. One: in 2012 the police beat him "
                            "at a protest in Quetta. Two: in 2015 men from the party came to his "
                            "shop and kicked him. Three: in 2019 the army held him and burned his "
                            "arms with cigarettes.",
                        ]
                    )
                ).segments
            )["disclosures"]
        )
        == 3
    )


def test_round_26_the_whole_truth_about_that_night_is_the_same_episode() -> None:
    assert disclosed_at(
        _exchange(
            [
                "What happened in March?",
                "She says two men came to her room and hit her and told her to leave.",
                "How did you travel to the UK?",
                "She says by plane to Paris with her own passport, then by train.",
                "Is there anything else that happened to you that you have not told me?",
                "She says yes. She must tell the truth about that night. It was not only "
                "hitting. Both men raped her.",
            ]
        )
    ) == [1]


def test_round_26_that_night_after_a_new_raid_is_the_new_night() -> None:
    assert disclosed_at(
        _exchange(
            [
                "What happened at the camp?",
                "He says the soldiers beat him with rifle butts.",
                "What happened after you were released?",
                "He says he went home. In May 2019 five men with machetes came to his house at "
                "night.",
                "Were you injured that night?",
                "He says yes, they cut his shoulder with a machete.",
            ]
        )
    ) == [1, 5]


def test_round_26_a_later_year_in_the_disclosing_turn_is_not_the_episodes() -> None:
    assert disclosed_at(
        _exchange(
            [
                "Why did you leave?",
                "He says when he was a boy, in 2004, the militia burned his village and shot "
                "him in the arm. In 2022, when the fighting came back, the militia attacked "
                "the town again.",
                "What happened to you in 2022?",
                "He says they took him to a school and beat him every day with whips.",
            ]
        )
    ) == [1, 3]


def test_round_26_the_claimant_who_broke_his_own_leg_was_not_harmed() -> None:
    from companion.analysis.harm import find_harm

    assert find_harm("He says he broke his leg in two places on the ice.", True) == []
    assert find_harm("She says she broke her wrist.", True) == []
    assert [m.trigger for m in find_harm("In 2016 he broke my nose.", False)] == ["broke my nose"]
    assert [m.trigger for m in find_harm("He says the soldier broke his arm.", True)] == [
        "broke his arm"
    ]


def test_round_26_a_closed_question_about_an_act_not_told_is_not_about_the_episode() -> None:
    from companion.analysis.analyser import Analyser, Episode

    beaten = Episode(0, 1, "ill-treatment", "her husband hit her with his belt", last_activity=1)
    beaten.words |= {"husband", "hit", "belt"}
    assert not Analyser._asks_of_told_act(beaten, "Have you yourself been cut?")
    assert Analyser._asks_of_told_act(beaten, "Were the men who hit you soldiers?")
    assert Analyser._asks_of_told_act(beaten, "Was this the first time he had beaten you?")


def test_round_26_since_the_blow_to_his_head_is_a_trace() -> None:
    from companion.analysis import cues

    assert cues.lasting_trace("He says since the blow to his head his memory is weak.")
    assert cues.lasting_trace("Ever since the beatings I cannot sleep.")
    assert not cues.lasting_trace("Since the election the police watch the house.")


@pytest.mark.parametrize(
    ("turns", "expected"),
    [
        pytest.param(
            ["Prison?", "I was terrified because every night the guards would come and beat me."],
            [1],
            id="fear-explained-by-the-past",
        ),
        pytest.param(
            ["Prison?", "I was so frightened because they'd burned me with cigarettes."],
            [1],
            id="fear-and-had",
        ),
        pytest.param(["Then?", "He broke my arm and his friends were laughing."], [1]),
        pytest.param(["Then?", "The officer came, he broke my nose and his men watched."], [1]),
        pytest.param(
            [
                "Then?",
                "They didn't only beat us. They kept forty of us in one small cell with "
                "no food and no toilet for three months.",
            ],
            [1],
            id="not-only-beat",
        ),
        pytest.param(
            [
                "Then?",
                "Thank God they did not touch her. They kept me in a cell with no food "
                "and no water for ten days.",
            ],
            [1],
            id="the-denial-is-someone-elses",
        ),
        pytest.param(
            [
                "Then?",
                "At the first arrest they never touched me. The second time they held me "
                "in a cell for two weeks with no food and no water.",
            ],
            [1],
            id="the-denial-is-another-detentions",
        ),
        pytest.param(
            [
                "Where?",
                "I was hiding in my uncle's house. The commander came with other men and "
                "they beat them in the square.",
            ],
            [],
            id="other-men-are-the-doers",
        ),
        pytest.param(["Then?", "They tortured them all, including myself."], [1]),
        pytest.param(["Then?", "They whipped them, myself included."], [1]),
        pytest.param(
            [
                "Then?",
                "He says Mr Karimi was executed in 2019. Before that the guards tortured "
                "him for weeks.",
            ],
            [],
            id="tortured-before-he-was-executed",
        ),
        pytest.param(
            ["Demonstration?", "He says Arash was nearly killed, they beat him with metal bars."],
            [],
            id="nearly-killed-is-alive",
        ),
        pytest.param(["Then?", "I will explain how police came and beat me."], [1]),
    ],
)
def test_the_round_26_reviews_cases(turns: list[str], expected: list[int]) -> None:
    # A review of round 26 by a helper that did not look at the sets (its wordings).
    assert disclosed_at(_exchange(turns)) == expected


@pytest.mark.parametrize(
    ("turns", "expected"),
    [
        pytest.param(
            [
                "What happened at the protest?",
                "In 2018 the police beat me with batons at the protest.",
                "Did you see a doctor?",
                "No, there was no money.",
                "Did anything else happen?",
                "Yes. A year later, when I had recovered from the beating, they arrested me "
                "again and burned me with cigarettes.",
            ],
            [1, 5],
            id="a-new-time-wins-over-a-trace",
        ),
        pytest.param(
            [
                "What happened?",
                "The police arrested me and hit me with batons.",
                "I am sorry. And then what happened?",
                "They put me in the car and kicked me all the way to the station.",
            ],
            [1],
            id="and-then-what-happened-goes-on",
        ),
        pytest.param(
            [
                "What happened at the station?",
                "The police beat me with sticks at the station.",
                "When was that?",
                "In March 2020.",
                "Which station?",
                "The central one in Kano.",
                "How many were there?",
                "Four officers.",
                "Were you injured?",
                "Yes, they broke my arm.",
            ],
            [1],
            id="were-you-injured-asks-about-it",
        ),
        pytest.param(
            [
                "What happened at the checkpoint?",
                "The soldiers beat me with sticks.",
                "How did you get home?",
                "A neighbour carried me on his cart.",
                "What happened after that?",
                "Not only that. When I got home my husband beat me with a belt because I went out.",
            ],
            [1, 5],
            id="not-only-that-is-something-new",
        ),
        pytest.param(
            [
                "What happened?",
                "The soldiers stopped me and beat me with sticks.",
                "How many of them were there?",
                "Three: two soldiers and the commander. They beat me with their rifles too.",
            ],
            [1],
            id="three-answers-how-many",
        ),
    ],
)
def test_the_round_26_reviews_episodes(turns: list[str], expected: list[int]) -> None:
    assert disclosed_at(_exchange(turns)) == expected
