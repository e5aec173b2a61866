"""Interpreting concerns: raised by the claimant or noticed by the caseworker or interpreter.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import models.entities

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "interpreting_concerns",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("raised_by", sa.String(length=20), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("details", sa.Text(), nullable=False),
        sa.Column("action", sa.Text(), nullable=False),
        sa.Column("at_s", sa.Float(), nullable=True),
        sa.Column("segment_position", sa.Integer(), nullable=True),
        sa.Column("created_at", models.entities.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["interview_sessions.id"],
            name=op.f("fk_interpreting_concerns_session_id_interview_sessions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_interpreting_concerns")),
    )
    with op.batch_alter_table("interpreting_concerns", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_interpreting_concerns_session_id"), ["session_id"], unique=False
        )


def downgrade() -> None:
    op.drop_table("interpreting_concerns")
