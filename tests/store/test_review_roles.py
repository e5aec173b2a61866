"""Roles enforced by the team's PostgreSQL server, not by the app: a caseworker's connection
reads only their own interviews, a unit lead's no words at all (figures only), a reviewer's
only the interviews drawn for review, and each of its reads is in the audit trail.

Runs against a real server (CI starts one: scripts/test_postgres.sh); skipped without one."""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ProgrammingError

from companion.cli import main
from companion.usecases import review
from models import roles
from models.database import StoreError
from models.importing import import_transcript
from models.store import Store

ADMIN_ENV = "COMPANION_TEST_POSTGRES_URL"
A_WORDS = "They burned my arm with a cigarette in the cell at Evin."
B_WORDS = "My brother was taken from the market in Kabul."

pytestmark = pytest.mark.skipif(
    not os.environ.get(ADMIN_ENV),
    reason=f"role tests need a PostgreSQL server: run scripts/test_postgres.sh, export {ADMIN_ENV}",
)


@dataclass
class Team:
    """A fresh database with the roles set up, and a URL per login."""

    admin: str
    caseworker_a: str
    caseworker_b: str
    reviewer: str
    lead: str
    names: dict[str, str]


def _transcript(tmp_path: Path, name: str, words: str) -> Path:
    path = tmp_path / f"{name}.txt"
    path.write_text(
        "Caseworker: Were you harmed in detention?\n"
        f"Claimant: Yes. {words}\n"
        "Caseworker: Thank you for telling me. When did this happen?\n"
        "Claimant: In March 2022.\n",
        encoding="utf-8",
    )
    return path


@pytest.fixture
def team() -> Iterator[Team]:
    admin_url = os.environ[ADMIN_ENV]
    suffix = uuid.uuid4().hex[:8]
    database = f"ic_roles_{suffix}"
    names = {k: f"ic_{k}_{suffix}" for k in ("caseworker_a", "caseworker_b", "reviewer", "lead")}
    server = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with server.connect() as c:
            c.execute(text(f'CREATE DATABASE "{database}"'))
            for name in names.values():
                c.execute(text(f"CREATE ROLE {name} LOGIN PASSWORD 'pw-{suffix}'"))
                c.execute(text(f'GRANT CONNECT ON DATABASE "{database}" TO {name}'))
        base = make_url(admin_url).set(database=database)
        admin = base.render_as_string(hide_password=False)
        Store.open(admin).close()  # the schema, owned by the admin
        owner = create_engine(admin)
        with owner.begin() as c:
            roles.setup(c)
            roles.setup(c)  # may be run again
            for key, role in (
                ("caseworker_a", "caseworker"),
                ("caseworker_b", "caseworker"),
                ("reviewer", "reviewer"),
                ("lead", "lead"),
            ):
                roles.grant(c, names[key], role)
        owner.dispose()

        def url(key: str) -> str:
            return base.set(username=names[key], password=f"pw-{suffix}").render_as_string(
                hide_password=False
            )

        yield Team(
            admin, url("caseworker_a"), url("caseworker_b"), url("reviewer"), url("lead"), names
        )
    finally:
        with server.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'))
            for name in names.values():
                c.execute(text(f"DROP ROLE IF EXISTS {name}"))
        server.dispose()


def _words(url: str) -> list[str]:
    """Every segment text this login's connection can read, by plain SQL."""
    engine = create_engine(url)
    try:
        with engine.connect() as c:
            return [row[0] for row in c.execute(text("SELECT text FROM segments"))]
    finally:
        engine.dispose()


def _denied(url: str, sql: str) -> bool:
    engine = create_engine(url)
    try:
        with engine.connect() as c:
            c.execute(text(sql)).fetchall()
        return False
    except ProgrammingError as exc:
        return "permission denied" in str(exc)
    finally:
        engine.dispose()


def _record(url: str, tmp_path: Path, name: str, words: str) -> int:
    store = Store.open(url)
    try:
        session_id = import_transcript(store, _transcript(tmp_path, name, words), reference=name)
        review.record_facts(store, session_id)
        return session_id
    finally:
        store.close()


