"""Moderation data: moderator scopes, flags, the audit log, thread redirects and site settings."""
from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint, event
from sqlalchemy.orm import Mapped, backref, mapped_column, relationship

from models.base import db, utcnow

FLAG_REASONS = ("spam", "offensive", "off-topic", "other")


class ModeratorSector(db.Model):
    """One sector a moderator is limited to. A moderator without rows moderates every sector."""

    __tablename__ = "moderator_sectors"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    sector_id: Mapped[int] = mapped_column(ForeignKey("sectors.id", ondelete="CASCADE"), primary_key=True)

    # Loaded on first use and cached on the user until the next commit expires it.
    user = relationship("User", backref=backref("moderator_sectors", lazy="select",
                                                cascade="all, delete-orphan"))
    sector = relationship("Sector", lazy="joined")


class Flag(db.Model):
    """A member's report of a post; one per member and post. Open until a moderator resolves it."""

    __tablename__ = "flags"
    __table_args__ = (
        UniqueConstraint("post_id", "user_id", name="uq_flags_post_user"),
        Index("ix_flags_open", "resolved_at", "post_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    reason: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(String(1000), default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    resolved_at: Mapped[datetime | None]
    resolved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    resolution: Mapped[str | None] = mapped_column(String(20))

    post = relationship("Post", lazy="joined")
    user = relationship("User", foreign_keys=[user_id], lazy="joined")


class ModerationAction(db.Model):
    """One audit entry: who did what to which target, why, and the state before and after.

    Never edited or deleted: the ORM refuses updates and deletes of existing entries.
    Targets are kept by type, id and label so the entry outlives what it names.
    """

    __tablename__ = "moderation_actions"
    __table_args__ = (
        Index("ix_moderation_actions_created_at", "created_at"),
        Index("ix_moderation_actions_subject", "subject_user_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    action: Mapped[str] = mapped_column(String(40), index=True)
    target_type: Mapped[str] = mapped_column(String(20))
    target_id: Mapped[int | None]
    target_label: Mapped[str] = mapped_column(String(200), default="", server_default="")
    sector_id: Mapped[int | None] = mapped_column(ForeignKey("sectors.id"), index=True)
    subject_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    reason: Mapped[str] = mapped_column(String(1000), default="", server_default="")
    before: Mapped[str | None] = mapped_column(Text)
    after: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    actor = relationship("User", foreign_keys=[actor_id], lazy="joined")
    subject_user = relationship("User", foreign_keys=[subject_user_id], lazy="joined")
    sector = relationship("Sector", lazy="joined")


@event.listens_for(ModerationAction, "before_update")
@event.listens_for(ModerationAction, "before_delete")
def _audit_is_append_only(_mapper, _connection, _target):
    raise PermissionError("The moderation log is append-only.")


class ThreadRedirect(db.Model):
    """A thread merged into another: its old address leads to the thread that absorbed it."""

    __tablename__ = "thread_redirects"

    old_thread_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    new_thread_id: Mapped[int] = mapped_column(ForeignKey("threads.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class SiteSetting(db.Model):
    """An admin-controlled switch or number (e.g. `approval_enabled`), stored as text."""

    __tablename__ = "site_settings"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(String(200))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
