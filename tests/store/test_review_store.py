"""Quality assurance on the store (SQLite and PostgreSQL): the unit's figures computed by the
database agree with the interviews' facts, a draw is kept with its seed, and a review — read,
scored, commented, sent, answered — never changes the record."""

from __future__ import annotations

import json
import statistics
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from companion.bench.review_scale import FIRST_DAY, UNITS, generate
from companion.cli import main
from companion.usecases import review
from companion.usecases.record_forms import export_session
from models.entities import InterviewFactsRow, ReviewDraw
from models.importing import import_transcript
from models.store import Store

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "resources" / "samples" / "sample_interview.txt"
STAGES = ("opening", "conducting", "substance", "closing", "record")


def test_the_figures_the_database_computes_agree_with_the_facts(db_url: str) -> None:
    store = Store.open(db_url)
    try:
        generate(store, 300, seed=5)
        start, end, unit = (
            FIRST_DAY + timedelta(days=100),
            FIRST_DAY + timedelta(days=500),
            UNITS[1],
        )
        with store.session() as db:
            rows = list(
                db.scalars(
                    select(InterviewFactsRow).where(
                        InterviewFactsRow.day >= start,
                        InterviewFactsRow.day <= end,
                        InterviewFactsRow.unit == unit,
                    )
                )
            )
        got = review.figures(store, start, end, unit).to_json()
    finally:
        store.close()
    assert got["interviews"] == len(rows) >= 5
    assert got["questioning_median_s"] == pytest.approx(
        statistics.median(r.questioning_s for r in rows)
    )
    assert got["questioning_longest_s"] == pytest.approx(max(r.questioning_s for r in rows))
    assert got["breaks_per_interview"] == pytest.approx(sum(r.breaks for r in rows) / len(rows))
    disclosures = sum(r.disclosures for r in rows)
    followed = sum(r.fully_followed_up for r in rows)
    if got["disclosures_fully_followed_up"] is not None:
        assert got["disclosures_fully_followed_up"] == followed
        assert got["disclosures_fully_followed_up_share"] == pytest.approx(followed / disclosures)
    over_2h = sum(r.over_2h_without_break for r in rows)
    assert got["over_2h_without_break"] == (over_2h if not 0 < over_2h < 5 else None)
    questions = sum(r.questions for r in rows)
    assert got["open_question_share"] == pytest.approx(
        sum(r.open_questions for r in rows) / questions
    )


def test_a_review_is_audited_kept_with_its_seed_and_never_changes_the_record(
    db_url: str, tmp_path: Path
) -> None:
    store = Store.open(db_url)
    try:
        ids = [import_transcript(store, SAMPLE, reference=f"IC-QA-{n}") for n in range(8)]
        assert review.refresh_facts(store) == ids
        before = export_session(store.load(ids[0]), "jsonl")
        today = date.today()
        drawn = review.draw_sample(
            store, today - timedelta(days=1), today + timedelta(days=1), rate=0.25
        )
        picked = [p.session_id for p in drawn.draw.picks]
        assert len(picked) == 2  # 25 % of 8
        with store.session() as db:
            kept = db.get(ReviewDraw, drawn.draw_id)
            assert kept is not None and kept.seed == drawn.draw.seed and kept.candidates == 8
        # The same seed draws the same interviews (from the same candidates).
        again = review.draw(review.stored_candidates(store, drawn), 0.25, drawn.draw.seed)
        assert [p.session_id for p in again.picks] == picked

        sid = ids[0] if ids[0] in picked else picked[0]
        assert {s.session_id for s in review.samples_for_review(store)} == set(picked)
        case = review.open_for_review(store, sid)
        assert case.lines[21].position == 21 and case.lines[21].text.startswith("They beat me.")
        review.save_review(
            store,
            sid,
            {"opening": 4},
            (review.NewComment("Acknowledged at once.", "substance", 21),),
        )
        with pytest.raises(ValueError, match="score every stage first"):
            review.save_review(store, sid, {"opening": 4}, submit=True)
        sent = review.save_review(store, sid, dict.fromkeys(STAGES, 4), submit=True)
        assert sent.submitted_at is not None
        assert [c.segment_position for c in sent.comments] == [21]
        with pytest.raises(Exception, match="already sent"):
            review.save_review(store, sid, dict.fromkeys(STAGES, 1))
        (feedback,) = review.feedback_for_me(store)
        assert feedback.unseen and feedback.review.scores["opening"] == 4
        review.mark_seen(store, sid)
        reply = review.reply(store, sid, "Thank you.", feedback.review.comments[0].id)
        assert reply.role == "caseworker" and reply.reply_to == feedback.review.comments[0].id
        reads = [e for e in store.audit_events(sid) if e.action == "review read"]
        assert len(reads) == 1
        assert export_session(store.load(ids[0]), "jsonl") == before
    finally:
        store.close()


def test_the_figures_command_prints_the_keys_and_says_a_bad_day_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'store.db'}"
    store = Store.open(url)
    try:
        generate(store, 60, seed=2)
    finally:
        store.close()
    args = ["review", "figures", "--from", "2025-01-01", "--to", "2026-12-31", "--db", url]
    assert main([*args, "--json", "--csv", str(tmp_path / "f.csv")]) == 0
    out = json.loads(capsys.readouterr().out)
    for key in (
        "interviews",
        "over_2h_without_break",
        "over_4h_questioning",
        "disclosures",
        "disclosures_fully_followed_up",
    ):
        assert key in out
    assert out["interviews"] == 60
    assert (tmp_path / "f.csv").read_text().startswith("figure,label,value")
    assert (
        main(["review", "figures", "--from", "2025-02-30", "--to", "2026-01-01", "--db", url]) == 2
    )
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "'2025-02-30' is not a day" in err
