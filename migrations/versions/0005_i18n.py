"""Interface language and "languages I read" of a member; cached machine translations of posts.

Revision ID: 0005_i18n
Revises: 0004_digests_fix
"""
import sqlalchemy as sa
from alembic import op

revision = "0005_i18n"
down_revision = "0004_digests_fix"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("interface_language", sa.String(length=8), server_default="", nullable=False))
        batch.add_column(sa.Column("read_languages", sa.String(length=200), server_default="", nullable=False))
    op.create_table(
        "post_translations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("post_id", sa.Integer(), nullable=False),
        sa.Column("post_version", sa.Integer(), nullable=False),
        sa.Column("source_language", sa.String(length=8), nullable=False),
        sa.Column("target_language", sa.String(length=8), nullable=False),
        sa.Column("provider", sa.String(length=40), nullable=False),
        sa.Column("body_html", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["post_id"], ["posts.id"], name=op.f("fk_post_translations_post_id_posts"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_post_translations")),
        sa.UniqueConstraint("post_id", "post_version", "target_language",
                            name="uq_post_translations_version_target"),
    )


def downgrade():
    op.drop_table("post_translations")
    with op.batch_alter_table("users") as batch:
        batch.drop_column("read_languages")
        batch.drop_column("interface_language")
