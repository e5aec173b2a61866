"""Quality assurance: who conducted each interview and in which unit, each ended interview's
facts (numbers only, for the unit's figures and risk-based sampling), draws of interviews for
review with their seeds, the reviews with their scores and comments, and the caseworker's
replies.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import models.entities

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "review_draws",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("drawn_at", models.entities.UTCDateTime(timezone=True), nullable=False),
        sa.Column("drawn_by", sa.String(length=120), nullable=False),
        sa.Column("seed", sa.BigInteger(), nullable=False),
        sa.Column("rate", sa.Float(), nullable=False),
        sa.Column("period_from", sa.Date(), nullable=False),
        sa.Column("period_to", sa.Date(), nullable=False),
        sa.Column("unit", sa.String(length=80), nullable=False),
        sa.Column("candidates", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_draws")),
    )
    op.create_table(
        "interview_facts",
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("caseworker", sa.String(length=120), nullable=False),
        sa.Column("unit", sa.String(length=80), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("questioning_s", sa.Float(), nullable=False),
        sa.Column("elapsed_s", sa.Float(), nullable=False),
        sa.Column("longest_without_break_s", sa.Float(), nullable=False),
        sa.Column("breaks", sa.Integer(), nullable=False),
        sa.Column("over_2h_without_break", sa.Boolean(), nullable=False),
        sa.Column("over_4h_questioning", sa.Boolean(), nullable=False),
        sa.Column("disclosures", sa.Integer(), nullable=False),
        sa.Column("acknowledged", sa.Integer(), nullable=False),
        sa.Column("fully_followed_up", sa.Integer(), nullable=False),
        sa.Column("distress", sa.Integer(), nullable=False),
        sa.Column("distress_responded", sa.Integer(), nullable=False),
        sa.Column("interpreted", sa.Boolean(), nullable=False),
        sa.Column("read_back_open", sa.Integer(), nullable=False),
        sa.Column("interpreting_concerns", sa.Integer(), nullable=False),
        sa.Column("questions", sa.Integer(), nullable=False),
        sa.Column("open_questions", sa.Integer(), nullable=False),
        sa.Column("computed_at", models.entities.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["interview_sessions.id"],
            name=op.f("fk_interview_facts_session_id_interview_sessions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("session_id", name=op.f("pk_interview_facts")),
    )
    with op.batch_alter_table("interview_facts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_interview_facts_day"), ["day"], unique=False)
        batch_op.create_index("ix_interview_facts_unit_day", ["unit", "day"], unique=False)

    op.create_table(
        "review_samples",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("draw_id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("reasons", sa.JSON(), nullable=False),
        sa.Column("reviewer", sa.String(length=120), nullable=False),
        sa.ForeignKeyConstraint(
            ["draw_id"],
            ["review_draws.id"],
            name=op.f("fk_review_samples_draw_id_review_draws"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["interview_sessions.id"],
            name=op.f("fk_review_samples_session_id_interview_sessions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_samples")),
        sa.UniqueConstraint("session_id", name=op.f("uq_review_samples_session_id")),
    )
    with op.batch_alter_table("review_samples", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_review_samples_draw_id"), ["draw_id"], unique=False)

    op.create_table(
        "reviews",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("reviewer", sa.String(length=120), nullable=False),
        sa.Column("scores", sa.JSON(), nullable=False),
        sa.Column("started_at", models.entities.UTCDateTime(timezone=True), nullable=False),
        sa.Column("submitted_at", models.entities.UTCDateTime(timezone=True), nullable=True),
        sa.Column("seen_at", models.entities.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["interview_sessions.id"],
            name=op.f("fk_reviews_session_id_interview_sessions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reviews")),
        sa.UniqueConstraint("session_id", "reviewer", name=op.f("uq_reviews_session_id")),
    )
    with op.batch_alter_table("reviews", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_reviews_session_id"), ["session_id"], unique=False)

    op.create_table(
        "review_comments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("review_id", sa.Integer(), nullable=False),
        sa.Column("stage", sa.String(length=20), nullable=False),
        sa.Column("segment_position", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("author", sa.String(length=120), nullable=False),
        sa.Column("author_role", sa.String(length=20), nullable=False),
        sa.Column("reply_to", sa.Integer(), nullable=True),
        sa.Column("created_at", models.entities.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["review_id"],
            ["reviews.id"],
            name=op.f("fk_review_comments_review_id_reviews"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_comments")),
    )
    with op.batch_alter_table("review_comments", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_review_comments_review_id"), ["review_id"], unique=False
        )

    with op.batch_alter_table("interview_sessions", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("caseworker", sa.String(length=120), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("unit", sa.String(length=80), nullable=False, server_default="")
        )
        batch_op.create_index(
            batch_op.f("ix_interview_sessions_caseworker"), ["caseworker"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_interview_sessions_unit"), ["unit"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("interview_sessions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_interview_sessions_unit"))
        batch_op.drop_index(batch_op.f("ix_interview_sessions_caseworker"))
        batch_op.drop_column("unit")
        batch_op.drop_column("caseworker")

    with op.batch_alter_table("review_comments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_review_comments_review_id"))

    op.drop_table("review_comments")
    with op.batch_alter_table("reviews", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reviews_session_id"))

    op.drop_table("reviews")
    with op.batch_alter_table("review_samples", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_review_samples_draw_id"))

    op.drop_table("review_samples")
    with op.batch_alter_table("interview_facts", schema=None) as batch_op:
        batch_op.drop_index("ix_interview_facts_unit_day")
        batch_op.drop_index(batch_op.f("ix_interview_facts_day"))

    op.drop_table("interview_facts")
    op.drop_table("review_draws")
