"""Education sectors: the top level of the forum."""
from datetime import datetime

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from models.base import db



def N_(text):
    """Marks a fixed text for the catalogues (`make translations`); pages translate it on display
    with the `translated` filter, so a renamed sector simply shows its new name untranslated."""
    return text


SECTORS = (
    ("early-childhood", N_("Early childhood education and care"),
     N_("Play, care and learning for the youngest: digital practice in ECEC settings.")),
    ("school", N_("School education"),
     N_("Primary and secondary schools: teaching, leadership and digital infrastructure.")),
    ("vet", N_("Vocational education and training"),
     N_("Initial and continuing VET, apprenticeships and work-based learning.")),
    ("higher-education", N_("Higher education"),
     N_("Universities and colleges: digital teaching, assessment and open education.")),
    ("adult-learning", N_("Adult learning"),
     N_("Adult education, basic skills, community learning and lifelong learning.")),
    ("cross-sector", N_("Cross-sector"),
     N_("Policy, research, tools and topics that span every sector.")),
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
