"""``python -m companion`` runs the command line (the same as ``interview-companion``)."""

import sys

from companion.cli import run

sys.exit(run())