def test_each_role_reads_only_what_the_database_lets_it(
    team: Team, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a = _record(team.caseworker_a, tmp_path, "IC-A-1", A_WORDS)
    b = _record(team.caseworker_b, tmp_path, "IC-B-1", B_WORDS)

    # A caseworker reads their own words and never another's, through the app or by SQL.
    assert any(A_WORDS in w for w in _words(team.caseworker_a))
    assert not any(B_WORDS in w for w in _words(team.caseworker_a))
    store = Store.open(team.caseworker_a)
    try:
        assert [s.id for s in store.list_sessions()] == [a]
        assert review.access(store).roles == {"caseworker"}
        with pytest.raises(StoreError, match=f"session {b}"):
            store.load(b)
    finally:
        store.close()

    # A lead reads no words and not whose interview it was: figures and draws only.
    for sql in (
        "SELECT text FROM segments",
        "SELECT reference FROM interview_sessions",
        "SELECT value FROM corrections",
        "SELECT details FROM interpreting_concerns",
        "SELECT evidence FROM disclosure_episodes",
        "SELECT caseworker FROM interview_facts",
        "SELECT text FROM review_comments",
    ):
        assert _denied(team.lead, sql), sql
    store = Store.open(team.lead)
    try:
        today = datetime.now(UTC).date()
        figures = review.figures(store, today - timedelta(days=1), today)
        assert figures.get("interviews").suppressed  # two interviews: fewer than five
        drawn = review.draw_sample(store, today - timedelta(days=1), today, rate=1.0, seed=3)
        assert {p.session_id for p in drawn.draw.picks} == {a, b}
    finally:
        store.close()

    # The lead's command line: the figures as JSON; the interviews refused in one line.
    assert (
        main(
            [
                "review",
                "figures",
                "--from",
                "2020-01-01",
                "--to",
                "2030-01-01",
                "--json",
                "--db",
                team.lead,
            ]
        )
        == 0
    )
    assert "interviews" in json.loads(capsys.readouterr().out)
    assert main(["sessions", "list", "--json", "--db", team.lead]) == 0
    assert json.loads(capsys.readouterr().out) == []  # a lead sees no sessions
    assert main(["sessions", "show", str(a), "--db", team.lead]) != 0
    refused = capsys.readouterr().err.strip()
    assert "\n" not in refused and "not allowed" in refused

    # A reviewer: nothing of the words until a read is audited in the same transaction.
    assert _words(team.reviewer) == []
    assert _denied(team.reviewer, "UPDATE segments SET text = 'changed'")
    store = Store.open(team.reviewer)
    try:
        listed = {s.session_id: s.reference for s in review.samples_for_review(store)}
        assert listed == {a: "IC-A-1", b: "IC-B-1"}
        case = review.open_for_review(store, a)
        assert any(A_WORDS in line.text for line in case.lines)
        review.save_review(
            store,
            a,
            dict.fromkeys(("opening", "conducting", "substance", "closing", "record"), 3),
            (review.NewComment("Acknowledged at once; ask where next time.", "substance", 1),),
            submit=True,
        )
    finally:
        store.close()
    # ... and a read cannot be faked or back-dated into the trail.
    engine = create_engine(team.reviewer)
    try:
        with pytest.raises(ProgrammingError, match="row-level security"), engine.begin() as c:
            c.execute(
                text(
                    "INSERT INTO audit_events (at, session_id, reference, action, actor, detail) "
                    "VALUES (now() - interval '1 hour', :sid, '', 'review read', "
                    "current_user, '')"
                ),
                {"sid": b},
            )
    finally:
        engine.dispose()

    # Every reviewer read is in the audit trail, with who and when.
    admin = Store.open(team.admin)
    try:
        reads = [e for e in admin.audit_events(a) if e.action == "review read"]
        assert [e.actor for e in reads] == [team.names["reviewer"]]
        assert not [e for e in admin.audit_events(b) if e.action == "review read"]
    finally:
        admin.close()

    # The caseworker sees the feedback on their interview and replies; the other sees none.
    store = Store.open(team.caseworker_a)
    try:
        (feedback,) = review.feedback_for_me(store)
        assert feedback.session_id == a and feedback.unseen
        review.mark_seen(store, a)
        review.reply(store, a, "Thank you; I will ask where it happened.")
        assert not review.feedback_for_me(store)[0].unseen
    finally:
        store.close()
    store = Store.open(team.caseworker_b)
    try:
        assert review.feedback_for_me(store) == []
    finally:
        store.close()


def test_a_reviewer_cannot_open_an_interview_not_drawn(team: Team, tmp_path: Path) -> None:
    a = _record(team.caseworker_a, tmp_path, "IC-A-2", A_WORDS)
    store = Store.open(team.reviewer)
    try:
        assert review.samples_for_review(store) == []
        with pytest.raises(StoreError, match=f"session {a}: not drawn for review"):
            review.open_for_review(store, a)
    finally:
        store.close()
    engine = create_engine(team.reviewer)
    try:  # nor by inserting an audit row for it by hand
        with pytest.raises(ProgrammingError, match="row-level security"), engine.begin() as c:
            c.execute(
                text(
                    "INSERT INTO audit_events (at, session_id, reference, action, actor, detail) "
                    "VALUES (now(), :sid, '', 'review read', current_user, '')"
                ),
                {"sid": a},
            )
    finally:
        engine.dispose()
