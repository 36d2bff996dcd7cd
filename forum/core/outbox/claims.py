"""Claiming, completing and failing outbox rows: one short write transaction each.

A row is claimed when it is due, not leased (or its lease expired: its process died) and no
earlier row of its target is still waiting. On PostgreSQL concurrent drainers skip each other's
rows (FOR UPDATE SKIP LOCKED); on SQLite writes are serialised by BEGIN IMMEDIATE.
"""
from collections import namedtuple
from datetime import timedelta

from sqlalchemy import delete, exists, or_, select, update
from sqlalchemy.orm import aliased

from forum.core.transaction import transaction
from models import OutboxEntry, db

Claimed = namedtuple("Claimed", "id kind target payload attempts")
O = OutboxEntry


def _claimable(kinds, now, limit):
    earlier = aliased(OutboxEntry)
    blocked = exists().where(earlier.target == O.target, earlier.id < O.id, earlier.failed_at.is_(None))
    query = (select(O.id).where(O.kind.in_(kinds), O.failed_at.is_(None), O.available_at <= now,
                                or_(O.leased_until.is_(None), O.leased_until < now), ~blocked)
             .order_by(O.id).limit(limit))
    if db.engine.dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True, of=O)
    return query


def _anything_due(kinds, now):
    """A read first: an idle poll never takes SQLite's write lock."""
    found = db.session.scalar(select(O.id).where(
        O.kind.in_(kinds), O.failed_at.is_(None), O.available_at <= now,
        or_(O.leased_until.is_(None), O.leased_until < now)).limit(1))
    db.session.commit()
    return found is not None


def claim(owner, kinds, now, lease_seconds, limit=200):
    """Lease up to `limit` due rows of these kinds to `owner`; returns them in id order."""
    if not _anything_due(kinds, now):
        return []
    with transaction() as session:
        ids = session.scalars(_claimable(kinds, now, limit)).all()
        if not ids:
            return []
        session.execute(update(O).where(O.id.in_(ids)).values(
            leased_until=now + timedelta(seconds=lease_seconds), lease_owner=owner, attempts=O.attempts + 1))
        rows = session.execute(select(O.id, O.kind, O.target, O.payload, O.attempts)
                               .where(O.id.in_(ids)).order_by(O.id)).all()
    return [Claimed(*row) for row in rows]


def complete(owner, ids):
    """Delete performed rows (only while still ours: an expired lease may have passed on)."""
    if ids:
        with transaction() as session:
            session.execute(delete(O).where(O.id.in_(ids), O.lease_owner == owner))


def fail(owner, row, error, now, max_attempts):
    """Release a failed row for a retry after a growing delay; give up after `max_attempts`."""
    backoff = timedelta(seconds=min(2 ** row.attempts, 300))
    values = dict(leased_until=None, lease_owner=None, available_at=now + backoff, last_error=str(error)[:500])
    if row.attempts >= max_attempts:
        values["failed_at"] = now
    with transaction() as session:
        session.execute(update(O).where(O.id == row.id, O.lease_owner == owner).values(**values))


def due_count(kinds, now):
    """Rows of these kinds that a drain could take now (or that wait behind their target)."""
    from sqlalchemy import func

    return db.session.scalar(select(func.count(O.id)).where(
        O.kind.in_(kinds), O.failed_at.is_(None), O.available_at <= now)) or 0
