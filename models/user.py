"""Members and their profile."""
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from models.base import db, utcnow

ROLES = ("member", "moderator", "admin")

# The 27 EU member states (ISO 3166-1 alpha-2) plus "Other".
COUNTRIES = (
    ("AT", "Austria"), ("BE", "Belgium"), ("BG", "Bulgaria"), ("HR", "Croatia"), ("CY", "Cyprus"),
    ("CZ", "Czechia"), ("DK", "Denmark"), ("EE", "Estonia"), ("FI", "Finland"), ("FR", "France"),
    ("DE", "Germany"), ("GR", "Greece"), ("HU", "Hungary"), ("IE", "Ireland"), ("IT", "Italy"),
    ("LV", "Latvia"), ("LT", "Lithuania"), ("LU", "Luxembourg"), ("MT", "Malta"),
    ("NL", "Netherlands"), ("PL", "Poland"), ("PT", "Portugal"), ("RO", "Romania"),
    ("SK", "Slovakia"), ("SI", "Slovenia"), ("ES", "Spain"), ("SE", "Sweden"), ("OTHER", "Other"),
)
COUNTRY_NAMES = dict(COUNTRIES)


class User(UserMixin, db.Model):
    """A member account; `session_version` invalidates every copy of a session cookie."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(30))
    username_canonical: Mapped[str] = mapped_column(String(30), unique=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16), default="member", server_default="member")
    display_name: Mapped[str] = mapped_column(String(60), default="", server_default="")
    country: Mapped[str | None] = mapped_column(String(8))
    organisation: Mapped[str] = mapped_column(String(120), default="", server_default="")
    sector_of_work: Mapped[str | None] = mapped_column(String(40))
    bio_markdown: Mapped[str] = mapped_column(Text, default="", server_default="")
    bio_html: Mapped[str] = mapped_column(Text, default="", server_default="")
    language: Mapped[str] = mapped_column(String(8), default="en", server_default="en")  # writes posts in
    # The interface's language ("" = the language menu's cookie, else the browser's choice).
    interface_language: Mapped[str] = mapped_column(String(8), default="", server_default="")
    # Languages of threads shown in lists, comma-separated codes ("" = every language).
    read_languages: Mapped[str] = mapped_column(String(200), default="", server_default="")
    timezone: Mapped[str] = mapped_column(String(64), default="Europe/Brussels", server_default="Europe/Brussels")
    session_version: Mapped[int] = mapped_column(default=1, server_default="1")
    email_verified_at: Mapped[datetime | None]
    suspended_until: Mapped[datetime | None]
    suspension_reason: Mapped[str | None] = mapped_column(String(500))
    silenced_until: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[datetime | None]

    def get_id(self):
        """Flask-Login id carrying the session version, so old cookies stop working."""
        return f"{self.id}:{self.session_version}"

    @property
    def name(self):
        """What other members see: the display name, or the username."""
        return self.display_name or self.username

    @property
    def is_moderator(self):
        return self.role in ("moderator", "admin")

    @property
    def is_admin(self):
        return self.role == "admin"

    @property
    def country_name(self):
        return COUNTRY_NAMES.get(self.country or "", "")

    def __repr__(self):
        return f"<User {self.username}>"
