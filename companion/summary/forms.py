"""The summary in each of its forms: one choice of renderer for the command line and the app."""

from __future__ import annotations

import json
from typing import Any

#: Text forms first, then the binary ones (which need a file).
FORMS = ("json", "md", "pdf", "docx")


def render(summary: dict[str, Any], form: str) -> str | bytes:
    """The summary as JSON or Markdown text, or as PDF or DOCX bytes."""
    if form == "json":
        return json.dumps(summary, indent=2, ensure_ascii=False) + "\n"
    if form == "md":
        from companion.summary.text_form import to_markdown

        return to_markdown(summary)
    if form == "pdf":
        from companion.summary.pdf_form import to_pdf

        return to_pdf(summary)
    if form == "docx":
        from companion.summary.docx_form import to_docx

        return to_docx(summary)
    raise ValueError(f"not a summary form: {form!r}")
