"""Round 27 of the analysis: wording first met in fresh blind sets ZZX-ZZZA (session 15).

Recogniser text without apostrophes or full stops, a harm given rather than done, the claimant
among the people punished, things rather than people burned, and the claimant as the one doing.
"""

from __future__ import annotations

import pytest

from companion.analysis.analyser import analyse
from companion.transcript import parse_transcript_text
from tests.analysis_helpers import disclosed


@pytest.mark.parametrize(
    ("question", "answer", "speaker"),
    [
        # the recogniser writes "didnt", "wasnt": the denial still holds
        (
            "what happened at the police station",
            "he says they took his fingerprints and um they shouted and swore at them um but they "
            "didnt hit him he says they told him next time we will break your legs",
            "Interpreter",
        ),
        (
            "what happened at the station",
            "he says they didnt beat him they just asked questions for many hours",
            "Interpreter",
        ),
        ("and in the cell", "no they wasnt hurting me they only kept me there", "Claimant"),
        # a thing burned, not a person; the claimant burning rubbish
        (
            "What happened next?",
            "A crowd came to our street. They burned our motorcycle.",
            "Claimant",
        ),
        (
            "What did your colleague say?",
            "He said I burned pages of the Quran. It was a lie; I was burning rubbish, old "
            "cardboard.",
            "Claimant",
        ),
        # a question reported, not an act told; a fall on the journey
        (
            "Is there anything else you want to add?",
            "At the screening the man asked me if I was harmed and I said no, because there were "
            "men all around in that room.",
            "Claimant",
        ),
        (
            "How did you come to the UK?",
            "In Calais I tried to get onto a lorry, and I fell and broke my arm.",
            "Claimant",
        ),
    ],
    ids=[
        "didnt-hit-him",
        "didnt-beat-him",
        "wasnt-hurting",
        "burned-our-motorcycle",
        "burning-rubbish",
        "asked-me-if-i-was-harmed",
        "fell-and-broke",
    ],
)
def test_ordinary_talk_in_these_words_raises_nothing(
    question: str, answer: str, speaker: str
) -> None:
    assert disclosed(question, answer, speaker) == []


@pytest.mark.parametrize(
    ("question", "answer", "speaker"),
    [
        # given, not done; the claimant among those punished
        (
            "What happened to you after that?",
            "They took all of us to the square. Every one of us was given forty lashes with a "
            "stick on the back, me also.",
            "Claimant",
        ),
        ("Were you punished?", "Yes. I was given forty lashes in front of the mosque.", "Claimant"),
        # the progressive passive
        ("What happened in the cell?", "I was being beaten every night by two guards.", "Claimant"),
        # pushed, then fell: someone did it
        ("What happened?", "They pushed me down the stairs, I fell and broke my arm.", "Claimant"),
    ],
    ids=[
        "every-one-of-us-given",
        "given-lashes",
        "being-beaten",
        "pushed-then-fell",
    ],
)
def test_harm_told_in_these_words_is_a_disclosure(question: str, answer: str, speaker: str) -> None:
    assert disclosed(question, answer, speaker) == [1]


def test_care_just_before_the_act_in_a_long_unpunctuated_turn_stays_ordinary() -> None:
    assert (
        disclosed(
            "what treatment did you have",
            "um so i went to the clinic in the town near the market and the nurse she gave me an "
            "injection in my arm and then i went home to my family and stayed there all week",
        )
        == []
    )


