"""The analysis, event by event, on short passages in the words of real interview records."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from companion.analysis.analyser import Analyser, analyse
from companion.analysis.scoring import Score, score_corpus
from companion.analysis.wording import render
from companion.cli import main
from companion.transcript import parse_transcript_text
from tests.paths import BLIND_CORPORA, DEV_CORPUS, HELDOUT_CORPUS, OWN_CORPUS


def run(text: str) -> dict:
    return analyse(parse_transcript_text(text).segments)


def kinds(text: str) -> list[tuple[str, int]]:
    analyser = Analyser()
    return [(e.kind, e.segment) for e in analyser.feed_all(parse_transcript_text(text).segments)]


def test_direct_disclosure_acknowledged_and_fully_followed_up() -> None:
    result = run(
        "Caseworker: What happened to you at the prison?\n"
        "Claimant: The guards hung me from the ceiling by my wrists and beat my feet.\n"
        "Caseworker: I'm sorry. When was this?\n"
        "Claimant: In the winter of 2019.\n"
        "Caseworker: You can see a doctor and send us a medical report about your injuries.\n"
    )
    [episode] = result["disclosures"]
    assert episode["segment"] == 1 and episode["category"] == "torture"
    assert episode["acknowledged"] is True
    assert episode["followups"] == {"when": True, "where": True, "how": True, "by_whom": True}
    assert episode["medical_evidence_signposted"] is True
    assert "hung me" in episode["evidence"]


def test_unacknowledged_disclosure_raises_a_prompt_with_the_words() -> None:
    text = (
        "Caseworker: Why did you leave?\n"
        "Claimant: They took me to the station and we received beating every night.\n"
        "Caseworker: What is your date of birth?\n"
    )
    result = run(text)
    assert result["disclosures"][0]["acknowledged"] is False
    assert ("not-acknowledged", 2) in kinds(text)


def test_third_person_interpreter_rendering_counts_as_the_claimants_account() -> None:
    result = run(
        "Caseworker: What happened next?\n"
        "Interpreter: He says they burned him with a hot iron on his arms.\n"
    )
    assert len(result["disclosures"]) == 1 and result["disclosures"][0]["category"] == "torture"


def test_a_later_episode_gets_its_own_checklist_and_more_detail_does_not() -> None:
    text = (
        "Caseworker: What happened after your arrest?\n"
        "Claimant: The soldiers beat me with their rifles in the barracks.\n"
        "Caseworker: Thank you for telling me. Who were the soldiers?\n"
        "Claimant: From the fourth brigade. They also kicked me when I fell down.\n"
        "Caseworker: Where are your parents now?\n"
        "Claimant: In the village. The second time they arrested me, in 2021, they raped me.\n"
        "Caseworker: Did you go to school?\n"
    )
    result = run(text)
    assert [d["segment"] for d in result["disclosures"]] == [1, 5]
    second = result["disclosures"][1]
    assert second["category"] == "sexual-violence" and second["acknowledged"] is False
    assert second["followups"]["when"] is True and second["followups"]["by_whom"] is False


@pytest.mark.parametrize(
    "claimant",
    [
        "Honestly the journey was torture, the heat beat us down every day.",
        "They told my mother they would hurt me if I came back.",
        "The police held me for two hours and let me go, nobody touched me.",
        "They beat my brother in front of the house.",
        "It hurt me to leave my children behind.",
        "I was not tortured, they only shouted at me.",
        "We paid the smuggler and travelled by lorry through three countries.",
    ],
)
def test_figurative_threatened_others_and_ordinary_talk_are_not_disclosures(claimant: str) -> None:
    assert run(f"Caseworker: Tell me more.\nClaimant: {claimant}\n")["disclosures"] == []


def test_distress_responded_or_not() -> None:
    responded = run(
        "Caseworker: What happened there?\nClaimant: [Claimant crying] Please, I can't"
        " talk about this.\nCaseworker: Take your time. Would you like a break?\n"
    )
    pressed = run(
        "Caseworker: What happened there?\nClaimant: I don't want to remember it.\n"
        "Caseworker: Answer the question. What did they do?\n"
    )
    assert responded["distress"][0]["responded"] is True
    assert pressed["distress"][0]["responded"] is False


def test_distress_during_an_open_episode_suggests_noting_that_probing_stopped() -> None:
    text = (
        "Caseworker: What happened in the cell?\n"
        "Claimant: They put electric wires on me. I can't talk about it, I feel sick.\n"
    )
    assert ("probe-stopped", 1) in kinds(text)


def test_vulnerability_kinds_and_safeguarding_insists() -> None:
    text = (
        "Caseworker: How are you?\n"
        "Claimant: I have panic attacks and I cannot sleep. My memory is not good since then. "
        "Sometimes I don't want to live.\n"
    )
    result = run(text)
    assert {v["kind"] for v in result["vulnerability"]} == {
        "mental-health",
        "sleep",
        "memory",
        "suicidal",
    }
    events = Analyser().feed_all(parse_transcript_text(text).segments)
    safeguarding = [e for e in events if e.kind == "safeguarding"]
    assert safeguarding and safeguarding[0].urgency == "insist"
    assert all(e.urgency == "calm" for e in events if e.kind != "safeguarding")


def test_question_style() -> None:
    result = run(
        "Caseworker: Were you arrested, yes or no?\nClaimant: Many times.\n"
        "Caseworker: I asked you again, were you arrested, yes or no?\nClaimant: Yes.\n"
        "Caseworker: Can you see how this does not make sense?\nClaimant: No.\n"
        "Caseworker: Tell me about your journey.\n"
    )["questions"]
    assert (result["total"], result["open"], result["closed"]) == (4, 1, 3)
    assert (result["yes_no_demands"], result["repeated"], result["loaded"]) == (2, 1, 1)


def test_a_demand_for_medical_evidence_is_not_signposting() -> None:
    result = run(
        "Caseworker: What happened?\nClaimant: They whipped me.\n"
        "Caseworker: Do you have medical evidence, yes or no?\n"
    )
    assert result["disclosures"][0]["medical_evidence_signposted"] is False


def test_every_prompt_has_wording_from_resources() -> None:
    events = Analyser().feed_all(
        parse_transcript_text(
            "Caseworker: What happened?\nClaimant: They beat me. I can't talk about it.\n"
            "Caseworker: Where is your passport, yes or no?\n"
            "Claimant: I lost it. I have nightmares.\n"
            "Caseworker: Where is your passport, yes or no?\n"
        ).segments
    )
    assert events
    for event in events:
        rendered = render(event)
        assert rendered.get("title") and "{" not in rendered["title"], event.kind


def test_analyse_command_contract_and_bad_input(tmp_path: Path, capsys) -> None:
    path = tmp_path / "t.jsonl"
    path.write_text(
        '{"speaker": "caseworker", "text": "What happened?"}\n'
        '{"speaker": "interpreter", "text": "She says they beat her."}\n'
    )
    assert main(["analyse", str(path), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["segments"] == 2 and out["disclosures"][0]["segment"] == 1
    assert set(out["questions"]) >= {
        "total",
        "open",
        "closed",
        "yes_no_demands",
        "repeated",
        "loaded",
    }
    path.write_text('{"speaker": "caseworker", "text": "ok"}\nnot json\n')
    assert main(["analyse", str(path), "--json"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and "t.jsonl:2:" in err and err.count("\n") == 1


def test_a_four_hour_transcript_is_analysed_whole() -> None:
    rows = []
    for i in range(1000):
        rows.append("Caseworker: What happened after you left the village, can you tell me?")
        rows.append(
            "Claimant: We walked for three days to the border and then took a bus. "
            "They beat me at the checkpoint."
            if i % 50 == 0
            else "Claimant: We walked for three days to the border and then took a bus."
        )
    segments = parse_transcript_text("\n".join(rows)).segments
    analyser = Analyser()
    for segment in segments:
        analyser.feed(segment)
    assert len(analyser.segments) == 2000


def test_dev_corpus_score_floor() -> None:
    score = score_corpus(DEV_CORPUS)
    assert score.recall >= 0.95 and score.precision >= 0.90, score.misses
    assert score.field_accuracy >= 0.90, score.misses


def test_own_corpus_score_floor() -> None:
    score = score_corpus(OWN_CORPUS)
    assert score.recall >= 0.95 and score.precision >= 0.90, score.misses
    assert score.field_accuracy >= 0.90, score.misses


def test_heldout_corpus_score_floor() -> None:
    """Written blind by another author; first scored at recall 75%, precision 86%, fields 89%."""
    score = score_corpus(HELDOUT_CORPUS)
    assert score.recall >= 0.95 and score.precision >= 0.90, score.misses
    assert score.field_accuracy >= 0.90, score.misses


@pytest.mark.timeout(900)  # 3,001 passages through the analysis: about 145 s on 2 idle cores
def test_blind_written_corpora_score_floor() -> None:
    """The sets written by authors who never saw the rules (tests/analysis_blind); their first
    runs are in FIRST_RUNS.md and the README. Folded in, they hold the rules to what was learnt
    from them (ZZZZB and ZZZZC were scored first with round 32 and then used to make round 33;
    the last, ZZZZD and ZZZZE, were scored first with round 33 and then used to make round 34).
    The second opinion was trained on sets A-ZW: for it these floors are in-sample, a guard
    against regressions, not a measure of generalisation (that is each set's first run).
    A-ZZZZE with round 34: recall 94.0 %, precision 94.9 %, 2.0 false prompts per two hours,
    follow-ups 91.1 % (A-ZZZZC with round 32: 93.8 %, 94.7 %, 2.1, 91.2 %)."""
    total = Score()
    for folder in BLIND_CORPORA:
        total.add(score_corpus(folder))
    assert total.files >= 3000
    assert total.recall >= 0.935 and total.precision >= 0.94, total.misses
    assert total.false_per_two_hours <= 2.3, total.misses
    assert total.followup_accuracy >= 0.91 and total.distress_recall >= 0.90, total.misses
