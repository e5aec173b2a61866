"""Checklist ticks: the opening and closing checklists, ticked or not, per session.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import models.entities

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "checklist_ticks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("checklist", sa.String(length=20), nullable=False),
        sa.Column("item_id", sa.String(length=80), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("ticked", sa.Boolean(), nullable=False),
        sa.Column("at", models.entities.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["interview_sessions.id"],
            name=op.f("fk_checklist_ticks_session_id_interview_sessions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_checklist_ticks")),
        sa.UniqueConstraint(
            "session_id", "checklist", "item_id", name=op.f("uq_checklist_ticks_session_id")
        ),
    )
    with op.batch_alter_table("checklist_ticks", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_checklist_ticks_session_id"), ["session_id"], unique=False
        )


def downgrade() -> None:
    op.drop_table("checklist_ticks")
