"""Posts and their revision history."""
import zlib
from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import db, utcnow


class Post(db.Model):
    """One message. `number` is its 1-based place in the thread: pages are ranges of numbers.

    The Markdown source and the sanitised HTML are both stored when the post is written.
    """

    __tablename__ = "posts"
    __table_args__ = (
        Index("ix_posts_thread_number", "thread_id", "number", unique=True),
        UniqueConstraint("author_id", "submission_key", name="uq_posts_author_submission"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    thread_id: Mapped[int] = mapped_column(ForeignKey("threads.id"))
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    number: Mapped[int]
    body_markdown: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(8), default="en", server_default="en")
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    edited_at: Mapped[datetime | None]
    edit_count: Mapped[int] = mapped_column(default=0, server_default="0")
    hidden_at: Mapped[datetime | None]
    hidden_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    hidden_reason: Mapped[str | None] = mapped_column(String(500))
    deleted_at: Mapped[datetime | None]
    pending_at: Mapped[datetime | None]  # waiting in the approval queue (new members)
    submission_key: Mapped[str | None] = mapped_column(String(64))

    # Not joined: a page of posts already has its thread in the identity map (no extra query);
    # lists of posts from many threads ask for it with `contains_eager`/`joinedload`.
    thread = relationship("Thread")
    author = relationship("User", foreign_keys=[author_id], lazy="joined", innerjoin=True)

    @property
    def is_hidden(self):
        return self.hidden_at is not None

    @property
    def is_pending(self):
        return self.pending_at is not None

    @property
    def is_first(self):
        return self.number == 1

    @property
    def state_version(self):
        """Changes with every edit, hide, restore or approval: a live page compares it after a
        reconnect to fetch only the posts that changed while it was away."""
        state = f"{self.edit_count}|{self.edited_at}|{self.hidden_at}|{self.pending_at}|{self.deleted_at}"
        return format(zlib.crc32(state.encode()), "08x")

    def __repr__(self):
        return f"<Post {self.id} in {self.thread_id}>"


class PostRevision(db.Model):
    """An earlier version of a post, kept on every edit."""

    __tablename__ = "post_revisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"), index=True)
    editor_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    number: Mapped[int]
    title: Mapped[str | None] = mapped_column(String(150))
    body_markdown: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    editor = relationship("User", lazy="joined")
