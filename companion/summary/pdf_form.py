"""The summary as a tagged PDF (WeasyPrint, ``pdf_tags``): selectable text with headings,
lists and tables in the structure tree, the timeline as a vector picture, the session
reference and the disclaimer in every page's footer."""

from __future__ import annotations

import logging
from typing import Any

from companion.summary.html_form import to_html

log = logging.getLogger(__name__)


def to_pdf(summary: dict[str, Any]) -> bytes:
    """The PDF file's bytes."""
    log.debug(
        "writing the PDF of reflection summary %s", summary["report"]["overview"]["reference"]
    )
    return html_to_pdf(to_html(summary))


def html_to_pdf(page: str) -> bytes:
    """A printable HTML page as a tagged PDF's bytes."""
    import weasyprint

    # WeasyPrint logs every unsupported CSS detail; keep the app's log for what matters.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    return bytes(weasyprint.HTML(string=page).write_pdf(pdf_tags=True))
