"""Where the tests find the project and their data (one place, whatever folder a test is in)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: The labelled transcripts: development, the project's own, and the held-out (blind) set.
DEV_CORPUS = ROOT / "tests" / "analysis_dev"
OWN_CORPUS = ROOT / "tests" / "analysis_corpus"
HELDOUT_CORPUS = ROOT / "tests" / "analysis_heldout"
#: Corpora written blind by other authors and folded in after their first scoring (issue 15).
BLIND_CORPORA = sorted((ROOT / "tests" / "analysis_blind").glob("set_*"))
#: The bundled sample interview.
SAMPLES = ROOT / "resources" / "samples"
