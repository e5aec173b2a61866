"""A unit's figures for a period, as the inspections asked for them, with small counts
suppressed so that no claimant or caseworker is identified by a figure.

The database computes the totals (:mod:`models.review_figures`); this module names them, works
out the shares and applies the suppression rule: a count from 1 to 4 is not shown, nor a share
built on one, nor a count whose complement (the disclosures *not* acknowledged, say) is from 1
to 4; with fewer than five interviews nothing per interview is shown.
"""

from __future__ import annotations

import csv
import html
import io
from dataclasses import dataclass
from datetime import date
from typing import Any

from companion.clockfmt import hms

#: Counts below this (and above zero) are suppressed.
SMALLEST_SHOWN = 5
SUPPRESSION_RULE = (
    "Counts from 1 to 4, shares built on them, and counts whose complement is from 1 to 4 are "
    "suppressed; with fewer than 5 interviews, nothing per interview is shown."
)

#: The totals the database returns (``models.review_figures.totals``).
TOTALS = (
    "interviews",
    "questioning_median_s",
    "questioning_longest_s",
    "breaks",
    "over_2h_without_break",
    "over_4h_questioning",
    "disclosures",
    "disclosures_acknowledged",
    "disclosures_fully_followed_up",
    "distress",
    "distress_responded",
    "interpreted",
    "read_back_done",
    "interpreting_concerns",
    "questions",
    "open_questions",
)


@dataclass(frozen=True)
class Figure:
    """One line of the figures: its value, or None when suppressed (or nothing to count)."""

    key: str
    label: str
    #: "count", "seconds", "ratio" or "share" (0-1).
    kind: str
    value: float | None
    suppressed: bool = False

    def shown(self) -> str:
        """The value as a person reads it."""
        if self.suppressed:
            return "fewer than 5 (suppressed)" if self.kind == "count" else "suppressed"
        if self.value is None:
            return "—"
        if self.kind == "seconds":
            return hms(self.value)
        if self.kind == "share":
            return f"{self.value * 100:.1f} %"
        if self.kind == "ratio":
            return f"{self.value:.2f}"
        return f"{int(self.value):,}"


@dataclass(frozen=True)
class UnitFigures:
    """A unit's figures for a period."""

    start: date
    end: date
    unit: str
    figures: tuple[Figure, ...]

    def get(self, key: str) -> Figure:
        """The figure named ``key``."""
        for figure in self.figures:
            if figure.key == key:
                return figure
        raise KeyError(key)

    def to_json(self) -> dict[str, Any]:
        """Every figure by key (None when suppressed), the period, the unit and the rule."""
        out: dict[str, Any] = {
            "from": self.start.isoformat(),
            "to": self.end.isoformat(),
            "unit": self.unit or None,
        }
        for figure in self.figures:
            value = figure.value
            out[figure.key] = int(value) if figure.kind == "count" and value is not None else value
        out["suppressed"] = [f.key for f in self.figures if f.suppressed]
        out["suppression_rule"] = SUPPRESSION_RULE
        return out

    def to_csv(self) -> str:
        """One row per figure: key, label, value (empty when suppressed), shown, suppressed."""
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(["figure", "label", "value", "shown", "suppressed"])
        writer.writerow(["period", "Period", f"{self.start}/{self.end}", self.period, ""])
        writer.writerow(["unit", "Unit", self.unit, self.unit or "all units", ""])
        for f in self.figures:
            value = (
                ""
                if f.value is None
                else (round(f.value, 4) if f.kind != "count" else int(f.value))
            )
            writer.writerow([f.key, f.label, value, f.shown(), "yes" if f.suppressed else ""])
        return buffer.getvalue()

    @property
    def period(self) -> str:
        """The period in words."""
        return f"{self.start:%d %b %Y} to {self.end:%d %b %Y}"

    def to_html(self) -> str:
        """A printable page (for the PDF): the table and the shares as bars."""
        rows = "\n".join(
            f"<tr><th scope='row'>{html.escape(f.label)}</th><td>{html.escape(f.shown())}</td></tr>"
            for f in self.figures
        )
        bars = "\n".join(
            f"<div class='bar'><span class='name'>{html.escape(f.label)}</span>"
            f"<span class='track'><span class='fill' style='width:{(f.value or 0) * 100:.1f}%'>"
            f"</span></span><span class='val'>{html.escape(f.shown())}</span></div>"
            for f in self.figures
            if f.kind == "share"
        )
        unit = html.escape(self.unit or "all units")
        return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Interview quality figures, {unit}, {html.escape(self.period)}</title>
