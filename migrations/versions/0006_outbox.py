"""The outbox table: effects written with the change they announce, performed by a drainer.

Immediate-email batches waiting at upgrade time get their outbox row, so none is forgotten.

Revision ID: 0006_outbox
Revises: 0005_i18n
"""
from datetime import datetime, timezone

import sqlalchemy as sa
from alembic import op

revision = "0006_outbox"
down_revision = "0005_i18n"
branch_labels = None
depends_on = None


def upgrade():
    outbox = op.create_table(
        "outbox",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("target", sa.String(length=120), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("available_at", sa.DateTime(), nullable=False),
        sa.Column("attempts", sa.Integer(), server_default="0", nullable=False),
        sa.Column("leased_until", sa.DateTime(), nullable=True),
        sa.Column("lease_owner", sa.String(length=80), nullable=True),
        sa.Column("last_error", sa.String(length=500), server_default="", nullable=False),
        sa.Column("failed_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox")),
    )
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.create_index("ix_outbox_available_at", ["available_at"], unique=False)
        batch_op.create_index("ix_outbox_target_id", ["target", "id"], unique=False)
    _queue_waiting_immediate_emails(outbox)


def _queue_waiting_immediate_emails(outbox):
    connection = op.get_bind()
    waiting = connection.execute(sa.text(
        "SELECT user_id, thread_id, due_at FROM immediate_emails WHERE pending_post_id IS NOT NULL")).all()
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    rows = [{"kind": "mail.immediate", "target": f"mail:user:{user_id}:thread:{thread_id}",
             "payload": {"user_id": user_id, "thread_id": thread_id}, "created_at": now,
             "available_at": due_at or now, "attempts": 0, "last_error": ""}
            for user_id, thread_id, due_at in waiting]
    if rows:
        op.bulk_insert(outbox, rows)


def downgrade():
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_index("ix_outbox_target_id")
        batch_op.drop_index("ix_outbox_available_at")
    op.drop_table("outbox")
