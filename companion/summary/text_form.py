"""The summary as Markdown (``summary --format md``), section by section."""

from __future__ import annotations

from typing import Any

from companion.clockfmt import hms


def timing_sentence(overview: dict[str, Any]) -> str:
    """One sentence on the interview's length (or why it is unknown)."""
    head = f"Preset: {overview['preset']}. {overview['segments']} segments."
    if not overview["timed"]:
        return f"{head} The transcript has no times, so its timing could not be measured."
    return (
        f"{head} Elapsed {hms(overview['elapsed_s'])}, questioning "
        f"{hms(overview['questioning_s'])}, longest stretch without a break "
        f"{hms(overview['longest_without_break_s'])}."
    )


BREAK_HEADER = ["Break", "Length", "Reason", "Asked by"]
MOMENT_HEADER = ["At", "What", "Words", "Response"]
CORRECTION_HEADER = ["Segment", "Kind", "Before", "After", "By"]
CONCERN_HEADER = ["When", "Raised by", "Concern", "Details", "What was done"]


def break_rows(overview: dict[str, Any]) -> list[list[str]]:
    """One row per break, for a table (a row saying so when there was none)."""
    return [
        [
            f"{hms(b['start_s'])}–{hms(b['end_s'])}",
            hms(b["end_s"] - b["start_s"]),
            b["reason"] or "no reason given",
            b.get("requested_by") or "—",
        ]
        for b in overview["breaks"]
    ] or [["No breaks", "", "", ""]]


def moment_rows(report: dict[str, Any]) -> list[list[str]]:
    """One row per moment of distress or vulnerability (a row saying so when none)."""
    return [
        [", ".join(hms(t) for t in m["at_s"]), m["what"], m["evidence"], m["response"]]
        for m in report["moments"]
    ] or [["", "none found", "", ""]]


def quarter_rows(questioning: dict[str, Any]) -> list[list[str]]:
    """Open and closed questions in each quarter of the interview."""
    return [
        [str(n), str(p["open"]), str(p["closed"])]
        for n, p in enumerate(questioning["by_quarter"], 1)
    ]


def correction_rows(interpreting: dict[str, Any]) -> list[list[str]]:
    """One row per correction, before and after."""
    return [
        [str(c["segment"]), c["kind"], c["before"], c["after"], c["by"]]
        for c in interpreting["corrections"]
    ]


def checklist_rows(items: list[tuple[str, bool]]) -> list[list[str]]:
    """A checklist's items and whether each was done."""
    return [[text, "yes" if done else "—"] for text, done in items]


READ_BACK_HEADER = ["When", "Segment", "Still to confirm"]


def concern_rows(interpreting: dict[str, Any]) -> list[list[str]]:
    """One row per concern about interpreting, for a table."""
    return [
        [
            hms(c["at_s"]) if c.get("at_s") is not None else "",
            f"the {c['raised_by']}",
            c["kind_text"],
            c["details"],
            c.get("action") or "not recorded",
        ]
        for c in interpreting.get("concerns", [])
    ]


def read_back_rows(interpreting: dict[str, Any]) -> list[list[str]]:
    """One row per rendering with dates, numbers, names or places nobody confirmed."""
    rows = []
    for u in interpreting["dates_and_numbers_not_confirmed"]:
        items = "; ".join(
            f"{i['text']} ({i['kind']}"
            + (f": which calendar? {' or '.join(i['readings'])}" if len(i["readings"]) > 1 else "")
            + ")"
            for i in u.get("items", [])
        )
        rows.append([hms(u["at_s"]) if u["at_s"] is not None else "", str(u["segment"]), items])
    return rows


