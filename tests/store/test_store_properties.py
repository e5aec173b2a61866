"""Property: whatever was said — any text, speakers, corrections, breaks — a session exported,
imported and exported again gives the same file (jsonl and txt)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from companion.usecases.record_forms import export_session
from models import record
from models.importing import import_transcript
from models.store import Store

ROLES = ("caseworker", "interpreter", "claimant", "unknown")
_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    max_size=60,
)
_segment = st.tuples(
    st.sampled_from(ROLES),
    _text,
    st.one_of(st.none(), _text),  # a text correction
    st.one_of(st.none(), st.sampled_from(ROLES)),  # a speaker correction
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    segments=st.lists(_segment, min_size=1, max_size=6),
    break_after=st.integers(min_value=0, max_value=6),
    reason=_text,
    form=st.sampled_from(["jsonl", "txt"]),
)
def test_export_import_export_is_identical_for_any_record(
    segments: list[tuple[str, str, str | None, str | None]],
    break_after: int,
    reason: str,
    form: str,
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(f"sqlite:///{Path(folder) / 's.db'}")
        try:
            sid = store.create_session("IC-prop")
            with store.session() as db:
                for position, (speaker, text, corrected, who) in enumerate(segments):
                    record.add_segment(
                        db,
                        sid,
                        position,
                        speaker=speaker,
                        text=text,
                        start_s=position * 10.0,
                        end_s=position * 10.0 + 5,
                    )
                    if position == min(break_after, len(segments) - 1):
                        record.start_break(db, sid, position * 10.0 + 6, reason=reason)
                        record.end_break(db, sid, position * 10.0 + 8)
                    if corrected is not None:
                        record.correct_text(db, sid, position, corrected, author="interpreter")
                    if who is not None:
                        record.correct_speaker(db, sid, position, who, author="caseworker")
            first = export_session(store.load(sid), form)
            path = Path(folder) / f"t.{form}"
            path.write_text(first, encoding="utf-8")
            again = import_transcript(store, path, reference="IC-prop")
            assert export_session(store.load(again), form) == first
        finally:
            store.close()
