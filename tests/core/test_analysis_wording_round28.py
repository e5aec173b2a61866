"""Round 28 of the analysis: wording first met in fresh blind sets ZZZJ-ZZZM (session 16).

Harm after being taken somewhere ("taken to the station and beaten"), a blade swung, care told
after the harm ("and I needed stitches"), the doer's place before the act ("soldiers at the
checkpoint on Ngwa Road flogged him"); and ordinary talk kept quiet: an intent to kill, a visit
refused, a simile, a relative's house, a gun held to the chest.
"""

from __future__ import annotations

import pytest

from companion.analysis.harm import find_harm
from tests.analysis_helpers import disclosed


@pytest.mark.parametrize(
    ("question", "answer", "speaker"),
    [
        # the doer's place, not the doer, is the word before the act
        (
            "Did anything else happen to you in Nigeria?",
            "He says before that, in 2020, during the sit-at-home in Aba, soldiers at the "
            "checkpoint on Ngwa Road flogged him with a koboko, a horsewhip, and made him "
            "frog-jump on the tarred road until his knees bled.",
            "Interpreter",
        ),
        (
            "What happened at the protest?",
            "Soldiers at the checkpoint on the road flogged me with a cable.",
            "Claimant",
        ),
        # taken somewhere, then harmed: one passive
        (
            "After your release in 2019, did you have any other problems before you left Russia?",
            "Yes. In August 2021 I was taken out of a car and beaten again, and my phone was "
            "taken from me. After that I understood I had to leave.",
            "Claimant",
        ),
        ("What happened then?", "I was taken to the station and beaten.", "Claimant"),
        ("What happened then?", "We were taken to Evin prison and tortured.", "Claimant"),
        # a blade swung
        (
            "ok can you tell me what else happened",
            "a crowd come and one of them have a machete and him chop me here on the left arm "
            "twelve stitches at corn wall regional",
            "Claimant",
        ),
        ("What did they do?", "He chopped me on the arm with a machete.", "Claimant"),
        # care told after the harm does not make the harm medical care
        ("What happened?", "He hit me with a stick and I needed stitches.", "Claimant"),
        ("What happened?", "They beat me and I was taken to hospital.", "Claimant"),
        # an attempt is harm done
        ("What happened?", "They tried to kill me with a knife in the market.", "Claimant"),
        # what was kept from the claimant
        ("What happened in the cell?", "They never let me eat for three days.", "Claimant"),
        # a rope put round the neck, not a simile
        (
            "What happened?",
            "They put a rope around my neck and said this is your last day.",
            "Claimant",
        ),
        # a gun to the head is a mock execution
        ("What happened?", "He put the gun to my head and pulled the trigger.", "Claimant"),
    ],
)
def test_round_28_harm_is_found(question: str, answer: str, speaker: str) -> None:
    assert disclosed(question, answer, speaker) == [1]


