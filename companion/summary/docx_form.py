"""The summary as a Word document (python-docx): real headings and tables a caseworker can
edit, the session reference (never the claimant's name) and the disclaimer in the footer."""

from __future__ import annotations

from io import BytesIO
from typing import Any

from companion.clockfmt import hms
from companion.summary.text_form import (
    BREAK_HEADER,
    CONCERN_HEADER,
    CORRECTION_HEADER,
    MOMENT_HEADER,
    READ_BACK_HEADER,
    break_rows,
    checklist_rows,
    concern_rows,
    correction_rows,
    moment_rows,
    quarter_rows,
    read_back_rows,
    timing_sentence,
)


def to_docx(summary: dict[str, Any]) -> bytes:
    """The DOCX file's bytes."""
    from docx import Document

    r = summary["report"]
    o = r["overview"]
    doc = Document()
    doc.core_properties.title = f"Reflection summary {o['reference']}"
    doc.core_properties.author = "Interview Companion"
    footer = doc.sections[0].footer.paragraphs[0]
    footer.text = f"{o['reference']} · {r['disclaimer']}"
    doc.add_heading(f"Reflection summary — {o['reference']}", level=0)
    doc.add_paragraph(timing_sentence(o))

    doc.add_heading("Missing follow-ups", level=1)
    missing = [d for d in r["disclosures"] if d["missing"]]
    if not missing:
        doc.add_paragraph("None: every disclosure's when, where, how and by whom was covered.")
    for d in missing:
        doc.add_paragraph(
            f"Disclosure {d['number']} ({d['category']}, at {hms(d['at_s'])}): missing "
            f"{', '.join(d['missing'])}. “{d['evidence']}”",
            style="List Bullet",
        )

    doc.add_heading("Timing", level=1)
    _table(doc, BREAK_HEADER, break_rows(o))
    for w in o["warnings"]:
        done = f" — {w['action']}" if w.get("action") else ""
        doc.add_paragraph(
            f"{hms(w['at_s'])} {w['rule']}: {w['message']}{done}", style="List Bullet"
        )

    doc.add_heading("Disclosures", level=1)
    for d in r["disclosures"]:
        doc.add_heading(f"Disclosure {d['number']}: {d['category']} (at {hms(d['at_s'])})", 2)
        doc.add_paragraph(f"“{d['evidence']}”", style="Quote")
        rows = [["Acknowledged", "yes" if d["acknowledged"] else "no", ""]]
        rows += [[e["name"], e["state"], ", ".join(map(str, e["segments"]))] for e in d["elements"]]
        rows.append(
            ["Medical evidence signposted", "yes" if d["medical_evidence_signposted"] else "no", ""]
        )
        _table(doc, ["Follow-up", "State", "Segments"], rows)
    if not r["disclosures"]:
        doc.add_paragraph("No disclosure of harm was found in the transcript.")

    doc.add_heading("Distress and vulnerability", level=1)
    _table(doc, MOMENT_HEADER, moment_rows(r))

    q = r["questioning"]
    doc.add_heading("Questioning", level=1)
    doc.add_paragraph(f"{q['total']} questions: {q['open']} open, {q['closed']} closed.")
    _table(doc, ["Quarter", "Open", "Closed"], quarter_rows(q))
    for f in q["flagged"]:
        where = (
            f" (segments {', '.join(map(str, f['segments']))})" if len(f["segments"]) > 1 else ""
        )
        doc.add_paragraph(f"{f['label']}: “{f['text']}”{where}", style="List Bullet")

    i = r["interpreting"]
    doc.add_heading("Interpreting", level=1)
    doc.add_paragraph(
        f"{i['segments']} interpreted segments; {i['confirmed']} confirmed, "
        f"{i['corrected']} corrected."
    )
    if i["corrections"]:
        _table(doc, CORRECTION_HEADER, correction_rows(i))
    unconfirmed = read_back_rows(i)
    if unconfirmed:
        doc.add_paragraph(
            f"{len(unconfirmed)} renderings with dates, numbers, names or places were never "
            "confirmed:"
        )
        _table(doc, READ_BACK_HEADER, unconfirmed)
    doc.add_heading("Concerns about interpreting", level=2)
    concerns = concern_rows(i)
    if concerns:
        _table(doc, CONCERN_HEADER, concerns)
    else:
        doc.add_paragraph("None recorded.")

    doc.add_heading("Checklists", level=1)
    for name, items in r["checklists"].items():
        _table(doc, [name.capitalize(), "Done"], checklist_rows(items))
    if not r["checklists"]:
        doc.add_paragraph("Not recorded.")

    doc.add_heading("Reflection", level=1)
    answers = {a["prompt"]: a["answer"] for a in r["reflection"]["answers"]}
    for prompt in r["reflection"]["prompts"]:
        doc.add_paragraph(prompt, style="List Number")
        doc.add_paragraph(answers.get(prompt, ""))
    doc.add_paragraph(r["reflection"]["support"])
    buffer = BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _table(doc: Any, header: list[str], rows: list[list[str]]) -> None:
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Light Grid Accent 1"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = str(text)