@pytest.mark.parametrize(
    ("question", "answer", "speaker"),
    [
        (
            "What happened the second time?",
            "They took me to the same building. This time it was worse. They did to me the thing "
            "that takes away a man's honour.",
            "Claimant",
        ),
        (
            "How long were you held there?",
            "Two weeks. At night the soldiers came into the room and chose women. I was chosen. I "
            "was used, many nights.",
            "Claimant",
        ),
        (
            "Where were you taken?",
            "To the police station. At night some officers came in. They said they would show me "
            "what a real man is. [long pause] They did things, you understand. I can't say it.",
            "Claimant",
        ),
        (
            "What happened when you got to Italy?",
            "He brought a man to the apartment and told me to be nice to him. After that, every "
            "night there were men. I did not have a choice.",
            "Claimant",
        ),
        (
            "Can you tell me about the marriage?",
            "She says he used her every night even when she cried and said no.",
            "Interpreter",
        ),
        (
            "Who came for you?",
            "He says they took him to an old building and he was in the basement there for eleven "
            "days. He says when he came out he was not the same man. He says he does not want to "
            "talk more about the basement.",
            "Interpreter",
        ),
        (
            "okay and then what happened",
            "he says they took him and two other boys to a building near the checkpoint they kept "
            "them there three nights um he says they did with him what they wanted um he does not "
            "want to say more about that",
            "Interpreter",
        ),
        (
            "What happened at the march?",
            "He says the gendarmes arrested him with about thirty others and took them to the "
            "gendarmerie. They made them crawl on the ground and beat them with belts.",
            "Interpreter",
        ),
    ],
    ids=[
        "takes-away-a-mans-honour",
        "i-was-used",
        "what-a-real-man-is",
        "every-night-there-were-men",
        "used-her-though-she-said-no",
        "not-the-same-man-after-the-basement",
        "did-with-him-what-they-wanted",
        "arrested-with-thirty-others-beat-them",
    ],
)
def test_harm_told_without_saying_it_is_a_disclosure(
    question: str, answer: str, speaker: str
) -> None:
    assert disclosed(question, answer, speaker) == [1]


@pytest.mark.parametrize(
    "answer",
    [
        "I had no choice but to leave. There were men from the militia at our door every night.",
        "My brother was in prison for two years and when he came out he was not the same man. I "
        "do not want to talk more about my brother.",
        "The smuggler used me to carry bags. I had no choice.",
        "He said no at night, and they let me go. I was used to it by then.",
        "The police arrested my cousin with about thirty others and beat them with belts. I was "
        "not there.",
        "They arrested me with about ten others. I heard them beat them in the next room but they "
        "did not touch me.",
    ],
    ids=[
        "men-at-the-door",
        "brother-not-the-same",
        "used-to-carry-bags",
        "used-to-it",
        "cousin-with-thirty-others",
        "heard-the-others-beaten",
    ],
)
def test_the_same_words_about_others_or_ordinary_things_raise_nothing(answer: str) -> None:
    assert disclosed("What happened?", answer) == []


def test_a_doctor_offered_before_the_question_does_not_make_the_answer_medical_care() -> None:
    question = (
        "You can see a doctor here about this, and a medical report can be sent in support of "
        "your claim. Can you tell me about the marriage?"
    )
    answer = (
        "She says when she refused him he beat her with his belt, and once with a stick until "
        "her arm broke."
    )
    assert disclosed(question, answer, "Interpreter") == [1]
    assert disclosed("What treatment did you have?", "They put stitches in my head.") == []
    # a question pointing back keeps what it points at
    assert (
        disclosed(
            "You mentioned that you had been in hospital yourself. Can you tell me about that?",
            "I had an ectopic pregnancy and they had to cut me open in an emergency.",
        )
        == []
    )


@pytest.mark.parametrize(
    ("question", "answer", "expected"),
    [
        (
            "Your father was a police officer, is that right?",
            "He says yes, for fifteen years. In 1399 the Taliban stopped his car on the road and "
            "shot him.",
            [],
        ),
        (
            "Your brother was a member of the party, is that right?",
            "He says yes, and because of that the police arrested him too and beat him.",
            [1],
        ),
        (
            "Was your father at home when the soldiers came?",
            "He says no, his father was at work. The soldiers beat him in the yard.",
            [1],
        ),
        (
            "Were you and your brother together?",
            "He says yes, they beat him at the border with sticks.",
            [1],
        ),
    ],
    ids=["your-father-was", "him-too", "was-your-father-at-home", "you-and-your-brother"],
)
def test_him_in_an_answer_about_a_relative_is_the_relative(
    question: str, answer: str, expected: list[int]
) -> None:
    assert disclosed(question, answer, "Interpreter") == expected


def _segments_disclosed(turns: list[str]) -> list[int]:
    text = "\n\n".join(
        f"{'Caseworker' if n % 2 == 0 else 'Claimant'}: {turn}" for n, turn in enumerate(turns)
    )
    return [d["segment"] for d in analyse(parse_transcript_text(text).segments)["disclosures"]]


