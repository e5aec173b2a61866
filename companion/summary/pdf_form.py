"""The summary as PDF (ReportLab): selectable text, the timeline as a vector picture, the
session reference and the disclaimer on every page."""

from __future__ import annotations

import html
from io import BytesIO
from pathlib import Path
from typing import Any

from companion.summary.text_form import hms, timing_sentence

_FONTS = (
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/dejavu/DejaVuSans.ttf"),
    Path("C:/Windows/Fonts/arial.ttf"),
    Path("/Library/Fonts/Arial Unicode.ttf"),
)
_COLOURS = {"disclosure": "#c0392b", "distress": "#d49b1f", "warning": "#2f6fde"}


def _font() -> str:
    """A Unicode font when the system has one (names and places in any script)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for path in _FONTS:
        if path.exists():
            try:
                pdfmetrics.registerFont(TTFont("SummaryFont", str(path)))
            except Exception:  # noqa: BLE001 - an unusable font: try the next
                continue
            return "SummaryFont"
    return "Helvetica"


def timeline_drawing(timeline: dict[str, Any], width: float = 480, height: float = 70) -> Any:
    """Questioning and breaks along the clock, with disclosures, distress and warnings marked
    (a vector picture)."""
    from reportlab.graphics.shapes import Drawing, Line, Polygon, Rect, String
    from reportlab.lib import colors

    drawing = Drawing(width, height)
    end = max(float(timeline["end_s"] or 0.0), 1.0)
    left, right, y, bar = 10.0, width - 10.0, 30.0, 14.0

    def x(seconds: float) -> float:
        return left + (right - left) * max(0.0, min(seconds, end)) / end

    drawing.add(
        Rect(left, y, right - left, bar, fillColor=colors.HexColor("#3a9a5b"), strokeColor=None)
    )
    for b in timeline["breaks"]:
        drawing.add(
            Rect(
                x(b["start_s"]),
                y,
                max(1.0, x(b["end_s"]) - x(b["start_s"])),
                bar,
                fillColor=colors.HexColor("#c7c7cc"),
                strokeColor=None,
            )
        )
    for mark in timeline["marks"]:
        at = x(mark["at_s"])
        colour = colors.HexColor(_COLOURS.get(mark["kind"], "#555555"))
        if mark["kind"] == "warning":
            drawing.add(Line(at, y - 4, at, y + bar + 4, strokeColor=colour, strokeWidth=1.5))
        else:
            top = y + bar + 2
            drawing.add(
                Polygon(
                    [at, top, at - 4, top + 8, at + 4, top + 8], fillColor=colour, strokeColor=None
                )
            )
    for seconds in (0.0, end / 2, end):
        drawing.add(String(x(seconds), 12, hms(seconds), fontSize=7, textAnchor="middle"))
    drawing.add(
        String(
            left,
            height - 8,
            "green: questioning · grey: breaks · red: disclosure · "
            "amber: distress · blue: timing warning",
            fontSize=7,
        )
    )
    return drawing


def to_pdf(summary: dict[str, Any]) -> bytes:
    """The PDF file's bytes."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    font = _font()
    styles = getSampleStyleSheet()
    for style in styles.byName.values():
        if hasattr(style, "fontName"):
            style.fontName = font
    body, h1, h2 = styles["BodyText"], styles["Heading1"], styles["Heading2"]
    r = summary["report"]
    o = r["overview"]

    def p(text: str, style: Any = body) -> Any:
        return Paragraph(html.escape(text), style)

    def table(header: list[str], rows: list[list[str]]) -> Any:
        data = [[p(c) for c in header]] + [[p(str(c)) for c in row] for row in rows]
        t = Table(data, repeatRows=1)
        t.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#c7c7cc")),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eef4ff")),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
            )
        )
        return t

    story: list[Any] = [
        p(f"Reflection summary — {o['reference']}", styles["Title"]),
        p(timing_sentence(o)),
        Spacer(1, 4 * mm),
        timeline_drawing(r["timeline"]),
        p("Missing follow-ups", h1),
    ]
    missing = [d for d in r["disclosures"] if d["missing"]]
    for d in missing:
        story.append(
            p(
                f"Disclosure {d['number']} ({d['category']}, at {hms(d['at_s'])}): "
                f"missing {', '.join(d['missing'])}. “{d['evidence']}”"
            )
        )
    if not missing:
        story.append(p("None: every disclosure's when, where, how and by whom was covered."))
    story.append(p("Timing", h1))
    story.append(
        table(
            ["Break", "Length", "Reason", "Asked by"],
            [
                [
                    f"{hms(b['start_s'])}–{hms(b['end_s'])}",
                    hms(b["end_s"] - b["start_s"]),
                    b["reason"] or "no reason given",
                    b.get("requested_by") or "—",
                ]
                for b in o["breaks"]
            ]
            or [["No breaks", "", "", ""]],
        )
    )
    for w in o["warnings"]:
        story.append(p(f"{hms(w['at_s'])} {w['rule']}: {w['message']}"))
    story.append(p("Disclosures", h1))
    for d in r["disclosures"]:
        story.append(p(f"Disclosure {d['number']}: {d['category']} (at {hms(d['at_s'])})", h2))
        story.append(p(f"“{d['evidence']}”"))
        rows = [["Acknowledged", "yes" if d["acknowledged"] else "no", ""]]
        rows += [[e["name"], e["state"], ", ".join(map(str, e["segments"]))] for e in d["elements"]]
        rows.append(
            ["Medical evidence signposted", "yes" if d["medical_evidence_signposted"] else "no", ""]
        )
        story.append(table(["Follow-up", "State", "Segments"], rows))
    if not r["disclosures"]:
        story.append(p("No disclosure of harm was found in the transcript."))
    story.append(p("Distress and vulnerability", h1))
    rows = [
        [
            hms(d["at_s"]),
            "distress",
            d["evidence"],
            "responded" if d["responded"] else "not responded to",
        ]
        for d in r["distress"]
    ]
    rows += [[hms(v["at_s"]), v["kind"], v["evidence"], ""] for v in r["vulnerability"]]
    story.append(table(["At", "What", "Words", "Response"], rows or [["", "none found", "", ""]]))
    q = r["questioning"]
    story.append(p("Questioning", h1))
    story.append(
        p(
            f"{q['total']} questions: {q['open']} open, {q['closed']} closed. By quarter "
            "(open/closed): "
            + ", ".join(f"{x['open']}/{x['closed']}" for x in q["by_quarter"])
            + "."
        )
    )
    for label, key in (
        ("“Yes or no” demand", "yes_no_demands"),
        ("Repeated", "repeated"),
        ("Loaded", "loaded"),
    ):
        for item in q[key]:
            story.append(p(f"{label}: “{item['text']}”"))
    i = r["interpreting"]
    story.append(p("Interpreting", h1))
    story.append(
        p(
            f"{i['segments']} interpreted segments; {i['confirmed']} confirmed, "
            f"{i['corrected']} corrected."
        )
    )
    if i["corrections"]:
        story.append(
            table(
                ["Segment", "Kind", "Before", "After", "By"],
                [
                    [str(c["segment"]), c["kind"], c["before"], c["after"], c["by"]]
                    for c in i["corrections"]
                ],
            )
        )
    story.append(p("Checklists", h1))
    for name, items in r["checklists"].items():
        story.append(
            table([name.capitalize(), "Done"], [[t, "yes" if done else "—"] for t, done in items])
        )
    if not r["checklists"]:
        story.append(p("Not recorded."))
    story.append(p("Reflection", h1))
    answers = {a["prompt"]: a["answer"] for a in r["reflection"]["answers"]}
    for prompt in r["reflection"]["prompts"]:
        story.append(p(prompt, h2))
        story.append(p(answers.get(prompt, "") or " "))
    story.append(p(r["reflection"]["support"]))

    footer = f"{o['reference']} · {r['disclaimer']}"

    def on_page(canvas: Any, document: Any) -> None:
        canvas.saveState()
        canvas.setFont(font, 7)
        text = canvas.beginText(15 * mm, 10 * mm)
        words, line = footer.split(), ""
        lines = []
        for word in words:
            if canvas.stringWidth(f"{line} {word}", font, 7) > A4[0] - 40 * mm:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}".strip()
        lines.append(f"{line}   page {document.page}")
        for row in lines:
            text.textLine(row)
        canvas.drawText(text)
        canvas.restoreState()

    buffer = BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        title=f"Reflection summary {o['reference']}",
        author="Interview Companion",
        bottomMargin=22 * mm,
    )
    doc.build(story, onFirstPage=on_page, onLaterPages=on_page)
    return buffer.getvalue()