<style>
@page {{ size: A4; margin: 18mm; @bottom-center {{ content: "No testimony: figures only. "
  "{SUPPRESSION_RULE}"; font-size: 7pt; color: #555; }} }}
body {{ font-family: sans-serif; font-size: 10pt; color: #111; }}
h1 {{ font-size: 16pt; margin-bottom: 2pt; }}
table {{ border-collapse: collapse; width: 100%; margin-top: 10pt; }}
th, td {{ text-align: left; padding: 3pt 6pt; border-bottom: 0.5pt solid #bbb; }}
td {{ text-align: right; }}
.bar {{ display: flex; align-items: center; margin: 3pt 0; }}
.name {{ width: 45%; }} .val {{ width: 18%; text-align: right; }}
.track {{ width: 37%; background: #e6e6e6; height: 9pt; display: inline-block; }}
.fill {{ background: #2b6cb0; height: 9pt; display: block; }}
</style></head><body>
<h1>Interview quality figures</h1>
<p>{unit} · {html.escape(self.period)}</p>
<h2>Shares</h2>
{bars}
<h2>All figures</h2>
<table><tbody>
{rows}
</tbody></table>
<p><small>{html.escape(SUPPRESSION_RULE)}</small></p>
</body></html>"""

    def to_pdf(self) -> bytes:
        """The printable page as a tagged PDF."""
        from companion.summary.pdf_form import html_to_pdf

        return html_to_pdf(self.to_html())


def _small(count: float | None) -> bool:
    return count is not None and 0 < count < SMALLEST_SHOWN


#: The counts, in the order shown: (key, label, the total it is a part of, the label of its
#: share of that total). A part's complement (the disclosures *not* acknowledged) counts as
#: small too.
_COUNTS: tuple[tuple[str, str, str | None, str | None], ...] = (
    ("over_2h_without_break", "Over 2 hours of questioning without a break", "interviews", None),
    ("over_4h_questioning", "Over 4 hours of questioning", "interviews", None),
    ("disclosures", "Disclosures of harm", None, None),
    (
        "disclosures_acknowledged",
        "Disclosures acknowledged",
        "disclosures",
        "Share of disclosures acknowledged",
    ),
    (
        "disclosures_fully_followed_up",
        "Disclosures with when, where, how and by whom",
        "disclosures",
        "Share of disclosures with all four follow-ups",
    ),
    ("distress", "Moments of distress", None, None),
    ("distress_responded", "Distress responded to", "distress", "Share of distress responded to"),
    ("interpreted", "Interviews with an interpreter", None, None),
    (
        "read_back_done",
        "Read-back done (interpreted interviews)",
        "interpreted",
        "Share of interpreted interviews read back",
    ),
    ("interpreting_concerns", "Interpreting concerns raised", None, None),
)


def _share(key: str, label: str, part: float | None, whole: float | None, hidden: bool) -> Figure:
    hidden = hidden or _small(whole)
    value = part / whole if (part is not None and whole) else None
    return Figure(key, label, "share", None if hidden else value, hidden)


def unit_figures(totals: dict[str, Any], start: date, end: date, unit: str = "") -> UnitFigures:
    """The figures from the database's ``totals``, shares worked out, small counts
    suppressed."""
    missing = [k for k in TOTALS if k not in totals]
    if missing:
        raise ValueError(f"figures: the totals lack {', '.join(missing)}")
    t = {k: (None if totals[k] is None else float(totals[k])) for k in TOTALS}
    interviews = t["interviews"] or 0.0
    few = _small(interviews)
    figures: list[Figure] = [
        Figure("interviews", "Interviews", "count", None if few else interviews, few),
    ]

    def per_interview(key: str, label: str, kind: str, value: float | None) -> None:
        figures.append(Figure(key, label, kind, None if few else value, few))

    per_interview(
        "questioning_median_s", "Questioning time, median", "seconds", t["questioning_median_s"]
    )
    per_interview(
        "questioning_longest_s", "Questioning time, longest", "seconds", t["questioning_longest_s"]
    )
    per_interview(
        "breaks_per_interview",
        "Breaks per interview",
        "ratio",
        (t["breaks"] or 0.0) / interviews if interviews else None,
    )

    for key, label, whole_key, share_label in _COUNTS:
        value = t[key]
        whole = t[whole_key] if whole_key else None
        hidden = (
            few
            or _small(value)
            or (whole is not None and value is not None and _small(whole - value))
        )
        figures.append(Figure(key, label, "count", None if hidden else value, hidden))
        if share_label:
            figures.append(_share(f"{key}_share", share_label, value, whole, hidden))
    figures.append(
        _share(
            "open_question_share",
            "Share of questions that were open",
            t["open_questions"],
            t["questions"],
            few,
        )
    )
    return UnitFigures(start, end, unit, tuple(figures))