@pytest.mark.parametrize(
    ("last", "expected"),
    [
        (
            "On the day the soldiers cut my leg in 2017 they also took away my brother-in-law.",
            [1, 3],
        ),
        (
            "On the day the soldiers burned my hands in 2019 they also took my brother-in-law.",
            [1, 3, 5],
        ),
        (
            "Yes, in 2023 the police arrested me again, and that time the guards cut my leg with a "
            "razor.",
            [1, 3, 5],
        ),
        (
            "Yes. In 2023 I was arrested in the capital. The day the police cut my leg in prison I "
            "decided to escape.",
            [1, 3, 5],
        ),
    ],
    ids=[
        "the-day-they-cut-my-leg-is-the-first-episode",
        "an-act-not-told-before-is-new",
        "arrested-again-that-time",
        "in-a-year-of-its-own",
    ],
)
def test_an_act_named_as_the_time_of_something_else_returns_to_its_episode(
    last: str, expected: list[int]
) -> None:
    turns = [
        "What happened in 2017?",
        "A soldier cut my leg with a long knife and left me on the road.",
        "Thank you for telling me. What happened in 2021?",
        "One night in 2021 men from the group took me to the hills and beat me with sticks.",
        "Is there anything else you want to tell me?",
        last,
    ]
    assert _segments_disclosed(turns) == expected


@pytest.mark.parametrize(
    ("answer", "speaker", "expected"),
    [
        (
            "At night the soldiers took the women out one by one. What they did to the women... "
            "it was done to all of us. Nobody came back the same.",
            "Claimant",
            [1],
        ),
        (
            "What happened to the women in those houses, it happened to all of us. It happened to "
            "me.",
            "Claimant",
            [1],
        ),
        (
            "She says she was kept for nine days and that things were done to her that a woman "
            "cannot say in front of strangers.",
            "Interpreter",
            [1],
        ),
        (
            "You know what the guards do to women in those houses. But nobody touched me.",
            "Claimant",
            [],
        ),
        (
            "It happened to me on the road: the lorry broke down and we waited two days.",
            "Claimant",
            [],
        ),
    ],
    ids=[
        "nobody-came-back-the-same",
        "it-happened-to-all-of-us",
        "things-done-to-her",
        "nobody-touched-me",
        "lorry-broke-down",
    ],
)
def test_what_was_done_to_the_women_and_to_the_claimant(
    answer: str, speaker: str, expected: list[int]
) -> None:
    assert disclosed("What happened while you were held?", answer, speaker) == expected


def test_a_filler_before_the_recognisers_question_still_makes_it_a_question() -> None:
    text = (
        "Caseworker: alright um what happened at the police station\n\n"
        "Claimant: they kept me one night\n\n"
        "Caseworker: um did they hurt you\n\n"
        "Claimant: yes\n"
    )
    result = analyse(parse_transcript_text(text).segments)
    assert [d["segment"] for d in result["disclosures"]] == [3]
    assert [q["segment"] for q in result["questions"]["items"]] == [0, 2]


def test_caught_again_long_after_is_another_episode_and_the_marriage_another_person() -> None:
    turns = [
        "What happened at the checkpoint?",
        "Three of them beat me with cables on my back and my head.",
        "When was this?",
        "In October, the same year.",
        "How did you get away?",
        "An old man paid money and they let me go the next morning.",
        "You can see a doctor about your injuries.",
        "Yes, I still have headaches.",
        "What happened after that?",
        "I went to Iran and worked eight months, then the police caught me and took me to a camp. "
        "The police in that camp hit me very badly.",
    ]
    assert _segments_disclosed(turns) == [1, 9]
    turns = [
        "Were you cut as a child?",
        "Yes, when I was eight, in my grandmother's village. The old woman did it with a blade.",
        "How old is your daughter now?",
        "Four.",
        "Tell me about your marriage. What was your life like with your husband?",
        "He did not let me go outside. When I said something he didn't like, he hit me with his "
        "belt.",
    ]
    assert _segments_disclosed(turns) == [1, 5]


