"""The weekday of a member's weekly digest (0 = Monday, the former fixed day).

(Named with an underscore: Alembic refuses "-" in a revision identifier.)

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


def downgrade():
    with op.batch_alter_table("email_preferences") as batch_op:
        batch_op.drop_column("digest_weekday")
