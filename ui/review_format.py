"""The words of the quality-assurance screens: a sampled interview's line, a transcript line,
a comment's heading, an interview's key facts and a review's scores, as a person reads them.
Formatting only: what is counted and scored is decided in :mod:`companion.review`."""

from __future__ import annotations

import html
from datetime import datetime
from typing import Any

from companion.clockfmt import hms
from companion.review.facts import InterviewFacts
from companion.review.stages import SCORE_WORDS, STAGES
from companion.transcription.events import ROLE_LABELS
from companion.usecases.review import Comment, ReviewState, SampledInterview, TranscriptLine


def stage_title(stage_id: str) -> str:
    """A stage's title ("The review as a whole" for "")."""
    for stage in STAGES:
        if stage.id == stage_id:
            return stage.title
    return stage_id or "The review as a whole"


def when(at: datetime | None) -> str:
    """A moment as the screens show it (UTC, as stored)."""
    return "—" if at is None else f"{at:%d %b %Y %H:%M}"


def sample_line(sample: SampledInterview) -> str:
    """A sampled interview in the reviewer's list: reference and day; unit and state; why."""
    day = f"{sample.day:%d %b %Y}" if sample.day is not None else "no date"
    unit = sample.unit or "no unit"
    reasons = ", ".join(sample.reasons) or "—"
    return f"{sample.reference}  ·  {day}\n{unit}  ·  {sample.state}\n{reasons}"


def transcript_line(line: TranscriptLine) -> str:
    """A transcript line: its number, time and speaker, then its words."""
    at = hms(line.start_s) if line.start_s is not None else "no time"
    speaker = ROLE_LABELS.get(line.speaker, line.speaker)
    return f"{line.position}  ·  {at}  ·  {speaker}\n{line.text}"


def anchor_words(position: int | None) -> str:
    """Where a comment points ("about line 42"), or ""."""
    return "" if position is None else f"about line {position}"


def comment_heading(comment: Comment) -> str:
    """Who wrote a comment, as what, when, on which stage and about which line."""
    parts = [
        f"{comment.author} ({comment.role})",
        when(comment.at),
        stage_title(comment.stage) if comment.role == "reviewer" else "reply",
    ]
    if comment.segment_position is not None:
        parts.append(anchor_words(comment.segment_position))
    return "  ·  ".join(parts)


def review_status(state: ReviewState) -> str:
    """Where a review stands, in one line."""
    if state.submitted_at is not None:
        seen = f"; seen on {when(state.seen_at)}" if state.seen_at is not None else ""
        return f"Sent to the caseworker on {when(state.submitted_at)}{seen}. It is read-only."
    if state.review_id is not None:
        return "A draft: only you see it until you send it."
    return "Not reviewed yet."


def scores_html(state: ReviewState) -> str:
    """The scores per stage as a small table (for the caseworker's feedback)."""
    rows = "".join(
        f"<tr><th align='left'>{html.escape(stage.title)}</th>"
        f"<td>{html.escape(SCORE_WORDS.get(state.scores.get(stage.id) or 0, 'not scored'))}</td>"
        "</tr>"
        for stage in STAGES
    )
    return f"<table cellspacing='0' cellpadding='3'>{rows}</table>"


def _item(words: str) -> str:
    return f"<li>{words}</li>"


def _read_back_words(facts: InterviewFacts, unconfirmed: list[dict[str, Any]]) -> str:
    if not facts.interpreted:
        return "No interpreter"
    if not unconfirmed:
        return "Every date, number, name and place was read back"
    lines = ", ".join(str(u["segment"]) for u in unconfirmed[:12])
    more = "…" if len(unconfirmed) > 12 else ""
    return (
        f"{len(unconfirmed)} rendering(s) with a date, number, name or place not read back "
        f"(lines {lines}{more})"
    )


def key_facts_html(summary: dict[str, Any], facts: InterviewFacts) -> str:
    """An interview's key facts for the reviewer: questioning time and breaks, disclosures
    with the follow-ups missing, distress, interpreting; segment numbers as in the
    transcript beside it."""
    report = summary["report"]
    overview = report["overview"]
    e = html.escape
    timing = [
        _item(f"Questioning time {hms(facts.questioning_s)} (elapsed {hms(facts.elapsed_s)})"),
        _item(f"Longest stretch without a break {hms(facts.longest_without_break_s)}"),
    ]
    if facts.over_4h_questioning:
        timing.append(_item("<b>Over 4 hours of questioning</b>"))
    if facts.over_2h_without_break:
        timing.append(_item("<b>Over 2 hours without a break</b>"))
    for b in overview.get("breaks", []):
        asked = f", asked by the {e(b['requested_by'])}" if b.get("requested_by") else ""
        reason = f": {e(b['reason'])}" if b.get("reason") else ""
        timing.append(_item(f"Break {hms(b.get('start_s'))}–{hms(b.get('end_s'))}{reason}{asked}"))
    if not overview.get("breaks"):
        timing.append(_item("No breaks"))
    disclosures = []
    for d in report["disclosures"]:
        missing = ", ".join(d["missing"])
        state = f"<b>missing: {e(missing)}</b>" if missing else "all four follow-ups"
        ack = "acknowledged" if d["acknowledged"] else "<b>not acknowledged</b>"
        disclosures.append(
            _item(f"Line {d['segment']}: {e(d['category'])} — “{e(d['evidence'])}”; {ack}; {state}")
        )
    distress = []
    for d in report["distress"]:
        response = (
            f"responded ({e(str(d.get('response') or ''))})"
            if d["responded"]
            else "<b>no response</b>"
        )
        distress.append(_item(f"Line {d['segment']}: “{e(d['evidence'])}” — {response}"))
    interpreting = report["interpreting"]
    interp = [_item(_read_back_words(facts, interpreting["dates_and_numbers_not_confirmed"]))]
    interp += [
        _item(f"Concern: {e(str(c.get('kind_text', '')))} — {e(str(c.get('details', '')))}")
        for c in interpreting["concerns"]
    ]
    interp.append(_item(f"{facts.open_questions} open of {facts.questions} questions"))

    def section(title: str, items: list[str], empty: str) -> str:
        body = "".join(items) if items else _item(empty)
        return f"<h4>{title}</h4><ul>{body}</ul>"

    return (
        section("Time and breaks", timing, "—")
        + section("Disclosures", disclosures, "None found")
        + section("Distress", distress, "None found")
        + section("Interpreting and questions", interp, "—")
        + f"<p><small>{e(report.get('disclaimer', ''))}</small></p>"
    )