# The review of round 27 (a helper that read only the change): each case below was wrong in
# the round as first written, and is mended.
@pytest.mark.parametrize(
    ("question", "answer", "speaker", "expected"),
    [
        (
            "What did they do to you?",
            "For two days I was hanging from the ceiling by my wrists.",
            "Claimant",
            [1],
        ),
        ("What happened?", "They poured petrol on us and we were burning.", "Claimant", [1]),
        (
            "What did they do to him?",
            "He says he was hanging by his wrists from a hook all night.",
            "Interpreter",
            [1],
        ),
        (
            "Did you get any support?",
            "I was given a leaflet about sexual violence.",
            "Claimant",
            [],
        ),
        (
            "Did you get any support?",
            "I was given protection from domestic violence.",
            "Claimant",
            [],
        ),
        ("What did you see?", "I saw they were given forty lashes in the square.", "Claimant", []),
        (
            "What happened to the others?",
            "He says they were given forty lashes each.",
            "Interpreter",
            [],
        ),
        (
            "Did you tell anyone?",
            "The officer asked me if I was raped and I said yes.",
            "Claimant",
            [1],
        ),
        (
            "What happened?",
            "I was hit with a rifle butt, I fell and broke two ribs.",
            "Claimant",
            [1],
        ),
        (
            "What happened?",
            "They pushed me off the truck. I fell and broke my arm.",
            "Claimant",
            [1],
        ),
        (
            "what happened in the prison",
            "i didnt tell anyone i was raped in the prison",
            "Claimant",
            [1],
        ),
        ("what happened in the cell", "they didnt stop beating me for two days", "Claimant", [1]),
        ("What did you tell the police?", "I did not say that I was beaten.", "Claimant", []),
        (
            "What happened?",
            "The smugglers forced us to walk all night through the mountains. I had no choice.",
            "Claimant",
            [],
        ),
        (
            "What happened?",
            "At night they took me out of the cell to the office and asked me to sign a paper. "
            "I said no.",
            "Claimant",
            [],
        ),
        (
            "What work did you do?",
            "I worked in a shop. The clients were rude to me and I had no choice but to stay.",
            "Claimant",
            [],
        ),
        (
            "What happened to your sister?",
            "They took my sister. They did with her what they wanted. I cannot say more.",
            "Claimant",
            [],
        ),
        (
            "What happened to your sister?",
            "They took my sister. They dishonoured her. I cannot forget what they did to her.",
            "Claimant",
            [],
        ),
        (
            "And your friend?",
            "Ahmed was in prison for two years. When he came out he was not the same man. I do "
            "not want to talk about it.",
            "Claimant",
            [],
        ),
        (
            "What happened at the station?",
            "They forced me to sign a paper at the station. I want to talk more about my father "
            "now.",
            "Claimant",
            [],
        ),
        (
            "I understand you had surgery in Turkey. What did they do?",
            "They cut my stomach and took out the stone.",
            "Claimant",
            [],
        ),
        (
            "You said you played football for your town's team. How was your knee injured?",
            "A player kicked me from behind and broke my knee.",
            "Claimant",
            [],
        ),
    ],
    ids=[
        "hanging-from-the-ceiling",
        "we-were-burning",
        "he-was-hanging",
        "given-a-leaflet",
        "given-protection",
        "saw-they-were-given-lashes",
        "they-were-given-lashes",
        "asked-if-raped-said-yes",
        "hit-then-fell",
        "pushed-off-the-truck",
        "didnt-tell-anyone-i-was-raped",
        "didnt-stop-beating-me",
        "did-not-say-i-was-beaten",
        "forced-to-walk-all-night",
        "taken-out-to-sign",
        "clients-were-rude",
        "did-with-her-what-they-wanted",
        "dishonoured-her",
        "ahmed-not-the-same",
        "want-to-talk-more",
        "surgery-preamble",
        "football-preamble",
    ],
)
def test_the_round_27_reviews_cases(
    question: str, answer: str, speaker: str, expected: list[int]
) -> None:
    assert disclosed(question, answer, speaker) == expected


def test_thrown_into_a_truck_is_an_arrest_and_off_it_a_fall() -> None:
    seen = (
        "He says he saw from the window that the soldiers beat Filmon with sticks in the street "
        "and threw him into a truck."
    )
    assert disclosed("What happened to you in Keren?", seen, "Interpreter") == []
    assert disclosed("What happened?", "They pushed me off the truck on the road.") == [1]
    # let go: "pushed me out of the car and drove away" is a release
    released = "The next morning they pushed me out of the car near the road and drove away."
    assert disclosed("How did it end?", released) == []
