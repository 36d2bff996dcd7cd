"""In-app notifications and per-thread read markers."""
from datetime import datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import db, utcnow

KINDS = ("reply", "mention", "quote", "watched", "moderation", "approval")


class Notification(db.Model):
    """Something that concerns one member; `detail` carries a moderator's action or reason."""

    __tablename__ = "notifications"
    __table_args__ = (Index("ix_notifications_user_unread", "user_id", "read_at", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    thread_id: Mapped[int | None] = mapped_column(ForeignKey("threads.id", ondelete="CASCADE"))
    post_id: Mapped[int | None] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"))
    detail: Mapped[str] = mapped_column(String(500), default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    read_at: Mapped[datetime | None]

    actor = relationship("User", foreign_keys=[actor_id], lazy="joined")
    thread = relationship("Thread", lazy="joined")

    def __repr__(self):
        return f"<Notification {self.id} {self.kind} for {self.user_id}>"


class ThreadRead(db.Model):
    """The highest post number a member has had on screen in a thread (immediate email skips
    what the member already read)."""

    __tablename__ = "thread_reads"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    thread_id: Mapped[int] = mapped_column(ForeignKey("threads.id", ondelete="CASCADE"), primary_key=True)
    last_number: Mapped[int] = mapped_column(default=0, server_default="0")
    read_at: Mapped[datetime] = mapped_column(default=utcnow)
