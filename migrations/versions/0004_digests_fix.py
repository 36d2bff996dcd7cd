"""The weekday of a member's weekly digest (0 = Monday, the former fixed day).

(Named with an underscore: Alembic refuses "-" in a revision identifier.) A weekly period is
now named by the ISO week date of its due day ("2026-W49-1") instead of its ISO week
("2026-W49"): the weeks already decided become their Monday, the only weekday there was, so no
member gets a second digest for a week the old code already sent.

Revision ID: 0004_digests_fix
Revises: 0003
"""
import sqlalchemy as sa
from alembic import op

revision = "0004_digests_fix"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("email_preferences") as batch_op:
        batch_op.add_column(sa.Column("digest_weekday", sa.Integer(), server_default="0", nullable=False))
    op.execute("UPDATE digest_sends SET window_key = window_key || '-1' "
               "WHERE period = 'weekly' AND length(window_key) = 8")


def downgrade():
    op.execute("UPDATE digest_sends SET window_key = substr(window_key, 1, 8) "
               "WHERE period = 'weekly' AND window_key LIKE '%-1' AND length(window_key) = 10")
    with op.batch_alter_table("email_preferences") as batch_op:
        batch_op.drop_column("digest_weekday")
