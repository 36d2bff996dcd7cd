"""The outbox: effects outside the database (search index, live events, email), written in the
same transaction as the change they announce and performed later by a drainer (forum/outbox/)."""
from datetime import datetime

from sqlalchemy import JSON, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from models.base import db, utcnow


class OutboxEntry(db.Model):
    """One effect to perform at least once. `target` orders rows: a row is not taken while an
    earlier live row of the same target is waiting. `payload` holds ids and plain data only."""

    __tablename__ = "outbox"
    __table_args__ = (
        Index("ix_outbox_target_id", "target", "id"),
        Index("ix_outbox_available_at", "available_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    target: Mapped[str] = mapped_column(String(120))
    payload: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    available_at: Mapped[datetime] = mapped_column(default=utcnow)  # later after a failure (backoff)
    attempts: Mapped[int] = mapped_column(default=0, server_default="0")
    leased_until: Mapped[datetime | None]  # claimed by `lease_owner` until then
    lease_owner: Mapped[str | None] = mapped_column(String(80))
    last_error: Mapped[str] = mapped_column(String(500), default="", server_default="")
    failed_at: Mapped[datetime | None]  # gave up after too many attempts: kept for an operator

    def __repr__(self):
        return f"<OutboxEntry {self.id} {self.kind} {self.target}>"
