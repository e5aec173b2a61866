"""Disclosures as they are really said: answers to closed questions, harm described rather than
named, ordinary talk, recogniser-shaped text, distress in words (issue 15)."""

from __future__ import annotations

import tomllib

import pytest

from companion.analysis import lexicon as lexicon_module
from companion.analysis.analyser import Analyser, analyse
from companion.analysis.answers import as_statement
from companion.analysis.wording import render
from companion.transcript import parse_transcript_text


def run(text: str) -> dict:
    return analyse(parse_transcript_text(text).segments)


def disclosed_at(text: str) -> list[int]:
    return [d["segment"] for d in run(text)["disclosures"]]


def test_yes_to_a_closed_question_is_a_disclosure_with_the_question_as_evidence() -> None:
    result = run(
        "Caseworker: Were you raped during the 5 days?\n"
        "Claimant: Yes beaten and raped and left naked.\n"
        "Caseworker: Thank you for telling me. I am sorry that happened to you.\n"
    )
    [disclosure] = result["disclosures"]
    assert disclosure["segment"] == 1
    assert disclosure["category"] == "sexual-violence"
    assert disclosure["acknowledged"] is True
    assert "Were you raped during the 5 days?" in disclosure["evidence"]
    assert "Yes beaten and raped" in disclosure["evidence"]


@pytest.mark.parametrize(
    "question",
    [
        "Were you tortured during those four months?",
        "were you tortured during those four months",  # as the recogniser writes it
        "Did they beat you?",
        "Has anyone ever hurt you?",
        "So did the soldiers burn you with cigarettes?",
    ],
)
def test_a_bare_yes_discloses_what_the_question_names(question: str) -> None:
    assert disclosed_at(f"Caseworker: {question}\nClaimant: Yes.\n") == [1]


@pytest.mark.parametrize(
    "answer", ["No.", "No, they only shouted at me.", "Never.", "He says no, they did not."]
)
def test_a_no_discloses_nothing(answer: str) -> None:
    assert disclosed_at(f"Caseworker: Were you tortured?\nClaimant: {answer}\n") == []


def test_a_yes_to_a_question_about_someone_else_discloses_nothing() -> None:
    assert disclosed_at("Caseworker: Did they beat your brother?\nClaimant: Yes.\n") == []


def test_the_interpreters_he_says_yes_counts() -> None:
    assert disclosed_at(
        "Caseworker: Were you ill-treated in detention?\nInterpreter: He says yes, many times.\n"
    ) == [1]


def test_the_later_how_answer_belongs_to_the_same_episode() -> None:
    result = run(
        "Caseworker: Were you ill-treated?\n"
        "Claimant: Yes at the end yes.\n"
        "Caseworker: Thank you. What did they do?\n"
        "Claimant: They burnt plastic and let it drip on my arm.\n"
    )
    [episode] = result["disclosures"]
    assert episode["segment"] == 1
    assert episode["followups"]["how"] is True
    assert 3 in episode["followup_detail"]["how"]["answered"]


@pytest.mark.parametrize(
    "said",
    [
        "They heated an iron bar on the gas and pressed it on my back.",
        "They fixed wires to my toes and turned the handle, my whole body jumped.",
        "They hung me by my arms from the ceiling for a whole night.",
        "They held my head under the water until I could not breathe.",
        "They kept us in the cell with no food for four days.",
        "One of them put a gun to my head and pulled the trigger, it was empty.",
    ],
)
def test_harm_described_without_the_usual_verbs(said: str) -> None:
    assert disclosed_at(f"Caseworker: What happened in the prison?\nClaimant: {said}\n") == [1]


@pytest.mark.parametrize(
    "said",
    [
        "The doctor gave me an injection in my arm.",
        "I got a small electric shock from a machine with a broken cable, it was my mistake.",
        "It was a torture of a bus journey, twenty hours.",
        "They beat us 3-1 in the final match.",
        "I fell off the roof and broke my arm.",
        "They said they would burn my back with an iron if I came back.",
        "They beat my brother in front of the house.",
    ],
)
def test_ordinary_talk_stays_quiet(said: str) -> None:
    assert disclosed_at(f"Caseworker: What happened next?\nClaimant: {said}\n") == []


def test_a_figure_of_speech_is_not_a_sleep_problem() -> None:
    result = run("Caseworker: How was school?\nClaimant: The final exams were a nightmare.\n")
    assert result["vulnerability"] == []
    result = run("Caseworker: How do you sleep?\nClaimant: I have nightmares every night.\n")
    assert [v["kind"] for v in result["vulnerability"]] == ["sleep"]


def test_recogniser_text_finds_the_questions_and_the_acknowledgement() -> None:
    result = run(
        "Caseworker: what happened to you in the police station\n"
        "Claimant: they beat me with sticks and they burned my hand with a cigarette\n"
        "Caseworker: okay thank you for telling me that when did this happen\n"
        "Claimant: in march two thousand and nineteen\n"
    )
    [episode] = result["disclosures"]
    assert episode["acknowledged"] is True
    assert episode["followups"]["when"] is True
    assert result["questions"]["total"] == 2


def test_a_question_after_moving_on_is_not_borrowed() -> None:
    result = run(
        "Caseworker: What happened at the checkpoint?\n"
        "Claimant: They kicked me and hit me with a rifle.\n"
        "Caseworker: Thank you for telling me. Let's move on to your journey. When did you go?\n"
        "Claimant: In 2019.\n"
    )
    [episode] = result["disclosures"]
    assert episode["followups"]["when"] is False