def to_markdown(summary: dict[str, Any]) -> str:
    """Markdown for people: missing follow-ups first, then timing, then the rest."""
    r = summary["report"]
    o = r["overview"]
    out = [f"# Reflection summary — {o['reference']}", ""]
    if o["started_at"]:
        out.append(f"Started {o['started_at'][:16].replace('T', ' ')} UTC.")
    out += [
        timing_sentence(o),
        "",
        "## Missing follow-ups",
        "",
    ]
    missing = [d for d in r["disclosures"] if d["missing"]]
    if not missing:
        out.append("None: every disclosure's when, where, how and by whom was covered.")
    for d in missing:
        out.append(
            f"- Disclosure {d['number']} ({d['category']}, at {hms(d['at_s'])}): "
            f"missing {', '.join(d['missing'])} — “{d['evidence']}”"
        )
    out += ["", "## Timing", ""]
    if not o["breaks"]:
        out.append("No breaks.")
    for b in o["breaks"]:
        who = f", asked for by the {b['requested_by']}" if b.get("requested_by") else ""
        out.append(
            f"- Break {hms(b['start_s'])}–{hms(b['end_s'])} "
            f"({hms(b['end_s'] - b['start_s'])}): {b['reason'] or 'no reason given'}{who}"
        )
    for w in o["warnings"]:
        done = f" — {w['action']}" if w.get("action") else ""
        out.append(f"- Warning at {hms(w['at_s'])} ({w['rule']}): {w['message']}{done}")
    out += ["", "## Disclosures", ""]
    if not r["disclosures"]:
        out.append("No disclosure of harm was found in the transcript.")
    for d in r["disclosures"]:
        out.append(f"### Disclosure {d['number']}: {d['category']} (at {hms(d['at_s'])})")
        out += ["", f"> {d['evidence']}", ""]
        out.append(f"- Acknowledged: {'yes' if d['acknowledged'] else 'no'}")
        for e in d["elements"]:
            where = f" (segments {', '.join(map(str, e['segments']))})" if e["segments"] else ""
            out.append(f"- {e['name']}: {e['state']}{where}")
        out.append(
            f"- Medical evidence signposted: {'yes' if d['medical_evidence_signposted'] else 'no'}"
        )
        if d["probe_stopped_at"] is not None:
            out.append(f"- Probing had to stop at segment {d['probe_stopped_at']}")
        out.append("")
    out += ["## Distress and vulnerability", ""]
    for m in r["moments"]:
        response = f" — {m['response']}" if m["response"] else ""
        out.append(
            f"- {m['what'].capitalize()} at {', '.join(hms(t) for t in m['at_s'])}: "
            f"“{m['evidence']}”{response}"
        )
    if not r["moments"]:
        out.append("None found in the transcript.")
    q = r["questioning"]
    out += [
        "",
        "## Questioning",
        "",
        f"{q['total']} questions: {q['open']} open, {q['closed']} closed. By quarter of the "
        "interview (open/closed): "
        + ", ".join(f"{p['open']}/{p['closed']}" for p in q["by_quarter"])
        + ".",
    ]
    for f in q["flagged"]:
        where = (
            f" (segments {', '.join(map(str, f['segments']))})" if len(f["segments"]) > 1 else ""
        )
        out.append(f"- {f['label']}: “{f['text']}”{where}")
    i = r["interpreting"]
    out += [
        "",
        "## Interpreting",
        "",
        f"{i['segments']} interpreted segments; {i['confirmed']} confirmed, {i['corrected']} "
        "corrected.",
    ]
    for c in i["corrections"]:
        out.append(
            f"- Segment {c['segment']} ({c['kind']}, by the {c['by']}): "
            f"“{c['before']}” → “{c['after']}”"
        )
    unconfirmed = read_back_rows(i)
    if unconfirmed:
        out += [
            "",
            f"{len(unconfirmed)} renderings with dates, numbers, names or places were "
            "never confirmed:",
            "",
        ]
        out += [f"- {when} segment {seg}: {items}" for when, seg, items in unconfirmed]
    concerns = concern_rows(i)
    out += ["", "### Concerns about interpreting", ""]
    out += [
        f"- {w} raised by {by}: {kind}. {details} What was done: {done}"
        for w, by, kind, details, done in concerns
    ] or ["None recorded."]
    out += ["", "## Checklists", ""]
    for name, items in r["checklists"].items():
        ticked_count = sum(1 for _, ticked in items if ticked)
        out.append(f"- {name.capitalize()}: {ticked_count} of {len(items)} ticked")
    if not r["checklists"]:
        out.append("Not recorded.")
    out += ["", "## Reflection", ""]
    answers = {a["prompt"]: a["answer"] for a in r["reflection"]["answers"]}
    for prompt in r["reflection"]["prompts"]:
        out.append(f"- {prompt}")
        if answers.get(prompt):
            out.append(f"  {answers[prompt]}")
    out += ["", r["reflection"]["support"], "", "---", r["disclaimer"], ""]
    return "\n".join(out)
