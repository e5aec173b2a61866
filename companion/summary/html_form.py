"""The summary as semantic HTML: the source of the tagged PDF (WeasyPrint) and of the summary
screen. Headings, lists and tables carry the structure; the timeline is an inline SVG, so it
stays a vector picture in the PDF."""

from __future__ import annotations

from html import escape
from typing import Any

from companion.clockfmt import hms
from companion.summary.text_form import (
    BREAK_HEADER,
    CONCERN_HEADER,
    CORRECTION_HEADER,
    MOMENT_HEADER,
    break_rows,
    checklist_rows,
    concern_rows,
    correction_rows,
    moment_rows,
    quarter_rows,
    read_back_rows,
    timing_sentence,
)

_COLOURS = {"disclosure": "#c0392b", "distress": "#b7791f", "warning": "#2f6fde"}
_CSS = """
@page { size: A4; margin: 18mm 16mm 24mm 16mm;
  @bottom-left { content: string(footer); font-size: 7pt; color: #555; width: 80%; }
  @bottom-right { content: "page " counter(page) " of " counter(pages); font-size: 7pt; } }
html { font-family: "DejaVu Sans", "Noto Sans", Arial, sans-serif; }
body { font-size: 9.5pt;
  color: #1d1d1f; line-height: 1.35; }
footer { string-set: footer content(); display: block; height: 0; overflow: hidden; }
h1 { font-size: 17pt; margin: 0 0 4pt 0; }
h2 { font-size: 12.5pt; margin: 14pt 0 4pt 0; border-bottom: 1px solid #c7c7cc; }
h3 { font-size: 10.5pt; margin: 10pt 0 3pt 0; }
table { border-collapse: collapse; width: 100%; margin: 4pt 0; font-size: 8.5pt; }
th, td { border: 1px solid #c7c7cc; padding: 2pt 4pt; text-align: left; vertical-align: top; }
th { background: #eef4ff; }
table.dense { font-size: 7.5pt; }
blockquote { margin: 3pt 0 3pt 10pt; color: #333; font-style: italic; }
.missing { color: #b00020; font-weight: bold; }
.muted { color: #5f5f66; font-size: 8.5pt; }
.row { margin: 0 0 1.5pt 0; }
"""


def timeline_svg(timeline: dict[str, Any], width: int = 640, height: int = 78) -> str:
    """Questioning and breaks along the clock, disclosures, distress and warnings marked."""
    end = max(float(timeline["end_s"] or 0.0), 1.0)
    left, right, y, bar = 10.0, width - 10.0, 30.0, 16.0

    def x(seconds: float) -> float:
        return left + (right - left) * max(0.0, min(seconds, end)) / end

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="Timeline of the interview: '
        'questioning, breaks, disclosures, distress and timing warnings">',
        f'<rect x="{left}" y="{y}" width="{right - left}" height="{bar}" fill="#3a9a5b"/>',
    ]
    for b in timeline["breaks"]:
        w = max(1.0, x(b["end_s"]) - x(b["start_s"]))
        parts.append(
            f'<rect x="{x(b["start_s"]):.1f}" y="{y}" width="{w:.1f}" '
            f'height="{bar}" fill="#c7c7cc"/>'
        )
    for mark in timeline["marks"]:
        at, colour = x(mark["at_s"]), _COLOURS.get(mark["kind"], "#555")
        if mark["kind"] == "warning":
            parts.append(
                f'<line x1="{at:.1f}" y1="{y - 4}" x2="{at:.1f}" y2="{y + bar + 4}" '
                f'stroke="{colour}" stroke-width="2"/>'
            )
        else:
            top = y - 2
            parts.append(
                f'<polygon points="{at:.1f},{top} {at - 5:.1f},{top - 9} '
                f'{at + 5:.1f},{top - 9}" fill="{colour}"/>'
            )
    for seconds, anchor in ((0.0, "start"), (end / 2, "middle"), (end, "end")):
        parts.append(
            f'<text x="{x(seconds):.1f}" y="{y + bar + 14}" font-size="9" '
            f'text-anchor="{anchor}" fill="#333">{hms(seconds)}</text>'
        )
    parts.append(
        f'<text x="{left}" y="10" font-size="9" fill="#333">green: questioning · '
        "grey: breaks · red: disclosure · amber: distress · blue: timing warning"
        "</text></svg>"
    )
    return "".join(parts)


