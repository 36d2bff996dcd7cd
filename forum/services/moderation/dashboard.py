"""What a moderator sees first: open flags, the approval queue, recent actions, busy threads."""
from datetime import timedelta

from sqlalchemy import func, select

from forum.core import permissions
from forum.services.moderation import approval, audit, flags
from models import Post, Sector, Thread, db, utcnow


def busiest_threads(viewer, days=7, per_sector=3):
    """Per sector in the viewer's scope, the threads with most new posts in the last `days` days."""
    since = utcnow() - timedelta(days=days)
    counts = (select(Post.thread_id, func.count(Post.id).label("recent"))
              .where(Post.created_at >= since, Post.deleted_at.is_(None))
              .group_by(Post.thread_id).subquery())
    ranked = (select(Thread.id, counts.c.recent, func.row_number().over(
        partition_by=Thread.sector_id, order_by=(counts.c.recent.desc(), Thread.id)).label("rank"))
        .join(counts, counts.c.thread_id == Thread.id)
        .where(Thread.deleted_at.is_(None), permissions.moderated_sectors_filter(viewer, Thread.sector_id))
        .subquery())
    rows = db.session.execute(select(Thread, ranked.c.recent).join(ranked, ranked.c.id == Thread.id)
                              .where(ranked.c.rank <= per_sector)).all()
    sectors = db.session.scalars(select(Sector).where(
        permissions.moderated_sectors_filter(viewer, Sector.id)).order_by(Sector.position)).all()
    by_sector = {s.id: (s, []) for s in sectors}
    for thread, recent in sorted(rows, key=lambda r: -r[1]):
        if thread.sector_id in by_sector:
            by_sector[thread.sector_id][1].append((thread, recent))
    return list(by_sector.values())


def summary(viewer):
    """The counts a moderator's dashboard opens with."""
    return {
        "open_flags": flags.open_flag_count(viewer),
        "pending": approval.queue_count(viewer),
        "recent": audit.recent(viewer, limit=15),
        "busiest": busiest_threads(viewer),
    }
