"""Interface language and "languages I read" of a member.

Revision ID: 0004_i18n
Revises: 0003
"""
import sqlalchemy as sa
from alembic import op

revision = "0004_i18n"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("interface_language", sa.String(length=8), server_default="", nullable=False))
        batch.add_column(sa.Column("read_languages", sa.String(length=200), server_default="", nullable=False))


def downgrade():
    with op.batch_alter_table("users") as batch:
        batch.drop_column("read_languages")
        batch.drop_column("interface_language")
