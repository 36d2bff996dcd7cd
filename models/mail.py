"""Email state: preferences, digest watermarks and send log, immediate-email batches, tokens."""
from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from models.base import db, utcnow

DIGEST_FREQUENCIES = ("never", "daily", "weekly")
DEFAULT_DIGEST_FREQUENCY = "weekly"
DEFAULT_DIGEST_HOUR = 8
DEFAULT_DIGEST_WEEKDAY = 0  # Monday, as in datetime.weekday()


class EmailPreference(db.Model):
    """A member's mail choices; members without a row get the defaults (weekly, Mondays at 08:00)."""

    __tablename__ = "email_preferences"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    digest_frequency: Mapped[str] = mapped_column(
        String(10), default=DEFAULT_DIGEST_FREQUENCY, server_default=DEFAULT_DIGEST_FREQUENCY)
    digest_hour: Mapped[int] = mapped_column(default=DEFAULT_DIGEST_HOUR, server_default=str(DEFAULT_DIGEST_HOUR))
    digest_weekday: Mapped[int] = mapped_column(default=DEFAULT_DIGEST_WEEKDAY,
                                                server_default=str(DEFAULT_DIGEST_WEEKDAY))
    immediate_email: Mapped[bool] = mapped_column(default=True, server_default="1")
    track_on_post: Mapped[bool] = mapped_column(default=True, server_default="1")


class DigestWatermark(db.Model):
    """Everything up to `covered_until` has been put in (or decided for) this member's digest."""

    __tablename__ = "digest_watermarks"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    covered_until: Mapped[datetime]


class DigestSend(db.Model):
    """One digest decision per (member, period, window), e.g. ("daily", "2026-11-29").

    The unique key makes a second decision for the same window impossible; `status` is
    pending (claimed, not yet accepted by SMTP), sent, empty (nothing new), failed (retried next
    run) or superseded (its posts went into a later digest)."""

    __tablename__ = "digest_sends"
    __table_args__ = (
        UniqueConstraint("user_id", "period", "window_key", name="uq_digest_sends_member_window"),
        Index("ix_digest_sends_user_status", "user_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    period: Mapped[str] = mapped_column(String(10))
    window_key: Mapped[str] = mapped_column(String(16))
    window_start: Mapped[datetime]
    window_end: Mapped[datetime]
    status: Mapped[str] = mapped_column(String(12), default="pending", server_default="pending")
    attempts: Mapped[int] = mapped_column(default=0, server_default="0")
    item_count: Mapped[int] = mapped_column(default=0, server_default="0")
    error: Mapped[str] = mapped_column(String(500), default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    claimed_at: Mapped[datetime | None]
    sent_at: Mapped[datetime | None]


class ImmediateEmail(db.Model):
    """Batching state of immediate email for one member and one watched thread: posts from
    `pending_post_id` on wait until `due_at` (at most one email per thread per 15 minutes)."""

    __tablename__ = "immediate_emails"
    __table_args__ = (Index("ix_immediate_emails_due", "due_at"),)

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    thread_id: Mapped[int] = mapped_column(ForeignKey("threads.id", ondelete="CASCADE"), primary_key=True)
    pending_post_id: Mapped[int | None]
    due_at: Mapped[datetime | None]
    last_sent_at: Mapped[datetime | None]


class LatePublication(db.Model):
    """A post that became public after it was written (approved from the queue): digests place
    it by this time, so a window that closed while it waited does not lose it."""

    __tablename__ = "late_publications"

    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"), primary_key=True)
    published_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)


class AccountToken(db.Model):
    """A single-use, expiring token for email verification or password reset (hash stored)."""

    __tablename__ = "account_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    purpose: Mapped[str] = mapped_column(String(16))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    email: Mapped[str] = mapped_column(String(254))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]