@pytest.mark.parametrize(
    ("question", "answer", "speaker"),
    [
        # an intent, a threat
        (
            "okay uh so tell me why you left iraq",
            "because of my family my father and my brothers um they wanted to kill me for the "
            "honour because i had a relationship with a boy from the university",
            "Claimant",
        ),
        # a visit refused is no deprivation
        (
            "Did you visit your husband in the prison?",
            "I went every day with food, but they never let me see him.",
            "Claimant",
        ),
        # a simile
        (
            "Are you in debt?",
            "This debt is like a rope around my neck, every month it is tighter, but they have "
            "not touched me.",
            "Claimant",
        ),
        # a relative's house
        (
            "What else happened?",
            "Then in 2022 them shoot up my auntie's house in Mandeville.",
            "Claimant",
        ),
        # a gun held to the chest with a warning: a threat
        (
            "What did the soldiers do?",
            "One of them put his gun to my chest and said if I was still in Humera in one week "
            "they would come back for me and my daughters.",
            "Claimant",
        ),
        (
            "did they ever touch you",
            "she says no they never touched her um one time a boy put a pistol against her "
            "stomach at the stall and said this is the last warning but he didnt shoot",
            "Interpreter",
        ),
        # medical care, the act done by the doctors or by the speaker
        (
            "Do you have any scars?",
            "My appendix burst and they cut me open at the regional hospital in Shkodër.",
            "Claimant",
        ),
        ("Do you have any scars?", "I cut my hand on glass and had stitches.", "Claimant"),
        (
            "Do you still have any health problems because of it?",
            "Yes. Every month I have very bad pain, and when Osasere was born they had to cut me "
            "again at the hospital because of the scar.",
            "Claimant",
        ),
        (
            "How did you leave Syria?",
            "he says he worked in beirut in construction he fell from the scaffolding there and "
            "broke his wrist the boss did not pay for the hospital",
            "Interpreter",
        ),
        # taken somewhere for care
        ("What happened then?", "I was taken to hospital and treated.", "Claimant"),
        # a thing on the road, still figurative
        ("How was the journey?", "The long road beat us, we walked for nine days.", "Claimant"),
        (
            "What happened in 2018?",
            "In 2018 a kombi hit me when I was crossing the road.",
            "Claimant",
        ),
    ],
)
def test_round_28_ordinary_talk_stays_quiet(question: str, answer: str, speaker: str) -> None:
    assert disclosed(question, answer, speaker) == []


def test_a_chop_of_food_is_not_harm() -> None:
    assert find_harm("I chop onions and slash the prices at the market.", False, "") == []


# -- what the round's review found (each case failed on the round before it was mended) ---------


@pytest.mark.parametrize(
    ("text", "third_person"),
    [
        ("I was sent to the front and shot by a sniper", False),
        ("I was put in the cell and beaten", False),
        ("I was taken to the central police station and beaten", False),
        ("he wanted to kill me, he poured petrol on me and lit it", False),
        ("they never let me use toilet, I had to do it in the cell", False),
        ("they held me in the container and never let me have food", False),
        ("they locked me in the cell and never let me pray", False),
        (
            "they used something like a cable, they tied it to my fingers and connected it to "
            "the electricity",
            False,
        ),
        ("they held my head in a thing like a barrel full of water", False),
        (
            "they kept me in something like a box, I could not stand or lie down for two weeks",
            False,
        ),
        ("they beat my mum and me", False),
        ("the soldiers beat my dad and then me", False),
        ("they used the rifle butt on my ribs and I could not breathe", False),
        ("he pressed the gun against my forehead", False),
        ("they chopped off my fingers", False),
        ("The soldiers cut me with a knife and I needed stitches.", False),
        ("Two men in a white car shot me.", False),
    ],
)
def test_the_reviews_harm_is_found(text: str, third_person: bool) -> None:
    assert find_harm(text, third_person, "")


@pytest.mark.parametrize(
    ("text", "third_person"),
    [
        ("I was recruited into the army and beat prisoners on the orders of the captain", False),
        (
            "he says he was recruited into the army and beat people at the checkpoint because "
            "they ordered him",
            True,
        ),
        ("I was posted to the border and shot smugglers", False),
        ("i was married to him and beat him once when he hit the children", False),
        ("the agent chop me, he collected two thousand dollars and ran away", False),
        ("mosquito chop me for the cell all night", False),
        ("they cut me open to take out my appendix and I stayed in hospital for a week", False),
        ("they had to cut my leg off and I was in hospital for three months", False),
        ("he cut me by mistake when we were playing with knives and I needed four stitches", False),
        ("a car on the road hit me when I was crossing", False),
        ("he says a car on the road hit him", True),
        ("in Douala car hit me and I broke my leg", False),
        ("a bus on Ngwa Road hit me", False),
        ("I put petrol into my car.", False),
    ],
)
def test_the_reviews_ordinary_talk_stays_quiet(text: str, third_person: bool) -> None:
    assert find_harm(text, third_person, "") == []