def _table(
    header: list[str], rows: list[list[str]], widths: tuple[int, ...] = (), dense: bool = False
) -> str:
    """A table; with ``widths`` (per cent per column) its layout is fixed, which WeasyPrint lays
    out without measuring every cell first (a third faster on a long table)."""
    # The screen (Qt's rich text) reads the widths from the header cells, WeasyPrint from <col>.
    sizes = [f' width="{w}%"' for w in widths] if widths else [""] * len(header)
    head = "".join(f"<th{size}>{escape(h)}</th>" for h, size in zip(header, sizes, strict=True))
    body = "".join(
        "<tr>" + "".join(f"<td>{escape(str(c))}</td>" for c in row) + "</tr>" for row in rows
    )
    fixed, columns = "", ""
    if widths:
        fixed = ' style="table-layout: fixed"' + (' class="dense"' if dense else "")
        columns = (
            "<colgroup>" + "".join(f'<col style="width: {w}%">' for w in widths) + "</colgroup>"
        )
    return (
        f'<table border="1" cellspacing="0" cellpadding="3" width="100%"{fixed}>{columns}'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )


def _segments(numbers: list[int]) -> str:
    return ", ".join(map(str, numbers))


def to_html(summary: dict[str, Any], svg: bool = True) -> str:
    """A whole HTML document; ``svg=False`` is for the screen: the timeline and the page footer
    are left out (the screen shows the timeline as a widget and the disclaimer below)."""
    r, e = summary["report"], escape
    o = r["overview"]
    out = [
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>Reflection summary {e(o['reference'])}</title><style>{_CSS}</style></head>"
        "<body>" + (f"<footer>{e(o['reference'])} · {e(r['disclaimer'])}</footer>" if svg else ""),
        f"<h1>Reflection summary — {e(o['reference'])}</h1>",
        f"<p>{e(timing_sentence(o))}</p>",
    ]
    if svg:
        out.append(f"<figure>{timeline_svg(r['timeline'])}</figure>")
    out.append("<h2>Missing follow-ups</h2>")
    missing = [d for d in r["disclosures"] if d["missing"]]
    if missing:
        out.append(
            "<ul>"
            + "".join(
                f"<li>Disclosure {d['number']} ({e(d['category'])}, at {hms(d['at_s'])}): "
                f"<span class='missing'>missing {e(', '.join(d['missing']))}</span> — "
                f"“{e(d['evidence'])}”</li>"
                for d in missing
            )
            + "</ul>"
        )
    else:
        out.append("<p>None: every disclosure's when, where, how and by whom was covered.</p>")
    out.append("<h2>Timing</h2>")
    out.append(_table(BREAK_HEADER, break_rows(o)))
    if o["warnings"]:
        out.append(
            "<ul>"
            + "".join(
                f"<li>{hms(w['at_s'])} {e(w['rule'])}: {e(w['message'])}"
                + (f" — <em>{e(w['action'])}</em>" if w.get("action") else "")
                + "</li>"
                for w in o["warnings"]
            )
            + "</ul>"
        )
    out.append("<h2>Disclosures</h2>")
    if r["disclosures"]:
        out.append(
            "<p class='muted'>Each follow-up: asked, answered or missing, with the "
            "segments where it came.</p>"
        )
        rows = []
        for d in sorted(r["disclosures"], key=lambda x: x["number"]):
            cells = [
                str(d["number"]),
                hms(d["at_s"]),
                d["category"],
                f"“{d['evidence']}”",
                "yes" if d["acknowledged"] else "no",
            ]
            for x in d["elements"]:
                where = f" ({', '.join(map(str, x['segments']))})" if x["segments"] else ""
                cells.append(f"{x['state']}{where}")
            medical = "yes" if d["medical_evidence_signposted"] else "no"
            if d["probe_stopped_at"] is not None:
                medical += f"; probing stopped at segment {d['probe_stopped_at']}"
            cells.append(medical)
            rows.append(cells)
        out.append(
            _table(
                [
                    "#",
                    "At",
                    "Harm",
                    "Words",
                    "Acknow\u00adledged",  # a soft hyphen: the column is narrow
                    "When",
                    "Where",
                    "How",
                    "By whom",
                    "Medical evidence",
                ],
                rows,
                (3, 7, 9, 24, 11, 10, 10, 10, 9, 7),
                dense=True,
            )
        )
    else:
        out.append("<p>No disclosure of harm was found in the transcript.</p>")
    out.append("<h2>Distress and vulnerability</h2>")
    out.append(_table(MOMENT_HEADER, moment_rows(r), (10, 16, 44, 30)))
    q = r["questioning"]
    out.append("<h2>Questioning</h2>")
    out.append(f"<p>{q['total']} questions: {q['open']} open, {q['closed']} closed.</p>")
    out.append(
        _table(
            ["Quarter of the interview", "Open", "Closed"],
            quarter_rows(q),
        )
    )
    if q["flagged"]:
        out.append(
            "<ul>"
            + "".join(
                f"<li>{e(f['label'])}: “{e(f['text'])}”"
                + (f" (segments {e(_segments(f['segments']))})" if len(f["segments"]) > 1 else "")
                + "</li>"
                for f in q["flagged"]
            )
            + "</ul>"
        )
    i = r["interpreting"]
    out.append("<h2>Interpreting</h2>")
    out.append(
        f"<p>{i['segments']} interpreted segments; {i['confirmed']} confirmed, "
        f"{i['corrected']} corrected.</p>"
    )
    if i["corrections"]:
        out.append(_table(CORRECTION_HEADER, correction_rows(i), (8, 8, 37, 37, 10)))
    unconfirmed = read_back_rows(i)
    if unconfirmed:
        out.append(
            f"<p>{len(unconfirmed)} renderings with dates, numbers, names or places were never "
            "confirmed:</p>"
        )
        # One short paragraph per rendering: a long table costs the PDF seconds.
        out.append(
            "<div class='rows'>"
            + "".join(
                f"<p class='row'>{e(when)}, segment {e(seg)}: {e(items)}</p>"
                for when, seg, items in unconfirmed
            )
            + "</div>"
        )
    out.append("<h3>Concerns about interpreting</h3>")
    concerns = concern_rows(i)
    out.append(
        _table(CONCERN_HEADER, concerns, (9, 12, 20, 34, 25))
        if concerns
        else "<p>None recorded.</p>"
    )
    out.append("<h2>Checklists</h2>")
    for name, items in r["checklists"].items():
        out.append(_table([name.capitalize(), "Done"], checklist_rows(items)))
    if not r["checklists"]:
        out.append("<p>Not recorded.</p>")
    out.append("<h2>Reflection</h2><ol>")
    answers = {a["prompt"]: a["answer"] for a in r["reflection"]["answers"]}
    for prompt in r["reflection"]["prompts"]:
        answer = answers.get(prompt, "")
        out.append(f"<li>{e(prompt)}" + (f"<p>{e(answer)}</p>" if answer else "") + "</li>")
    out.append(f"</ol><p class='muted'>{e(r['reflection']['support'])}</p>")
    out.append(f"<p class='muted'>{e(r['disclaimer'])}</p></body></html>")
    return "".join(out)
