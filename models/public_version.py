"""The public content version: one counter for the anonymous page cache."""
from sqlalchemy import BigInteger
from sqlalchemy.orm import Mapped, mapped_column

from models.base import db


class PublicVersion(db.Model):
    """Bumped inside every commit that changes what readers who are not signed in can see
    (posts, threads, sectors, tags, public profile fields). Cached anonymous pages are keyed by
    it (forum/page_cache.py), so they are never stale, in any process. A single row, id 1."""

    __tablename__ = "public_version"

    id: Mapped[int] = mapped_column(primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger, default=0)
