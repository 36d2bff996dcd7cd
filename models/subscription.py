"""What members follow: a sector, a tag or a thread, at one level (watch, track or mute)."""
from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from models.base import db, utcnow

TARGETS = ("sector", "tag", "thread")
LEVELS = ("watch", "track", "mute")


class Subscription(db.Model):
    """Watch: every new post notifies (and may email at once); track: it goes into the digest;
    mute: nothing, even when a followed sector or tag would include it."""

    __tablename__ = "subscriptions"
    __table_args__ = (
        UniqueConstraint("user_id", "target_type", "target_id", name="uq_subscriptions_member_target"),
        Index("ix_subscriptions_target", "target_type", "target_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    target_type: Mapped[str] = mapped_column(String(10))
    target_id: Mapped[int]
    level: Mapped[str] = mapped_column(String(10))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    def __repr__(self):
        return f"<Subscription {self.user_id} {self.level} {self.target_type}:{self.target_id}>"
