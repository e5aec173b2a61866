"""The reflection summary of one interview: every section, as plain data.

One implementation for the screen, the command line and the exports (Markdown, DOCX, PDF). It
extends the contract's ``summary --format json`` object (whose fields are fixed) with a
``report`` object holding the sections a caseworker reflects on and a reviewer maps to a
quality checklist (EUAA Quality Assurance Tool: opening, conducting, substance, closing,
interview record). The tool's flags are prompts for reflection, never findings.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from companion.analysis.wording import wording
from companion.interpreting.concerns import concern_kinds
from companion.interpreting.ledger import CONFIRM, CORRECT, Check, ConfirmationLedger
from companion.summary.build import build_summary
from companion.timing.presets import Preset
from companion.transcript.model import Transcript

DISCLAIMER = (
    "Interview Companion's flags are prompts for reflection, not findings: they come from the "
    "words of the transcript and may be wrong. The transcript is machine-made and may contain "
    "errors; the interview record is the authority."
)
ELEMENT_NAMES = {"when": "When", "where": "Where", "how": "How", "by_whom": "By whom"}


@dataclass(frozen=True)
class SessionFacts:
    """What a stored session knows beyond its transcript (``usecases.record_forms`` builds it)."""

    reference: str = ""
    started_at: str = ""
    language: str = ""
    interpreter: str = ""
    #: {"start_s", "end_s", "reason", "requested_by"} per break.
    breaks: tuple[dict[str, Any], ...] = ()
    #: {"segment", "kind", "before", "after", "by", "reason"} per correction.
    corrections: tuple[dict[str, Any], ...] = ()
    #: Positions of segments confirmed as right by a person.
    confirmed: tuple[int, ...] = ()
    #: checklist name -> [(item words, ticked)].
    checklists: dict[str, list[tuple[str, bool]]] = field(default_factory=dict)
    #: {"kind", "state", "reason"} per prompt card.
    prompts: tuple[dict[str, Any], ...] = ()
    #: (question, answer) per reflection answer.
    reflections: tuple[tuple[str, str], ...] = ()
    #: {"raised_by", "kind", "details", "action", "at_s", "segment"} per interpreting concern.
    concerns: tuple[dict[str, Any], ...] = ()


def _at(transcript: Transcript, index: int) -> float | None:
    if 0 <= index < len(transcript.segments):
        return transcript.segments[index].start
    return None


def build_report(
    transcript: Transcript, preset: Preset, facts: SessionFacts | None = None
) -> dict[str, Any]:
    """The summary contract object with its ``report`` sections."""
    facts = facts or SessionFacts()
    corrected = {c["segment"] for c in facts.corrections if c["kind"] == "text"}
    summary = build_summary(transcript, preset, (len(facts.confirmed), len(corrected)))
    analysis, timing = summary["analysis"], summary["timing"]
    breaks = list(facts.breaks) or [dict(b, requested_by="") for b in timing["breaks"]]
    summary["report"] = {
        "overview": {
            "reference": facts.reference or transcript.source,
            "started_at": facts.started_at,
            "language": facts.language,
            "interpreter": facts.interpreter,
            "preset": preset.title,
            "elapsed_s": timing["elapsed_s"],
            "questioning_s": timing["questioning_s"],
            "longest_without_break_s": timing["longest_without_break_s"],
            "timed": timing["timed"],
            "breaks": breaks,
            "warnings": [_with_action(w, facts) for w in timing["warnings"]],
            "segments": len(transcript.segments),
        },
        "timeline": _timeline(transcript, timing, breaks, analysis),
        "disclosures": _disclosures(transcript, analysis),
        "distress": [dict(d, at_s=_at(transcript, d["segment"])) for d in analysis["distress"]],
        "vulnerability": [
            dict(v, at_s=_at(transcript, v["segment"])) for v in analysis["vulnerability"]
        ],
        "moments": _moments(transcript, analysis),
        "questioning": _questioning(transcript, analysis),
        "interpreting": _interpreting(transcript, facts, summary["interpreter"]),
        "prompts_set_aside": [
            p for p in facts.prompts if p.get("state") in ("not_now", "dismissed")
        ],
        "checklists": facts.checklists,
        "reflection": {
            "prompts": summary["reflection_prompts"],
            "answers": [{"prompt": q, "answer": a} for q, a in facts.reflections],
            "support": wording()["reflection"].get("support", ""),
        },
        "quality_map": {
            "opening": ["checklists.opening"],
            "conducting": ["overview", "timeline", "distress", "vulnerability", "questioning"],
            "substance": ["disclosures"],
            "closing": ["checklists.closing"],
            "interview record": ["interpreting"],
        },
        "disclaimer": DISCLAIMER,
    }
    return summary


def _with_action(warning: dict[str, Any], facts: SessionFacts) -> dict[str, Any]:
    """A warning with what the caseworker did about it, when the session recorded that."""
    key = f"warning:{warning.get('occasion', '')}"
    done = next((p for p in facts.prompts if p.get("kind") == key), None)
    action = ""
    if done is not None:
        action = {"acted": "noted", "not_now": "snoozed", "dismissed": "dismissed"}.get(
            done.get("state", ""), "shown"
        )
        if done.get("reason"):
            action += f" ({done['reason']})"
    return dict(warning, action=action)


def _timeline(
    transcript: Transcript,
    timing: dict[str, Any],
    breaks: list[dict[str, Any]],
    analysis: dict[str, Any],
) -> dict[str, Any]:
    marks = []
    for number, d in enumerate(analysis["disclosures"], start=1):
        marks.append(
            {
                "at_s": _at(transcript, d["segment"]),
                "kind": "disclosure",
                "label": f"Disclosure {number}",
            }
        )
    for d in analysis["distress"]:
        marks.append(
            {"at_s": _at(transcript, d["segment"]), "kind": "distress", "label": "Distress"}
        )
    for w in timing["warnings"]:
        marks.append({"at_s": w["at_s"], "kind": "warning", "label": w["rule"]})
    return {
        "end_s": timing["elapsed_s"],
        "breaks": [{"start_s": b["start_s"], "end_s": b["end_s"]} for b in breaks],
        "marks": [m for m in marks if m["at_s"] is not None],
    }


def _disclosures(transcript: Transcript, analysis: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for number, d in enumerate(analysis["disclosures"], start=1):
        detail = d.get("followup_detail", {})
        elements = []
        for name, covered in d["followups"].items():
            info = detail.get(name, {})
            state = (
                "answered"
                if info.get("answered")
                else "asked"
                if info.get("asked")
                else "missing"
                if not covered
                else "answered"
            )
            elements.append(
                {
                    "element": name,
                    "name": ELEMENT_NAMES[name],
                    "state": state,
                    "segments": sorted(set(info.get("asked", []) + info.get("answered", []))),
                }
            )
        missing = [e["name"] for e in elements if e["state"] == "missing"]
        out.append(
            {
                "number": number,
                "segment": d["segment"],
                "at_s": _at(transcript, d["segment"]),
                "category": (
                    f"possible harm (raised by the second opinion, {d['second_opinion']:.2f})"
                    if d.get("second_opinion") is not None
                    else d["category"].replace("-", " ")
                ),
                "evidence": d["evidence"],
                "acknowledged": d["acknowledged"],
                "elements": elements,
                "missing": missing,
                "medical_evidence_signposted": d["medical_evidence_signposted"],
                "probe_stopped_at": d.get("probe_stopped_at"),
            }
        )
    # Missing follow-ups first.
    return sorted(out, key=lambda e: (not e["missing"], e["number"]))


def _questioning(transcript: Transcript, analysis: dict[str, Any]) -> dict[str, Any]:
    q = analysis["questions"]
    items = q.get("items", [])
    quarters: list[dict[str, int]] = [{"open": 0, "closed": 0} for _ in range(4)]
    count = max(1, len(transcript.segments))
    for item in items:
        quarter = min(3, item["segment"] * 4 // count)
        quarters[quarter][item["kind"]] = quarters[quarter].get(item["kind"], 0) + 1
    return {
        "total": q["total"],
        "open": q["open"],
        "closed": q["closed"],
        "by_quarter": quarters,
        "yes_no_demands": [i for i in items if i["yes_no_demand"]],
        "repeated": [i for i in items if i["repeated_of"] is not None],
        "loaded": [i for i in items if i["loaded"]],
        "flagged": _grouped(
            (label, item["text"], item["segment"])
            for label, test in (
                ("“Yes or no” demand", lambda i: i["yes_no_demand"]),
                ("Repeated", lambda i: i["repeated_of"] is not None),
                ("Loaded", lambda i: bool(i["loaded"])),
            )
            for item in items
            if test(item)
        ),
    }


def _moments(transcript: Transcript, analysis: dict[str, Any]) -> list[dict[str, Any]]:
    """Distress and vulnerability as rows: what, the words, the response, and every time the
    same words came (in order of first appearance)."""
    groups: dict[tuple[str, str, str], list[float | None]] = {}
    for d in analysis["distress"]:
        key = ("distress", d["evidence"], "responded" if d["responded"] else "not responded to")
        groups.setdefault(key, []).append(_at(transcript, d["segment"]))
    for v in analysis["vulnerability"]:
        key = (v["kind"], v["evidence"], "")
        groups.setdefault(key, []).append(_at(transcript, v["segment"]))
    return [
        {"what": what, "evidence": evidence, "response": response, "at_s": times}
        for (what, evidence, response), times in groups.items()
    ]


def _grouped(rows: Iterable[tuple[str, str, int]]) -> list[dict[str, Any]]:
    """The same remark on the same words, once, with every segment it came at (nothing is
    left out; a long interview repeats itself)."""
    groups: dict[tuple[str, str], list[int]] = {}
    for label, text, segment in rows:
        groups.setdefault((label, text), []).append(segment)
    return [
        {"label": label, "text": text, "segments": segments}
        for (label, text), segments in groups.items()
    ]


def confirmation_ledger(transcript: Transcript, facts: SessionFacts) -> ConfirmationLedger:
    """The session's renderings with the confirmations and corrections it recorded."""
    ledger = ConfirmationLedger(facts.language.split(" / ")[0])
    checks: dict[int, list[Check]] = {}
    for c in facts.corrections:
        if c["kind"] == "text":
            checks.setdefault(c["segment"], []).append(
                Check(CORRECT, c["by"], None, c["after"], c.get("reason", ""))
            )
    for position in facts.confirmed:
        checks.setdefault(position, []).append(Check(CONFIRM, "interpreter", None))
    for s in transcript.segments:
        ledger.add(s.index, s.start, s.speaker, s.text, checks=checks.get(s.index, ()))
    return ledger


def _interpreting(
    transcript: Transcript, facts: SessionFacts, figures: dict[str, int]
) -> dict[str, Any]:
    """The contract's interpreter figures, with each correction, what was never confirmed and
    the concerns raised."""
    ledger = confirmation_ledger(transcript, facts)
    kinds = concern_kinds()
    return {
        **figures,
        "corrections": list(facts.corrections),
        #: Renderings with a date, number, name or place nobody confirmed (the read-back).
        "dates_and_numbers_not_confirmed": [
            {
                "segment": r.position,
                "at_s": r.start_s,
                "speaker": r.speaker,
                "text": r.text,
                "items": [
                    {"kind": h.kind, "text": h.text, "readings": list(h.readings)}
                    for h in r.to_read_back
                ],
            }
            for r in ledger.to_confirm()
        ],
        "concerns": [
            dict(c, kind_text=kinds[c["kind"]].text if c["kind"] in kinds else c["kind"])
            for c in facts.concerns
        ],
    }
