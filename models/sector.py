"""Education sectors: the top level of the forum."""
from datetime import datetime

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from models.base import db

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


class Sector(db.Model):
    """A sector with denormalised activity counters kept by the posting services."""

    __tablename__ = "sectors"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    description: Mapped[str] = mapped_column(Text, default="", server_default="")
    position: Mapped[int] = mapped_column(default=0, server_default="0")
    thread_count: Mapped[int] = mapped_column(default=0, server_default="0")
    post_count: Mapped[int] = mapped_column(default=0, server_default="0")
    last_post_at: Mapped[datetime | None]

    def __repr__(self):
        return f"<Sector {self.slug}>"