@pytest.mark.parametrize(
    ("said", "response", "responded"),
    [
        ("[pause] I can't.", "Take your time. We can stop for a moment.", True),
        ("I can't share everything.", "That's all right, you don't have to.", True),
        ("Please stop.", "No. I'm sorry. We have to ask you and you have to answer.", False),
        ("I don't want to talk about it.", "I understand. We can come back to it.", True),
        ("[crying]", "Please answer the question.", False),
    ],
)
def test_distress_in_words_and_what_counts_as_a_response(
    said: str, response: str, responded: bool
) -> None:
    result = run(f"Caseworker: What happened?\nClaimant: {said}\nCaseworker: {response}\n")
    [moment] = result["distress"]
    assert moment["segment"] == 1
    assert moment["responded"] is responded


def test_asking_consent_for_details_is_an_open_question() -> None:
    result = run("Caseworker: If you feel comfortable, can you give me some details about this?\n")
    assert result["questions"]["open"] == 1


def test_the_prompt_card_quotes_the_question_and_the_answer() -> None:
    analyser = Analyser()
    events = analyser.feed_all(
        parse_transcript_text(
            "Caseworker: Were you tortured during those four months?\nClaimant: Yes.\n"
        ).segments
    )
    [disclosure] = [e for e in events if e.kind == "disclosure"]
    card = render(disclosure)
    assert "Were you tortured during those four months?" in disclosure.evidence
    assert card["title"].startswith("Disclosure of torture")


def test_a_closed_question_reads_as_the_claimants_statement() -> None:
    assert as_statement("Did they beat you?") == "they beat me"
    assert as_statement("Were you raped during the 5 days?") == "I was raped during the 5 days"
    assert as_statement("Have you ever been detained?") == "I have been detained"


def test_a_bad_category_in_the_harm_wording_names_the_entry(monkeypatch) -> None:
    text = lexicon_module.read_text("analysis", "harm.toml")
    broken = text.replace('category = "torture"', 'category = "tortures"', 1)
    monkeypatch.setattr(lexicon_module, "read_text", lambda *parts: broken)
    lexicon_module.lexicon.cache_clear()
    try:
        with pytest.raises(
            ValueError, match=r"harm\.toml: \[\[act\]\] #\d+ has category 'tortures'"
        ):
            lexicon_module.lexicon()
    finally:
        monkeypatch.undo()
        lexicon_module.lexicon.cache_clear()
        lexicon_module.lexicon()
    assert tomllib.loads(text)["act"]


def segments_of(*turns: tuple[str, str]) -> list:
    from companion.transcript.model import Segment

    return [Segment(n, speaker, text) for n, (speaker, text) in enumerate(turns)]


def test_a_turn_cut_in_two_by_the_pipeline_is_read_whole() -> None:
    result = analyse(
        segments_of(
            ("caseworker", "What happened in the prison?"),
            ("interpreter", "They heated an iron bar on the gas"),
            ("interpreter", "and pressed it on my back."),
            ("caseworker", "Okay."),
            ("caseworker", "Thank you for telling me that."),
        )
    )
    [episode] = result["disclosures"]
    assert episode["segment"] == 2
    assert episode["acknowledged"] is True  # the second segment of the caseworker's turn


def test_a_caseworker_turn_that_never_responds_is_not_an_acknowledgement() -> None:
    result = analyse(
        segments_of(
            ("caseworker", "What happened in the prison?"),
            ("claimant", "They beat me with cables every night."),
            ("caseworker", "Okay."),
            ("claimant", "Yes."),
        )
    )
    [episode] = result["disclosures"]
    assert episode["acknowledged"] is False


def test_distress_then_an_apology_and_insistence_is_not_a_response() -> None:
    result = run(
        "Caseworker: Who did this?\n"
        "Interpreter: She says she does not want to talk about him, please. [crying]\n"
        "Caseworker: I'm sorry, I know this is upsetting, but I need to establish the facts.\n"
    )
    [moment] = result["distress"]
    assert moment["responded"] is False


def test_a_second_closed_question_about_another_place_opens_a_new_episode() -> None:
    result = run(
        "Caseworker: Did the police come to your house in Adama?\n"
        "Interpreter: She says yes.\n"
        "Caseworker: Did they harm you when they came to your house?\n"
        "Interpreter: She says yes, they hit her in the face with a gun.\n"
        "Caseworker: I'm very sorry. What was the date?\n"
        "Interpreter: She says August 2016.\n"
        "Caseworker: Did you have any more problems with the authorities?\n"
        "Interpreter: She says yes. She was taken to Maekelawi for two months.\n"
        "Caseworker: Were you ill-treated in Maekelawi?\n"
        "Interpreter: She says yes.\n"
    )
    assert [d["segment"] for d in result["disclosures"]] == [3, 9]


def test_the_interpreter_in_the_first_person_about_someone_else_is_not_a_disclosure() -> None:
    assert (
        disclosed_at(
            "Caseworker: What happened to your neighbour?\n"
            "Interpreter: I saw it from the window. My neighbour Ravi argued with a policeman, "
            "and the soldiers beat him with batons.\n"
        )
        == []
    )
