"""Roles enforced by a team's PostgreSQL server, not by the app: row-level security and grants.

- ``companion_caseworker``: their own interviews (``interview_sessions.caseworker`` is their
  login), everything recorded with them, the feedback sent on them and their replies;
- ``companion_reviewer``: the interviews drawn for them (or for any reviewer), read-only; the
  words of one only in a transaction that has written that read to the audit trail;
- ``companion_lead``: the interviews' facts (numbers, never words, not even whose), for the
  figures and the draws; no record at all.

:func:`setup` (``interview-companion review setup-roles``, run by the schema's owner after
the migrations) creates the three group roles, grants and policies; it may be run again.
Logins are made members with ``GRANT companion_reviewer TO alice`` (``review grant``). The
schema's owner (who runs the migrations) is not subject to the policies.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

#: The app's role names -> the server's group roles.
ROLE_NAMES = {
    "caseworker": "companion_caseworker",
    "reviewer": "companion_reviewer",
    "lead": "companion_lead",
}
CASEWORKER_ROLE, REVIEWER_ROLE, LEAD_ROLE = ROLE_NAMES.values()

#: Tables holding an interview's record, keyed to it by ``session_id``.
_BY_SESSION = (
    "participants",
    "segments",
    "breaks",
    "disclosure_episodes",
    "prompts",
    "notes",
    "checklist_ticks",
    "reflection_answers",
    "interpreting_concerns",
)
#: Tables keyed to a row of another record table: (table, column, parent table).
_BY_PARENT = (
    ("corrections", "segment_id", "segments"),
    ("followup_elements", "episode_id", "disclosure_episodes"),
)
_RECORD = ("interview_sessions", *_BY_SESSION, *(t for t, _, _ in _BY_PARENT))
_REVIEW_TABLES = ("interview_facts", "review_draws", "review_samples", "reviews", "review_comments")
#: The facts' columns a lead may read: all but whose interview it was.
_LEAD_FACT_COLUMNS = (
    "session_id, unit, day, questioning_s, elapsed_s, longest_without_break_s, breaks, "
    "over_2h_without_break, over_4h_questioning, disclosures, acknowledged, fully_followed_up, "
    "distress, distress_responded, interpreted, read_back_open, interpreting_concerns, "
    "questions, open_questions, computed_at"
)
#: Sessions drawn for the connected reviewer (or for any reviewer).
_DRAWN_FOR_ME = "SELECT session_id FROM review_samples WHERE reviewer IN ('', current_user)"
#: Sessions whose read by the connected reviewer this transaction has audited.
_AUDITED_NOW = (
    "SELECT session_id FROM audit_events WHERE action = 'review read' "
    "AND actor = current_user AND at = now()"
)


def roles_of(db: Session) -> set[str]:
    """The group roles the connected login holds (all of them for the schema's owner or a
    superuser)."""
    owner = db.execute(
        text(
            "SELECT r.rolsuper OR pg_has_role(current_user, c.relowner, 'MEMBER') "
            "FROM pg_roles r, pg_class c WHERE r.rolname = current_user "
            "AND c.oid = to_regclass('interview_sessions')"
        )
    ).scalar()
    if owner:
        return set(ROLE_NAMES.values())
    found = db.execute(
        text(
            "SELECT rolname FROM pg_roles WHERE rolname = ANY(:names) "
            "AND pg_has_role(current_user, oid, 'MEMBER')"
        ),
        {"names": list(ROLE_NAMES.values())},
    )
    return {row[0] for row in found}


def statements() -> list[str]:
    """The SQL that sets the roles up (each statement may be run again)."""
    out = [
        "DO $$ BEGIN "
        + " ".join(
            f"IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{name}') THEN "
            f"CREATE ROLE {name} NOLOGIN; END IF;"
            for name in ROLE_NAMES.values()
        )
        + " END $$"
    ]
    everyone = ", ".join(ROLE_NAMES.values())
    out += [
        f"GRANT USAGE ON SCHEMA public TO {everyone}",
        f"GRANT SELECT ON alembic_version TO {everyone}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {everyone}",
    ]
    for table in (*_RECORD, *_REVIEW_TABLES, "audit_events"):
        out.append(f"REVOKE ALL ON {table} FROM PUBLIC, {everyone}")
        out.append(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
    record = ", ".join(_RECORD)
    out += [
        # The caseworker: their own interviews, as today's app records them.
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON {record}, interview_facts TO {CASEWORKER_ROLE}",
        f"GRANT SELECT, INSERT ON audit_events TO {CASEWORKER_ROLE}",
        f"GRANT SELECT ON reviews, review_comments TO {CASEWORKER_ROLE}",
        f"GRANT UPDATE (seen_at) ON reviews TO {CASEWORKER_ROLE}",
        f"GRANT INSERT ON review_comments TO {CASEWORKER_ROLE}",
        # The reviewer: read-only on the record; their reviews and comments.
        f"GRANT SELECT ON {record}, interview_facts TO {REVIEWER_ROLE}",
        f"GRANT SELECT, INSERT ON audit_events TO {REVIEWER_ROLE}",
        f"GRANT SELECT ON review_draws, review_samples TO {REVIEWER_ROLE}",
        f"GRANT SELECT, INSERT, UPDATE ON reviews TO {REVIEWER_ROLE}",
        f"GRANT SELECT, INSERT ON review_comments TO {REVIEWER_ROLE}",
        # The lead: facts without whose they are; the draws.
        f"GRANT SELECT ({_LEAD_FACT_COLUMNS}) ON interview_facts TO {LEAD_ROLE}",
        f"GRANT SELECT, INSERT ON review_draws, review_samples TO {LEAD_ROLE}",
    ]
    policies: list[tuple[str, str, str, str | None, str | None]] = [
        # (table, "COMMAND TO roles", policy name, using, with check)
        (
            "interview_sessions",
            f"ALL TO {CASEWORKER_ROLE}",
            "caseworker_own",
            "caseworker = current_user",
            "caseworker = current_user",
        ),
        (
            "interview_sessions",
            f"SELECT TO {REVIEWER_ROLE}",
            "reviewer_drawn",
            f"id IN ({_DRAWN_FOR_ME})",
            None,
        ),
    ]
    for table in _BY_SESSION:
        own = "session_id IN (SELECT id FROM interview_sessions)"
        policies.append((table, f"ALL TO {CASEWORKER_ROLE}", "caseworker_own", own, own))
        policies.append(
            (
                table,
                f"SELECT TO {REVIEWER_ROLE}",
                "reviewer_audited",
                f"session_id IN ({_AUDITED_NOW})",
                None,
            )
        )
    for table, column, parent in _BY_PARENT:
        own = f"{column} IN (SELECT id FROM {parent})"
        policies.append((table, f"ALL TO {CASEWORKER_ROLE}", "caseworker_own", own, own))
        policies.append((table, f"SELECT TO {REVIEWER_ROLE}", "reviewer_audited", own, None))
    policies += [
        (
            "interview_facts",
            f"ALL TO {CASEWORKER_ROLE}",
            "caseworker_own",
            "caseworker = current_user",
            "caseworker = current_user",
        ),
        (
            "interview_facts",
            f"SELECT TO {REVIEWER_ROLE}",
            "reviewer_drawn",
            f"session_id IN ({_DRAWN_FOR_ME})",
            None,
        ),
        ("interview_facts", f"SELECT TO {LEAD_ROLE}", "lead_figures", "true", None),
        (
            "audit_events",
            f"SELECT TO {CASEWORKER_ROLE}",
            "caseworker_own",
            "session_id IN (SELECT id FROM interview_sessions)",
            None,
        ),
        (
            "audit_events",
            f"INSERT TO {CASEWORKER_ROLE}",
            "caseworker_writes",
            None,
            "action <> 'review read'",
        ),
        (
            "audit_events",
            f"SELECT TO {REVIEWER_ROLE}",
            "reviewer_reads",
            "actor = current_user AND action = 'review read'",
            None,
        ),
        (
            "audit_events",
            f"INSERT TO {REVIEWER_ROLE}",
            "reviewer_read_now",
            None,
            "actor = current_user AND action = 'review read' AND at = now() "
            f"AND session_id IN ({_DRAWN_FOR_ME})",
        ),
        ("review_draws", f"SELECT TO {REVIEWER_ROLE}, {LEAD_ROLE}", "team_reads", "true", None),
        ("review_draws", f"INSERT TO {LEAD_ROLE}", "lead_draws", None, "drawn_by = current_user"),
        ("review_samples", f"SELECT TO {LEAD_ROLE}", "lead_reads", "true", None),
        ("review_samples", f"INSERT TO {LEAD_ROLE}", "lead_draws", None, "true"),
        (
            "review_samples",
            f"SELECT TO {REVIEWER_ROLE}",
            "reviewer_drawn",
            "reviewer IN ('', current_user)",
            None,
        ),
        (
            "reviews",
            f"ALL TO {REVIEWER_ROLE}",
            "reviewer_own",
            "reviewer = current_user",
            f"reviewer = current_user AND session_id IN ({_DRAWN_FOR_ME})",
        ),
        (
            "reviews",
            f"SELECT TO {CASEWORKER_ROLE}",
            "caseworker_feedback",
            "submitted_at IS NOT NULL AND session_id IN (SELECT id FROM interview_sessions)",
            None,
        ),
        (
            "reviews",
            f"UPDATE TO {CASEWORKER_ROLE}",
            "caseworker_seen",
            "submitted_at IS NOT NULL AND session_id IN (SELECT id FROM interview_sessions)",
            "submitted_at IS NOT NULL AND session_id IN (SELECT id FROM interview_sessions)",
        ),
        (
            "review_comments",
            f"SELECT TO {REVIEWER_ROLE}, {CASEWORKER_ROLE}",
            "review_readers",
            "review_id IN (SELECT id FROM reviews)",
            None,
        ),
        (
            "review_comments",
            f"INSERT TO {REVIEWER_ROLE}",
            "reviewer_comments",
            None,
            "author = current_user AND author_role = 'reviewer' "
            "AND review_id IN (SELECT id FROM reviews WHERE reviewer = current_user)",
        ),
        (
            "review_comments",
            f"INSERT TO {CASEWORKER_ROLE}",
            "caseworker_replies",
            None,
            "author = current_user AND author_role = 'caseworker' "
            "AND review_id IN (SELECT id FROM reviews)",
        ),
    ]
    for table, command_to, name, using, check in policies:
        command, _, to = command_to.partition(" TO ")
        out.append(f"DROP POLICY IF EXISTS {name} ON {table}")
        sql = f"CREATE POLICY {name} ON {table} FOR {command} TO {to}"
        if using is not None:
            sql += f" USING ({using})"
        if check is not None:
            sql += f" WITH CHECK ({check})"
        out.append(sql)
    return out


def setup(connection: Connection) -> None:
    """Create the group roles, grants and row-level security policies (as the schema's
    owner, in one transaction)."""
    for statement in statements():
        connection.execute(text(statement))


def grant(connection: Connection, login: str, role: str) -> None:
    """Make the existing login ``login`` a member of the app's ``role`` group."""
    if role not in ROLE_NAMES:
        raise ValueError(f"role {role!r}: give caseworker, reviewer or lead")
    exists = connection.execute(
        text("SELECT 1 FROM pg_roles WHERE rolname = :login AND rolcanlogin"), {"login": login}
    ).scalar()
    if not exists:
        raise ValueError(f"login {login!r}: no such login on this server (CREATE ROLE it first)")
    quoted = connection.execute(text("SELECT quote_ident(:login)"), {"login": login}).scalar()
    connection.execute(text(f"GRANT {ROLE_NAMES[role]} TO {quoted}"))
