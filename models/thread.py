"""Threads and their tags."""
from datetime import datetime

from sqlalchemy import Column, ForeignKey, Index, String, Table
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import db, utcnow

thread_tags = Table(
    "thread_tags",
    db.metadata,
    Column("thread_id", ForeignKey("threads.id", ondelete="CASCADE"), primary_key=True),
    Column("tag_id", ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class Tag(db.Model):
    """A lower-case tag name such as `accessibility`."""

    __tablename__ = "tags"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(30), unique=True)

    def __repr__(self):
        return f"<Tag {self.name}>"


class Thread(db.Model):
    """A discussion in one sector; counters and last activity are kept by the services."""

    __tablename__ = "threads"
    __table_args__ = (
        # The sector page's order (pinned, last activity, id) and the home page's latest per sector.
        Index("ix_threads_sector_listing", "sector_id", "is_pinned", "last_post_at", "id"),
        Index("ix_threads_sector_last_post", "sector_id", "last_post_at"),
        Index("ix_threads_last_post_at", "last_post_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    sector_id: Mapped[int] = mapped_column(ForeignKey("sectors.id"))
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    title: Mapped[str] = mapped_column(String(150))
    slug: Mapped[str] = mapped_column(String(80))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_post_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_poster_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    reply_count: Mapped[int] = mapped_column(default=0, server_default="0")
    post_count: Mapped[int] = mapped_column(default=0, server_default="0")
    last_number: Mapped[int] = mapped_column(default=0, server_default="0")
    is_pinned: Mapped[bool] = mapped_column(default=False, server_default="0")
    is_locked: Mapped[bool] = mapped_column(default=False, server_default="0")
    deleted_at: Mapped[datetime | None]
    pending_at: Mapped[datetime | None]  # its first post waits for approval

    sector = relationship("Sector", lazy="joined", innerjoin=True)
    author = relationship("User", foreign_keys=[author_id], lazy="joined", innerjoin=True)
    last_poster = relationship("User", foreign_keys=[last_poster_id], lazy="joined")
    tags = relationship("Tag", secondary=thread_tags, lazy="selectin", order_by="Tag.name")

    def __repr__(self):
        return f"<Thread {self.id} {self.title!r}>"
