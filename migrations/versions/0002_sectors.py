"""Create the six education sectors.

Revision ID: 0002
Revises: 0001
"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

SECTORS = (
    ("early-childhood", "Early childhood education and care",
     "Play, care and learning for the youngest: digital practice in ECEC settings."),
    ("school", "School education",
     "Primary and secondary schools: teaching, leadership and digital infrastructure."),
    ("vet", "Vocational education and training",
     "Initial and continuing VET, apprenticeships and work-based learning."),
    ("higher-education", "Higher education",
     "Universities and colleges: digital teaching, assessment and open education."),
    ("adult-learning", "Adult learning",
     "Adult education, basic skills, community learning and lifelong learning."),
    ("cross-sector", "Cross-sector",
     "Policy, research, tools and topics that span every sector."),
)


def upgrade():
    sectors = sa.table("sectors", sa.column("slug", sa.String), sa.column("name", sa.String),
                       sa.column("description", sa.Text), sa.column("position", sa.Integer))
    op.bulk_insert(sectors, [
        {"slug": slug, "name": name, "description": description, "position": position}
        for position, (slug, name, description) in enumerate(SECTORS)])


def downgrade():
    op.execute("DELETE FROM sectors")
